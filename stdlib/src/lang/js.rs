//! Implementations of the `js.*` opcodes (rows in `weft_ir`'s `table/js.rs`): JavaScript
//! arithmetic on one number type, conversions, property access, the built-in methods of
//! strings, arrays and numbers, the global functions (`Math`, `JSON`, `Object`, ...), and
//! node's `console.log` format.
//!
//! Numbers are computed as doubles, as JavaScript does, and stored back as an int whenever
//! the value is an integer of magnitude at most 2^53 other than -0 ([`number`]), so the
//! portable opcodes (list indices, `bool.eq`) keep working on them and nothing a script
//! prints can tell the two apart.

mod convert;
mod format;
mod globals;
mod methods;

use weft_runtime::{ObjMap, RuntimeError, Value};

use crate::Builtin;
use crate::call::Call;

use convert::{js_error, number, to_number, to_string};

type R = Result<Value, RuntimeError>;

pub(crate) static BUILTINS: &[Builtin] = &[
    Builtin {
        name: "js.add",
        func: add,
    },
    Builtin {
        name: "js.sub",
        func: sub,
    },
    Builtin {
        name: "js.mul",
        func: mul,
    },
    Builtin {
        name: "js.div",
        func: div,
    },
    Builtin {
        name: "js.mod",
        func: modulo,
    },
    Builtin {
        name: "js.pow",
        func: pow,
    },
    Builtin {
        name: "js.neg",
        func: neg,
    },
    Builtin {
        name: "js.bitwise",
        func: bitwise,
    },
    Builtin {
        name: "js.number",
        func: to_number_op,
    },
    Builtin {
        name: "js.string",
        func: to_string_op,
    },
    Builtin {
        name: "js.format",
        func: format::format,
    },
    Builtin {
        name: "js.typeof",
        func: type_of,
    },
    Builtin {
        name: "js.get",
        func: get,
    },
    Builtin {
        name: "js.set",
        func: set,
    },
    Builtin {
        name: "js.has_fn",
        func: has_fn,
    },
    Builtin {
        name: "js.method",
        func: methods::method,
    },
    Builtin {
        name: "js.global",
        func: globals::global,
    },
    Builtin {
        name: "js.apply",
        func: apply,
    },
    Builtin {
        name: "js.caught",
        func: caught,
    },
];

fn operands(c: &Call<'_>) -> Result<(f64, f64), RuntimeError> {
    Ok((to_number(c.heap(), c.arg(0)), to_number(c.heap(), c.arg(1))))
}

/// An object's own or inherited `toString` method (a class's, say), called as JavaScript
/// converts the object to a string; other values convert as [`to_string`] does.
pub(crate) fn string_of(c: &mut Call<'_>, v: Value) -> Result<String, RuntimeError> {
    if let Value::Obj(_) = v
        && let Some(f @ Value::Closure(_)) = c.heap().lookup_data(v, "toString")
    {
        let s = c.ctx.call_this(f, v, &[])?;
        return Ok(to_string(c.heap(), s));
    }
    Ok(to_string(c.heap(), v))
}

fn add(c: &mut Call<'_>) -> R {
    let (a, b) = (c.arg(0), c.arg(1));
    let textual = |v: Value| matches!(v, Value::Str(_) | Value::List(_) | Value::Obj(_));
    if textual(a) || textual(b) {
        let mut s = string_of(c, a)?;
        s.push_str(&string_of(c, b)?);
        c.heap().check_room(s.len())?;
        return c.alloc_str(s);
    }
    if let (Value::Int(x), Value::Int(y)) = (a, b)
        && let Some(s) = x.checked_add(y)
    {
        return Ok(number(s as f64));
    }
    let (x, y) = operands(c)?;
    Ok(number(x + y))
}

fn sub(c: &mut Call<'_>) -> R {
    let (x, y) = operands(c)?;
    Ok(number(x - y))
}

fn mul(c: &mut Call<'_>) -> R {
    let (x, y) = operands(c)?;
    Ok(number(x * y))
}

fn div(c: &mut Call<'_>) -> R {
    let (x, y) = operands(c)?;
    Ok(number(x / y))
}

fn modulo(c: &mut Call<'_>) -> R {
    let (x, y) = operands(c)?;
    Ok(number(x % y))
}

fn pow(c: &mut Call<'_>) -> R {
    let (x, y) = operands(c)?;
    // JavaScript differs from IEEE pow in one place: 1 ** ±Infinity and 1 ** NaN are NaN.
    if (x == 1.0 || x == -1.0) && !y.is_finite() {
        return Ok(Value::Float(f64::NAN));
    }
    Ok(number(x.powf(y)))
}

fn neg(c: &mut Call<'_>) -> R {
    Ok(number(-to_number(c.heap(), c.arg(0))))
}

/// ToInt32: the number modulo 2^32, read as a signed 32-bit integer.
fn to_int32(f: f64) -> i32 {
    to_uint32(f) as i32
}

