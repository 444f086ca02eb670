//! Python operators: arithmetic with Python's int/float rules, structural equality,
//! ordering, truthiness and membership.

use std::cmp::Ordering;

use weft_runtime::{Heap, Value};

use super::value::{self, Py, encode_key, set_inner, type_name, view};
use super::{R, raise, raise_type};
use crate::call::Call;

/// A number as Python sees it (bools are ints).
#[derive(Clone, Copy)]
enum Num {
    I(i64),
    F(f64),
}

fn num(heap: &Heap, v: Value) -> Option<Num> {
    match view(heap, v) {
        Py::Bool(b) => Some(Num::I(i64::from(b))),
        Py::Int(i) => Some(Num::I(i)),
        Py::Float(f) => Some(Num::F(f)),
        _ => None,
    }
}

fn as_f(n: Num) -> f64 {
    match n {
        Num::I(i) => i as f64,
        Num::F(f) => f,
    }
}

fn unsupported(c: &mut Call<'_>, op: &str) -> weft_runtime::RuntimeError {
    let (a, b) = (
        type_name(c.heap(), c.arg(0)).to_owned(),
        type_name(c.heap(), c.arg(1)).to_owned(),
    );
    raise(
        c,
        "TypeError",
        format!("unsupported operand type(s) for {op}: '{a}' and '{b}'"),
    )
}

fn overflow(c: &mut Call<'_>) -> weft_runtime::RuntimeError {
    raise(
        c,
        "OverflowError",
        "integer overflow (Weft ints are 64-bit)",
    )
}

fn int_op(c: &mut Call<'_>, r: Option<i64>) -> R {
    match r {
        Some(i) => Ok(Value::Int(i)),
        None => Err(overflow(c)),
    }
}

/// Both operands as numbers, when they are.
fn nums(c: &Call<'_>) -> Option<(Num, Num)> {
    Some((num(c.heap(), c.arg(0))?, num(c.heap(), c.arg(1))?))
}

fn concat_lists(a: &[Value], b: &[Value]) -> Vec<Value> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    out
}

pub(crate) fn add(c: &mut Call<'_>) -> R {
    if let Some(pair) = nums(c) {
        return match pair {
            (Num::I(a), Num::I(b)) => int_op(c, a.checked_add(b)),
            (a, b) => Ok(Value::Float(as_f(a) + as_f(b))),
        };
    }
    let (a, b) = (c.arg(0), c.arg(1));
    match (view(c.heap(), a), view(c.heap(), b)) {
        (Py::Str(x), Py::Str(y)) => {
            let s = format!("{x}{y}");
            c.charge_bytes(s.len())?;
            c.alloc_str(s)
        }
        (Py::List(x), Py::List(y)) => {
            let items = concat_lists(x, y);
            c.charge_items(items.len() as u64)?;
            c.alloc_list(items)
        }
        (Py::Tuple(x), Py::Tuple(y)) => {
            let items = concat_lists(x, y);
            c.charge_items(items.len() as u64)?;
            Ok(value::new_tuple(c.heap_mut(), items)?)
        }
        (Py::Str(_), _) | (Py::List(_), _) | (Py::Tuple(_), _) => {
            let (ta, tb) = (
                type_name(c.heap(), a).to_owned(),
                type_name(c.heap(), b).to_owned(),
            );
            Err(raise(
                c,
                "TypeError",
                format!("can only concatenate {ta} (not \"{tb}\") to {ta}"),
            ))
        }
        _ => Err(unsupported(c, "+")),
    }
}

/// `a += b`: lists are extended in place; everything else is `a + b`.
pub(crate) fn iadd(c: &mut Call<'_>) -> R {
    if let (Value::List(id), Some(items)) = (c.arg(0), value::seq_items(c.heap(), c.arg(1))) {
        let items = items.to_vec();
        c.charge_items(items.len() as u64)?;
        c.heap_mut().update(id, |o| {
            if let weft_runtime::HeapObj::List(l) = o {
                l.extend(items);
            }
        })?;
        return Ok(c.arg(0));
    }
    if let (Value::List(id), Py::Str(s)) = (c.arg(0), view(c.heap(), c.arg(1))) {
        let chars: Vec<String> = s.chars().map(String::from).collect();
        let mut items = Vec::new();
        for ch in chars {
            items.push(c.alloc_str(ch)?);
        }
        c.heap_mut().update(id, |o| {
            if let weft_runtime::HeapObj::List(l) = o {
                l.extend(items);
            }
        })?;
        return Ok(c.arg(0));
    }
    add(c)
}

