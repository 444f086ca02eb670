//! Lua metatables on the object model.
//!
//! A table's metatable is its object's prototype link ([`Heap::set_link`]): the same slot
//! JavaScript prototypes and Python classes use, read with Lua's rules. A lookup that
//! misses goes to the metatable's `__index` field (not to the metatable's own fields), a
//! table there is looked up in turn, a function there is called; operators that have no
//! meaning on their operands look for their event (`__add`, `__lt`, `__concat`, ...) in
//! the first operand's metatable, then in the second's. Only tables have metatables here
//! (the strings' one is the `string` library, which method calls reach directly).
//!
//! Metamethods are called through [`crate::Ctx::call`], so one cannot sleep (`std.sleep`
//! inside `__index` is an error), as with every callback from a built-in.

use weft_runtime::{Heap, RuntimeError, Value};

use super::number::{Op, type_name};
use super::table;
use super::{R, lua_error};
use crate::Call;

/// How many `__index`/`__newindex` tables a lookup follows before it gives up (lua5.4's
/// limit, with its message).
const MAX_META_CHAIN: usize = 2000;

/// The metatable of `v`: a Lua table's link, when it has one.
pub(crate) fn metatable(heap: &Heap, v: Value) -> Option<Value> {
    if !matches!(table::view(heap, v)?, table::View::Table { .. }) {
        return None;
    }
    match heap.obj(v)?.proto() {
        Value::Null => None,
        mt => Some(mt),
    }
}

/// Field `event` of `v`'s metatable, read raw, when it is not nil.
pub(crate) fn metamethod(heap: &Heap, v: Value, event: &str) -> Option<Value> {
    let mt = metatable(heap, v)?;
    match table::get_str(heap, mt, event) {
        Value::Null => None,
        h => Some(h),
    }
}

/// The function a call of `v` runs with `v` as its first argument: its `__call`.
pub fn call_handler(heap: &Heap, v: Value) -> Option<Value> {
    if !matches!(v, Value::Obj(_)) {
        return None;
    }
    metamethod(heap, v, "__call")
}

/// Calls metamethod `h` and keeps its first result.
fn call1(c: &mut Call<'_>, h: Value, args: &[Value]) -> R {
    c.ctx.call(h, args)
}

fn is_function(v: Value) -> bool {
    matches!(v, Value::Closure(_))
}

/// `t[k]` with `__index`.
pub(crate) fn index(c: &mut Call<'_>, t: Value, k: Value) -> R {
    let mut cur = t;
    for _ in 0..MAX_META_CHAIN {
        if c.heap().str(cur).is_some() {
            return Ok(Value::Null);
        }
        let Some(v) = table::get(c.heap(), cur, k) else {
            let ty = type_name(cur);
            return Err(lua_error(c, format!("attempt to index a {ty} value")));
        };
        if v != Value::Null {
            return Ok(v);
        }
        let Some(h) = metamethod(c.heap(), cur, "__index") else {
            return Ok(Value::Null);
        };
        if is_function(h) {
            return call1(c, h, &[cur, k]);
        }
        cur = h;
    }
    Err(lua_error(c, "'__index' chain too long; possibly a loop"))
}

/// `t[k] = v` with `__newindex`.
pub(crate) fn set_index(
    c: &mut Call<'_>,
    t: Value,
    k: Value,
    v: Value,
) -> Result<(), RuntimeError> {
    let mut cur = t;
    for _ in 0..MAX_META_CHAIN {
        let handler = match metamethod(c.heap(), cur, "__newindex") {
            Some(h) if table::get(c.heap(), cur, k) == Some(Value::Null) => h,
            _ => return super::set(c, cur, k, v),
        };
        if is_function(handler) {
            call1(c, handler, &[cur, k, v])?;
            return Ok(());
        }
        cur = handler;
    }
    Err(lua_error(c, "'__newindex' chain too long; possibly a loop"))
}

/// The event name of an arithmetic or bitwise operator.
fn event(op: Op) -> &'static str {
    match op {
        Op::Add => "__add",
        Op::Sub => "__sub",
        Op::Mul => "__mul",
        Op::Div => "__div",
        Op::Mod => "__mod",
        Op::IDiv => "__idiv",
        Op::Pow => "__pow",
        Op::Neg => "__unm",
        Op::BAnd => "__band",
        Op::BOr => "__bor",
        Op::BXor => "__bxor",
        Op::Shl => "__shl",
        Op::Shr => "__shr",
        Op::BNot => "__bnot",
    }
}

/// The handler of a binary event: the first operand's, else the second's.
fn binary_handler(heap: &Heap, a: Value, b: Value, event: &str) -> Option<Value> {
    metamethod(heap, a, event).or_else(|| metamethod(heap, b, event))
}

/// An operator's metamethod applied to `(a, b)` (`(a, a)` for unary ones), when either
/// operand has one: `None` when neither does.
pub(crate) fn arith(c: &mut Call<'_>, op: Op, a: Value, b: Value) -> Option<R> {
    let unary = matches!(op, Op::Neg | Op::BNot);
    let b = if unary { a } else { b };
    if !matches!(a, Value::Obj(_)) && !matches!(b, Value::Obj(_)) {
        return None;
    }
    let h = binary_handler(c.heap(), a, b, event(op))?;
    Some(call1(c, h, &[a, b]))
}

