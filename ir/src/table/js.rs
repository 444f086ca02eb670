//! Opcodes of the `js.*` namespace: TypeScript/JavaScript semantics the TypeScript/JavaScript front-end lowers to
//! when no portable opcode has them. Implemented in `weft_stdlib`'s `lang::js`.

use super::OpDef;
#[allow(unused_imports)]
use super::op;

#[rustfmt::skip]
pub(crate) static OPS: &[OpDef] = &[
];
