//! Opcodes of the `lua.*` namespace: Lua semantics the Lua front-end lowers to
//! when no portable opcode has them. Implemented in `weft_stdlib`'s `lang::lua`.

use super::OpDef;
#[allow(unused_imports)]
use super::op;

#[rustfmt::skip]
pub(crate) static OPS: &[OpDef] = &[
];
