//! `js.global`: JavaScript's global functions, by name (`Math.floor`, `JSON.stringify`,
//! `Object.keys`, `parseInt`, ...), plus the helpers the front-end lowers operators and
//! loops to (`instanceof`, `iter` for `for...of`, `keys` for `for...in`).

use weft_runtime::{ObjMap, RuntimeError, Value};

use super::convert::{js_error, number, number_to_string, to_number, to_string};
use crate::call::Call;

type R = Result<Value, RuntimeError>;

fn arg(c: &Call<'_>, i: usize) -> Value {
    c.arg(i + 1)
}

fn num(c: &Call<'_>, i: usize) -> f64 {
    to_number(c.heap(), arg(c, i))
}

pub(super) fn global(c: &mut Call<'_>) -> R {
    let name = c.string(0)?;
    let argc = c.args.len().saturating_sub(1);
    if let Some(f) = math1(&name) {
        return Ok(number(f(num(c, 0))));
    }
    match name.as_str() {
        "apply" | "apply_method" => {
            // `["js.global", "apply", name, list]`: a global called with a list's
            // elements; `"apply_method", receiver, name, list`: a built-in method so.
            let (head, list) = if name == "apply" {
                (vec![arg(c, 0)], arg(c, 1))
            } else {
                (vec![arg(c, 0), arg(c, 1)], arg(c, 2))
            };
            let mut args = head;
            args.extend_from_slice(c.heap().list(list).unwrap_or_default());
            let mut inner = Call {
                ctx: &mut *c.ctx,
                args: &args,
                name: c.name,
                per_item: c.per_item,
            };
            if name == "apply" {
                global(&mut inner)
            } else {
                super::methods::method(&mut inner)
            }
        }
        "Math.max" | "Math.min" => {
            let max = name == "Math.max";
            let mut acc = if max {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
            for i in 0..argc {
                let x = num(c, i);
                if x.is_nan() {
                    return Ok(Value::Float(f64::NAN));
                }
                if (max && x > acc) || (!max && x < acc) {
                    acc = x;
                }
            }
            Ok(number(acc))
        }
        "Math.pow" => Ok(number(num(c, 0).powf(num(c, 1)))),
        "Math.atan2" => Ok(number(num(c, 0).atan2(num(c, 1)))),
        "Math.hypot" => Ok(number(
            (0..argc).map(|i| num(c, i).powi(2)).sum::<f64>().sqrt(),
        )),
        "isNaN" => Ok(Value::Bool(num(c, 0).is_nan())),
        "isFinite" => Ok(Value::Bool(num(c, 0).is_finite())),
        "Number.isNaN" => Ok(Value::Bool(
            matches!(arg(c, 0), Value::Float(f) if f.is_nan()),
        )),
        "Number.isFinite" => Ok(Value::Bool(match arg(c, 0) {
            Value::Int(_) => true,
            Value::Float(f) => f.is_finite(),
            _ => false,
        })),
        "Number.isInteger" => Ok(Value::Bool(match arg(c, 0) {
            Value::Int(_) => true,
            Value::Float(f) => f.is_finite() && f.fract() == 0.0,
            _ => false,
        })),
        "Boolean" => {
            let v = arg(c, 0);
            Ok(Value::Bool(match v {
                Value::Float(f) if f.is_nan() => false,
                _ => c.heap().truthy(v, weft_runtime::Truth::Js),
            }))
        }
        "parseFloat" | "Number.parseFloat" => {
            Ok(number(parse_float(&to_string(c.heap(), arg(c, 0)))))
        }
        "parseInt" | "Number.parseInt" => {
            let radix = match arg(c, 1) {
                Value::Null => 0,
                _ => num(c, 1) as u32,
            };
            Ok(number(parse_int(&to_string(c.heap(), arg(c, 0)), radix)))
        }
        "String.fromCharCode" => {
            let s: String = (0..argc)
                .map(|i| char::from_u32(num(c, i) as u32).unwrap_or('\u{fffd}'))
                .collect();
            c.alloc_str(s)
        }
        "JSON.stringify" => {
            let indent = match arg(c, 2) {
                Value::Int(n) => " ".repeat(n.clamp(0, 10) as usize),
                v @ Value::Str(_) => c
                    .heap()
                    .str(v)
                    .unwrap_or_default()
                    .chars()
                    .take(10)
                    .collect(),
                _ => String::new(),
            };
            let mut out = String::new();
            let written = Json { c, indent: &indent }.write(arg(c, 0), &mut out, 0)?;
            c.charge_bytes(out.len())?;
            if !written {
                return Ok(Value::Null);
            }
            c.heap().check_room(out.len())?;
            c.alloc_str(out)
        }
        "JSON.parse" => {
            let text = to_string(c.heap(), arg(c, 0));
            c.charge_bytes(text.len())?;
            let json: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| js_error("E5022", format!("Unexpected token in JSON: {e}")))?;
            weft_runtime::from_json(c.heap_mut(), &json)
        }
        "Object.keys" | "keys" => {
            let keys = own_keys(c, arg(c, 0))?;
            let mut out = Vec::with_capacity(keys.len());
            for k in keys {
                out.push(c.alloc_str(k)?);
            }
            c.alloc_list(out)
        }
        "Object.values" => {
            let v = arg(c, 0);
            let values: Vec<Value> = match v {
                Value::Obj(_) => c
                    .heap()
                    .obj(v)
                    .map(|o| o.iter().map(|(_, x)| x).collect())
                    .unwrap_or_default(),
                Value::List(_) => c.heap().list(v).unwrap_or_default().to_vec(),
                _ => Vec::new(),
            };
            c.charge_items(values.len() as u64)?;
            c.alloc_list(values)
        }
        "Object.entries" => {
            let v = arg(c, 0);
            let keys = own_keys(c, v)?;
            let mut out = Vec::with_capacity(keys.len());
            for (i, k) in keys.into_iter().enumerate() {
                let value = match v {
                    Value::Obj(_) => c
                        .heap()
                        .obj(v)
                        .and_then(|o| o.get(&k))
                        .unwrap_or(Value::Null),
                    _ => c
                        .heap()
                        .list(v)
                        .and_then(|l| l.get(i).copied())
                        .unwrap_or(Value::Null),
                };
                let key = c.alloc_str(k)?;
                out.push(c.alloc_list(vec![key, value])?);
            }
            c.alloc_list(out)
        }
        "Object.assign" => {
            let target = arg(c, 0);
            let Value::Obj(id) = target else {
                return Err(js_error(
                    "E5010",
                    "Object.assign needs an object target".to_owned(),
                ));
            };
            for i in 1..argc {
                let entries: Vec<(String, Value)> = c
                    .heap()
                    .obj(arg(c, i))
                    .map(|o| o.iter().map(|(k, v)| (k.to_owned(), v)).collect())
                    .unwrap_or_default();
                c.charge_items(entries.len() as u64)?;
                c.heap_mut().check_room(entries.len() * 32)?;
                c.heap_mut().update(id, |o| {
                    if let weft_runtime::HeapObj::Obj(map) = o {
                        for (k, v) in &entries {
                            map.set(k, *v);
                        }
                    }
                })?;
            }
            Ok(target)
        }
        "Object.fromEntries" => {
            let pairs = c.heap().list(arg(c, 0)).unwrap_or_default().to_vec();
            let mut map = ObjMap::new();
            for pair in pairs {
                let (k, v) = match c.heap().list(pair) {
                    Some(p) => (
                        p.first().copied().unwrap_or(Value::Null),
                        p.get(1).copied().unwrap_or(Value::Null),
                    ),
                    None => continue,
                };
                let key = to_string(c.heap(), k);
                map.set(&key, v);
            }
            c.heap_mut().check_room(map.len() * 32)?;
            c.heap_mut().alloc_obj(map)
        }
        "Object.freeze" => Ok(arg(c, 0)),
        "hrtime" => {
            // `process.hrtime([prev])` from the host clock's milliseconds (arg 0):
            // `[seconds, nanoseconds]`, or the time since `prev`.
            let now_ms = num(c, 0);
            let mut ns = (now_ms * 1e6).round();
            if let Some(prev) = c.heap().list(arg(c, 1)) {
                let s = prev.first().and_then(|v| v.as_f64()).unwrap_or(0.0);
                let n = prev.get(1).and_then(|v| v.as_f64()).unwrap_or(0.0);
                ns -= s * 1e9 + n;
            }
            let secs = (ns / 1e9).floor();
            let rest = ns - secs * 1e9;
            c.alloc_list(vec![number(secs), number(rest)])
        }
        "new_array" => {
            // `new Array(n)`: n holes (null); `new Array(a, b, ...)`: those elements.
            if argc == 1
                && let Value::Int(_) | Value::Float(_) = arg(c, 0)
            {
                let n = num(c, 0);
                if n < 0.0 || n.fract() != 0.0 || n > 4_294_967_295.0 {
                    return Err(super::convert::js_error(
                        "E5015",
                        "Invalid array length".to_owned(),
                    ));
                }
                let n = n as usize;
                c.heap().check_room(n.saturating_mul(16))?;
                c.charge_items(n as u64)?;
                return c.alloc_list(vec![Value::Null; n]);
            }
            let items = c.args[1..].to_vec();
            c.alloc_list(items)
        }
        "Array.isArray" => Ok(Value::Bool(matches!(arg(c, 0), Value::List(_)))),
        "Array.of" => {
            let items = c.args[1..].to_vec();
            c.alloc_list(items)
        }
        "map_key" => {
            // The identity a Map or Set keys an entry by (SameValueZero): a number by its
            // value (-0 as 0, every NaN alike), a string by its text, null and booleans by
            // themselves, anything else by its heap identity.
            let key = match arg(c, 0) {
                Value::Null => "u".to_owned(),
                Value::Bool(b) => format!("b{}", u8::from(b)),
                v @ (Value::Int(_) | Value::Float(_)) => {
                    let f = v.as_f64().unwrap_or(0.0);
                    if f.is_nan() {
                        "nNaN".to_owned()
                    } else if f == 0.0 {
                        "n0".to_owned()
                    } else {
                        format!("n{}", super::convert::to_string(c.heap(), v))
                    }
                }
                v @ Value::Str(_) => format!("s{}", c.heap().str(v).unwrap_or_default()),
                v => format!("o{}", v.heap_ref().unwrap_or(0)),
            };
            c.alloc_str(key)
        }
        "Array.from" | "iter" if matches!(arg(c, 0), Value::Obj(_)) => {
            // A Map, a Set or any object with a `%iter` method: what that method returns.
            let v = arg(c, 0);
            match c.heap().lookup_data(v, "%iter") {
                Some(f @ Value::Closure(_)) => {
                    let items = c.ctx.call_this(f, v, &[])?;
                    let items = c.heap().list(items).unwrap_or_default().to_vec();
                    c.charge_items(items.len() as u64)?;
                    c.alloc_list(items)
                }
                _ => Err(js_error(
                    "E5010",
                    format!("{} is not iterable", c.describe(v)),
                )),
            }
        }
        "Array.from" | "iter" => {
            let v = arg(c, 0);
            match v {
                Value::List(_) if name == "iter" => Ok(v),
                Value::List(_) => {
                    let items = c.heap().list(v).unwrap_or_default().to_vec();
                    c.charge_items(items.len() as u64)?;
                    c.alloc_list(items)
                }
                Value::Str(_) => {
                    let chars: Vec<String> = c
                        .heap()
                        .str(v)
                        .unwrap_or_default()
                        .chars()
                        .map(String::from)
                        .collect();
                    c.charge_items(chars.len() as u64)?;
                    c.heap().check_room(chars.len() * 32)?;
                    let mut out = Vec::with_capacity(chars.len());
                    for ch in chars {
                        out.push(c.alloc_str(ch)?);
                    }
                    c.alloc_list(out)
                }
                other => Err(js_error(
                    "E5010",
                    format!("{} is not iterable", c.describe(other)),
                )),
            }
        }
        "instanceof" => {
            let v = arg(c, 0);
            let class = to_string(c.heap(), arg(c, 1));
            Ok(Value::Bool(match class.as_str() {
                "Array" => matches!(v, Value::List(_)),
                "Object" => matches!(v, Value::List(_) | Value::Obj(_) | Value::Closure(_)),
                "Function" => matches!(v, Value::Closure(_)),
                "Error" => super::convert::error_parts(c.heap(), v).is_some(),
                other => super::convert::error_parts(c.heap(), v).is_some_and(|(n, _)| n == other),
            }))
        }
        _ => Err(js_error("E5010", format!("{name} is not a function"))),
    }
}

