//! The TypeScript front-end: parses source with `swc_ecma_parser` and lowers it to Weft IR.
//!
//! [`compile`] never panics and never stops at the first problem: syntax errors, unsupported
//! constructs and unknown SDK calls are all collected as [`SourceDiagnostic`]s with codes
//! `E2xxx` (see `docs/frontends/typescript.md`). The lowering lives in [`lower`], split by
//! syntactic category; the JavaScript semantics the portable opcodes lack are `js.*`
//! opcodes (arithmetic on one number type, property access, built-in methods, node's
//! `console.log` format).
//!
//! **Architecture Invariant:** a front-end depends on `weft_ir` only.

mod diagnostics;
mod lower;
mod modules;
mod nesting;
mod parse;

pub use modules::{Loader, ModuleErrors, ModuleFile, ModuleProgram, compile_program, uses_modules};

use weft_ir::{Node, Registry, SourceDiagnostic, SourceMap};

/// The stack the parser and the lowering run on: both recurse once per level of nesting
/// (and swc's syntax tree is dropped recursively), so a deeply nested program must not
/// depend on the caller's thread having a large stack.
pub(crate) const STACK_SIZE: usize = 256 << 20;

/// Lowers a TypeScript program to an IR document, or reports every problem found.
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

/// Whether the front-end reads `name` as a JavaScript global (`Math`, `JSON`, `console`,
/// or one it rejects such as `Date`) rather than as an SDK namespace in `name.fn(...)`.
pub fn is_js_global(name: &str) -> bool {
    lower::builtins::is_global_namespace(name)
}

/// [`compile`] for a snippet typed at a prompt (`weft eval`): the result is the snippet's
/// completion value as JavaScript's `eval` gives it, also when it ends in an `if` or a
/// block (`if (x > 1) { "big" } else { "small" }` yields the string).
pub fn compile_eval(source: &str, registry: &Registry) -> Result<Node, Vec<SourceDiagnostic>> {
    weft_ir::source::on_large_stack(STACK_SIZE, || compile_here_as(source, registry, true))
        .unwrap_or_else(|| Err(vec![diagnostics::internal()]))
        .map(|(node, _)| node)
}

fn compile_here(
    source: &str,
    registry: &Registry,
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
    compile_here_as(source, registry, false)
}

fn compile_here_as(
    source: &str,
    registry: &Registry,
    eval: bool,
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
    let program = parse::parse(source)?;
    let (node, map, diagnostics) = lower::lower_program(source, registry, &program, eval);
    if diagnostics.is_empty() {
        Ok((node, map))
    } else {
        Err(diagnostics)
    }
}

#[cfg(test)]
mod tests;
