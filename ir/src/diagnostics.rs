//! IR diagnostics: one constructor per condition, each with a stable code.
//!
//! Codes `E1xxx` belong to the IR (reading and validation). They are listed, with an
//! example each, in `docs/diagnostics.md`; a code never changes meaning once released.

use std::fmt;

use serde::Serialize;

use crate::node::{JsonError, JsonErrorKind, MAX_DEPTH};
use crate::path::JsonPath;
use crate::registry::Arity;

/// A problem with an IR document, located by JSON path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IrError {
    pub code: &'static str,
    /// Lowercase, no trailing period.
    pub message: String,
    /// Where the problem is; the root for problems with the text as a whole.
    #[serde(serialize_with = "path_as_string")]
    pub path: JsonPath,
    /// Byte offset into the text, for problems found while reading it.
    pub offset: Option<usize>,
    /// Short text for the primary label at the spot.
    pub label: String,
    /// What to do about it.
    pub help: Option<String>,
}

fn path_as_string<S: serde::Serializer>(path: &JsonPath, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(path)
}

impl fmt::Display for IrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}]: {} at {}", self.code, self.message, self.path)
    }
}

impl std::error::Error for IrError {}

impl IrError {
    /// A diagnostic about the node at `path`; other crates use this for their own codes.
    pub fn new(code: &'static str, path: &JsonPath, message: String, label: &str) -> IrError {
        IrError {
            code,
            message,
            path: path.clone(),
            offset: None,
            label: label.to_owned(),
            help: None,
        }
    }

    /// The same diagnostic with a `help` line saying what to do.
    pub fn help(mut self, help: impl Into<String>) -> IrError {
        self.help = Some(help.into());
        self
    }
}

fn err(code: &'static str, path: &JsonPath, message: String, label: &str) -> IrError {
    IrError::new(code, path, message, label)
}

/// E1001 / E1002 / E1003: the text is not a readable IR document.
pub fn json_error(e: &JsonError) -> IrError {
    let (code, label, help) = match e.kind {
        JsonErrorKind::Syntax => ("E1001", "here", "an IR document is one JSON value"),
        JsonErrorKind::IntegerRange => (
            "E1002",
            "integer out of range",
            "integers are 64-bit signed; write a float (with a fraction or exponent) for larger magnitudes",
        ),
        JsonErrorKind::TooDeep => (
            "E1003",
            "too deep",
            "split deeply nested expressions into named steps with `std.let`",
        ),
    };
    let mut error = err(code, &JsonPath::root(), e.message.clone(), label).help(help);
    error.offset = Some(e.offset);
    error
}

/// E1003: nesting beyond [`MAX_DEPTH`] in a tree built in memory.
pub fn too_deep(path: &JsonPath) -> IrError {
    err(
        "E1003",
        path,
        format!("nesting deeper than {MAX_DEPTH} levels"),
        "too deep",
    )
    .help("split deeply nested expressions into named steps with `std.let`")
}

/// E1010: `[]` where an expression is expected.
pub fn empty_array(path: &JsonPath) -> IrError {
    err(
        "E1010",
        path,
        "empty array is not an expression".to_owned(),
        "empty call",
    )
    .help("a call is `[\"opcode.name\", args...]`; write `[\"list.new\"]` for an empty list")
}

/// E1011: an array in expression position whose first element is not an opcode name.
pub fn head_not_string(path: &JsonPath, found: &str) -> IrError {
    err(
        "E1011",
        path,
        format!("call must start with an opcode name, found {found}"),
        "not an opcode name",
    )
    .help("write list data as `[\"list.new\", ...]` or `[\"std.quote\", [...]]`")
}

/// E1012: an opcode the registry does not know.
pub fn unknown_opcode(path: &JsonPath, name: &str, suggestion: Option<&str>) -> IrError {
    let e = err(
        "E1012",
        path,
        format!("unknown opcode `{name}`"),
        "unknown opcode",
    );
    match suggestion {
        Some(s) => e.help(format!("did you mean `{s}`?")),
        None => e.help("`weft opcodes` lists every opcode"),
    }
}

/// E1013: the wrong number of arguments.
pub fn wrong_arity(
    path: &JsonPath,
    name: &str,
    arity: Arity,
    found: usize,
    signature: &str,
) -> IrError {
    let plural = if arity.min == 1 && arity.max == Some(1) {
        ""
    } else {
        "s"
    };
    err(
        "E1013",
        path,
        format!("`{name}` takes {arity} argument{plural}, found {found}"),
        "wrong number of arguments",
    )
    .help(format!("the signature is `{name}({signature})`"))
}

/// E1014: a binder or variable name that is not a string literal.
pub fn name_not_string(path: &JsonPath, op: &str, found: &str) -> IrError {
    err(
        "E1014",
        path,
        format!("`{op}` needs a variable name as a string, found {found}"),
        "expected a string",
    )
    .help("variable names are string literals, not expressions")
}

/// E1015: a lambda parameter list that is not an array of names.
pub fn bad_params(path: &JsonPath, found: &str) -> IrError {
    err(
        "E1015",
        path,
        format!("lambda parameters must be an array of names, found {found}"),
        "malformed parameter list",
    )
    .help("write parameters as `[\"a\", \"b\"]`")
}

/// E1016: a lambda parameter named twice.
pub fn duplicate_param(path: &JsonPath, name: &str) -> IrError {
    err(
        "E1016",
        path,
        format!("parameter `{name}` is declared more than once"),
        "duplicate parameter",
    )
    .help("give each parameter its own name")
}

/// E1017: an `obj.new` entry that is not a `[key, value]` pair.
pub fn bad_pair(path: &JsonPath, found: &str) -> IrError {
    err(
        "E1017",
        path,
        format!("object entries must be `[key, value]` pairs, found {found}"),
        "malformed entry",
    )
    .help("write entries as `[\"key\", value]`")
}

/// E1018: an empty name where a variable or parameter name is expected.
pub fn empty_name(path: &JsonPath) -> IrError {
    err(
        "E1018",
        path,
        "variable name is empty".to_owned(),
        "empty name",
    )
    .help("give the variable a non-empty name")
}
