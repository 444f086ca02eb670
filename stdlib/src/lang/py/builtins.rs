//! Python's builtin functions as opcodes: conversions, aggregates (`sorted`, `min`,
//! `sum`...), the iteration helpers that build lists (`enumerate`, `zip`, `map`...), and
//! constructors for tuples, dicts and sets.

use std::cmp::Ordering;

use weft_runtime::{ObjMap, RuntimeError, Value};

use super::ops::{self, compare, new_set_value};
use super::seq::items_of;
use super::value::{self, Py, encode_key, repr, to_str, type_name, view};
use super::{R, raise, raise_type};
use crate::call::Call;

/// Calls another `py.*` implementation with its own arguments.
pub(crate) fn sub_call(c: &mut Call<'_>, f: crate::BuiltinFn, args: &[Value]) -> R {
    let mut sub = Call {
        ctx: &mut *c.ctx,
        args,
        name: c.name,
        per_item: c.per_item,
    };
    f(&mut sub)
}

fn order_error(c: &mut Call<'_>, (a, b): (String, String)) -> RuntimeError {
    raise(
        c,
        "TypeError",
        format!("'<' not supported between instances of '{a}' and '{b}'"),
    )
}

/// The keys a `key=` function gives, or the items themselves.
fn keys_for(c: &mut Call<'_>, items: &[Value], key: Value) -> Result<Vec<Value>, RuntimeError> {
    if key == Value::Null {
        return Ok(items.to_vec());
    }
    let f = match key {
        Value::Closure(_) => key,
        _ => return Err(raise_type(c, "key must be a function")),
    };
    items.iter().map(|v| c.ctx.call(f, &[*v])).collect()
}

/// `a < b` with the script's `__lt__` (or `b.__gt__(a)`), else Python's ordering.
fn less(c: &mut Call<'_>, a: Value, b: Value) -> Result<bool, RuntimeError> {
    if let Some(r) = super::classes::call_dunder(c, a, "__lt__", &[b]) {
        return Ok(value::truthy(c.heap(), r?));
    }
    if let Some(r) = super::classes::call_dunder(c, b, "__gt__", &[a]) {
        return Ok(value::truthy(c.heap(), r?));
    }
    match compare(c.heap(), a, b) {
        Ok(o) => Ok(o == Some(Ordering::Less)),
        Err(e) => Err(order_error(c, e)),
    }
}

