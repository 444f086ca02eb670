//! Implementations of the `py.*` opcodes (rows in `weft_ir`'s `table/py.rs`).

use crate::Builtin;

pub(crate) static BUILTINS: &[Builtin] = &[];
