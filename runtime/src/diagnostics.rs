//! Runtime errors: one constructor per condition, each with a stable `E5xxx` code.
//!
//! Codes (a code never changes meaning once released):
//! - `E5001` internal error: a bug in Weft, not in the script.
//! - `E5002` out of gas: the budget ran out before the named node could be paid for.
//! - `E5003` heap limit: an allocation would take the heap past `Limits::max_heap_bytes`.
//! - `E5004` call depth: a call would nest deeper than `Limits::max_call_depth`.
//! - `E5010` type error: an operand of the wrong type.
//! - `E5011` integer overflow: an int result does not fit in 64 bits.
//! - `E5012` division by zero: integer `math.mod`, `math.idiv` or `math.fmod` by 0.
//! - `E5013` unknown variable: `std.set` of a name with no binding.
//! - `E5014` missing key: `obj.get` of an absent key without a default.
//! - `E5015` index out of range: `list.set` past the end, and similar.
//! - `E5016` not callable: calling something that is not a function.
//! - `E5017` unknown method: `std.call_method` finds no such method.
//! - `E5018` thrown: a script's own `std.throw`.
//! - `E5019` conversion failed: `std.number` and friends could not convert a value.
//! - `E5020` not implemented: the opcode or feature exists in the IR but not here yet.
//! - `E5021` invalid argument: a value of the right type but outside what the opcode accepts.
//! - `E5022` bad JSON: `json.parse` input, or a value `json.stringify` cannot write.
//! - `E5023` bad suspend state: a saved state that cannot be resumed (version, shape).
//! - `E5024` cannot suspend here: `std.sleep` inside a callback of a built-in (`list.map`...).
//! - `E5025` missing capability: a gated opcode or host method was not given its capability.
//! - `E5026` capability widening: `std.narrow` tried to change an existing restriction.
//!
//! Only `E5018` through the opcodes' ordinary failures (`E5010`–`E5022`) can be caught by
//! `std.try`; the limits (`E5002`–`E5004`), internal errors and `E5023`/`E5024` cannot.

use std::fmt;

use weft_ir::JsonPath;

/// An error raised while running a script.
#[derive(Clone, Debug, PartialEq)]
pub struct RuntimeError {
    pub code: &'static str,
    /// Lowercase, no trailing period.
    pub message: String,
    /// The IR node being evaluated when it happened, when known.
    pub path: Option<JsonPath>,
    /// The value given to `std.throw`, while the run that raised it is live (it refers
    /// to that run's heap, so it is dropped when the error leaves the run).
    pub value: Option<crate::Value>,
}

