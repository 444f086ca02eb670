//! The TypeScript front-end (swc_ecma_parser): lowers source text to Weft IR.
//!
//! Not implemented yet. This crate exists so the workspace has its final shape; it
//! exports nothing, and no command claims to accept this language until it does.
//!
//! **Architecture Invariant:** a front-end depends on `weft_ir` only.
