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
use weft_ir::{Node, Registry, SourceDiagnostic, SourceMap};

/// Deepest nesting of brackets and blocks accepted: deeper programs cannot fit the IR's
/// nesting limit anyway, and the check keeps the recursive parser on a bounded stack.
const MAX_NESTING: usize = 200;

/// Stack for parsing and lowering (recursive over the syntax tree).
const STACK_BYTES: usize = 256 << 20;

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
    if let Some(span) = too_deep(source) {
        return Err(vec![diagnostics::too_deep(span)]);
    }
    // Long operator chains recurse too: run on a thread with a generous stack.
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || compile_here(source, registry));
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(vec![diagnostics::internal(0..source.len().min(1))])),
            Err(_) => compile_here(source, registry),
        }
    })
}

/// Where bracket and block nesting first passes [`MAX_NESTING`], if it does.
fn too_deep(source: &str) -> Option<std::ops::Range<usize>> {
    use full_moon::tokenizer::{Lexer, LexerResult, TokenType};
    let tokens = match Lexer::new(source, LuaVersion::lua54()).collect() {
        LexerResult::Ok(t) | LexerResult::Recovered(t, _) => t,
        LexerResult::Fatal(_) => return None,
    };
    let mut depth = 0usize;
    for tok in &tokens {
        let TokenType::Symbol { symbol } = tok.token_type() else {
            continue;
        };
        match symbol.to_string().as_str() {
            "(" | "{" | "[" | "function" | "do" | "if" | "repeat" => depth += 1,
            ")" | "}" | "]" | "end" | "until" => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            let start = tok.start_position().bytes().min(source.len());
            let end = tok.end_position().bytes().min(source.len());
            return Some(start..end.max(start));
        }
    }
    None
}

fn compile_here(
    source: &str,
    registry: &Registry,
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
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
