//! Implementations of the `lua.*` opcodes (rows in `weft_ir`'s `table/lua.rs`).

use crate::Builtin;

pub(crate) static BUILTINS: &[Builtin] = &[];
