//! Implementations of the `js.*` opcodes (rows in `weft_ir`'s `table/js.rs`).

use crate::Builtin;

pub(crate) static BUILTINS: &[Builtin] = &[];