/// A stable sort by Python ordering (of the keys, when given).
pub(crate) fn sort_values(
    c: &mut Call<'_>,
    items: Vec<Value>,
    key: Value,
    reverse: bool,
) -> Result<Vec<Value>, RuntimeError> {
    let keys = keys_for(c, &items, key)?;
    c.charge_items(items.len() as u64)?;
    let mut order: Vec<usize> = (0..items.len()).collect();
    if keys.iter().any(|k| super::classes::is_object(c.heap(), *k)) {
        // Instances of the script's classes order by their `__lt__`.
        let mut failure: Option<RuntimeError> = None;
        order.sort_by(|&i, &j| {
            let (a, b) = if reverse {
                (keys[j], keys[i])
            } else {
                (keys[i], keys[j])
            };
            if failure.is_some() {
                return Ordering::Equal;
            }
            let mut test = |x, y| match less(c, x, y) {
                Ok(t) => t,
                Err(e) => {
                    failure.get_or_insert(e);
                    false
                }
            };
            if test(a, b) {
                Ordering::Less
            } else if test(b, a) {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        return Ok(order.into_iter().map(|i| items[i]).collect());
    }
    let mut failure = None;
    let heap = c.heap();
    order.sort_by(|&i, &j| {
        let (a, b) = if reverse {
            (keys[j], keys[i])
        } else {
            (keys[i], keys[j])
        };
        match compare(heap, a, b) {
            Ok(o) => o.unwrap_or(Ordering::Equal),
            Err(e) => {
                failure.get_or_insert(e);
                Ordering::Equal
            }
        }
    });
    if let Some(e) = failure {
        return Err(order_error(c, e));
    }
    Ok(order.into_iter().map(|i| items[i]).collect())
}

pub(crate) fn sorted(c: &mut Call<'_>) -> R {
    let items = items_of(c, c.arg(0))?;
    let reverse = value::truthy(c.heap(), c.arg(2));
    let out = sort_values(c, items, c.arg(1), reverse)?;
    c.alloc_list(out)
}

fn extreme(c: &mut Call<'_>, name: &str, want: Ordering) -> R {
    let items = items_of(c, c.arg(0))?;
    if items.is_empty() {
        if c.has(2) {
            return Ok(c.arg(2));
        }
        return Err(raise(
            c,
            "ValueError",
            format!("{name}() arg is an empty sequence"),
        ));
    }
    let keys = keys_for(c, &items, c.arg(1))?;
    let mut best = 0;
    if keys.iter().any(|k| super::classes::is_object(c.heap(), *k)) {
        for i in 1..items.len() {
            let better = if want == Ordering::Less {
                less(c, keys[i], keys[best])?
            } else {
                less(c, keys[best], keys[i])?
            };
            if better {
                best = i;
            }
        }
        return Ok(items[best]);
    }
    for i in 1..items.len() {
        match compare(c.heap(), keys[i], keys[best]) {
            Ok(Some(o)) if o == want => best = i,
            Ok(_) => {}
            Err(e) => return Err(order_error(c, e)),
        }
    }
    Ok(items[best])
}

pub(crate) fn min(c: &mut Call<'_>) -> R {
    extreme(c, "min", Ordering::Less)
}

pub(crate) fn max(c: &mut Call<'_>) -> R {
    extreme(c, "max", Ordering::Greater)
}

pub(crate) fn sum(c: &mut Call<'_>) -> R {
    let items = items_of(c, c.arg(0))?;
    let mut total = if c.arg(1) == Value::Null {
        Value::Int(0)
    } else {
        c.arg(1)
    };
    for v in items {
        total = sub_call(c, ops::add, &[total, v])?;
    }
    Ok(total)
}

pub(crate) fn any(c: &mut Call<'_>) -> R {
    let items = items_of(c, c.arg(0))?;
    Ok(Value::Bool(
        items.iter().any(|v| value::truthy(c.heap(), *v)),
    ))
}

pub(crate) fn all(c: &mut Call<'_>) -> R {
    let items = items_of(c, c.arg(0))?;
    Ok(Value::Bool(
        items.iter().all(|v| value::truthy(c.heap(), *v)),
    ))
}

pub(crate) fn enumerate(c: &mut Call<'_>) -> R {
    let items = items_of(c, c.arg(0))?;
    let start = match c.arg(1) {
        Value::Null => 0,
        _ => c.int(1)?,
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.into_iter().enumerate() {
        out.push(value::new_tuple(
            c.heap_mut(),
            vec![Value::Int(start.saturating_add(i as i64)), v],
        )?);
    }
    c.alloc_list(out)
}

pub(crate) fn zip(c: &mut Call<'_>) -> R {
    let mut columns = Vec::new();
    for i in 0..c.args.len() {
        columns.push(items_of(c, c.arg(i))?);
    }
    let n = columns.iter().map(Vec::len).min().unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for row in 0..n {
        let tuple: Vec<Value> = columns.iter().map(|col| col[row]).collect();
        out.push(value::new_tuple(c.heap_mut(), tuple)?);
    }
    c.alloc_list(out)
}

/// `zip(*iterables)`: the tuples of the elements of one iterable of iterables.
pub(crate) fn zip_star(c: &mut Call<'_>) -> R {
    let iterables = items_of(c, c.arg(0))?;
    sub_call(c, zip, &iterables)
}

pub(crate) fn map(c: &mut Call<'_>) -> R {
    let f = c.func(0)?;
    let mut columns = Vec::new();
    for i in 1..c.args.len() {
        columns.push(items_of(c, c.arg(i))?);
    }
    let n = columns.iter().map(Vec::len).min().unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for row in 0..n {
        let args: Vec<Value> = columns.iter().map(|col| col[row]).collect();
        out.push(c.ctx.call(f, &args)?);
    }
    c.alloc_list(out)
}

pub(crate) fn filter(c: &mut Call<'_>) -> R {
    let f = c.arg(0);
    let items = items_of(c, c.arg(1))?;
    let mut out = Vec::new();
    for v in items {
        let keep = if f == Value::Null {
            v
        } else {
            c.ctx.call(f, &[v])?
        };
        if value::truthy(c.heap(), keep) {
            out.push(v);
        }
    }
    c.alloc_list(out)
}

pub(crate) fn reversed(c: &mut Call<'_>) -> R {
    let mut items = items_of(c, c.arg(0))?;
    items.reverse();
    c.alloc_list(items)
}

pub(crate) fn list(c: &mut Call<'_>) -> R {
    let items = if c.has(0) {
        items_of(c, c.arg(0))?
    } else {
        Vec::new()
    };
    c.alloc_list(items)
}

pub(crate) fn to_tuple(c: &mut Call<'_>) -> R {
    let items = if c.has(0) {
        items_of(c, c.arg(0))?
    } else {
        Vec::new()
    };
    value::new_tuple(c.heap_mut(), items)
}

pub(crate) fn to_set(c: &mut Call<'_>) -> R {
    let items = if c.has(0) {
        items_of(c, c.arg(0))?
    } else {
        Vec::new()
    };
    new_set_value(c, &items)
}

pub(crate) fn tuple(c: &mut Call<'_>) -> R {
    let items = c.args.to_vec();
    value::new_tuple(c.heap_mut(), items)
}

pub(crate) fn set(c: &mut Call<'_>) -> R {
    let items = c.args.to_vec();
    new_set_value(c, &items)
}

fn dict_from_pairs(c: &mut Call<'_>, pairs: &[(Value, Value)]) -> R {
    let mut map = ObjMap::new();
    for &(k, v) in pairs {
        match encode_key(c.heap(), k) {
            Ok(key) => {
                map.set(&key, v);
            }
            Err(msg) => return Err(raise_type(c, msg)),
        }
    }
    c.heap_mut().alloc_obj(map)
}

/// `py.dict(k1, v1, k2, v2, ...)`: a dict literal.
pub(crate) fn dict(c: &mut Call<'_>) -> R {
    let pairs: Vec<(Value, Value)> = c
        .args
        .chunks(2)
        .map(|p| (p[0], p.get(1).copied().unwrap_or(Value::Null)))
        .collect();
    dict_from_pairs(c, &pairs)
}

pub(crate) fn to_dict(c: &mut Call<'_>) -> R {
    let src = c.arg(0);
    if let Py::Dict(map) = view(c.heap(), src) {
        let map = map.clone();
        return c.heap_mut().alloc_obj(map);
    }
    let items = if src == Value::Null {
        Vec::new()
    } else {
        items_of(c, src)?
    };
    let mut pairs = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let kv = items_of(c, item)?;
        if kv.len() != 2 {
            return Err(raise(
                c,
                "ValueError",
                format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    kv.len()
                ),
            ));
        }
        pairs.push((kv[0], kv[1]));
    }
    dict_from_pairs(c, &pairs)
}

pub(crate) fn int(c: &mut Call<'_>) -> R {
    let v = c.arg(0);
    match view(c.heap(), v) {
        Py::Int(i) => Ok(Value::Int(i)),
        Py::Bool(b) => Ok(Value::Int(i64::from(b))),
        Py::Float(f) if f.is_nan() => Err(raise(
            c,
            "ValueError",
            "cannot convert float NaN to integer",
        )),
        Py::Float(f) if f.is_infinite() || f.abs() >= 9.3e18 => Err(raise(
            c,
            "OverflowError",
            "cannot convert float infinity to integer",
        )),
        Py::Float(f) => Ok(Value::Int(f.trunc() as i64)),
        Py::Str(s) => {
            let base = match c.arg(1) {
                Value::Null => 10,
                _ => c.int(1)?.clamp(2, 36) as u32,
            };
            let text = s.trim().replace('_', "");
            let (neg, digits) = match text.strip_prefix('-') {
                Some(d) => (true, d.to_owned()),
                None => (false, text.strip_prefix('+').unwrap_or(&text).to_owned()),
            };
            let digits = match base {
                16 => digits
                    .trim_start_matches("0x")
                    .trim_start_matches("0X")
                    .to_owned(),
                2 => digits.trim_start_matches("0b").to_owned(),
                8 => digits.trim_start_matches("0o").to_owned(),
                _ => digits,
            };
            let parsed = if digits.is_empty() || digits.starts_with(['+', '-']) {
                None
            } else {
                i64::from_str_radix(&digits, base).ok()
            };
            match parsed {
                Some(n) => Ok(Value::Int(if neg { -n } else { n })),
                None => {
                    let r = repr(c.heap(), v);
                    Err(raise(
                        c,
                        "ValueError",
                        format!("invalid literal for int() with base {base}: {r}"),
                    ))
                }
            }
        }
        _ => {
            let t = type_name(c.heap(), v).to_owned();
            Err(raise_type(
                c,
                format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
                ),
            ))
        }
    }
}

pub(crate) fn float(c: &mut Call<'_>) -> R {
    let v = c.arg(0);
    match view(c.heap(), v) {
        Py::Int(i) => Ok(Value::Float(i as f64)),
        Py::Bool(b) => Ok(Value::Float(f64::from(u8::from(b)))),
        Py::Float(f) => Ok(Value::Float(f)),
        Py::Str(s) => {
            let text = s.trim().replace('_', "");
            let lower = text.to_ascii_lowercase();
            let special = match lower.trim_start_matches(['+', '-']) {
                "inf" | "infinity" => Some(f64::INFINITY),
                "nan" => Some(f64::NAN),
                _ => None,
            };
            let parsed = match special {
                Some(x) if lower.starts_with('-') => Some(-x),
                Some(x) => Some(x),
                None if text
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | 'e' | 'E' | '+' | '-')) =>
                {
                    text.parse::<f64>().ok()
                }
                None => None,
            };
            match parsed {
                Some(f) => Ok(Value::Float(f)),
                None => {
                    let r = repr(c.heap(), v);
                    Err(raise(
                        c,
                        "ValueError",
                        format!("could not convert string to float: {r}"),
                    ))
                }
            }
        }
        _ => {
            let t = type_name(c.heap(), v).to_owned();
            Err(raise_type(
                c,
                format!("float() argument must be a string or a real number, not '{t}'"),
            ))
        }
    }
}