fn math1(name: &str) -> Option<fn(f64) -> f64> {
    Some(match name {
        "Math.floor" => f64::floor,
        "Math.ceil" => f64::ceil,
        "Math.trunc" => f64::trunc,
        "Math.round" => |x: f64| {
            if x.is_finite() {
                (x + 0.5).floor().copysign(x)
            } else {
                x
            }
        },
        "Math.abs" => f64::abs,
        "Math.sign" => |x: f64| {
            if x == 0.0 || x.is_nan() {
                x
            } else {
                x.signum()
            }
        },
        "Math.sqrt" => f64::sqrt,
        "Math.cbrt" => f64::cbrt,
        "Math.exp" => f64::exp,
        "Math.log" => f64::ln,
        "Math.log2" => f64::log2,
        "Math.log10" => f64::log10,
        "Math.sin" => f64::sin,
        "Math.cos" => f64::cos,
        "Math.tan" => f64::tan,
        "Math.asin" => f64::asin,
        "Math.acos" => f64::acos,
        "Math.atan" => f64::atan,
        _ => return None,
    })
}

/// The enumerable own keys: an object's keys, an array's or string's indices.
fn own_keys(c: &Call<'_>, v: Value) -> Result<Vec<String>, RuntimeError> {
    let heap = c.heap();
    let keys: Vec<String> = match v {
        Value::Obj(_) => heap
            .obj(v)
            .map(|o| o.iter().map(|(k, _)| k.to_owned()).collect())
            .unwrap_or_default(),
        Value::List(_) => (0..heap.list(v).map_or(0, <[Value]>::len))
            .map(|i| i.to_string())
            .collect(),
        Value::Str(_) => (0..heap.str(v).unwrap_or_default().chars().count())
            .map(|i| i.to_string())
            .collect(),
        Value::Null => {
            return Err(js_error(
                "E5010",
                "Cannot convert undefined or null to object".to_owned(),
            ));
        }
        _ => Vec::new(),
    };
    c.heap().check_room(keys.len() * 32)?;
    Ok(keys)
}