fn set_op(c: &mut Call<'_>, keep: fn(bool, bool) -> bool, both_sides: bool) -> Option<R> {
    let (sa, sb) = (
        set_inner(c.heap(), c.arg(0))?,
        set_inner(c.heap(), c.arg(1))?,
    );
    let (a, b) = (c.heap().obj(sa)?.clone(), c.heap().obj(sb)?.clone());
    let mut items = Vec::new();
    for (k, v) in a.iter() {
        if keep(true, b.get(k).is_some()) {
            items.push(v);
        }
    }
    if both_sides {
        for (k, v) in b.iter() {
            if keep(a.get(k).is_some(), true) && a.get(k).is_none() {
                items.push(v);
            }
        }
    }
    Some(new_set_value(c, &items))
}

pub(crate) fn new_set_value(c: &mut Call<'_>, items: &[Value]) -> R {
    c.charge_items(items.len() as u64)?;
    match value::new_set(c.heap_mut(), items) {
        Ok(v) => Ok(v),
        Err(Ok(e)) => Err(e),
        Err(Err(msg)) => Err(raise(c, "TypeError", msg)),
    }
}

pub(crate) fn sub(c: &mut Call<'_>) -> R {
    if let Some(pair) = nums(c) {
        return match pair {
            (Num::I(a), Num::I(b)) => int_op(c, a.checked_sub(b)),
            (a, b) => Ok(Value::Float(as_f(a) - as_f(b))),
        };
    }
    set_op(c, |_, in_b| !in_b, false).unwrap_or_else(|| Err(unsupported(c, "-")))
}

fn repeat(c: &mut Call<'_>, seq: Value, n: i64) -> R {
    let n = n.max(0) as usize;
    match view(c.heap(), seq) {
        Py::Str(s) => {
            let s = s.to_owned();
            c.heap().check_room(s.len().saturating_mul(n))?;
            c.charge_bytes(s.len().saturating_mul(n))?;
            c.alloc_str(s.repeat(n))
        }
        Py::List(items) | Py::Tuple(items) => {
            let items = items.to_vec();
            let tuple = matches!(view(c.heap(), seq), Py::Tuple(_));
            c.heap()
                .check_room(items.len().saturating_mul(n).saturating_mul(16))?;
            c.charge_items(items.len().saturating_mul(n) as u64)?;
            // `cycle` rather than `n` copies: an empty sequence times a huge `n` is instant.
            let out: Vec<Value> = items
                .iter()
                .copied()
                .cycle()
                .take(items.len().saturating_mul(n))
                .collect();
            if tuple {
                Ok(value::new_tuple(c.heap_mut(), out)?)
            } else {
                c.alloc_list(out)
            }
        }
        _ => Err(unsupported(c, "*")),
    }
}

pub(crate) fn mul(c: &mut Call<'_>) -> R {
    if let Some(pair) = nums(c) {
        return match pair {
            (Num::I(a), Num::I(b)) => int_op(c, a.checked_mul(b)),
            (a, b) => Ok(Value::Float(as_f(a) * as_f(b))),
        };
    }
    let (a, b) = (c.arg(0), c.arg(1));
    match (num(c.heap(), a), num(c.heap(), b)) {
        (None, Some(Num::I(n))) => repeat(c, a, n),
        (Some(Num::I(n)), None) => repeat(c, b, n),
        _ => Err(unsupported(c, "*")),
    }
}

pub(crate) fn truediv(c: &mut Call<'_>) -> R {
    let Some((a, b)) = nums(c) else {
        return Err(unsupported(c, "/"));
    };
    if as_f(b) == 0.0 {
        let msg = if matches!((a, b), (Num::I(_), Num::I(_))) {
            "division by zero"
        } else {
            "float division by zero"
        };
        return Err(raise(c, "ZeroDivisionError", msg));
    }
    Ok(Value::Float(as_f(a) / as_f(b)))
}

/// Python's float `divmod`, floor-rounded.
fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

pub(crate) fn floordiv(c: &mut Call<'_>) -> R {
    let Some(pair) = nums(c) else {
        return Err(unsupported(c, "//"));
    };
    match pair {
        (Num::I(_), Num::I(0)) => Err(raise(
            c,
            "ZeroDivisionError",
            "integer division or modulo by zero",
        )),
        (Num::I(a), Num::I(b)) => {
            let q = a.checked_div(b);
            let Some(q) = q else { return Err(overflow(c)) };
            Ok(Value::Int(if (a % b != 0) && ((a < 0) != (b < 0)) {
                q - 1
            } else {
                q
            }))
        }
        (a, b) if as_f(b) == 0.0 => {
            let _ = a;
            Err(raise(
                c,
                "ZeroDivisionError",
                "float floor division by zero",
            ))
        }
        (a, b) => Ok(Value::Float(float_divmod(as_f(a), as_f(b)).0)),
    }
}