pub(crate) fn abs(c: &mut Call<'_>) -> R {
    match view(c.heap(), c.arg(0)) {
        Py::Int(i) => i
            .checked_abs()
            .map(Value::Int)
            .ok_or_else(|| raise(c, "OverflowError", "integer overflow")),
        Py::Bool(b) => Ok(Value::Int(i64::from(b))),
        Py::Float(f) => Ok(Value::Float(f.abs())),
        _ => {
            let t = type_name(c.heap(), c.arg(0)).to_owned();
            Err(raise_type(c, format!("bad operand type for abs(): '{t}'")))
        }
    }
}

fn round_half_even(x: f64) -> f64 {
    x.round_ties_even()
}

pub(crate) fn round(c: &mut Call<'_>) -> R {
    let digits = match c.arg(1) {
        Value::Null => None,
        _ => Some(c.int(1)?),
    };
    match (view(c.heap(), c.arg(0)), digits) {
        (Py::Int(i), None) => Ok(Value::Int(i)),
        (Py::Bool(b), None) => Ok(Value::Int(i64::from(b))),
        (Py::Int(i), Some(d)) if d >= 0 => Ok(Value::Int(i)),
        (Py::Int(i), Some(d)) => {
            let p = 10f64.powi(d.saturating_neg().min(18) as i32);
            Ok(Value::Int((round_half_even(i as f64 / p) * p) as i64))
        }
        (Py::Float(f), None) => {
            if !f.is_finite() {
                return Err(raise(
                    c,
                    "OverflowError",
                    "cannot convert float infinity to integer",
                ));
            }
            Ok(Value::Int(round_half_even(f) as i64))
        }
        (Py::Float(f), Some(d)) if d >= 0 => {
            if !f.is_finite() {
                return Ok(Value::Float(f));
            }
            let d = d.min(300) as usize;
            Ok(Value::Float(format!("{f:.d$}").parse().unwrap_or(f)))
        }
        (Py::Float(f), Some(d)) => {
            let p = 10f64.powi(d.saturating_neg().min(300) as i32);
            Ok(Value::Float(round_half_even(f / p) * p))
        }
        _ => {
            let t = type_name(c.heap(), c.arg(0)).to_owned();
            Err(raise_type(
                c,
                format!("type {t} doesn't define __round__ method"),
            ))
        }
    }
}

