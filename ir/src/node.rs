//! The IR node: a JSON value with ints and floats kept apart, plus JSON read and write.
//!
//! A JSON array is a call when it sits where an expression is expected; everything else
//! is a literal. Whether an array is a call or data (a lambda's parameter list, a quoted
//! list, an `obj.new` pair) depends on the opcode around it, so the node type itself stays
//! a plain tree and the registry decides (see [`crate::registry::ArgKind`]).

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How deeply arrays and objects may nest in one IR document.
///
/// Every recursive pass over the IR (reading, validating, printing, compiling) is bounded
/// by this, so hostile input cannot exhaust the native stack.
pub const MAX_DEPTH: usize = 400;

/// One IR node.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// A JSON number written without fraction or exponent.
    Int(i64),
    /// A JSON number written with a fraction or an exponent.
    Float(f64),
    Str(String),
    /// A JSON array: a call `["op.name", args...]` in expression position, data elsewhere.
    Array(Vec<Node>),
    /// A JSON object literal, keys in source order (a repeated key keeps its first place
    /// and its last value, as `JSON.parse` does).
    Object(Vec<(String, Node)>),
}

impl Node {
    /// Builds a call node `[op, args...]`.
    pub fn call(op: &str, args: impl IntoIterator<Item = Node>) -> Node {
        let mut items = vec![Node::Str(op.to_owned())];
        items.extend(args);
        Node::Array(items)
    }

    /// Builds a string node.
    pub fn str(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }

    /// The opcode name if this node is shaped like a call (an array headed by a string).
    pub fn head(&self) -> Option<&str> {
        match self {
            Node::Array(items) => match items.first() {
                Some(Node::Str(s)) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// The arguments of a call-shaped node (everything after the head).
    pub fn args(&self) -> &[Node] {
        match self {
            Node::Array(items) if !items.is_empty() => &items[1..],
            _ => &[],
        }
    }

    /// A short name of the node's JSON kind, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Int(_) => "integer",
            Node::Float(_) => "float",
            Node::Str(_) => "string",
            Node::Array(_) => "array",
            Node::Object(_) => "object",
        }
    }

    /// Nesting depth: 0 for a scalar, 1 for a flat array or object.
    pub fn depth(&self) -> usize {
        match self {
            Node::Array(items) => 1 + items.iter().map(Node::depth).max().unwrap_or(0),
            Node::Object(fields) => 1 + fields.iter().map(|(_, v)| v.depth()).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// Compact JSON text.
    pub fn to_json(&self) -> String {
        // Serialising a `Node` cannot fail: every float in a node came from JSON or from a
        // front-end that only emits finite numbers; non-finite ones are written as null.
        serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned())
    }
}

/// Reads an IR document from JSON text.
pub fn from_json(text: &str) -> Result<Node, JsonError> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let node = NodeSeed { depth: 0 }
        .deserialize(&mut de)
        .and_then(|node| de.end().map(|()| node))
        .map_err(|e| JsonError::from_serde(text, &e))?;
    Ok(node)
}

/// A JSON text that is not a readable IR document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// Byte offset of the problem in the text.
    pub offset: usize,
    /// Which kind of problem, for the diagnostic code.
    pub kind: JsonErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonErrorKind {
    Syntax,
    IntegerRange,
    TooDeep,
}

impl JsonError {
    fn from_serde(text: &str, e: &serde_json::Error) -> JsonError {
        let full = e.to_string();
        // serde_json appends " at line L column C"; we report the position ourselves.
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_owned(),
            None => full,
        };
        let kind = if message.starts_with(INT_RANGE_PREFIX) {
            JsonErrorKind::IntegerRange
        } else if message.starts_with(TOO_DEEP_PREFIX) {
            JsonErrorKind::TooDeep
        } else {
            JsonErrorKind::Syntax
        };
        JsonError {
            message,
            offset: line_col_to_offset(text, e.line(), e.column()),
            kind,
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for JsonError {}

const INT_RANGE_PREFIX: &str = "integer literal out of range";
const TOO_DEEP_PREFIX: &str = "nesting deeper than";

/// serde_json reports 1-based lines and 1-based columns (in bytes); column 0 means the
/// error came before the first byte of that line.
fn line_col_to_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (offset + column.saturating_sub(1)).min(text.len());
        }
        offset += l.len();
    }
    text.len()
}

struct NodeSeed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor { depth: self.depth })
    }
}

struct NodeVisitor {
    depth: usize,
}

impl NodeVisitor {
    fn enter<E: de::Error>(&self) -> Result<NodeSeed, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format_args!(
                "{TOO_DEEP_PREFIX} {MAX_DEPTH} levels"
            )));
        }
        Ok(NodeSeed {
            depth: self.depth + 1,
        })
    }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        i64::try_from(v).map(Node::Int).map_err(|_| {
            E::custom(format_args!(
                "{INT_RANGE_PREFIX}: {v} does not fit in a 64-bit signed integer"
            ))
        })
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let seed_depth = self.enter::<A::Error>()?.depth;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(NodeSeed { depth: seed_depth })? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let seed_depth = self.enter::<A::Error>()?.depth;
        let mut fields: Vec<(String, Node)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(NodeSeed { depth: seed_depth })?;
            match fields.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => fields.push((key, value)),
            }
        }
        Ok(Node::Object(fields))
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        NodeSeed { depth: 0 }.deserialize(deserializer)
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => s.serialize_unit(),
            Node::Bool(b) => s.serialize_bool(*b),
            Node::Int(i) => s.serialize_i64(*i),
            Node::Float(f) => s.serialize_f64(*f),
            Node::Str(v) => s.serialize_str(v),
            Node::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(fields) => {
                let mut map = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}
