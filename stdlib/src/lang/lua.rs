//! Implementations of the `lua.*` opcodes (rows in `weft_ir`'s `table/lua.rs`): the Lua
//! 5.4 semantics the Lua front-end lowers to.
//!
//! - Values: Lua `nil` is null, booleans, integers (`Int`, wrapping on overflow as lua5.4
//!   does) and floats, strings, and tables (see [`table`] for their representation).
//! - Errors raised here carry lua5.4's message as a thrown string (`E5018`), so `pcall`
//!   returns the same message Lua would (without the `file:line:` prefix).
//! - Strings are treated as their UTF-8 bytes by the string library, as Lua does; a result
//!   that cuts a multi-byte character is repaired with U+FFFD.

mod format;
mod lib;
mod meta;
mod number;
mod pattern;
mod table;

use weft_runtime::{Heap, RuntimeError, Value, diagnostics as diag};

use crate::{Builtin, Call};

pub use meta::call_handler;

type R = Result<Value, RuntimeError>;

pub(crate) static BUILTINS: &[Builtin] = &[
    Builtin {
        name: "lua.arith",
        func: arith,
    },
    Builtin {
        name: "lua.concat",
        func: concat,
    },
    Builtin {
        name: "lua.len",
        func: len,
    },
    Builtin {
        name: "lua.truthy",
        func: truthy,
    },
    Builtin {
        name: "lua.table",
        func: new_table,
    },
    Builtin {
        name: "lua.index",
        func: index,
    },
    Builtin {
        name: "lua.setindex",
        func: set_index,
    },
    Builtin {
        name: "lua.lib",
        func: lib,
    },
    Builtin {
        name: "lua.eq",
        func: eq,
    },
    Builtin {
        name: "lua.ne",
        func: ne,
    },
    Builtin {
        name: "lua.lt",
        func: lt,
    },
    Builtin {
        name: "lua.le",
        func: le,
    },
    Builtin {
        name: "lua.gt",
        func: gt,
    },
    Builtin {
        name: "lua.ge",
        func: ge,
    },
];

/// `lua.eq(a, b)`: Lua `==` (`__eq` for two tables).
fn eq(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(meta::compare(
        c,
        meta::Cmp::Eq,
        c.arg(0),
        c.arg(1),
    )?))
}

/// `lua.ne(a, b)`: Lua `~=`.
fn ne(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(!meta::compare(
        c,
        meta::Cmp::Eq,
        c.arg(0),
        c.arg(1),
    )?))
}

/// `lua.lt(a, b)`: Lua `<` (`__lt`).
fn lt(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(meta::compare(
        c,
        meta::Cmp::Lt,
        c.arg(0),
        c.arg(1),
    )?))
}

/// `lua.le(a, b)`: Lua `<=` (`__le`).
fn le(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(meta::compare(
        c,
        meta::Cmp::Le,
        c.arg(0),
        c.arg(1),
    )?))
}

/// `lua.gt(a, b)`: Lua `>`, which is `b < a`.
fn gt(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(meta::compare(
        c,
        meta::Cmp::Lt,
        c.arg(1),
        c.arg(0),
    )?))
}

/// `lua.ge(a, b)`: Lua `>=`, which is `b <= a`.
fn ge(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(meta::compare(
        c,
        meta::Cmp::Le,
        c.arg(1),
        c.arg(0),
    )?))
}

/// A Lua error: the message as a thrown string, as `error(message, 0)` would raise it.
pub(crate) fn lua_error(c: &mut Call<'_>, message: impl Into<String>) -> RuntimeError {
    let message = message.into();
    match c.heap_mut().alloc_str(message.clone()) {
        Ok(v) => diag::thrown(message).with_value(v),
        Err(e) => e,
    }
}