pub(crate) fn modulo(c: &mut Call<'_>) -> R {
    if let Py::Str(fmt) = view(c.heap(), c.arg(0)) {
        let fmt = fmt.to_owned();
        return super::format::percent(c, &fmt, c.arg(1));
    }
    let Some(pair) = nums(c) else {
        return Err(unsupported(c, "%"));
    };
    match pair {
        (Num::I(a), Num::I(b)) => match crate::math::floor_rem(a, b) {
            Some(r) => Ok(Value::Int(r)),
            None => Err(raise(c, "ZeroDivisionError", "integer modulo by zero")),
        },
        (_, b) if as_f(b) == 0.0 => Err(raise(c, "ZeroDivisionError", "float modulo")),
        (a, b) => Ok(Value::Float(float_divmod(as_f(a), as_f(b)).1)),
    }
}

pub(crate) fn pow(c: &mut Call<'_>) -> R {
    let Some(pair) = nums(c) else {
        return Err(unsupported(c, "** or pow()"));
    };
    match pair {
        (Num::I(a), Num::I(b)) if b >= 0 => {
            let r = u32::try_from(b).ok().and_then(|b| a.checked_pow(b));
            int_op(c, r)
        }
        (a, b) => {
            let (x, y) = (as_f(a), as_f(b));
            if x == 0.0 && y < 0.0 {
                return Err(raise(
                    c,
                    "ZeroDivisionError",
                    "0.0 cannot be raised to a negative power",
                ));
            }
            Ok(Value::Float(x.powf(y)))
        }
    }
}

fn int_pair(c: &Call<'_>) -> Option<(i64, i64, bool)> {
    let bools = matches!((c.arg(0), c.arg(1)), (Value::Bool(_), Value::Bool(_)));
    match (num(c.heap(), c.arg(0)), num(c.heap(), c.arg(1))) {
        (Some(Num::I(a)), Some(Num::I(b))) => Some((a, b, bools)),
        _ => None,
    }
}

fn bit_op(
    c: &mut Call<'_>,
    op: &str,
    f: fn(i64, i64) -> i64,
    keep: fn(bool, bool) -> bool,
    both: bool,
) -> R {
    if let Some((a, b, bools)) = int_pair(c) {
        let r = f(a, b);
        return Ok(if bools {
            Value::Bool(r != 0)
        } else {
            Value::Int(r)
        });
    }
    if let Some(r) = set_op(c, keep, both) {
        return r;
    }
    if let (true, Py::Dict(a), Py::Dict(b)) = (
        op == "|",
        view(c.heap(), c.arg(0)),
        view(c.heap(), c.arg(1)),
    ) {
        let mut map = a.clone();
        for (k, v) in b.iter() {
            map.set(k, v);
        }
        return c.heap_mut().alloc_obj(map);
    }
    Err(unsupported(c, op))
}

pub(crate) fn bitor(c: &mut Call<'_>) -> R {
    bit_op(c, "|", |a, b| a | b, |a, b| a || b, true)
}

pub(crate) fn bitand(c: &mut Call<'_>) -> R {
    bit_op(c, "&", |a, b| a & b, |a, b| a && b, false)
}

pub(crate) fn bitxor(c: &mut Call<'_>) -> R {
    bit_op(c, "^", |a, b| a ^ b, |a, b| a != b, true)
}

/// Python `==`: numbers by value, strings by content, containers element by element.
pub(crate) fn equal(heap: &Heap, a: Value, b: Value) -> bool {
    equal_depth(heap, a, b, 0)
}

fn equal_depth(heap: &Heap, a: Value, b: Value, depth: usize) -> bool {
    if depth > 64 {
        return a == b;
    }
    if let (Some(x), Some(y)) = (num(heap, a), num(heap, b)) {
        return match (x, y) {
            (Num::I(x), Num::I(y)) => x == y,
            _ => {
                weft_runtime::num::cmp_numbers(num_value(x), num_value(y)) == Some(Ordering::Equal)
            }
        };
    }
    match (view(heap, a), view(heap, b)) {
        (Py::None, Py::None) => true,
        (Py::Str(x), Py::Str(y)) => x == y,
        (Py::List(x), Py::List(y)) | (Py::Tuple(x), Py::Tuple(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| equal_depth(heap, *p, *q, depth + 1))
        }
        (Py::Dict(x), Py::Dict(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| equal_depth(heap, v, w, depth + 1)))
        }
        (Py::Set(x), Py::Set(y)) => x.len() == y.len() && x.iter().all(|(k, _)| y.get(k).is_some()),
        _ => a == b,
    }
}

