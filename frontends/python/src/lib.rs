//! The Python front-end (rustpython-parser): lowers Python 3 source text to Weft IR.
//!
//! Parsing is rustpython-parser's; everything after is [`lower`]: one pass over the AST
//! that emits portable opcodes where they have Python's meaning and `py.*` opcodes where
//! Python differs (printing, `//` and `%`, truthiness, structural `==`, indexing, tuples,
//! dicts with non-string keys, exceptions). What the front-end does not support is
//! reported at the construct with a stable `E4xxx` code; see `docs/frontends/python.md`.
//!
//! **Architecture Invariant:** a front-end depends on `weft_ir` only (and its parser).

mod diagnostics;
mod lower;

use rustpython_parser::{Parse, ast};
use weft_ir::{Node, Registry, SourceDiagnostic, SourceMap};

/// Lowers a Python program to an IR document, or reports every problem found.
pub fn compile(source: &str, registry: &Registry) -> Result<Node, Vec<SourceDiagnostic>> {
    compile_mapped(source, registry).map(|(node, _)| node)
}

/// [`compile`], with the source range each statement's IR came from (for runtime errors).
pub fn compile_mapped(
    source: &str,
    registry: &Registry,
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
    let suite = match ast::Suite::parse(source, "<input>") {
        Ok(suite) => suite,
        Err(error) => return Err(vec![diagnostics::syntax_error(source, &error)]),
    };
    let (node, map, diags) = lower::lower_module(source, registry, &suite);
    if diags.is_empty() {
        Ok((node, map))
    } else {
        Err(diags)
    }
}

#[cfg(test)]
mod tests;