/// A value as lua5.4's `tostring` prints it (tables and functions by identity).
pub(crate) fn tostring(heap: &Heap, v: Value) -> String {
    match v {
        Value::Null => "nil".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(_) | Value::Float(_) => number::number_to_string(v).unwrap_or_default(),
        Value::Str(_) => heap.str(v).unwrap_or_default().to_owned(),
        Value::List(i) | Value::Obj(i) => format!("table: 0x{:08x}", i),
        Value::Closure(i) => format!("function: 0x{:08x}", i),
        Value::Handle(i) | Value::Cell(i) => format!("userdata: 0x{:08x}", i),
    }
}

/// [`tostring`] with `__tostring` and `__name`.
pub(crate) fn tostring_meta(c: &mut Call<'_>, v: Value) -> Result<String, RuntimeError> {
    match meta::tostring(c, v)? {
        Some(s) => Ok(s),
        None => Ok(tostring(c.heap(), v)),
    }
}

fn is_truthy(v: Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false))
}

/// An arithmetic operand after Lua's string coercion.
fn operand(heap: &Heap, v: Value) -> number::Operand {
    match v {
        Value::Int(_) | Value::Float(_) => number::Operand::Num(v),
        Value::Str(_) => match number::parse_number(heap.str(v).unwrap_or_default()) {
            Some(n) => number::Operand::Num(n),
            None => number::Operand::Bad("string"),
        },
        other => number::Operand::Bad(number::type_name(other)),
    }
}

/// `lua.arith(op, a, b?)`: a Lua arithmetic or bitwise operator.
fn arith(c: &mut Call<'_>) -> R {
    let name = c.string(0)?;
    let op = number::Op::parse(&name)
        .ok_or_else(|| diag::invalid_argument(c.name, format!("unknown operator {name:?}")))?;
    arith_on(c, op, 1)
}

/// `lua.arith` for one binary operator, on the call's two arguments `(a, b)`: what the
/// bytecode VM runs for `["lua.arith", "+", a, b]` (and `-`, `*`, `%`) when its inline path
/// for two ints or two floats does not apply. Same results and errors as `lua.arith`.
pub fn lua_arith_binary(symbol: &str) -> Option<crate::BuiltinFn> {
    fn add(c: &mut Call<'_>) -> R {
        arith_on(c, number::Op::Add, 0)
    }
    fn sub(c: &mut Call<'_>) -> R {
        arith_on(c, number::Op::Sub, 0)
    }
    fn mul(c: &mut Call<'_>) -> R {
        arith_on(c, number::Op::Mul, 0)
    }
    fn rem(c: &mut Call<'_>) -> R {
        arith_on(c, number::Op::Mod, 0)
    }
    Some(match number::Op::parse(symbol)? {
        number::Op::Add => add,
        number::Op::Sub => sub,
        number::Op::Mul => mul,
        number::Op::Mod => rem,
        _ => return None,
    })
}

/// Applies `op` to the call's arguments from `first` on.
fn arith_on(c: &mut Call<'_>, op: number::Op, first: usize) -> R {
    let (x, y) = (c.arg(first), c.arg(first + 1));
    if let Some(r) = meta::arith(c, op, x, y) {
        return r;
    }
    let a = operand(c.heap(), x);
    let b = operand(c.heap(), y);
    let unary = matches!(op, number::Op::Neg | number::Op::BNot);
    let bad_string = |o: number::Operand, v: Value| {
        matches!(o, number::Operand::Bad(_)) && matches!(v, Value::Str(_))
    };
    if !op.is_bitwise() && (bad_string(a, x) || (!unary && bad_string(b, y))) {
        // lua5.4's string metamethods word this error their own way.
        let other = if unary { x } else { y };
        let message = format!(
            "attempt to {} a '{}' with a '{}'",
            op.verb(),
            number::type_name(x),
            number::type_name(other)
        );
        return Err(lua_error(c, message));
    }
    number::arith(op, a, b).map_err(|m| lua_error(c, m))
}

/// `lua.concat(...parts)`: Lua `..` over strings and numbers (`__concat` for others).
fn concat(c: &mut Call<'_>) -> R {
    let parts = c.args;
    if parts
        .iter()
        .all(|v| matches!(v, Value::Str(_) | Value::Int(_) | Value::Float(_)))
    {
        return concat_values(c, parts);
    }
    meta::concat(c, parts)
}

