//! Indexing, slicing, length, iteration and unpacking of Python sequences and mappings.

use weft_runtime::{HeapObj, Value};

use super::value::{self, Py, encode_key, type_name, view};
use super::{R, raise, raise_key, raise_type};
use crate::call::Call;

fn index_of(
    c: &mut Call<'_>,
    what: &str,
    len: usize,
    key: Value,
    action: &str,
) -> Result<usize, weft_runtime::RuntimeError> {
    let i = match view(c.heap(), key) {
        Py::Int(i) => i,
        Py::Bool(b) => i64::from(b),
        _ => {
            let t = type_name(c.heap(), key).to_owned();
            return Err(raise_type(
                c,
                format!("{what} indices must be integers or slices, not {t}"),
            ));
        }
    };
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx >= len as i64 {
        return Err(raise(
            c,
            "IndexError",
            format!("{what} {action}index out of range"),
        ));
    }
    Ok(idx as usize)
}

fn dict_key(c: &mut Call<'_>, key: Value) -> Result<String, weft_runtime::RuntimeError> {
    encode_key(c.heap(), key).map_err(|msg| raise_type(c, msg))
}

pub(crate) fn getitem(c: &mut Call<'_>) -> R {
    let (obj, key) = (c.arg(0), c.arg(1));
    match view(c.heap(), obj) {
        Py::List(items) => {
            let n = items.len();
            let i = index_of(c, "list", n, key, "")?;
            Ok(c.heap().list(obj).map_or(Value::Null, |l| l[i]))
        }
        Py::Tuple(items) => {
            let items = items.to_vec();
            let i = index_of(c, "tuple", items.len(), key, "")?;
            Ok(items[i])
        }
        Py::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            let i = index_of(c, "string", chars.len(), key, "")?;
            c.alloc_str(chars[i].to_string())
        }
        Py::Dict(map) => {
            let map_key = encode_key(c.heap(), key);
            match map_key {
                Ok(k) => match map.get(&k) {
                    Some(v) => Ok(v),
                    None => Err(raise_key(c, key)),
                },
                Err(msg) => Err(raise_type(c, msg)),
            }
        }
        _ => {
            let t = type_name(c.heap(), obj).to_owned();
            Err(raise_type(c, format!("'{t}' object is not subscriptable")))
        }
    }
}

pub(crate) fn setitem(c: &mut Call<'_>) -> R {
    let (obj, key, val) = (c.arg(0), c.arg(1), c.arg(2));
    match (obj, view(c.heap(), obj)) {
        (Value::List(id), Py::List(items)) => {
            let n = items.len();
            let i = index_of(c, "list", n, key, "assignment ")?;
            c.heap_mut().update(id, |o| {
                if let HeapObj::List(l) = o {
                    l[i] = val;
                }
            })?;
            Ok(Value::Null)
        }
        (Value::Obj(id), Py::Dict(_)) => {
            let k = dict_key(c, key)?;
            c.heap_mut().update(id, |o| {
                if let HeapObj::Obj(m) = o {
                    m.set(&k, val);
                }
            })?;
            Ok(Value::Null)
        }
        _ => {
            let t = type_name(c.heap(), obj).to_owned();
            Err(raise_type(
                c,
                format!("'{t}' object does not support item assignment"),
            ))
        }
    }
}

pub(crate) fn delitem(c: &mut Call<'_>) -> R {
    let (obj, key) = (c.arg(0), c.arg(1));
    match (obj, view(c.heap(), obj)) {
        (Value::List(id), Py::List(items)) => {
            let n = items.len();
            let i = index_of(c, "list", n, key, "assignment ")?;
            c.heap_mut().update(id, |o| {
                if let HeapObj::List(l) = o {
                    l.remove(i);
                }
            })?;
            Ok(Value::Null)
        }
        (Value::Obj(id), Py::Dict(map)) => {
            let present = encode_key(c.heap(), key).map(|k| map.get(&k).is_some());
            let k = dict_key(c, key)?;
            if present != Ok(true) {
                return Err(raise_key(c, key));
            }
            c.heap_mut().update(id, |o| {
                if let HeapObj::Obj(m) = o {
                    m.remove(&k);
                }
            })?;
            Ok(Value::Null)
        }
        _ => {
            let t = type_name(c.heap(), obj).to_owned();
            Err(raise_type(
                c,
                format!("'{t}' object does not support item deletion"),
            ))
        }
    }
}