/// Whether a value of Python type `actual` is an instance of the type named `wanted`.
fn instance_of(actual: &str, wanted: &str) -> bool {
    actual == wanted
        || (actual == "bool" && wanted == "int")
        || super::exc_is(actual, wanted)
        || wanted == "object"
}

pub(crate) fn isinstance(c: &mut Call<'_>) -> R {
    let actual = type_name(c.heap(), c.arg(0)).to_owned();
    let wanted: Vec<String> = c
        .list_ref(1)?
        .iter()
        .filter_map(|v| c.heap().str(*v).map(str::to_owned))
        .collect();
    Ok(Value::Bool(wanted.iter().any(|w| instance_of(&actual, w))))
}

pub(crate) fn chr(c: &mut Call<'_>) -> R {
    let i = c.int(0)?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(ch) => c.alloc_str(ch.to_string()),
        None => Err(raise(c, "ValueError", "chr() arg not in range(0x110000)")),
    }
}

pub(crate) fn ord(c: &mut Call<'_>) -> R {
    let s = c.string(0)?;
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(ch), None) => Ok(Value::Int(ch as i64)),
        _ => {
            let n = s.chars().count();
            Err(raise_type(
                c,
                format!("ord() expected a character, but string of length {n} found"),
            ))
        }
    }
}

