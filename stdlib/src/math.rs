//! `math.*` and the comparison half of `bool.*`.
//!
//! **Integer overflow** is an `E5011` error, never a silent wrap: `math.add`, `math.sub`,
//! `math.mul`, `math.neg`, `math.abs`, `math.pow` and `math.shl` check every int result.
//! An int operation stays int only while every operand is an int; any float operand makes
//! the result a float (IEEE 754, so overflow there is `Infinity`).
//!
//! **Division:** `math.div` is always a float division, so dividing by zero gives
//! `Infinity`, `-Infinity` or `NaN` per IEEE 754. `math.mod` (truncating, sign of the
//! dividend), `math.idiv` and `math.fmod` (floored, sign of the divisor) on two ints with
//! a zero divisor are an `E5012` error; with a float operand they follow IEEE 754 (NaN).
//! `i64::MIN % -1` is 0 and `math.idiv(i64::MIN, -1)` is an overflow error.
//!
//! `math.floor`, `ceil`, `trunc` and `round` keep the type: an int stays the same int, a
//! float gives an integral float (`math.floor(3.7)` is `3.0`); `std.int` converts.

use std::cmp::Ordering;

use weft_runtime::diagnostics as diag;
use weft_runtime::{RuntimeError, Value, num};

use crate::call::Call;

type R = Result<Value, RuntimeError>;

/// Folds the arguments left to right with an int operation and its float twin.
fn fold(c: &mut Call<'_>, int_op: fn(i64, i64) -> Option<i64>, float_op: fn(f64, f64) -> f64) -> R {
    let mut acc = c.number(0)?;
    for i in 1..c.args.len() {
        let b = c.number(i)?;
        acc = match (acc, b) {
            (Value::Int(x), Value::Int(y)) => {
                Value::Int(int_op(x, y).ok_or_else(|| diag::overflow(c.name))?)
            }
            _ => Value::Float(float_op(
                acc.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            )),
        };
    }
    Ok(acc)
}

pub fn add(c: &mut Call<'_>) -> R {
    fold(c, i64::checked_add, |a, b| a + b)
}

pub fn sub(c: &mut Call<'_>) -> R {
    fold(c, i64::checked_sub, |a, b| a - b)
}

pub fn mul(c: &mut Call<'_>) -> R {
    fold(c, i64::checked_mul, |a, b| a * b)
}

pub fn div(c: &mut Call<'_>) -> R {
    let mut acc = c.float(0)?;
    for i in 1..c.args.len() {
        acc /= c.float(i)?;
    }
    Ok(Value::Float(acc))
}

pub fn modulo(c: &mut Call<'_>) -> R {
    match (c.number(0)?, c.number(1)?) {
        (Value::Int(_), Value::Int(0)) => Err(diag::division_by_zero(c.name)),
        (Value::Int(a), Value::Int(b)) => Ok(Value::Int(a.wrapping_rem(b))),
        (a, b) => Ok(Value::Float(f(a) % f(b))),
    }
}

pub fn idiv(c: &mut Call<'_>) -> R {
    match (c.number(0)?, c.number(1)?) {
        (Value::Int(_), Value::Int(0)) => Err(diag::division_by_zero(c.name)),
        (Value::Int(a), Value::Int(b)) => {
            let q = a.checked_div(b).ok_or_else(|| diag::overflow(c.name))?;
            let adjust = (a % b != 0) && ((a < 0) != (b < 0));
            Ok(Value::Int(if adjust { q - 1 } else { q }))
        }
        (a, b) => Ok(Value::Float((f(a) / f(b)).floor())),
    }
}

/// The floored remainder of two ints (it takes the divisor's sign), as `math.fmod`,
/// Python's `%` and Lua's `%` define it; `None` for a zero divisor. `MIN % -1`, the one
/// pair whose truncated remainder overflows, is 0.
pub fn floor_rem(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    Some(a.checked_rem(b).map_or(0, |r| {
        if r != 0 && ((r < 0) != (b < 0)) {
            r + b
        } else {
            r
        }
    }))
}