/// `parseFloat`: the longest decimal prefix, NaN when there is none.
fn parse_float(s: &str) -> f64 {
    let t = s.trim_start();
    for prefix in ["Infinity", "+Infinity", "-Infinity"] {
        if t.starts_with(prefix) {
            return if prefix.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
        }
    }
    let bytes = t.as_bytes();
    let mut end = 0;
    let mut best = None;
    let mut seen_dot = false;
    let mut seen_exp = false;
    while end < bytes.len() {
        let b = bytes[end];
        let ok = b.is_ascii_digit()
            || ((b == b'+' || b == b'-') && (end == 0 || matches!(bytes[end - 1], b'e' | b'E')))
            || (b == b'.' && !seen_dot && !seen_exp)
            || ((b == b'e' || b == b'E') && !seen_exp && end > 0);
        if !ok {
            break;
        }
        seen_dot |= b == b'.';
        seen_exp |= b == b'e' || b == b'E';
        end += 1;
        if let Ok(f) = t[..end].parse::<f64>()
            && t[..end].bytes().any(|b| b.is_ascii_digit())
        {
            best = Some(f);
        }
    }
    best.unwrap_or(f64::NAN)
}

/// `parseInt`: the longest prefix of digits in the radix (10, or 16 after `0x`).
fn parse_int(s: &str, radix: u32) -> f64 {
    let t = s.trim_start();
    let (sign, mut t) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let mut radix = radix;
    if (radix == 0 || radix == 16) && (t.starts_with("0x") || t.starts_with("0X")) {
        t = &t[2..];
        radix = 16;
    }
    if radix == 0 {
        radix = 10;
    }
    if !(2..=36).contains(&radix) {
        return f64::NAN;
    }
    let mut value = 0.0;
    let mut any = false;
    for ch in t.chars() {
        let Some(d) = ch.to_digit(radix) else { break };
        value = value * f64::from(radix) + f64::from(d);
        any = true;
    }
    if any { sign * value } else { f64::NAN }
}

