//! `std.*` opcodes that are ordinary functions: type inspection, conversion, output, throw.
//!
//! Control flow, variables, closures, `std.arg`/`std.args`/`std.this`/`std.caller`,
//! `std.apply`, `std.call_method` (for closures stored on objects) and `std.sleep` are
//! compiled by the backend instead, because they touch frames and scopes.

use weft_runtime::diagnostics as diag;
use weft_runtime::{RuntimeError, Truth, Value, num};

use crate::call::Call;

type R = Result<Value, RuntimeError>;

pub fn type_of(c: &mut Call<'_>) -> R {
    let name = c.arg(0).type_name();
    c.alloc_str(name.to_owned())
}

pub fn string(c: &mut Call<'_>) -> R {
    match c.arg(0) {
        v @ Value::Str(_) => Ok(v),
        v => {
            let s = c.display(v);
            c.alloc_str(s)
        }
    }
}

/// Parses a number from text: an int when the trimmed text is an integer literal that
/// fits, else a float (`"1e3"`, `"2.5"`, `"Infinity"`, `"NaN"`).
pub fn parse_number(text: &str) -> Option<Value> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(Value::Int(i));
    }
    match t {
        "Infinity" | "+Infinity" => return Some(Value::Float(f64::INFINITY)),
        "-Infinity" => return Some(Value::Float(f64::NEG_INFINITY)),
        "NaN" => return Some(Value::Float(f64::NAN)),
        _ => {}
    }
    // Rust also reads "inf" and "nan"; only digits, signs, `.` and exponents are numbers here.
    if t.chars()
        .all(|ch| ch.is_ascii_digit() || matches!(ch, '+' | '-' | '.' | 'e' | 'E'))
    {
        t.parse::<f64>().ok().map(Value::Float)
    } else {
        None
    }
}

pub fn number(c: &mut Call<'_>) -> R {
    match c.arg(0) {
        v @ (Value::Int(_) | Value::Float(_)) => Ok(v),
        Value::Bool(b) => Ok(Value::Int(i64::from(b))),
        v @ Value::Str(_) => {
            let s = c.str_ref(0)?;
            parse_number(s).ok_or_else(|| diag::conversion(&c.describe(v), "a number"))
        }
        v => Err(diag::conversion(&c.describe(v), "a number")),
    }
}

pub fn boolean(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(c.heap().truthy(c.arg(0), Truth::Ir)))
}

fn float_to_int(f: f64) -> R {
    num::float_to_int_exact(f.trunc())
        .map(Value::Int)
        .ok_or_else(|| diag::conversion(&weft_runtime::format_float(f), "an integer"))
}

pub fn int(c: &mut Call<'_>) -> R {
    match c.arg(0) {
        v @ Value::Int(_) => Ok(v),
        Value::Float(f) => float_to_int(f),
        Value::Bool(b) => Ok(Value::Int(i64::from(b))),
        v @ Value::Str(_) => match parse_number(c.str_ref(0)?) {
            Some(n @ Value::Int(_)) => Ok(n),
            Some(Value::Float(f)) => float_to_int(f),
            _ => Err(diag::conversion(&c.describe(v), "an integer")),
        },
        v => Err(diag::conversion(&c.describe(v), "an integer")),
    }
}

pub fn float(c: &mut Call<'_>) -> R {
    match c.arg(0) {
        Value::Int(i) => Ok(Value::Float(i as f64)),
        v @ Value::Float(_) => Ok(v),
        Value::Bool(b) => Ok(Value::Float(if b { 1.0 } else { 0.0 })),
        v @ Value::Str(_) => match parse_number(c.str_ref(0)?) {
            Some(n) => Ok(Value::Float(n.as_f64().unwrap_or(f64::NAN))),
            None => Err(diag::conversion(&c.describe(v), "a float")),
        },
        v => Err(diag::conversion(&c.describe(v), "a float")),
    }
}

/// The display strings of all arguments joined by single spaces.
fn line(c: &Call<'_>) -> String {
    let parts: Vec<String> = c.args.iter().map(|v| c.display(*v)).collect();
    parts.join(" ")
}

pub fn log(c: &mut Call<'_>) -> R {
    let text = line(c);
    c.ctx.host().log(&text);
    Ok(Value::Null)
}

pub fn write(c: &mut Call<'_>) -> R {
    let text: String = c.args.iter().map(|v| c.display(*v)).collect();
    c.ctx.host().write(&text);
    Ok(Value::Null)
}

pub fn warn(c: &mut Call<'_>) -> R {
    let text = line(c);
    c.ctx.host().warn(&text);
    Ok(Value::Null)
}

/// `std.narrow(cap, scope)`: a copy of the capability with the object's entries added to
/// its scope; changing an existing restriction is `E5026`.
pub fn narrow(c: &mut Call<'_>) -> R {
    let cap = weft_runtime::capability::capability(c.heap(), c.arg(0))
        .cloned()
        .ok_or_else(|| diag::type_error(c.name, "a capability", &c.describe(c.arg(0))))?;
    let scope = c.arg(1);
    let Some(map) = c.heap().obj(scope) else {
        return Err(diag::type_error(c.name, "an object", &c.describe(scope)));
    };
    let entries: Vec<(String, Value)> = map.iter().map(|(k, v)| (k.to_owned(), v)).collect();
    let mut extra = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        extra.push((k, weft_runtime::to_json_strict(c.heap(), v)?));
    }
    let narrowed = cap.narrow(extra)?;
    let id = c
        .heap_mut()
        .alloc(weft_runtime::HeapObj::Capability(narrowed))?;
    Ok(Value::Handle(id))
}

/// Raises `E5018` whose message is the display string of the value.
pub fn throw(c: &mut Call<'_>) -> R {
    let value = c.arg(0);
    Err(diag::thrown(c.display(value)).with_value(value))
}