impl fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}]: {}", self.code, self.message)?;
        if let Some(path) = &self.path {
            write!(f, " at {path}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuntimeError {}

impl RuntimeError {
    fn new(code: &'static str, message: impl Into<String>) -> RuntimeError {
        RuntimeError {
            code,
            message: message.into(),
            path: None,
            value: None,
        }
    }

    /// Attaches the thrown value (see [`RuntimeError::value`]).
    pub fn with_value(mut self, value: crate::Value) -> RuntimeError {
        self.value = Some(value);
        self
    }

    /// Attaches a path unless one is already set (the innermost node wins).
    pub fn at(mut self, path: impl FnOnce() -> JsonPath) -> RuntimeError {
        if self.path.is_none() {
            self.path = Some(path());
        }
        self
    }

    /// Whether `std.try` may catch this error. Limits and internal errors are not catchable.
    pub fn is_catchable(&self) -> bool {
        !matches!(
            self.code,
            "E5001" | "E5002" | "E5003" | "E5004" | "E5023" | "E5024"
        )
    }
}

/// E5025
pub fn missing_capability(what: &str, name: &str) -> RuntimeError {
    RuntimeError::new(
        "E5025",
        format!("`{what}` needs the `{name}` capability, and it was not given one"),
    )
}

/// E5026
pub fn capability_widening(
    name: &str,
    key: &str,
    old: &serde_json::Value,
    new: &serde_json::Value,
) -> RuntimeError {
    RuntimeError::new(
        "E5026",
        format!("cannot widen the `{name}` capability: `{key}` is restricted to {old}, not {new}"),
    )
}

/// E5001
pub fn internal(what: impl fmt::Display) -> RuntimeError {
    RuntimeError::new("E5001", format!("internal error: {what}"))
}

/// E5002
pub fn out_of_gas(limit: u64) -> RuntimeError {
    RuntimeError::new("E5002", format!("out of gas (limit {limit})"))
}

/// E5003
pub fn heap_limit(limit: usize) -> RuntimeError {
    RuntimeError::new("E5003", format!("heap limit of {limit} bytes exceeded"))
}

/// E5004
pub fn call_depth(limit: usize) -> RuntimeError {
    RuntimeError::new("E5004", format!("call depth limit of {limit} exceeded"))
}

/// E5004, for callbacks from built-in opcodes (`list.map` calling a closure that calls
/// `list.map`...), which nest on the native stack and have their own, smaller limit.
pub fn callback_depth(limit: u32) -> RuntimeError {
    RuntimeError::new(
        "E5004",
        format!("callbacks from built-in opcodes nest deeper than {limit}"),
    )
}

/// E5010
pub fn type_error(op: &str, expected: &str, found: &str) -> RuntimeError {
    RuntimeError::new(
        "E5010",
        format!("`{op}` expected {expected}, found {found}"),
    )
}

/// E5010, for comparisons and other two-operand checks.
pub fn type_mismatch(op: &str, a: &str, b: &str) -> RuntimeError {
    RuntimeError::new("E5010", format!("`{op}` cannot compare {a} with {b}"))
}

/// E5011
pub fn overflow(op: &str) -> RuntimeError {
    RuntimeError::new("E5011", format!("integer overflow in `{op}`"))
}

/// E5012
pub fn division_by_zero(op: &str) -> RuntimeError {
    RuntimeError::new("E5012", format!("integer division by zero in `{op}`"))
}

/// E5013
pub fn unknown_variable(name: &str) -> RuntimeError {
    RuntimeError::new(
        "E5013",
        format!("cannot assign to `{name}`: no such variable"),
    )
}

/// E5014
pub fn missing_key(key: &str) -> RuntimeError {
    RuntimeError::new("E5014", format!("object has no key {key:?}"))
}

/// E5015
pub fn index_out_of_range(index: i64, len: usize) -> RuntimeError {
    RuntimeError::new(
        "E5015",
        format!("index {index} is out of range for a list of length {len}"),
    )
}

/// E5016
pub fn not_callable(found: &str) -> RuntimeError {
    RuntimeError::new("E5016", format!("cannot call a {found}"))
}

/// E5017
pub fn unknown_method(type_name: &str, method: &str) -> RuntimeError {
    RuntimeError::new("E5017", format!("{type_name} has no method `{method}`"))
}

/// E5018: the message is the display string of the thrown value.
pub fn thrown(message: String) -> RuntimeError {
    RuntimeError::new("E5018", message)
}

/// E5019
pub fn conversion(what: &str, to: &str) -> RuntimeError {
    RuntimeError::new("E5019", format!("cannot convert {what} to {to}"))
}

/// E5020
pub fn not_implemented(what: &str) -> RuntimeError {
    RuntimeError::new("E5020", format!("`{what}` is not implemented yet"))
}

/// E5021
pub fn invalid_argument(op: &str, why: impl fmt::Display) -> RuntimeError {
    RuntimeError::new("E5021", format!("`{op}`: {why}"))
}

/// E5022
pub fn bad_json(why: impl fmt::Display) -> RuntimeError {
    RuntimeError::new("E5022", format!("bad JSON: {why}"))
}

/// E5023
pub fn bad_state(why: impl fmt::Display) -> RuntimeError {
    RuntimeError::new("E5023", format!("cannot resume: {why}"))
}

/// E5024
pub fn cannot_suspend_here() -> RuntimeError {
    RuntimeError::new(
        "E5024",
        "cannot suspend inside a callback of a built-in opcode (list.map, list.sort, ...)",
    )
}