fn to_uint32(f: f64) -> u32 {
    if !f.is_finite() {
        return 0;
    }
    f.trunc().rem_euclid(4_294_967_296.0) as u32
}

fn bitwise(c: &mut Call<'_>) -> R {
    let op = c.string(0)?;
    let a = to_number(c.heap(), c.arg(1));
    let b = to_number(c.heap(), c.arg(2));
    let shift = to_uint32(b) & 31;
    Ok(match op.as_str() {
        "&" => Value::Int(i64::from(to_int32(a) & to_int32(b))),
        "|" => Value::Int(i64::from(to_int32(a) | to_int32(b))),
        "^" => Value::Int(i64::from(to_int32(a) ^ to_int32(b))),
        "~" => Value::Int(i64::from(!to_int32(a))),
        "<<" => Value::Int(i64::from(to_int32(a).wrapping_shl(shift))),
        ">>" => Value::Int(i64::from(to_int32(a) >> shift)),
        ">>>" => Value::Int(i64::from(to_uint32(a) >> shift)),
        other => {
            return Err(weft_runtime::diagnostics::invalid_argument(
                c.name,
                format!("unknown bitwise operator `{other}`"),
            ));
        }
    })
}

fn to_number_op(c: &mut Call<'_>) -> R {
    Ok(number(to_number(c.heap(), c.arg(0))))
}

fn to_string_op(c: &mut Call<'_>) -> R {
    let s = string_of(c, c.arg(0))?;
    c.charge_bytes(s.len())?;
    c.heap().check_room(s.len())?;
    c.alloc_str(s)
}

fn type_of(c: &mut Call<'_>) -> R {
    let name = match c.arg(0) {
        Value::Bool(_) => "boolean",
        Value::Int(_) | Value::Float(_) => "number",
        Value::Str(_) => "string",
        Value::Closure(_) => "function",
        v @ Value::Obj(_) if c.heap().class_of(v).is_some() => "function",
        _ => "object",
    };
    c.alloc_str(name.to_owned())
}

/// A property key as JavaScript sees it: an array index, or a string.
enum Key {
    Index(i64),
    Name(String),
}

fn key_of(c: &Call<'_>, v: Value) -> Key {
    match v {
        Value::Int(i) => Key::Index(i),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Key::Index(f as i64),
        Value::Str(_) => {
            let s = c.heap().str(v).unwrap_or_default();
            match s.parse::<i64>() {
                Ok(i) if i >= 0 && i.to_string() == s => Key::Index(i),
                _ => Key::Name(s.to_owned()),
            }
        }
        other => Key::Name(to_string(c.heap(), other)),
    }
}

fn key_name(key: &Key) -> String {
    match key {
        Key::Index(i) => i.to_string(),
        Key::Name(s) => s.clone(),
    }
}

fn get(c: &mut Call<'_>) -> R {
    // The common case, `obj.name` on an object: no key is copied or parsed.
    if let (Value::Obj(_), k @ Value::Str(_)) = (c.arg(0), c.arg(1)) {
        let heap = c.heap();
        let name = heap.str(k).unwrap_or_default();
        match heap.lookup(c.arg(0), name) {
            Some(weft_runtime::object::Prop::Data(v)) => return Ok(v),
            None if !matches!(name, "prototype" | "name" | "constructor") => {
                return Ok(Value::Null);
            }
            _ => {}
        }
    }
    let (target, key) = (c.arg(0), key_of(c, c.arg(1)));
    match target {
        Value::Obj(_) => {
            let name = key_name(&key);
            if let Some(v) = crate::object::get_prop(c.ctx, target, &name)? {
                return Ok(v);
            }
            let heap = c.heap();
            Ok(match (heap.class_of(target), name.as_str()) {
                (Some((_, _, proto)), "prototype") => proto,
                (Some((class, _, _)), "name") => return c.alloc_str(class.to_owned()),
                (None, "constructor") => heap
                    .chain(target)
                    .find_map(|(_, m)| {
                        m.meta()
                            .map(|m| m.constructor)
                            .filter(|c| *c != Value::Null)
                    })
                    .unwrap_or(Value::Null),
                _ => Value::Null,
            })
        }
        Value::List(_) => {
            let items = c.list_ref(0)?;
            Ok(match key {
                Key::Index(i) if i >= 0 => items.get(i as usize).copied().unwrap_or(Value::Null),
                Key::Name(n) if n == "length" => Value::Int(items.len() as i64),
                _ => Value::Null,
            })
        }
        Value::Str(_) => {
            let s = c.str_ref(0)?;
            match key {
                Key::Index(i) if i >= 0 => match methods::char_at(s, i).0 {
                    Some(ch) => c.alloc_str(ch.to_string()),
                    None => Ok(Value::Null),
                },
                Key::Name(n) if n == "length" => {
                    let n = if s.is_ascii() {
                        s.len()
                    } else {
                        s.chars().count()
                    };
                    Ok(Value::Int(n as i64))
                }
                _ => Ok(Value::Null),
            }
        }
        Value::Null => Err(js_error(
            "E5010",
            format!(
                "Cannot read properties of null (reading '{}')",
                key_name(&key)
            ),
        )),
        _ => Ok(Value::Null),
    }
}