fn opt_int(c: &mut Call<'_>, i: usize) -> Result<Option<i64>, weft_runtime::RuntimeError> {
    match view(c.heap(), c.arg(i)) {
        Py::None => Ok(None),
        Py::Int(n) => Ok(Some(n)),
        Py::Bool(b) => Ok(Some(i64::from(b))),
        _ => Err(raise_type(
            c,
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// The indices a slice selects from a sequence of `len` elements (Python's rules).
pub(crate) fn slice_indices(
    len: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: i64,
) -> Vec<usize> {
    let len = len as i64;
    let adjust = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
        None => default,
        Some(v) if v < 0 => (v + len).max(lo),
        Some(v) => v.min(hi),
    };
    let mut out = Vec::new();
    if step > 0 {
        let (a, b) = (adjust(start, 0, 0, len), adjust(stop, len, 0, len));
        let mut i = a;
        while i < b {
            out.push(i as usize);
            let Some(next) = i.checked_add(step) else {
                break;
            };
            i = next;
        }
    } else {
        let (a, b) = (
            adjust(start, len - 1, -1, len - 1),
            adjust(stop, -1, -1, len - 1),
        );
        let mut i = a;
        while i > b {
            out.push(i as usize);
            let Some(next) = i.checked_add(step) else {
                break;
            };
            i = next;
        }
    }
    out
}

pub(crate) fn slice(c: &mut Call<'_>) -> R {
    let obj = c.arg(0);
    let (start, stop) = (opt_int(c, 1)?, opt_int(c, 2)?);
    let step = opt_int(c, 3)?.unwrap_or(1);
    if step == 0 {
        return Err(raise(c, "ValueError", "slice step cannot be zero"));
    }
    match view(c.heap(), obj) {
        Py::List(items) | Py::Tuple(items) => {
            let tuple = matches!(view(c.heap(), obj), Py::Tuple(_));
            let picked: Vec<Value> = slice_indices(items.len(), start, stop, step)
                .into_iter()
                .map(|i| items[i])
                .collect();
            c.charge_items(picked.len() as u64)?;
            if tuple {
                Ok(value::new_tuple(c.heap_mut(), picked)?)
            } else {
                c.alloc_list(picked)
            }
        }
        Py::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            let out: String = slice_indices(chars.len(), start, stop, step)
                .into_iter()
                .map(|i| chars[i])
                .collect();
            c.charge_bytes(out.len())?;
            c.alloc_str(out)
        }
        _ => {
            let t = type_name(c.heap(), obj).to_owned();
            Err(raise_type(c, format!("'{t}' object is not subscriptable")))
        }
    }
}

pub(crate) fn len(c: &mut Call<'_>) -> R {
    let n = match view(c.heap(), c.arg(0)) {
        Py::Str(s) => s.chars().count(),
        Py::List(items) | Py::Tuple(items) => items.len(),
        Py::Dict(map) | Py::Set(map) => map.len(),
        _ => {
            let t = type_name(c.heap(), c.arg(0)).to_owned();
            return Err(raise_type(c, format!("object of type '{t}' has no len()")));
        }
    };
    Ok(Value::Int(n as i64))
}

/// The elements iterating over `v` yields, as a vector.
pub(crate) fn items_of(
    c: &mut Call<'_>,
    v: Value,
) -> Result<Vec<Value>, weft_runtime::RuntimeError> {
    let out = match view(c.heap(), v) {
        Py::List(items) | Py::Tuple(items) => items.to_vec(),
        Py::Set(map) => map.iter().map(|(_, v)| v).collect(),
        Py::Str(s) => {
            let chars: Vec<String> = s.chars().map(String::from).collect();
            let mut out = Vec::with_capacity(chars.len());
            for ch in chars {
                out.push(c.alloc_str(ch)?);
            }
            out
        }
        Py::Dict(map) => {
            let keys: Vec<String> = map.iter().map(|(k, _)| k.to_owned()).collect();
            let mut out = Vec::with_capacity(keys.len());
            for k in keys {
                out.push(value::decode_key(c.heap_mut(), &k)?);
            }
            out
        }
        _ => {
            let t = type_name(c.heap(), v).to_owned();
            return Err(raise_type(c, format!("'{t}' object is not iterable")));
        }
    };
    c.charge_items(out.len() as u64)?;
    Ok(out)
}

/// `py.iter`: a list to loop over (a list is returned as it is, not copied).
pub(crate) fn iter(c: &mut Call<'_>) -> R {
    if let Value::List(_) = c.arg(0) {
        return Ok(c.arg(0));
    }
    let items = items_of(c, c.arg(0))?;
    c.alloc_list(items)
}

pub(crate) fn unpack(c: &mut Call<'_>) -> R {
    let items = items_of(c, c.arg(0))?;
    let n = c.int(1)?.max(0) as usize;
    if items.len() > n {
        return Err(raise(
            c,
            "ValueError",
            format!("too many values to unpack (expected {n})"),
        ));
    }
    if items.len() < n {
        return Err(raise(
            c,
            "ValueError",
            format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            ),
        ));
    }
    c.alloc_list(items)
}

/// `a, *b, c = v`: a list of `before` values, the list of the middle, and `after` values.
pub(crate) fn unpack_star(c: &mut Call<'_>) -> R {
    let items = items_of(c, c.arg(0))?;
    let before = c.int(1)?.max(0) as usize;
    let after = c.int(2)?.max(0) as usize;
    if items.len() < before.saturating_add(after) {
        return Err(raise(
            c,
            "ValueError",
            format!(
                "not enough values to unpack (expected at least {}, got {})",
                before.saturating_add(after),
                items.len()
            ),
        ));
    }
    let mut out = items[..before].to_vec();
    let middle = items[before..items.len() - after].to_vec();
    out.push(c.alloc_list(middle)?);
    out.extend_from_slice(&items[items.len() - after..]);
    c.alloc_list(out)
}

pub(crate) fn range(c: &mut Call<'_>) -> R {
    let mut bounds = [0i64; 3];
    for (i, b) in bounds.iter_mut().enumerate() {
        *b = match view(c.heap(), c.arg(i)) {
            Py::Int(n) => n,
            Py::Bool(x) => i64::from(x),
            Py::None if i == 2 => 1,
            _ => {
                let t = type_name(c.heap(), c.arg(i)).to_owned();
                return Err(raise_type(
                    c,
                    format!("'{t}' object cannot be interpreted as an integer"),
                ));
            }
        };
    }
    let [start, stop, step] = bounds;
    if step == 0 {
        return Err(raise(c, "ValueError", "range() arg 3 must not be zero"));
    }
    let (start, stop, step) = (i128::from(start), i128::from(stop), i128::from(step));
    let count = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    c.heap().check_room(count.saturating_mul(16))?;
    c.charge_items(count as u64)?;
    let items: Vec<Value> = (0..count)
        .map(|k| Value::Int((start + k as i128 * step) as i64))
        .collect();
    c.alloc_list(items)
}