pub fn fmod(c: &mut Call<'_>) -> R {
    match (c.number(0)?, c.number(1)?) {
        (Value::Int(a), Value::Int(b)) => floor_rem(a, b)
            .map(Value::Int)
            .ok_or_else(|| diag::division_by_zero(c.name)),
        (a, b) => {
            let (a, b) = (f(a), f(b));
            let r = a % b;
            Ok(Value::Float(if r != 0.0 && ((r < 0.0) != (b < 0.0)) {
                r + b
            } else {
                r
            }))
        }
    }
}

fn f(v: Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn pow2(name: &str, a: Value, b: Value) -> R {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) if y >= 0 => {
            let result = match u32::try_from(y) {
                Ok(e) => x.checked_pow(e),
                Err(_) => match x {
                    0 | 1 => Some(x),
                    -1 => Some(if y % 2 == 0 { 1 } else { -1 }),
                    _ => None,
                },
            };
            result.map(Value::Int).ok_or_else(|| diag::overflow(name))
        }
        _ => Ok(Value::Float(f(a).powf(f(b)))),
    }
}

/// Right-associative: `[^, 2, 3, 2]` is 2^(3^2) = 512.
pub fn pow(c: &mut Call<'_>) -> R {
    let n = c.args.len();
    let mut acc = c.number(n.saturating_sub(1))?;
    for i in (0..n.saturating_sub(1)).rev() {
        acc = pow2(c.name, c.number(i)?, acc)?;
    }
    Ok(acc)
}

pub fn neg(c: &mut Call<'_>) -> R {
    match c.number(0)? {
        Value::Int(i) => i
            .checked_neg()
            .map(Value::Int)
            .ok_or_else(|| diag::overflow(c.name)),
        v => Ok(Value::Float(-f(v))),
    }
}

pub fn abs(c: &mut Call<'_>) -> R {
    match c.number(0)? {
        Value::Int(i) => i
            .checked_abs()
            .map(Value::Int)
            .ok_or_else(|| diag::overflow(c.name)),
        v => Ok(Value::Float(f(v).abs())),
    }
}

pub fn sign(c: &mut Call<'_>) -> R {
    match c.number(0)? {
        Value::Int(i) => Ok(Value::Int(i.signum())),
        v => {
            let x = f(v);
            Ok(Value::Float(if x.is_nan() || x == 0.0 {
                x
            } else {
                x.signum()
            }))
        }
    }
}

/// Applies a rounding function to floats; ints pass through.
fn rounding(c: &mut Call<'_>, op: fn(f64) -> f64) -> R {
    match c.number(0)? {
        v @ Value::Int(_) => Ok(v),
        v => Ok(Value::Float(op(f(v)))),
    }
}

pub fn floor(c: &mut Call<'_>) -> R {
    rounding(c, f64::floor)
}
pub fn ceil(c: &mut Call<'_>) -> R {
    rounding(c, f64::ceil)
}
pub fn trunc(c: &mut Call<'_>) -> R {
    rounding(c, f64::trunc)
}
pub fn round(c: &mut Call<'_>) -> R {
    rounding(c, f64::round)
}

/// A float function of one argument.
fn unary(c: &mut Call<'_>, op: fn(f64) -> f64) -> R {
    Ok(Value::Float(op(c.float(0)?)))
}

pub fn sin(c: &mut Call<'_>) -> R {
    unary(c, f64::sin)
}
pub fn cos(c: &mut Call<'_>) -> R {
    unary(c, f64::cos)
}
pub fn tan(c: &mut Call<'_>) -> R {
    unary(c, f64::tan)
}
pub fn asin(c: &mut Call<'_>) -> R {
    unary(c, f64::asin)
}
pub fn acos(c: &mut Call<'_>) -> R {
    unary(c, f64::acos)
}
pub fn atan(c: &mut Call<'_>) -> R {
    unary(c, f64::atan)
}
pub fn ln(c: &mut Call<'_>) -> R {
    unary(c, f64::ln)
}
pub fn log2(c: &mut Call<'_>) -> R {
    unary(c, f64::log2)
}
pub fn log10(c: &mut Call<'_>) -> R {
    unary(c, f64::log10)
}
pub fn exp(c: &mut Call<'_>) -> R {
    unary(c, f64::exp)
}
pub fn sqrt(c: &mut Call<'_>) -> R {
    unary(c, f64::sqrt)
}

