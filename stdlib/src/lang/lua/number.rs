//! Lua numbers: the string conversions lua5.4 does (`tostring`, `tonumber`, coercion of
//! numeric strings in arithmetic), its arithmetic with integer wrap-around, floored `//`
//! and `%`, float `/` and `^`, bitwise operators, and C `printf`-style float formatting
//! (`%.14g` and friends) shared with `string.format`.

use weft_runtime::{Value, num};

/// Why an arithmetic operation failed, as lua5.4 words it.
pub(crate) type LuaResult<T> = Result<T, String>;

/// A float as lua5.4's `tostring` prints it: `%.14g`, with `.0` added when that looks
/// like an integer; `inf`, `-inf`, `nan` and `-nan` as glibc prints them.
pub(crate) fn float_to_string(f: f64) -> String {
    let s = format_g(f, 14, false, false);
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        format!("{s}.0")
    } else {
        s
    }
}

/// A number as lua5.4's `tostring` prints it.
pub(crate) fn number_to_string(v: Value) -> Option<String> {
    match v {
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(float_to_string(f)),
        _ => None,
    }
}

fn non_finite(f: f64, upper: bool) -> Option<String> {
    let s = if f.is_nan() {
        if f.is_sign_negative() { "-nan" } else { "nan" }
    } else if f.is_infinite() {
        if f < 0.0 { "-inf" } else { "inf" }
    } else {
        return None;
    };
    Some(if upper {
        s.to_uppercase()
    } else {
        s.to_owned()
    })
}

/// C `%e` with `prec` digits after the point: `1.500000e+03`.
pub(crate) fn format_e(f: f64, prec: usize, upper: bool) -> String {
    if let Some(s) = non_finite(f, upper) {
        return s;
    }
    let s = format!("{f:.prec$e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if exp < 0 { '-' } else { '+' };
    let e = if upper { 'E' } else { 'e' };
    format!("{mantissa}{e}{sign}{:02}", exp.abs())
}

/// C `%f` with `prec` digits after the point.
pub(crate) fn format_f(f: f64, prec: usize) -> String {
    non_finite(f, false).unwrap_or_else(|| format!("{f:.prec$}"))
}

/// C `%g` with precision `prec` (0 counts as 1); `alt` keeps trailing zeros (`#`).
pub(crate) fn format_g(f: f64, prec: usize, alt: bool, upper: bool) -> String {
    if let Some(s) = non_finite(f, upper) {
        return s;
    }
    let p = prec.max(1);
    // The exponent %e would print after rounding to p significant digits.
    let e_form = format!("{f:.*e}", p - 1);
    let exp: i64 = e_form
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut s = if exp < -4 || exp >= p as i64 {
        format_e(f, p - 1, upper)
    } else {
        format_f(f, (p as i64 - 1 - exp).max(0) as usize)
    };
    if !alt {
        s = strip_zeros(&s);
    }
    s
}

/// Removes trailing zeros of the fraction (and a bare point), keeping any exponent.
fn strip_zeros(s: &str) -> String {
    let (body, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    if !body.contains('.') {
        return s.to_owned();
    }
    let body = body.trim_end_matches('0').trim_end_matches('.');
    format!("{body}{exp}")
}

/// Converts a string to a number as lua5.4 does (`tonumber(s)`, arithmetic coercion):
/// surrounding whitespace allowed, decimal or `0x` hexadecimal integers (hex wraps
/// around), decimal floats; `inf` and `nan` are not numerals.
pub(crate) fn parse_number(text: &str) -> Option<Value> {
    let t = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if t.is_empty() {
        return None;
    }
    let (neg, body) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut n: u64 = 0;
        for b in hex.bytes() {
            n = n
                .wrapping_mul(16)
                .wrapping_add((b as char).to_digit(16).unwrap_or(0) as u64);
        }
        let n = n as i64;
        return Some(Value::Int(if neg { n.wrapping_neg() } else { n }));
    }
    if body.is_empty() || body.contains(['n', 'N', 'i', 'I']) {
        return None;
    }
    if body.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = t.trim_start_matches('+').parse::<i64>()
    {
        return Some(Value::Int(n));
    }
    if !body.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    t.trim_start_matches('+')
        .parse::<f64>()
        .ok()
        .map(Value::Float)
}

/// `tonumber(s, base)`: an integer written in `base` (2..=36), whitespace around allowed.
pub(crate) fn parse_in_base(text: &str, base: u32) -> Option<i64> {
    let t = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(36).filter(|d| *d < base)?;
        n = n.wrapping_mul(base as i64).wrapping_add(d as i64);
    }
    Some(if neg { n.wrapping_neg() } else { n })
}

/// The type name lua5.4's `type` gives.
pub(crate) fn type_name(v: Value) -> &'static str {
    match v {
        Value::Null => "nil",
        Value::Bool(_) => "boolean",
        Value::Int(_) | Value::Float(_) => "number",
        Value::Str(_) => "string",
        Value::List(_) | Value::Obj(_) => "table",
        Value::Closure(_) => "function",
        Value::Handle(_) | Value::Cell(_) => "userdata",
    }
}

/// A binary or unary Lua operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    IDiv,
    Pow,
    Neg,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    BNot,
}

