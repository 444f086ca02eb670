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
mod modules;
mod parse;

pub use modules::compile_program;

use weft_ir::{Node, Registry, SourceDiagnostic, SourceMap};

/// Stack for parsing and lowering, which recurse once per level of nesting; the nesting
/// bound checked before parsing keeps what they need well inside it.
pub(crate) const STACK_BYTES: usize = 256 << 20;

/// Whether the front-end reads `ns.name` as Lua's own library (`string.*`, `table.*`,
/// `math.floor`, ...) rather than as the SDK opcode of that name. With `name` `None`: whether
/// all of namespace `ns` is Lua's.
pub fn is_lua_library(ns: &str, name: Option<&str>) -> bool {
    lower::builtins::is_library(ns, name)
}

/// Lowers a Lua program to an IR document, or reports every problem found.
pub fn compile(source: &str, registry: &Registry) -> Result<Node, Vec<SourceDiagnostic>> {
    compile_mapped(source, registry).map(|(node, _)| node)
}

/// [`compile`], with the source range each statement's IR came from (for runtime errors).
pub fn compile_mapped(
    source: &str,
    registry: &Registry,
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
    compile_named(source, "script", registry)
}

/// [`compile_mapped`] for a script whose `error` messages name it `chunk` (its file name,
/// as lua5.4 names a script by the path it was run as).
pub fn compile_named(
    source: &str,
    chunk: &str,
    registry: &Registry,
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
    // Parsing and lowering recurse: run them on a thread with a generous stack.
    weft_ir::source::on_large_stack(STACK_BYTES, || {
        let ast = parse::parse(source)?;
        lower::lower_chunk(source, registry, &ast, chunk)
    })
    .unwrap_or_else(|| Err(vec![diagnostics::internal(0..source.len().min(1))]))
}

#[cfg(test)]
mod tests;