fn set(c: &mut Call<'_>) -> R {
    // The common case, `obj.name = v` on an own entry: replaced in place.
    if let (Value::Obj(id), k @ Value::Str(_)) = (c.arg(0), c.arg(1)) {
        let heap = c.heap();
        let name = heap.str(k).unwrap_or_default();
        if let Some(pos) = heap.obj(c.arg(0)).and_then(|m| m.position(name)) {
            let value = c.arg(2);
            c.heap_mut().update(id, |o| {
                if let weft_runtime::HeapObj::Obj(map) = o {
                    map.set_at(pos, value);
                }
            })?;
            return Ok(value);
        }
    }
    let (target, key, value) = (c.arg(0), key_of(c, c.arg(1)), c.arg(2));
    match target {
        Value::Obj(_) => {
            let name = key_name(&key);
            crate::object::set_prop(c.ctx, target, &name, value)?;
            Ok(value)
        }
        Value::List(id) => {
            let len = c.list_ref(0)?.len();
            let result = match key {
                Key::Index(i) if i >= 0 && (i as usize) <= MAX_ARRAY_LEN => {
                    // Writing past the end leaves holes, which read as null.
                    let i = i as usize;
                    let grow = (i + 1).saturating_sub(len);
                    c.heap_mut().check_room(16 * grow.max(1))?;
                    c.charge_items(grow as u64)?;
                    c.heap_mut().update(id, |o| {
                        if let weft_runtime::HeapObj::List(items) = o {
                            if i >= items.len() {
                                items.resize(i + 1, Value::Null);
                            }
                            items[i] = value;
                        }
                    })
                }
                Key::Name(n) if n == "length" => {
                    let new_len = match value {
                        Value::Int(n) if n >= 0 && (n as usize) <= MAX_ARRAY_LEN => n as usize,
                        _ => {
                            return Err(js_error("E5015", "Invalid array length".to_owned()));
                        }
                    };
                    let grow = new_len.saturating_sub(len);
                    c.heap_mut().check_room(16 * grow)?;
                    c.charge_items(grow as u64)?;
                    c.heap_mut().update(id, |o| {
                        if let weft_runtime::HeapObj::List(items) = o {
                            items.resize(new_len, Value::Null);
                        }
                    })
                }
                Key::Index(i) => {
                    return Err(js_error(
                        "E5015",
                        format!("index {i} is out of range for an array of length {len}"),
                    ));
                }
                Key::Name(n) => {
                    return Err(js_error(
                        "E5010",
                        format!("cannot set property '{n}' of an array"),
                    ));
                }
            };
            result?;
            Ok(value)
        }
        Value::Null => Err(js_error(
            "E5010",
            format!(
                "Cannot set properties of null (setting '{}')",
                key_name(&key)
            ),
        )),
        _ => Err(js_error(
            "E5010",
            format!(
                "cannot set property '{}' of {}",
                key_name(&key),
                c.describe(target)
            ),
        )),
    }
}

/// The longest array a write may grow (JavaScript's limit is 2^32 - 1; the heap limit
/// stops far sooner).
const MAX_ARRAY_LEN: usize = u32::MAX as usize - 1;

fn has_fn(c: &mut Call<'_>) -> R {
    let found = match c.arg(0) {
        Value::Obj(_) => {
            let name = c.str_ref(1)?;
            matches!(
                c.heap().lookup_data(c.arg(0), name),
                Some(Value::Closure(_))
            )
        }
        _ => false,
    };
    Ok(Value::Bool(found))
}

fn apply(c: &mut Call<'_>) -> R {
    let (f, this) = (c.arg(0), c.arg(2));
    let args = c.list(1)?;
    c.ctx.call_this(f, this, &args)
}

/// What `catch (e)` binds: the thrown value, or an error object for a runtime error.
fn caught(c: &mut Call<'_>) -> R {
    let err = c.obj_ref(0)?;
    if err.get("thrown") == Some(Value::Bool(true)) {
        return Ok(err.get("value").unwrap_or(Value::Null));
    }
    let message = err.get("message").unwrap_or(Value::Null);
    let code = err.get("code").unwrap_or(Value::Null);
    let name = match c.heap().str(code).unwrap_or_default() {
        "E5010" | "E5013" => "TypeError",
        "E5011" | "E5015" | "E5019" => "RangeError",
        _ => "Error",
    };
    let name = c.alloc_str(name.to_owned())?;
    let mut map = ObjMap::new();
    map.set("name", name);
    map.set("message", message);
    c.heap_mut().check_room(64)?;
    c.heap_mut().alloc_obj(map)
}
