//! `list.*`: lists are mutable and shared by reference; `slice`, `concat`, `reverse`,
//! `sort`, `map`, `filter` and `flatMap` return new lists.
//!
//! Indices are 0-based; where the docs say so, a negative index counts from the end.
//! Higher-order opcodes call back into the backend through [`Ctx::call`], passing
//! `(element, index)` (`reduce`: `(acc, element, index)`); the callee's own nodes pay their
//! own gas on top of the per-element charge here.
//!
//! [`Ctx::call`]: crate::Ctx::call

use weft_runtime::diagnostics as diag;
use weft_runtime::{HeapObj, RuntimeError, Truth, Value};

use crate::call::Call;

type R = Result<Value, RuntimeError>;

/// A JS-style slice bound: negative counts from the end, then clamped to `0..=len`.
pub fn clamp_index(i: i64, len: usize) -> usize {
    let len_i = len as i64;
    let i = if i < 0 {
        (len_i + i).max(0)
    } else {
        i.min(len_i)
    };
    i as usize
}

/// A negative-from-the-end element index, `None` when out of range.
pub fn element_index(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i.checked_add(len as i64)? } else { i };
    usize::try_from(j).ok().filter(|&j| j < len)
}

/// Runs `f` on the list behind argument 0, re-counting heap bytes afterwards.
fn with_list<T>(c: &mut Call<'_>, f: impl FnOnce(&mut Vec<Value>) -> T) -> Result<T, RuntimeError> {
    let id = c.list_id(0)?;
    let name = c.name;
    c.heap_mut().update(id, |obj| match obj {
        HeapObj::List(items) => Ok(f(items)),
        _ => Err(diag::internal(format!(
            "{name}: list slot holds something else"
        ))),
    })?
}

pub fn new(c: &mut Call<'_>) -> R {
    let items = c.args.to_vec();
    c.alloc_list(items)
}

pub fn len(c: &mut Call<'_>) -> R {
    Ok(Value::Int(c.list_ref(0)?.len() as i64))
}

pub fn empty(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(c.list_ref(0)?.is_empty()))
}

pub fn get(c: &mut Call<'_>) -> R {
    let i = c.int(1)?;
    let items = c.list_ref(0)?;
    Ok(match element_index(i, items.len()) {
        Some(j) => items[j],
        None => c.arg(2),
    })
}

pub fn set(c: &mut Call<'_>) -> R {
    let i = c.int(1)?;
    let value = c.arg(2);
    let len = c.list_ref(0)?.len();
    if i == len as i64 {
        c.heap_mut().check_room(16)?;
        with_list(c, |items| items.push(value))?;
        return Ok(value);
    }
    let j = element_index(i, len).ok_or_else(|| diag::index_out_of_range(i, len))?;
    with_list(c, |items| items[j] = value)?;
    Ok(value)
}

pub fn push(c: &mut Call<'_>) -> R {
    let values = c.args.get(1..).unwrap_or_default().to_vec();
    c.heap_mut().check_room(values.len() * 16)?;
    let n = with_list(c, |items| {
        items.extend(values);
        items.len()
    })?;
    Ok(Value::Int(n as i64))
}

pub fn pop(c: &mut Call<'_>) -> R {
    Ok(with_list(c, Vec::pop)?.unwrap_or(Value::Null))
}

pub fn unshift(c: &mut Call<'_>) -> R {
    let values = c.args.get(1..).unwrap_or_default().to_vec();
    let moved = c.list_ref(0)?.len();
    c.charge_items(moved as u64)?;
    c.heap_mut().check_room(values.len() * 16)?;
    let n = with_list(c, |items| {
        items.splice(0..0, values);
        items.len()
    })?;
    Ok(Value::Int(n as i64))
}

pub fn shift(c: &mut Call<'_>) -> R {
    let len = c.list_ref(0)?.len();
    if len == 0 {
        return Ok(Value::Null);
    }
    c.charge_items(len as u64 - 1)?;
    with_list(c, |items| items.remove(0))
}

