//! The Python front-end (rustpython-parser): lowers Python 3 source text to Weft IR.
//!
//! Parsing is rustpython-parser's, after a bound on nesting ([`parse`]); everything after
//! is [`lower`]: one pass over the AST that emits portable opcodes where they have Python's
//! meaning and `py.*` opcodes where Python differs (printing, `//` and `%`, truthiness,
//! structural `==`, indexing, tuples, dicts with non-string keys, exceptions). What the
//! front-end does not support is reported at the construct with a stable `E4xxx` code; see
//! `docs/frontends/python.md`.
//!
//! **Architecture Invariant:** a front-end depends on `weft_ir` only (and its parser).

mod diagnostics;
mod lower;
mod modules;
mod parse;

pub use modules::compile_program;

use weft_ir::{Node, Registry, SourceDiagnostic, SourceMap};

/// The stack the parser and the lowering run on: the syntax tree's destructor and the
/// lowering recurse once per level of nesting, so a deeply nested program must not depend
/// on the caller's thread having a large stack. The nesting bound checked before parsing
/// keeps what they need well inside it.
const STACK_SIZE: usize = 256 << 20;

/// Lowers a Python program to an IR document, or reports every problem found.
pub fn compile(source: &str, registry: &Registry) -> Result<Node, Vec<SourceDiagnostic>> {
    compile_mapped(source, registry).map(|(node, _)| node)
}

/// [`compile`], with the source range each statement's IR came from (for runtime errors).
pub fn compile_mapped(
    source: &str,
    registry: &Registry,
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
    weft_ir::source::on_large_stack(STACK_SIZE, || compile_here(source, registry))
        .unwrap_or_else(|| Err(vec![diagnostics::internal()]))
}

fn compile_here(
    source: &str,
    registry: &Registry,
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
    let suite = parse::parse(source).map_err(|d| vec![d])?;
    let (node, map, diags) = lower::lower_module(source, registry, &suite);
    if diags.is_empty() {
        Ok((node, map))
    } else {
        Err(diags)
    }
}

#[cfg(test)]
mod tests;