/// Lua `..` over parts of which at least one is neither a string nor a number: folded
/// from the right, as `..` associates, with `__concat` where a pair needs it.
pub(crate) fn concat(c: &mut Call<'_>, parts: &[Value]) -> R {
    let Some((&last, init)) = parts.split_last() else {
        return c.alloc_str(String::new());
    };
    let mut acc = last;
    for &left in init.iter().rev() {
        let plain = |v: Value| matches!(v, Value::Str(_) | Value::Int(_) | Value::Float(_));
        if plain(left) && plain(acc) {
            acc = super::concat_values(c, &[left, acc])?;
            continue;
        }
        match binary_handler(c.heap(), left, acc, "__concat") {
            Some(h) => acc = call1(c, h, &[left, acc])?,
            None => {
                let bad = if plain(left) { acc } else { left };
                let t = type_name(bad);
                return Err(lua_error(c, format!("attempt to concatenate a {t} value")));
            }
        }
    }
    Ok(acc)
}

/// `#v` through `__len`, when `v` has one.
pub(crate) fn len(c: &mut Call<'_>, v: Value) -> Option<R> {
    let h = metamethod(c.heap(), v, "__len")?;
    Some(call1(c, h, &[v]))
}

/// Which comparison: `==`, `<` or `<=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cmp {
    Eq,
    Lt,
    Le,
}

/// `a == b`, `a < b` or `a <= b` with Lua's rules and metamethods.
pub(crate) fn compare(
    c: &mut Call<'_>,
    cmp: Cmp,
    a: Value,
    b: Value,
) -> Result<bool, RuntimeError> {
    if cmp == Cmp::Eq {
        // Raw equality: numbers by value, strings by content, the rest by identity.
        if c.heap().equal(a, b) {
            return Ok(true);
        }
        if !(matches!(a, Value::Obj(_)) && matches!(b, Value::Obj(_))) {
            return Ok(false);
        }
        return match binary_handler(c.heap(), a, b, "__eq") {
            Some(h) => Ok(truthy(call1(c, h, &[a, b])?)),
            None => Ok(false),
        };
    }
    if let Some(order) = number_order(a, b) {
        return Ok(match cmp {
            Cmp::Lt => order == Some(std::cmp::Ordering::Less),
            _ => matches!(
                order,
                Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
            ),
        });
    }
    if let (Some(x), Some(y)) = (c.heap().str(a), c.heap().str(b)) {
        let o = x.as_bytes().cmp(y.as_bytes());
        return Ok(match cmp {
            Cmp::Lt => o.is_lt(),
            _ => o.is_le(),
        });
    }
    let event = if cmp == Cmp::Lt { "__lt" } else { "__le" };
    match binary_handler(c.heap(), a, b, event) {
        Some(h) => Ok(truthy(call1(c, h, &[a, b])?)),
        // As lua5.4 built with its 5.3 compatibility (the default): `a <= b` is
        // `not (b < a)` when there is no `__le`.
        None if cmp == Cmp::Le
            && let Some(h) = binary_handler(c.heap(), b, a, "__lt") =>
        {
            Ok(!truthy(call1(c, h, &[b, a])?))
        }
        None => {
            let (ta, tb) = (type_name(a), type_name(b));
            let message = if ta == tb {
                format!("attempt to compare two {ta} values")
            } else {
                format!("attempt to compare {ta} with {tb}")
            };
            Err(lua_error(c, message))
        }
    }
}

/// The order of two numbers (`Some(None)` when a NaN makes them unordered), `None` when
/// either is not a number. An int and a float compare exactly, as lua5.4 compares them.
fn number_order(a: Value, b: Value) -> Option<Option<std::cmp::Ordering>> {
    (a.as_f64().is_some() && b.as_f64().is_some()).then(|| weft_runtime::num::cmp_numbers(a, b))
}

fn truthy(v: Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false))
}

/// `tostring(v)` through `__tostring` (and `__name`), when `v` has them.
pub(crate) fn tostring(c: &mut Call<'_>, v: Value) -> Result<Option<String>, RuntimeError> {
    if let Some(h) = metamethod(c.heap(), v, "__tostring") {
        let s = call1(c, h, &[v])?;
        return match s {
            Value::Str(_) => Ok(c.heap().str(s).map(str::to_owned)),
            Value::Int(_) | Value::Float(_) => Ok(Some(super::tostring(c.heap(), s))),
            _ => Err(lua_error(c, "'__tostring' must return a string")),
        };
    }
    if let Some(name) = metamethod(c.heap(), v, "__name")
        && let Some(n) = c.heap().str(name)
    {
        let id = v.heap_ref().unwrap_or_default();
        return Ok(Some(format!("{n}: 0x{id:08x}")));
    }
    Ok(None)
}

/// `setmetatable(t, mt)`.
pub(crate) fn set_metatable(c: &mut Call<'_>, t: Value, mt: Value) -> Result<(), RuntimeError> {
    if metamethod(c.heap(), t, "__metatable").is_some() {
        return Err(lua_error(c, "cannot change a protected metatable"));
    }
    let Value::Obj(id) = t else {
        return Err(lua_error(
            c,
            "bad argument #1 to 'setmetatable' (table expected)",
        ));
    };
    c.heap_mut().set_link(id, mt)
}

/// `getmetatable(v)`: its metatable's `__metatable` field when set, else the metatable.
pub(crate) fn get_metatable(heap: &Heap, v: Value) -> Value {
    match metatable(heap, v) {
        Some(mt) => match table::get_str(heap, mt, "__metatable") {
            Value::Null => mt,
            protected => protected,
        },
        None => Value::Null,
    }
}