/// `JSON.stringify` with JavaScript's rules: numbers as JavaScript prints them, NaN and
/// infinities as `null`, functions skipped in objects and `null` in arrays.
struct Json<'c, 'a, 'i> {
    c: &'c Call<'a>,
    indent: &'i str,
}

impl Json<'_, '_, '_> {
    /// Writes `v`; false when it has no JSON form (a function at the top level).
    fn write(&self, v: Value, out: &mut String, depth: usize) -> Result<bool, RuntimeError> {
        if depth > 128 {
            return Err(js_error(
                "E5022",
                "Converting circular structure to JSON".to_owned(),
            ));
        }
        let heap = self.c.heap();
        match v {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) if f.is_finite() => out.push_str(&number_to_string(f)),
            Value::Float(_) => out.push_str("null"),
            Value::Str(_) => out.push_str(&json_quote(heap.str(v).unwrap_or_default())),
            Value::List(_) => {
                let items = heap.list(v).unwrap_or_default().to_vec();
                if items.is_empty() {
                    out.push_str("[]");
                    return Ok(true);
                }
                out.push('[');
                for (i, item) in items.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    self.newline(out, depth + 1);
                    if !self.write(item, out, depth + 1)? {
                        out.push_str("null");
                    }
                }
                self.newline(out, depth);
                out.push(']');
            }
            Value::Obj(_) => {
                let entries: Vec<(String, Value)> = heap
                    .obj(v)
                    .map(|o| o.iter().map(|(k, v)| (k.to_owned(), v)).collect())
                    .unwrap_or_default();
                let entries: Vec<_> = entries
                    .into_iter()
                    .filter(|(_, v)| !matches!(v, Value::Closure(_)))
                    .collect();
                if entries.is_empty() {
                    out.push_str("{}");
                    return Ok(true);
                }
                out.push('{');
                for (i, (k, item)) in entries.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    self.newline(out, depth + 1);
                    out.push_str(&json_quote(&k));
                    out.push(':');
                    if !self.indent.is_empty() {
                        out.push(' ');
                    }
                    self.write(item, out, depth + 1)?;
                }
                self.newline(out, depth);
                out.push('}');
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn newline(&self, out: &mut String, depth: usize) {
        if !self.indent.is_empty() {
            out.push('\n');
            out.push_str(&self.indent.repeat(depth));
        }
    }
}

fn json_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
