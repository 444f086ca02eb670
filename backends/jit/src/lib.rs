//! The Cranelift JIT: compiles hot bytecode to native code on the shared runtime.
//!
//! Not implemented yet; it exports nothing. It will build on `weft_bytecode` (its format,
//! frame layout and the VM it hands back to), never the other way round.
