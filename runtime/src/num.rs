//! Exact numeric comparison between ints and floats.
//!
//! `1 == 1.0` is true and `2^53 + 1 > 2^53 as float` is true: an int and a float compare by
//! their mathematical values, never by rounding the int to a float. NaN compares unordered.

use std::cmp::Ordering;

use crate::value::Value;

/// Orders two numbers by value; `None` when either is NaN or not a number.
pub fn cmp_numbers(a: Value, b: Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(&y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(&y),
        (Value::Int(x), Value::Float(y)) => cmp_int_float(x, y),
        (Value::Float(x), Value::Int(y)) => cmp_int_float(y, x).map(Ordering::reverse),
        _ => None,
    }
}

/// Compares an int with a float exactly.
pub fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // 2^63 as a float: every int is below it and at or above its negation.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO_63 {
        return Some(Ordering::Less);
    }
    if f < -TWO_63 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    // `t` is integral and in range, so the cast is exact.
    let ti = t as i64;
    match i.cmp(&ti) {
        Ordering::Equal => {
            let frac = f - t;
            if frac > 0.0 {
                Some(Ordering::Less)
            } else if frac < 0.0 {
                Some(Ordering::Greater)
            } else {
                Some(Ordering::Equal)
            }
        }
        other => Some(other),
    }
}

/// The float for an int or float value.
pub fn to_f64(v: Value) -> Option<f64> {
    v.as_f64()
}

/// An integral float as an int, when it is exactly representable.
pub fn float_to_int_exact(f: f64) -> Option<i64> {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f.fract() == 0.0 && (-TWO_63..TWO_63).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}