fn num_value(n: Num) -> Value {
    match n {
        Num::I(i) => Value::Int(i),
        Num::F(f) => Value::Float(f),
    }
}

/// Python ordering: numbers, strings, and lists or tuples element by element.
/// `Ok(None)` for unordered numbers (NaN); `Err` with the type names otherwise.
pub(crate) fn compare(
    heap: &Heap,
    a: Value,
    b: Value,
) -> Result<Option<Ordering>, (String, String)> {
    if let (Some(x), Some(y)) = (num(heap, a), num(heap, b)) {
        return Ok(weft_runtime::num::cmp_numbers(num_value(x), num_value(y)));
    }
    match (view(heap, a), view(heap, b)) {
        (Py::Str(x), Py::Str(y)) => Ok(Some(x.cmp(y))),
        (Py::List(x), Py::List(y)) | (Py::Tuple(x), Py::Tuple(y)) => {
            for (p, q) in x.iter().zip(y) {
                if !equal(heap, *p, *q) {
                    return compare(heap, *p, *q);
                }
            }
            Ok(Some(x.len().cmp(&y.len())))
        }
        _ => Err((type_name(heap, a).to_owned(), type_name(heap, b).to_owned())),
    }
}

fn ordered(c: &mut Call<'_>, sym: &str, test: fn(Ordering) -> bool) -> R {
    match compare(c.heap(), c.arg(0), c.arg(1)) {
        Ok(o) => Ok(Value::Bool(o.is_some_and(test))),
        Err((a, b)) => Err(raise(
            c,
            "TypeError",
            format!("'{sym}' not supported between instances of '{a}' and '{b}'"),
        )),
    }
}

pub(crate) fn eq(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(equal(c.heap(), c.arg(0), c.arg(1))))
}

pub(crate) fn ne(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(!equal(c.heap(), c.arg(0), c.arg(1))))
}

pub(crate) fn lt(c: &mut Call<'_>) -> R {
    ordered(c, "<", Ordering::is_lt)
}

pub(crate) fn le(c: &mut Call<'_>) -> R {
    ordered(c, "<=", Ordering::is_le)
}

pub(crate) fn gt(c: &mut Call<'_>) -> R {
    ordered(c, ">", Ordering::is_gt)
}

pub(crate) fn ge(c: &mut Call<'_>) -> R {
    ordered(c, ">=", Ordering::is_ge)
}

pub(crate) fn truthy(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(value::truthy(c.heap(), c.arg(0))))
}

pub(crate) fn not(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(!value::truthy(c.heap(), c.arg(0))))
}

pub(crate) fn neg(c: &mut Call<'_>) -> R {
    match num(c.heap(), c.arg(0)) {
        Some(Num::I(i)) => int_op(c, i.checked_neg()),
        Some(Num::F(f)) => Ok(Value::Float(-f)),
        None => {
            let t = type_name(c.heap(), c.arg(0)).to_owned();
            Err(raise(
                c,
                "TypeError",
                format!("bad operand type for unary -: '{t}'"),
            ))
        }
    }
}

/// `item in container`.
pub(crate) fn contains(c: &mut Call<'_>) -> R {
    let (container, item) = (c.arg(0), c.arg(1));
    let heap = c.heap();
    let found = match view(heap, container) {
        Py::List(items) | Py::Tuple(items) => {
            let n = items.len();
            let hit = items.iter().any(|v| equal(heap, *v, item));
            c.charge_items(n as u64)?;
            hit
        }
        Py::Str(s) => match view(heap, item) {
            Py::Str(sub) => s.contains(sub),
            _ => {
                let t = type_name(heap, item).to_owned();
                return Err(raise(
                    c,
                    "TypeError",
                    format!("'in <string>' requires string as left operand, not {t}"),
                ));
            }
        },
        Py::Dict(map) | Py::Set(map) => match encode_key(heap, item) {
            Ok(k) => map.get(&k).is_some(),
            Err(msg) => return Err(raise(c, "TypeError", msg)),
        },
        _ => {
            let t = type_name(heap, container).to_owned();
            return Err(raise_type(
                c,
                format!("argument of type '{t}' is not iterable"),
            ));
        }
    };
    Ok(Value::Bool(found))
}