pub fn slice(c: &mut Call<'_>) -> R {
    let len = c.list_ref(0)?.len();
    let start = clamp_index(c.opt_int(1)?.unwrap_or(0), len);
    let end = clamp_index(c.opt_int(2)?.unwrap_or(len as i64), len);
    let out = if start < end {
        c.list_ref(0)?[start..end].to_vec()
    } else {
        Vec::new()
    };
    c.charge_items(out.len() as u64)?;
    c.alloc_list(out)
}

pub fn splice(c: &mut Call<'_>) -> R {
    let len = c.list_ref(0)?.len();
    let start = clamp_index(c.int(1)?, len);
    let count = match c.opt_int(2)? {
        None if c.args.len() < 3 => len - start,
        None => 0,
        Some(n) => (n.max(0) as usize).min(len - start),
    };
    let inserted = c.args.get(3..).unwrap_or_default().to_vec();
    c.charge_items((len - start) as u64)?;
    c.heap_mut().check_room((inserted.len() + count) * 16)?;
    let removed = with_list(c, |items| {
        items
            .splice(start..start + count, inserted)
            .collect::<Vec<_>>()
    })?;
    c.alloc_list(removed)
}

pub fn concat(c: &mut Call<'_>) -> R {
    let mut total = 0usize;
    for i in 0..c.args.len() {
        total += c.list_ref(i)?.len();
    }
    c.charge_items(total as u64)?;
    c.heap_mut().check_room(total * 16)?;
    let mut out = Vec::with_capacity(total);
    for i in 0..c.args.len() {
        out.extend_from_slice(c.list_ref(i)?);
    }
    c.alloc_list(out)
}

/// Position of the first element equal to argument 1, charging per comparison.
fn position(c: &mut Call<'_>) -> Result<Option<usize>, RuntimeError> {
    let needle = c.arg(1);
    let items = c.list_ref(0)?;
    let heap = c.heap();
    let found = items.iter().position(|v| heap.equal(*v, needle));
    let compared = found.map_or(items.len(), |p| p + 1);
    c.charge_items(compared as u64)?;
    Ok(found)
}

pub fn includes(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(position(c)?.is_some()))
}

pub fn index_of(c: &mut Call<'_>) -> R {
    Ok(Value::Int(position(c)?.map_or(-1, |p| p as i64)))
}

pub fn reverse(c: &mut Call<'_>) -> R {
    let mut items = c.list(0)?;
    c.charge_items(items.len() as u64)?;
    items.reverse();
    c.alloc_list(items)
}

pub fn join(c: &mut Call<'_>) -> R {
    let sep = if c.arg(1) == Value::Null {
        default_sep(c.name)
    } else {
        c.string(1)?
    };
    join_with(c, &sep)
}

fn default_sep(name: &str) -> String {
    if name == "str.join" {
        String::new()
    } else {
        ",".to_owned()
    }
}

/// Joins argument 0's display strings with `sep` (shared by `list.join` and `str.join`).
pub fn join_with(c: &mut Call<'_>, sep: &str) -> R {
    let items = c.list(0)?;
    c.charge_items(items.len() as u64)?;
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(&c.display(*v));
        c.heap().check_room(out.len())?;
    }
    c.alloc_str(out)
}

pub fn find(c: &mut Call<'_>) -> R {
    let (items, f) = (c.list(0)?, c.func(1)?);
    for (i, v) in items.into_iter().enumerate() {
        c.charge_items(1)?;
        let r = c.ctx.call(f, &[v, Value::Int(i as i64)])?;
        if c.heap().truthy(r, Truth::Ir) {
            return Ok(v);
        }
    }
    Ok(Value::Null)
}

