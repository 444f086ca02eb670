//! Compile-time diagnostics of the bytecode backend, as `IrError`s with stable codes.
//!
//! - `E5101` cannot compile: a node the validator accepted but the compiler cannot handle
//!   (an internal inconsistency; please report it).
//! - `E5102` `std.break` or `std.continue` outside a loop (a lambda body starts afresh:
//!   a loop around the lambda does not count).
//! - `E5103` the verifier rejected compiled code (an internal bug in the compiler).
//!
//! Runtime errors are `weft_runtime::RuntimeError`s, codes `E5001`–`E5099`.

use weft_ir::{IrError, JsonPath};

fn err(code: &'static str, path: &JsonPath, message: String, label: &str, help: &str) -> IrError {
    IrError::new(code, path, message, label).help(help)
}

/// E5101
pub fn cannot_compile(path: &JsonPath, what: &str) -> IrError {
    err(
        "E5101",
        path,
        format!("cannot compile this node: {what}"),
        "here",
        "this is a bug in Weft; please report it with the IR",
    )
}

/// E5102
pub fn outside_loop(path: &JsonPath, is_break: bool) -> IrError {
    let form = if is_break {
        "std.break"
    } else {
        "std.continue"
    };
    err(
        "E5102",
        path,
        format!("`{form}` outside a loop"),
        "not inside `std.while` or `std.for`",
        "only use it inside a loop body in the same function",
    )
}

/// E5103
pub fn verifier(func: &str, why: &str) -> IrError {
    err(
        "E5103",
        &JsonPath::root(),
        format!("internal error: bytecode for {func} failed verification: {why}"),
        "here",
        "this is a bug in Weft; please report it with the IR",
    )
}
