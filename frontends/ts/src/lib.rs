//! The TypeScript front-end (swc_ecma_parser): lowers source text to Weft IR.
//!
//! Not implemented yet: [`compile`] reports that with one diagnostic.
//!
//! **Architecture Invariant:** a front-end depends on `weft_ir` only.

use weft_ir::{Node, Registry, SourceDiagnostic};

/// Lowers a TypeScript program to an IR document, or reports every problem found.
pub fn compile(source: &str, _registry: &Registry) -> Result<Node, Vec<SourceDiagnostic>> {
    Err(vec![SourceDiagnostic::new(
        "E2000",
        "the TypeScript front-end is not implemented yet",
        0..source.len().min(1),
        "not compiled",
    )])
}
