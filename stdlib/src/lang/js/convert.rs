//! JavaScript conversions: ToNumber, ToString and the number-to-text algorithm, and the
//! normalisation of a double back to Weft's int or float.

use weft_runtime::{Heap, RuntimeError, Value};

/// The largest magnitude an int result may have: 2^53, where doubles stop being exact.
const SAFE: f64 = 9_007_199_254_740_992.0;

/// A double as a Weft number: an int when it is an integer within ±2^53 and not -0.
pub(crate) fn number(f: f64) -> Value {
    if f.is_finite() && f.fract() == 0.0 && f.abs() <= SAFE && !(f == 0.0 && f.is_sign_negative()) {
        Value::Int(f as i64)
    } else {
        Value::Float(f)
    }
}

/// A catchable runtime error with a JavaScript-style message.
pub(crate) fn js_error(code: &'static str, message: String) -> RuntimeError {
    RuntimeError {
        code,
        message,
        path: None,
        value: None,
    }
}

/// JavaScript ToNumber (null counts as 0, since Weft's null also stands for `undefined`).
pub(crate) fn to_number(heap: &Heap, v: Value) -> f64 {
    match v {
        Value::Null => 0.0,
        Value::Bool(b) => f64::from(u8::from(b)),
        Value::Int(i) => i as f64,
        Value::Float(f) => f,
        Value::Str(_) => parse_number(heap.str(v).unwrap_or_default()),
        Value::List(_) => match heap.list(v).unwrap_or_default() {
            [] => 0.0,
            [one] => to_number(heap, *one),
            _ => f64::NAN,
        },
        _ => f64::NAN,
    }
}

/// The number a string denotes under `Number(s)`: blank is 0, unparsable is NaN.
pub(crate) fn parse_number(s: &str) -> f64 {
    let t = s.trim();
    if t.is_empty() {
        return 0.0;
    }
    let (sign, body) = match t.as_bytes()[0] {
        b'-' => (-1.0, &t[1..]),
        b'+' => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    if body == "Infinity" {
        return sign * f64::INFINITY;
    }
    if sign > 0.0 && t.len() > 2 {
        // `get`, not indexing: byte 2 may fall inside a multi-byte character.
        let radix = match t.get(..2) {
            Some("0x" | "0X") => 16,
            Some("0o" | "0O") => 8,
            Some("0b" | "0B") => 2,
            _ => 0,
        };
        if radix != 0 {
            return u64::from_str_radix(&t[2..], radix).map_or(f64::NAN, |n| n as f64);
        }
    }
    let decimal = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && body.bytes().any(|b| b.is_ascii_digit());
    if !decimal {
        return f64::NAN;
    }
    body.parse::<f64>().map_or(f64::NAN, |f| sign * f)
}

/// JavaScript's Number::toString: the shortest digits that read back as the same double,
/// in plain notation for exponents from -7 to 20 and `1.5e+21` form outside them.
pub(crate) fn number_to_string(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_owned();
    }
    if f == 0.0 {
        return "0".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i64;
    let n = exp.parse::<i64>().unwrap_or(0) + 1;
    let mut out = String::new();
    if f < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.push_str(&"0".repeat((n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat((-n) as usize));
        out.push_str(&digits);
    } else {
        let e = n - 1;
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if e >= 0 { '+' } else { '-' });
        out.push_str(&e.abs().to_string());
    }
    out
}

/// JavaScript ToString. Lists join their elements with `,` (null elements as empty text),
/// objects are `[object Object]` except error objects (`name` ending in `Error` and a
/// `message`), which read `Name: message`.
pub(crate) fn to_string(heap: &Heap, v: Value) -> String {
    let mut out = String::new();
    write_string(heap, v, &mut out, 0);
    out
}

fn write_string(heap: &Heap, v: Value, out: &mut String, depth: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&number_to_string(f)),
        Value::Str(_) => out.push_str(heap.str(v).unwrap_or_default()),
        Value::List(_) => {
            if depth > 32 {
                return;
            }
            for (i, item) in heap.list(v).unwrap_or_default().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if *item != Value::Null {
                    write_string(heap, *item, out, depth + 1);
                }
            }
        }
        Value::Obj(_) => match error_parts(heap, v) {
            Some((name, "")) => out.push_str(name),
            Some((name, message)) => {
                out.push_str(name);
                out.push_str(": ");
                out.push_str(message);
            }
            None => out.push_str("[object Object]"),
        },
        Value::Closure(_) => out.push_str("function () { [native code] }"),
        Value::Handle(_) | Value::Cell(_) => out.push_str("[object Handle]"),
    }
}

/// The name and message of an error object (`{ name: "...Error", message: "..." }`).
pub(crate) fn error_parts(heap: &Heap, v: Value) -> Option<(&str, &str)> {
    let obj = heap.obj(v)?;
    let name = heap.str(obj.get("name")?)?;
    let message = heap.str(obj.get("message")?)?;
    name.ends_with("Error").then_some((name, message))
}
