//! Opcodes of the `py.*` namespace: Python semantics the Python front-end lowers to
//! when no portable opcode has them. Implemented in `weft_stdlib`'s `lang::py`.

use super::OpDef;
#[allow(unused_imports)]
use super::op;

#[rustfmt::skip]
pub(crate) static OPS: &[OpDef] = &[
];
