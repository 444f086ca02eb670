//! The runtime value: a small `Copy` enum whose heap parts are indices into a [`Heap`].
//!
//! Scalars (null, booleans, ints, floats) live in the value itself; strings, lists, objects,
//! closures and host handles are `u32` indices into the per-script heap, so copying a value
//! never allocates and the whole state serialises as plain data. `Cell` is VM-internal: a
//! shared mutable variable captured by a closure. Scripts never see one.
//!
//! Truthiness comes in four flavours, one per language plus the IR's own (see [`Truth`]).
//!
//! [`Heap`]: crate::Heap

use serde::{Deserialize, Serialize};

/// One runtime value. Fits in 16 bytes.
///
/// The layout is fixed (`repr(u8)`) because native code reads and writes values: the tag
/// is byte 0 (`Null` 0, `Bool` 1, `Int` 2, `Float` 3, then the heap kinds in order), a
/// `Bool`'s byte is at offset 1, an `Int`'s or `Float`'s 8 bytes at offset 8, and a heap
/// index's 4 bytes at offset 4.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[repr(u8)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// Serialised by bit pattern, so NaN and infinities survive suspend and resume.
    Float(#[serde(with = "f64_bits")] f64),
    Str(u32),
    List(u32),
    Obj(u32),
    Closure(u32),
    Handle(u32),
    /// VM-internal: a captured variable's shared cell. Never visible to scripts.
    Cell(u32),
}

impl Value {
    /// The type name `std.typeof` reports.
    pub fn type_name(self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::List(_) => "array",
            Value::Obj(_) => "object",
            Value::Closure(_) => "function",
            Value::Handle(_) | Value::Cell(_) => "handle",
        }
    }

    /// The heap index this value refers to, if it is a heap value.
    pub fn heap_ref(self) -> Option<u32> {
        match self {
            Value::Str(i)
            | Value::List(i)
            | Value::Obj(i)
            | Value::Closure(i)
            | Value::Handle(i)
            | Value::Cell(i) => Some(i),
            _ => None,
        }
    }

    /// The number as an `f64`, if this is a number.
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }
}

/// Which language's rule decides whether a value counts as true.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Truth {
    /// The IR's rule (`std.if`, `std.while`, `bool.*`): null, false, 0, 0.0 (and -0.0) and
    /// `""` are false; NaN, empty lists and empty objects are true.
    Ir,
    /// JavaScript: null, false, 0, -0, NaN and `""` are false.
    Js,
    /// Lua: only null and false are false.
    Lua,
    /// Python: null, false, 0, 0.0, `""`, empty lists and empty objects are false.
    Py,
}

/// Serialises an `f64` as its IEEE bit pattern.
pub mod f64_bits {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(f: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(f.to_bits())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        u64::deserialize(d).map(f64::from_bits)
    }
}
