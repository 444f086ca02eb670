//! The Lua front-end: parses Lua 5.4 with full_moon and lowers it to Weft IR.
//!
//! [`compile`] never panics and never stops at the first problem: syntax errors come from
//! full_moon's fallible parser, and lowering reports every unsupported construct it meets
//! with a span into the source (see [`diagnostics`]).
//!
//! How Lua maps onto the IR (details in `docs/frontends/lua.md`):
//! - every Lua function is a one-parameter IR lambda taking the list of its arguments and
//!   returning the list of its results, so varargs and multiple returns are lists at call
//!   boundaries and Lua's truncation/expansion rules are applied where calls are used;
//! - tables, arithmetic, `..`, `#` and the library are `lua.*` opcodes;
//! - locals are block-scoped IR variables; globals are declared once at the top.
//!
//! **Architecture Invariant:** a front-end depends on `weft_ir` only.

mod diagnostics;
mod lower;

use full_moon::LuaVersion;
use weft_ir::{Node, Registry, SourceDiagnostic};

/// Lowers a Lua program to an IR document, or reports every problem found.
pub fn compile(source: &str, registry: &Registry) -> Result<Node, Vec<SourceDiagnostic>> {
    let parsed = full_moon::parse_fallible(source, LuaVersion::lua54());
    if !parsed.errors().is_empty() {
        return Err(parsed
            .errors()
            .iter()
            .map(|e| {
                let (start, end) = e.range();
                let (start, end) = (
                    start.bytes().min(source.len()),
                    end.bytes().min(source.len()),
                );
                diagnostics::syntax_error(start..end.max(start), &e.error_message())
            })
            .collect());
    }
    lower::lower_chunk(source, registry, parsed.ast())
}

#[cfg(test)]
mod tests;
