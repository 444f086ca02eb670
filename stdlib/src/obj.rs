//! `obj.*`: objects are mutable, shared by reference, with string keys in insertion order.
//!
//! `obj.new` receives its `[key, value]` pairs flattened (`k1, v1, k2, v2, ...`); a key may
//! be a string or a number (numbers use their display string, as JavaScript does).
//! Higher-order opcodes call back with `(value, key)` (`reduce`: `(acc, value, key)`) over
//! a snapshot of the entries taken before the first call.

use weft_runtime::diagnostics as diag;
use weft_runtime::{HeapObj, ObjMap, RuntimeError, Truth, Value};

use crate::call::Call;

type R = Result<Value, RuntimeError>;

/// An object key from a value: a string, or a number's display string.
fn key_of(c: &Call<'_>, i: usize) -> Result<String, RuntimeError> {
    match c.arg(i) {
        Value::Str(_) => c.string(i),
        v @ (Value::Int(_) | Value::Float(_)) => Ok(c.display(v)),
        v => Err(diag::type_error(c.name, "a string key", &c.describe(v))),
    }
}

fn with_obj<T>(c: &mut Call<'_>, f: impl FnOnce(&mut ObjMap) -> T) -> Result<T, RuntimeError> {
    let id = c.obj_id(0)?;
    let name = c.name;
    c.heap_mut().update(id, |obj| match obj {
        HeapObj::Obj(map) => Ok(f(map)),
        _ => Err(diag::internal(format!(
            "{name}: object slot holds something else"
        ))),
    })?
}

fn entries(c: &Call<'_>, i: usize) -> Result<Vec<(String, Value)>, RuntimeError> {
    Ok(c.obj_ref(i)?
        .iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect())
}

fn alloc(c: &mut Call<'_>, map: ObjMap) -> R {
    let size: usize = map.iter().map(|(k, _)| k.len() + 40).sum();
    c.heap_mut().check_room(size)?;
    c.heap_mut().alloc_obj(map)
}

pub fn new(c: &mut Call<'_>) -> R {
    let mut map = ObjMap::new();
    for i in (0..c.args.len()).step_by(2) {
        let key = key_of(c, i)?;
        map.set(&key, c.arg(i + 1));
    }
    alloc(c, map)
}

pub fn get(c: &mut Call<'_>) -> R {
    let key = key_of(c, 1)?;
    c.obj_ref(0)?;
    let target = c.arg(0);
    match crate::object::get_prop(c.ctx, target, &key)? {
        Some(v) => Ok(v),
        None if c.has(2) => Ok(c.arg(2)),
        None => Err(diag::missing_key(&key)),
    }
}

pub fn set(c: &mut Call<'_>) -> R {
    let key = key_of(c, 1)?;
    let value = c.arg(2);
    c.heap_mut().check_room(key.len() + 40)?;
    with_obj(c, |map| map.set(&key, value))?;
    Ok(value)
}

pub fn has(c: &mut Call<'_>) -> R {
    let key = key_of(c, 1)?;
    Ok(Value::Bool(c.obj_ref(0)?.get(&key).is_some()))
}

pub fn del(c: &mut Call<'_>) -> R {
    let key = key_of(c, 1)?;
    let len = c.obj_ref(0)?.len();
    let pos = with_obj(c, |map| map.remove(&key))?;
    if let Some(p) = pos {
        c.charge_items((len - p - 1) as u64)?;
    }
    Ok(Value::Bool(pos.is_some()))
}

pub fn keys(c: &mut Call<'_>) -> R {
    let es = entries(c, 0)?;
    c.charge_items(es.len() as u64)?;
    let mut out = Vec::with_capacity(es.len());
    for (k, _) in es {
        out.push(c.alloc_str(k)?);
    }
    c.alloc_list(out)
}

pub fn values(c: &mut Call<'_>) -> R {
    let es = entries(c, 0)?;
    c.charge_items(es.len() as u64)?;
    c.alloc_list(es.into_iter().map(|(_, v)| v).collect())
}

pub fn entries_op(c: &mut Call<'_>) -> R {
    let es = entries(c, 0)?;
    c.charge_items(es.len() as u64)?;
    let mut out = Vec::with_capacity(es.len());
    for (k, v) in es {
        let k = c.alloc_str(k)?;
        out.push(c.alloc_list(vec![k, v])?);
    }
    c.alloc_list(out)
}

pub fn merge(c: &mut Call<'_>) -> R {
    let mut map = ObjMap::new();
    for i in 0..c.args.len() {
        let es = entries(c, i)?;
        c.charge_items(es.len() as u64)?;
        for (k, v) in es {
            map.set(&k, v);
        }
    }
    alloc(c, map)
}

pub fn map(c: &mut Call<'_>) -> R {
    let (es, f) = (entries(c, 0)?, c.func(1)?);
    let mut out = ObjMap::new();
    for (k, v) in es {
        c.charge_items(1)?;
        let key = c.alloc_str(k.clone())?;
        let r = c.ctx.call(f, &[v, key])?;
        out.set(&k, r);
    }
    alloc(c, out)
}

pub fn filter(c: &mut Call<'_>) -> R {
    let (es, f) = (entries(c, 0)?, c.func(1)?);
    let mut out = ObjMap::new();
    for (k, v) in es {
        c.charge_items(1)?;
        let key = c.alloc_str(k.clone())?;
        let r = c.ctx.call(f, &[v, key])?;
        if c.heap().truthy(r, Truth::Ir) {
            out.set(&k, v);
        }
    }
    alloc(c, out)
}

pub fn reduce(c: &mut Call<'_>) -> R {
    let (es, f) = (entries(c, 0)?, c.func(1)?);
    let mut acc = c.arg(2);
    for (k, v) in es {
        c.charge_items(1)?;
        let key = c.alloc_str(k)?;
        acc = c.ctx.call(f, &[acc, v, key])?;
    }
    Ok(acc)
}

pub fn flat_map(c: &mut Call<'_>) -> R {
    let (es, f) = (entries(c, 0)?, c.func(1)?);
    let mut out = ObjMap::new();
    for (k, v) in es {
        c.charge_items(1)?;
        let key = c.alloc_str(k)?;
        let r = c.ctx.call(f, &[v, key])?;
        let Some(inner) = c.heap().obj(r) else {
            return Err(diag::type_error(
                c.name,
                "the function to return an object",
                &c.describe(r),
            ));
        };
        for (ik, iv) in inner.iter() {
            out.set(ik, iv);
        }
    }
    alloc(c, out)
}
