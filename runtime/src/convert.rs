//! Display strings and JSON conversion of runtime values.
//!
//! **Display format** (what `std.log`, `std.string`, `str.concat` and `list.join` print):
//! - null, `true`, `false`; ints in decimal (`3`, `-7`).
//! - floats as the shortest text that reads back to the same float, always with a `.` or an
//!   exponent so they never look like ints: `3.0`, `0.1`, `-0.0`, `1e21`, `1.5e-7`
//!   (exponent form below 1e-4 and from 1e16 up); `NaN`, `Infinity`, `-Infinity`.
//! - a string at the top level is its text; inside a list or object it is JSON-quoted.
//! - lists as `[1, "a", [2]]`, objects as `{"k": 1, "j": null}`; a list or object already
//!   being printed (a cycle), or nested deeper than [`DISPLAY_DEPTH`], prints as `[...]`
//!   or `{...}`.
//! - closures print as `<function>`, handles as `<handle>`.
//!
//! Front-ends that need their language's own number format emit their own formatting
//! opcodes; this format is IR-neutral.

use crate::diagnostics::{self as diag, RuntimeError};
use crate::heap::{Heap, HeapObj, ObjMap};
use crate::value::Value;

/// How deeply display strings descend into nested lists and objects.
pub const DISPLAY_DEPTH: usize = 32;
/// How deeply JSON conversion descends before giving up.
pub const JSON_DEPTH: usize = 128;

/// Formats a float in the display format above.
pub fn format_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        // Rust's Debug format is the shortest round-trip text, with `.0` on integral
        // values and exponent form for very small and very large magnitudes.
        format!("{f:?}")
    }
}

/// The display string of a value.
pub fn display(heap: &Heap, v: Value) -> String {
    match v {
        Value::Str(_) => heap.str(v).unwrap_or_default().to_owned(),
        _ => {
            let mut out = String::new();
            let mut open = Vec::new();
            write_display(heap, v, &mut out, &mut open);
            out
        }
    }
}

fn write_display(heap: &Heap, v: Value, out: &mut String, open: &mut Vec<u32>) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&format_float(f)),
        Value::Str(_) => out.push_str(&quote(heap.str(v).unwrap_or_default())),
        Value::Closure(_) => out.push_str("<function>"),
        Value::Handle(_) | Value::Cell(_) => out.push_str("<handle>"),
        Value::List(id) => {
            if open.contains(&id) || open.len() >= DISPLAY_DEPTH {
                return out.push_str("[...]");
            }
            open.push(id);
            out.push('[');
            for (i, item) in heap.list(v).unwrap_or_default().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_display(heap, *item, out, open);
            }
            out.push(']');
            open.pop();
        }
        Value::Obj(id) => {
            if open.contains(&id) || open.len() >= DISPLAY_DEPTH {
                return out.push_str("{...}");
            }
            open.push(id);
            out.push('{');
            if let Some(map) = heap.obj(v) {
                for (i, (k, item)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&quote(k));
                    out.push_str(": ");
                    write_display(heap, item, out, open);
                }
            }
            out.push('}');
            open.pop();
        }
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// A value as JSON for `json.stringify`: fails on closures, handles, non-finite floats,
/// and nesting deeper than [`JSON_DEPTH`] (which includes cycles).
pub fn to_json_strict(heap: &Heap, v: Value) -> Result<serde_json::Value, RuntimeError> {
    to_json(heap, v, 0, true)
}

/// A value as JSON for results: closures become `"<function>"`, handles `"<handle>"`,
/// non-finite floats `null`, and anything nested too deeply `"<too deep>"`.
pub fn to_json_lossy(heap: &Heap, v: Value) -> serde_json::Value {
    to_json(heap, v, 0, false).unwrap_or(serde_json::Value::Null)
}

fn to_json(
    heap: &Heap,
    v: Value,
    depth: usize,
    strict: bool,
) -> Result<serde_json::Value, RuntimeError> {
    use serde_json::Value as J;
    let refuse = |what: &str| -> Result<J, RuntimeError> {
        if strict {
            Err(diag::bad_json(format!("{what} cannot be written as JSON")))
        } else {
            Ok(J::String(format!("<{what}>")))
        }
    };
    Ok(match v {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(b),
        Value::Int(i) => J::from(i),
        Value::Float(f) => match serde_json::Number::from_f64(f) {
            Some(n) => J::Number(n),
            None if strict => {
                return Err(diag::bad_json(format!(
                    "{} is not a JSON number",
                    format_float(f)
                )));
            }
            None => J::Null,
        },
        Value::Str(_) => J::String(heap.str(v).unwrap_or_default().to_owned()),
        Value::Closure(_) => return refuse("function"),
        Value::Handle(_) | Value::Cell(_) => return refuse("handle"),
        Value::List(_) | Value::Obj(_) if depth >= JSON_DEPTH => {
            if strict {
                return Err(diag::bad_json("value is cyclic or nested too deeply"));
            }
            J::String("<too deep>".to_owned())
        }
        Value::List(_) => J::Array(
            heap.list(v)
                .unwrap_or_default()
                .iter()
                .map(|item| to_json(heap, *item, depth + 1, strict))
                .collect::<Result<_, _>>()?,
        ),
        Value::Obj(_) => {
            let mut map = serde_json::Map::new();
            if let Some(obj) = heap.obj(v) {
                for (k, item) in obj.iter() {
                    map.insert(k.to_owned(), to_json(heap, item, depth + 1, strict)?);
                }
            }
            J::Object(map)
        }
    })
}

/// Builds a runtime value from JSON: integers stay ints, other numbers become floats.
pub fn from_json(heap: &mut Heap, json: &serde_json::Value) -> Result<Value, RuntimeError> {
    use serde_json::Value as J;
    Ok(match json {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        J::String(s) => heap.alloc_str(s.as_str())?,
        J::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(from_json(heap, item)?);
            }
            heap.alloc_list(out)?
        }
        J::Object(fields) => {
            let mut map = ObjMap::new();
            for (k, item) in fields {
                let value = from_json(heap, item)?;
                map.set(k, value);
            }
            heap.alloc_obj(map)?
        }
    })
}

/// Whether the heap slot behind `v` is a string (for callers holding only an index).
pub fn is_str(heap: &Heap, v: Value) -> bool {
    matches!(
        v.heap_ref().and_then(|id| heap.get(id)),
        Some(HeapObj::Str(_))
    )
}