impl Op {
    pub(crate) fn parse(name: &str) -> Option<Op> {
        Some(match name {
            "+" => Op::Add,
            "-" => Op::Sub,
            "*" => Op::Mul,
            "/" => Op::Div,
            "%" => Op::Mod,
            "//" => Op::IDiv,
            "^" => Op::Pow,
            "neg" => Op::Neg,
            "&" => Op::BAnd,
            "|" => Op::BOr,
            "~" => Op::BXor,
            "<<" => Op::Shl,
            ">>" => Op::Shr,
            "bnot" => Op::BNot,
            _ => return None,
        })
    }

    /// The verb lua5.4's string metamethods use in their error message.
    pub(crate) fn verb(self) -> &'static str {
        match self {
            Op::Add => "add",
            Op::Sub => "sub",
            Op::Mul => "mul",
            Op::Div => "div",
            Op::Mod => "mod",
            Op::IDiv => "idiv",
            Op::Pow => "pow",
            Op::Neg => "unm",
            _ => "perform bitwise operation on",
        }
    }

    pub(crate) fn is_bitwise(self) -> bool {
        matches!(
            self,
            Op::BAnd | Op::BOr | Op::BXor | Op::Shl | Op::Shr | Op::BNot
        )
    }
}

/// An operand after Lua's coercion: numbers as they are, numeric strings converted.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Operand {
    Num(Value),
    /// Not a number; carries the Lua type name for the message.
    Bad(&'static str),
}

/// Applies a Lua operator to coerced operands (`b` is ignored for unary ones).
pub(crate) fn arith(op: Op, a: Operand, b: Operand) -> LuaResult<Value> {
    let unary = matches!(op, Op::Neg | Op::BNot);
    let (a, b) = match (a, b) {
        (Operand::Num(a), Operand::Num(b)) => (a, b),
        (Operand::Num(a), _) if unary => (a, a),
        (Operand::Bad(t), _) | (_, Operand::Bad(t)) => {
            let what = if op.is_bitwise() {
                "perform bitwise operation on"
            } else {
                "perform arithmetic on"
            };
            return Err(format!("attempt to {what} a {t} value"));
        }
    };
    if op.is_bitwise() {
        let x = to_integer(a)?;
        let y = if unary { 0 } else { to_integer(b)? };
        return Ok(Value::Int(match op {
            Op::BAnd => x & y,
            Op::BOr => x | y,
            Op::BXor => x ^ y,
            Op::Shl => shift_left(x, y),
            Op::Shr => shift_left(x, y.wrapping_neg()),
            _ => !x,
        }));
    }
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return int_arith(op, x, y);
    }
    let x = num::to_f64(a).unwrap_or(f64::NAN);
    let y = num::to_f64(b).unwrap_or(f64::NAN);
    Ok(Value::Float(match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
        Op::Pow => x.powf(y),
        Op::IDiv => (x / y).floor(),
        Op::Mod => float_mod(x, y),
        _ => -x,
    }))
}

fn int_arith(op: Op, x: i64, y: i64) -> LuaResult<Value> {
    Ok(match op {
        Op::Add => Value::Int(x.wrapping_add(y)),
        Op::Sub => Value::Int(x.wrapping_sub(y)),
        Op::Mul => Value::Int(x.wrapping_mul(y)),
        Op::Neg => Value::Int(x.wrapping_neg()),
        Op::Div => Value::Float(x as f64 / y as f64),
        Op::Pow => Value::Float((x as f64).powf(y as f64)),
        Op::IDiv => {
            if y == 0 {
                return Err("attempt to divide by zero".into());
            }
            let q = x.wrapping_div(y);
            Value::Int(if (x.wrapping_rem(y) != 0) && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            })
        }
        Op::Mod => Value::Int(
            crate::math::floor_rem(x, y).ok_or_else(|| "attempt to perform 'n%0'".to_owned())?,
        ),
        _ => return Err("internal: not an integer operator".into()),
    })
}

fn float_mod(x: f64, y: f64) -> f64 {
    if y.is_infinite() && x.is_finite() {
        return if (x >= 0.0) == (y > 0.0) { x } else { y };
    }
    let m = x % y;
    if m != 0.0 && (m < 0.0) != (y < 0.0) {
        m + y
    } else {
        m
    }
}

/// Lua's logical shift: counts of 64 or more give 0, negative counts shift the other way.
fn shift_left(x: i64, n: i64) -> i64 {
    if n <= -64 || n >= 64 {
        0
    } else if n >= 0 {
        ((x as u64) << n) as i64
    } else {
        ((x as u64) >> (-n)) as i64
    }
}

/// A number with an exact integer representation, for bitwise operators.
pub(crate) fn to_integer(v: Value) -> LuaResult<i64> {
    match v {
        Value::Int(i) => Ok(i),
        Value::Float(f) => {
            num::float_to_int_exact(f).ok_or_else(|| "number has no integer representation".into())
        }
        _ => Err("number has no integer representation".into()),
    }
}

/// `math.tointeger` and float-to-int conversions: `None` when not integral or out of range.
pub(crate) fn float_to_int(f: f64) -> Option<i64> {
    num::float_to_int_exact(f)
}