/// Joins strings and numbers.
pub(crate) fn concat_values(c: &mut Call<'_>, parts: &[Value]) -> R {
    let mut out = String::new();
    for &v in parts {
        match v {
            Value::Str(_) => out.push_str(c.heap().str(v).unwrap_or_default()),
            Value::Int(_) | Value::Float(_) => {
                out.push_str(&number::number_to_string(v).unwrap_or_default())
            }
            other => {
                let t = number::type_name(other);
                return Err(lua_error(c, format!("attempt to concatenate a {t} value")));
            }
        }
    }
    c.charge_bytes(out.len())?;
    c.alloc_str(out)
}

/// `lua.len(v)`: Lua `#`.
fn len(c: &mut Call<'_>) -> R {
    let v = c.arg(0);
    if let Some(s) = c.heap().str(v) {
        return Ok(Value::Int(s.len() as i64));
    }
    if let Some(r) = meta::len(c, v) {
        return r;
    }
    match table::length(c.heap(), v) {
        Some(n) => Ok(Value::Int(n)),
        None => {
            let t = number::type_name(v);
            Err(lua_error(
                c,
                format!("attempt to get length of a {t} value"),
            ))
        }
    }
}

/// `lua.truthy(v)`: Lua truthiness (only nil and false are false).
fn truthy(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(is_truthy(c.arg(0))))
}

/// `lua.table(items, ...key, value)`: a table constructor.
fn new_table(c: &mut Call<'_>) -> R {
    let items = c.list(0)?;
    let positional = items.len() as i64;
    c.charge_items(items.len() as u64 + c.args.len() as u64 / 2)?;
    let t = table::new_table(c.heap_mut(), items)?;
    let mut i = 1;
    while i + 1 < c.args.len() {
        let (k, v) = (c.arg(i), c.arg(i + 1));
        i += 2;
        // Positional fields win over explicit keys in their range, as in lua5.4.
        if let Ok(table::Key::Int(n)) = table::key(c.heap(), k)
            && n >= 1
            && n <= positional
        {
            continue;
        }
        set(c, t, k, v)?;
    }
    Ok(t)
}

pub(crate) fn set(c: &mut Call<'_>, t: Value, k: Value, v: Value) -> Result<(), RuntimeError> {
    match table::set(c.heap_mut(), t, k, v) {
        Ok(()) => Ok(()),
        Err(table::SetError::Runtime(e)) => Err(e),
        Err(table::SetError::Lua(m)) => Err(lua_error(c, m)),
    }
}

pub(crate) fn get(c: &mut Call<'_>, t: Value, k: Value) -> R {
    if c.heap().str(t).is_some() {
        return Ok(Value::Null);
    }
    match table::get(c.heap(), t, k) {
        Some(v) => Ok(v),
        None => {
            let ty = number::type_name(t);
            Err(lua_error(c, format!("attempt to index a {ty} value")))
        }
    }
}

/// `lua.index(t, k)`: `t[k]` (with `__index`).
fn index(c: &mut Call<'_>) -> R {
    meta::index(c, c.arg(0), c.arg(1))
}

/// `lua.setindex(t, k, v)`: `t[k] = v` (with `__newindex`); yields `v`.
fn set_index(c: &mut Call<'_>) -> R {
    let v = c.arg(2);
    meta::set_index(c, c.arg(0), c.arg(1), v)?;
    Ok(v)
}

/// `lua.lib(name, args, line?)`: a Lua library function; yields the list of its results.
fn lib(c: &mut Call<'_>) -> R {
    let name = c.string(0)?;
    let args = c.list(1)?;
    let line = c.opt_int(2)?;
    let chunk = match c.arg(3) {
        Value::Null => None,
        _ => Some(c.string(3)?),
    };
    let at = line.map(|l| (chunk.unwrap_or_else(|| lib::CHUNK.to_owned()), l));
    let results = lib::call(c, &name, &args, at)?;
    c.alloc_list(results)
}
