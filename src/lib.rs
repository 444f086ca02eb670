//! Weft: a polyglot scripting toolchain and sandboxed runtime.
//!
//! This facade is what the `weft` CLI and embedding hosts call: read and validate an IR
//! document ([`check_ir`]), print it canonically ([`format_ir`]), compile it ([`compile_ir`])
//! and run it on the bytecode VM ([`run`], [`resume`]) under [`Limits`] against a [`Host`],
//! and render problems as rustc-style diagnostics against the source text ([`render`]).
//!
//! **Architecture Invariant:** the library never touches files, stdout or exit codes; it
//! takes text and returns data. Only `src/main.rs` does I/O.

pub mod render;

pub use weft_bytecode::{
    Outcome, Program, RunConfig, Stats, SuspendedState, disassemble, resume, run,
};
pub use weft_ir as ir;
pub use weft_runtime::{Host, Limits, RuntimeError, TestHost};

use weft_ir::{IrError, Node, Registry};

/// Reads and validates an IR document against the standard registry.
pub fn check_ir(text: &str) -> Result<Node, Vec<IrError>> {
    weft_ir::parse_and_validate(text, Registry::standard())
}

/// Reads an IR document and prints it canonically (aliases resolved, stable layout).
///
/// Formatting needs readable JSON but not valid IR: unknown opcodes are printed as written.
pub fn format_ir(text: &str) -> Result<String, Vec<IrError>> {
    let node = weft_ir::from_json(text).map_err(|e| vec![weft_ir::diagnostics::json_error(&e)])?;
    Ok(weft_ir::pretty(&node, Registry::standard()))
}

/// Reads, validates and compiles an IR document to bytecode.
pub fn compile_ir(text: &str) -> Result<Program, Vec<IrError>> {
    // `weft_bytecode::compile` validates, so the tree is only read here.
    let node = weft_ir::from_json(text).map_err(|e| vec![weft_ir::diagnostics::json_error(&e)])?;
    weft_bytecode::compile(&node, Registry::standard())
}
