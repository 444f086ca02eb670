//! The object model's opcodes: prototypes (`obj.create`, `obj.proto`, `obj.set_proto`),
//! classes (`obj.class`, `obj.class_init`, `obj.class_proto`, `obj.instance_of`) and
//! accessors (`obj.define_accessor`), plus [`get_prop`] and [`set_prop`], the property
//! read and write every language's lookup opcodes share (`obj.get`, `js.get`, ...).
//! The model itself is described in `weft_runtime::object`.

use weft_runtime::diagnostics as diag;
use weft_runtime::object::Prop;
use weft_runtime::{ClassInfo, HeapObj, ObjMap, RuntimeError, Value};

use crate::call::{Call, Ctx};

type R = Result<Value, RuntimeError>;

/// Reads `key` of object `target` along its chain, calling a getter with `target` as
/// `this`. `None` when no object of the chain has the key.
pub fn get_prop(
    ctx: &mut dyn Ctx,
    target: Value,
    key: &str,
) -> Result<Option<Value>, RuntimeError> {
    match ctx.heap().lookup(target, key) {
        None => Ok(None),
        Some(Prop::Data(v)) => Ok(Some(v)),
        Some(Prop::Accessor {
            get: Value::Null, ..
        }) => Ok(Some(Value::Null)),
        Some(Prop::Accessor { get, .. }) => ctx.call_this(get, target, &[]).map(Some),
    }
}

/// Writes `key` of object `id` (`target`): an own data property is replaced; else a
/// setter on the chain is called with `target` as `this`; else a new own entry is added.
/// A getter-only accessor refuses the write.
pub fn set_prop(
    ctx: &mut dyn Ctx,
    target: Value,
    key: &str,
    value: Value,
) -> Result<(), RuntimeError> {
    let Value::Obj(id) = target else {
        return Err(diag::internal("set_prop on a non-object"));
    };
    let heap = ctx.heap();
    let own = heap.obj(target).is_some_and(|m| m.get(key).is_some());
    if !own && let Some(Prop::Accessor { set, .. }) = heap.lookup(target, key) {
        if set == Value::Null {
            return Err(diag::type_error(
                "property write",
                "a property with a setter",
                &format!("`{key}`, which only has a getter"),
            ));
        }
        ctx.call_this(set, target, &[value])?;
        return Ok(());
    }
    ctx.heap_mut().check_room(key.len() + 40)?;
    ctx.heap_mut().update(id, |o| {
        if let HeapObj::Obj(map) = o {
            map.set(key, value);
        }
    })
}

pub fn has_in(c: &mut Call<'_>) -> R {
    c.obj_ref(0)?;
    let key = c.str_ref(1)?;
    Ok(Value::Bool(c.heap().lookup(c.arg(0), key).is_some()))
}

pub fn create(c: &mut Call<'_>) -> R {
    let proto = proto_arg(c, 0)?;
    let v = c.heap_mut().alloc_obj(ObjMap::new())?;
    if let (Value::Obj(id), Value::Obj(_)) = (v, proto) {
        c.heap_mut().set_proto(id, proto)?;
    }
    Ok(v)
}

pub fn proto(c: &mut Call<'_>) -> R {
    Ok(c.heap().obj(c.arg(0)).map_or(Value::Null, ObjMap::proto))
}

pub fn set_proto(c: &mut Call<'_>) -> R {
    let id = c.obj_id(0)?;
    let proto = proto_arg(c, 1)?;
    c.heap_mut().set_proto(id, proto)?;
    Ok(c.arg(0))
}

pub fn class(c: &mut Call<'_>) -> R {
    let name = c.string(0)?;
    let init = c.arg(1);
    if c.heap().closure(init).is_none() {
        return Err(diag::type_error(
            c.name,
            "a constructor function",
            &c.describe(init),
        ));
    }
    let prototype_id = c.obj_id(2)?;
    let prototype = c.arg(2);
    let parent = proto_arg(c, 3)?;
    c.heap_mut().check_room(name.len() + 96)?;
    let mut map = ObjMap::new();
    map.meta_mut().class = Some(ClassInfo {
        name,
        init,
        prototype,
    });
    let v = c.heap_mut().alloc_obj(map)?;
    let Value::Obj(id) = v else {
        return Err(diag::internal("obj.class allocated a non-object"));
    };
    if parent != Value::Null {
        c.heap_mut().set_proto(id, parent)?;
    }
    c.heap_mut().update(prototype_id, |o| {
        if let HeapObj::Obj(map) = o {
            map.meta_mut().constructor = v;
        }
    })?;
    Ok(v)
}

fn class_info(c: &Call<'_>, i: usize) -> Result<(Value, Value), RuntimeError> {
    match c.heap().class_of(c.arg(i)) {
        Some((_, init, prototype)) => Ok((init, prototype)),
        None => Err(diag::type_error(c.name, "a class", &c.describe(c.arg(i)))),
    }
}

pub fn class_init(c: &mut Call<'_>) -> R {
    class_info(c, 0).map(|(init, _)| init)
}

pub fn class_proto(c: &mut Call<'_>) -> R {
    class_info(c, 0).map(|(_, proto)| proto)
}

pub fn instance_of(c: &mut Call<'_>) -> R {
    let heap = c.heap();
    let found = match heap.class_of(c.arg(1)) {
        Some((_, _, prototype)) => heap.inherits(c.arg(0), prototype),
        None => false,
    };
    Ok(Value::Bool(found))
}

pub fn define_accessor(c: &mut Call<'_>) -> R {
    let id = c.obj_id(0)?;
    let key = c.string(1)?;
    for i in [2, 3] {
        let f = c.arg(i);
        if f != Value::Null && c.heap().closure(f).is_none() {
            return Err(diag::type_error(
                c.name,
                "a function or null",
                &c.describe(f),
            ));
        }
    }
    let (get, set) = (c.arg(2), c.arg(3));
    c.heap_mut().define_accessor(id, &key, get, set)?;
    Ok(c.arg(0))
}

/// A prototype argument: an object or null.
fn proto_arg(c: &Call<'_>, i: usize) -> R {
    match c.arg(i) {
        v @ (Value::Null | Value::Obj(_)) => Ok(v),
        v => Err(diag::type_error(
            c.name,
            "an object or null",
            &c.describe(v),
        )),
    }
}
