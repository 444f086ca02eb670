//! Language-specific opcodes (`js.*`, `lua.*`, `py.*`): the semantics a front-end needs
//! when no portable opcode has them — display formats, conversions, string libraries.
//! Each module owns one namespace and lists its implementations in its own table.

pub(crate) mod js;
pub(crate) mod lua;
pub(crate) mod py;