pub fn map(c: &mut Call<'_>) -> R {
    let (items, f) = (c.list(0)?, c.func(1)?);
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.into_iter().enumerate() {
        c.charge_items(1)?;
        out.push(c.ctx.call(f, &[v, Value::Int(i as i64)])?);
    }
    c.alloc_list(out)
}

pub fn filter(c: &mut Call<'_>) -> R {
    let (items, f) = (c.list(0)?, c.func(1)?);
    let mut out = Vec::new();
    for (i, v) in items.into_iter().enumerate() {
        c.charge_items(1)?;
        let r = c.ctx.call(f, &[v, Value::Int(i as i64)])?;
        if c.heap().truthy(r, Truth::Ir) {
            out.push(v);
        }
    }
    c.alloc_list(out)
}

pub fn flat_map(c: &mut Call<'_>) -> R {
    let (items, f) = (c.list(0)?, c.func(1)?);
    let mut out = Vec::new();
    for (i, v) in items.into_iter().enumerate() {
        c.charge_items(1)?;
        let r = c.ctx.call(f, &[v, Value::Int(i as i64)])?;
        match c.heap().list(r) {
            Some(inner) => out.extend_from_slice(inner),
            None => out.push(r),
        }
        c.heap().check_room(out.len() * 16)?;
    }
    c.alloc_list(out)
}

pub fn reduce(c: &mut Call<'_>) -> R {
    let (items, f) = (c.list(0)?, c.func(1)?);
    let mut iter = items.into_iter().enumerate();
    let mut acc = if c.has(2) {
        c.arg(2)
    } else {
        match iter.next() {
            Some((_, v)) => v,
            None => {
                return Err(diag::invalid_argument(
                    c.name,
                    "empty list and no initial value",
                ));
            }
        }
    };
    for (i, v) in iter {
        c.charge_items(1)?;
        acc = c.ctx.call(f, &[acc, v, Value::Int(i as i64)])?;
    }
    Ok(acc)
}

/// Stable merge sort with a fallible comparison; `less(a, b)` says a goes first.
fn merge_sort(
    items: &mut Vec<Value>,
    less: &mut dyn FnMut(Value, Value) -> Result<bool, RuntimeError>,
) -> Result<(), RuntimeError> {
    let n = items.len();
    let mut src = std::mem::take(items);
    let mut dst = src.clone();
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // Take from the right only when it is strictly before the left: stable.
                if less(src[j], src[i])? {
                    dst[k] = src[j];
                    j += 1;
                } else {
                    dst[k] = src[i];
                    i += 1;
                }
                k += 1;
            }
            dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
            k += mid - i;
            dst[k..k + (hi - j)].copy_from_slice(&src[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    *items = src;
    Ok(())
}

/// `list.sort`: a new sorted list. Without a comparison, all numbers (by value) or all
/// strings (by code point); anything else is a type error.
pub fn sort(c: &mut Call<'_>) -> R {
    let mut items = c.list(0)?;
    let cmp = match c.arg(1) {
        Value::Null => None,
        _ => Some(c.func(1)?),
    };
    let name = c.name;
    merge_sort(&mut items, &mut |a, b| {
        c.charge_items(1)?;
        match cmp {
            Some(f) => {
                let r = c.ctx.call(f, &[a, b])?;
                match r {
                    Value::Int(i) => Ok(i < 0),
                    Value::Float(x) => Ok(x < 0.0),
                    Value::Bool(_) | Value::Null => Ok(false),
                    other => Err(diag::type_error(
                        name,
                        "a number from the comparison",
                        &c.describe(other),
                    )),
                }
            }
            None => match (a, b) {
                (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                    Ok(weft_runtime::num::cmp_numbers(a, b) == Some(std::cmp::Ordering::Less))
                }
                (Value::Str(_), Value::Str(_)) => Ok(c.heap().str(a) < c.heap().str(b)),
                _ => Err(diag::type_mismatch(name, &c.describe(a), &c.describe(b))),
            },
        }
    })?;
    c.alloc_list(items)
}