pub(crate) fn divmod(c: &mut Call<'_>) -> R {
    let args = [c.arg(0), c.arg(1)];
    let q = sub_call(c, ops::floordiv, &args)?;
    let r = sub_call(c, ops::modulo, &args)?;
    value::new_tuple(c.heap_mut(), vec![q, r])
}

pub(crate) fn type_name_op(c: &mut Call<'_>) -> R {
    let t = type_name(c.heap(), c.arg(0)).to_owned();
    c.alloc_str(t)
}

/// `f(*args)`: calls a function with a list of arguments.
pub(crate) fn call(c: &mut Call<'_>) -> R {
    let f = c.arg(0);
    let args = items_of(c, c.arg(1))?;
    c.ctx.call(f, &args)
}

pub(crate) fn str_op(c: &mut Call<'_>) -> R {
    if c.args.is_empty() {
        return c.alloc_str(String::new());
    }
    let s = to_str(c.heap(), c.arg(0));
    c.charge_bytes(s.len())?;
    c.alloc_str(s)
}

pub(crate) fn repr_op(c: &mut Call<'_>) -> R {
    let s = repr(c.heap(), c.arg(0));
    c.charge_bytes(s.len())?;
    c.alloc_str(s)
}

/// The text `print(*items, sep=sep, end=end)` writes.
pub(crate) fn print_text(c: &mut Call<'_>) -> R {
    let items = items_of(c, c.arg(0))?;
    let text_or = |c: &Call<'_>, i: usize, default: &str| match view(c.heap(), c.arg(i)) {
        Py::Str(s) => s.to_owned(),
        _ => default.to_owned(),
    };
    let (sep, end) = (text_or(c, 1, " "), text_or(c, 2, "\n"));
    let parts: Vec<String> = items.iter().map(|v| to_str(c.heap(), *v)).collect();
    let out = format!("{}{end}", parts.join(&sep));
    c.charge_bytes(out.len())?;
    c.alloc_str(out)
}

/// `obj.name` for the attributes scripts read: an exception's `args`.
pub(crate) fn getattr(c: &mut Call<'_>) -> R {
    let name = c.string(1)?;
    if let (Py::Exc(_, map), "args") = (view(c.heap(), c.arg(0)), name.as_str()) {
        return Ok(map.get("args").unwrap_or(Value::Null));
    }
    let t = type_name(c.heap(), c.arg(0)).to_owned();
    Err(raise(
        c,
        "AttributeError",
        format!("'{t}' object has no attribute '{name}'"),
    ))
}