pub fn atan2(c: &mut Call<'_>) -> R {
    Ok(Value::Float(c.float(0)?.atan2(c.float(1)?)))
}

/// `math.min` / `math.max`: the winning argument itself; NaN if any argument is NaN.
fn extreme(c: &mut Call<'_>, want: Ordering) -> R {
    let mut best = c.number(0)?;
    for i in 0..c.args.len() {
        let v = c.number(i)?;
        if matches!(v, Value::Float(x) if x.is_nan()) {
            return Ok(v);
        }
        if num::cmp_numbers(v, best) == Some(want) {
            best = v;
        }
    }
    Ok(best)
}

pub fn min(c: &mut Call<'_>) -> R {
    extreme(c, Ordering::Less)
}
pub fn max(c: &mut Call<'_>) -> R {
    extreme(c, Ordering::Greater)
}

pub fn clamp(c: &mut Call<'_>) -> R {
    let (x, lo, hi) = (c.number(0)?, c.number(1)?, c.number(2)?);
    if num::cmp_numbers(x, lo) == Some(Ordering::Less) {
        Ok(lo)
    } else if num::cmp_numbers(x, hi) == Some(Ordering::Greater) {
        Ok(hi)
    } else {
        Ok(x)
    }
}

pub fn band(c: &mut Call<'_>) -> R {
    Ok(Value::Int(c.int(0)? & c.int(1)?))
}
pub fn bor(c: &mut Call<'_>) -> R {
    Ok(Value::Int(c.int(0)? | c.int(1)?))
}
pub fn bxor(c: &mut Call<'_>) -> R {
    Ok(Value::Int(c.int(0)? ^ c.int(1)?))
}
pub fn bnot(c: &mut Call<'_>) -> R {
    Ok(Value::Int(!c.int(0)?))
}

fn shift_count(c: &Call<'_>) -> Result<u32, RuntimeError> {
    let n = c.int(1)?;
    u32::try_from(n)
        .map_err(|_| diag::invalid_argument(c.name, format!("shift count {n} is negative")))
}

pub fn shl(c: &mut Call<'_>) -> R {
    let (a, n) = (c.int(0)?, shift_count(c)?);
    if a == 0 {
        return Ok(Value::Int(0));
    }
    let shifted = if n < 64 { a << n } else { 0 };
    if n >= 64 || shifted >> n != a {
        return Err(diag::overflow(c.name));
    }
    Ok(Value::Int(shifted))
}

pub fn shr(c: &mut Call<'_>) -> R {
    let (a, n) = (c.int(0)?, shift_count(c)?);
    Ok(Value::Int(a >> n.min(63)))
}

/// Chained comparison: true when `ok` holds for every adjacent pair.
fn chain(c: &mut Call<'_>, ok: fn(Ordering) -> bool) -> R {
    for i in 1..c.args.len() {
        let (a, b) = (c.arg(i - 1), c.arg(i));
        let ord = match (a, b) {
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                num::cmp_numbers(a, b)
            }
            (Value::Str(_), Value::Str(_)) => c.heap().str(a).partial_cmp(&c.heap().str(b)),
            _ => {
                return Err(diag::type_mismatch(c.name, &c.describe(a), &c.describe(b)));
            }
        };
        if !ord.is_some_and(ok) {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

pub fn lt(c: &mut Call<'_>) -> R {
    chain(c, Ordering::is_lt)
}
pub fn gt(c: &mut Call<'_>) -> R {
    chain(c, Ordering::is_gt)
}
pub fn lte(c: &mut Call<'_>) -> R {
    chain(c, Ordering::is_le)
}
pub fn gte(c: &mut Call<'_>) -> R {
    chain(c, Ordering::is_ge)
}

pub fn eq(c: &mut Call<'_>) -> R {
    let all = (1..c.args.len()).all(|i| c.heap().equal(c.arg(i - 1), c.arg(i)));
    Ok(Value::Bool(all))
}

pub fn neq(c: &mut Call<'_>) -> R {
    let all = (1..c.args.len()).all(|i| !c.heap().equal(c.arg(i - 1), c.arg(i)));
    Ok(Value::Bool(all))
}

pub fn not(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(
        !c.heap().truthy(c.arg(0), weft_runtime::Truth::Ir),
    ))
}
