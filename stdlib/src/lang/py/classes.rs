//! Python classes on the object model.
//!
//! A class is an object carrying class data whose instance prototype is the class itself
//! (`obj.class` makes JavaScript classes, whose prototype is a separate object): its
//! entries are the class namespace (methods, class attributes), its prototype link is its
//! first base. An instance is an object whose prototype is its class, its entries its
//! attributes. With several bases the class also keeps its C3 method resolution order
//! (itself first) under a hidden key, and lookups follow that list instead of the link.
//!
//! Function-like namespace entries are marked objects: `staticmethod(f)`,
//! `classmethod(f)` and `property(get, set)`; reading a plain function through an
//! instance gives a bound method (`{BOUND: f, SELF: instance}`), which the VM calls as
//! `f(instance, ...)` (see [`call_handler`]), as it calls a class as its constructor with
//! the class first and an instance with `__call__` as that method.
//!
//! Dunder methods (`__str__`, `__eq__`, `__add__`, `__len__`, ...) are looked up on the
//! class (not the instance) and called from inside the opcode that needs them.

use weft_runtime::{ClassInfo, Heap, ObjMap, RuntimeError, Value};

use super::{R, raise, raise_type};
use crate::call::Call;

/// The hidden key of a class's method resolution order (several bases only).
const MRO: &str = "\u{1}mro";
/// Keys of the marked objects.
pub(crate) const BOUND: &str = "\u{1}bound";
const SELF: &str = "\u{1}self";
const STATIC: &str = "\u{1}staticmethod";
const CLASSMETHOD: &str = "\u{1}classmethod";
const PROPERTY: &str = "\u{1}property";
const SETTER: &str = "\u{1}setter";

/// Whether `v` is a Python class.
pub(crate) fn is_class(heap: &Heap, v: Value) -> bool {
    heap.class_of(v).is_some_and(|(_, _, proto)| proto == v)
}

/// The class of an instance of a Python class.
pub(crate) fn class_of(heap: &Heap, v: Value) -> Option<Value> {
    let p = heap.obj(v)?.proto();
    (is_class(heap, p) && !is_class(heap, v)).then_some(p)
}

/// Whether `v` is a Python class or an instance of one.
pub(crate) fn is_object(heap: &Heap, v: Value) -> bool {
    is_class(heap, v) || class_of(heap, v).is_some()
}

/// The name of a Python class.
pub(crate) fn class_name(heap: &Heap, cls: Value) -> String {
    heap.class_of(cls)
        .map_or_else(|| "object".to_owned(), |(n, _, _)| n.to_owned())
}

/// A class's method resolution order, itself first.
pub(crate) fn mro(heap: &Heap, cls: Value) -> Vec<Value> {
    if let Some(list) = heap.obj(cls).and_then(|m| m.get(MRO))
        && let Some(items) = heap.list(list)
    {
        return items.to_vec();
    }
    heap.chain(cls)
        .map(|(c, _)| c)
        .filter(|&c| is_class(heap, c))
        .collect()
}

/// `name` in the namespace of the first class of `classes` that has it.
fn find_in(heap: &Heap, classes: &[Value], name: &str) -> Option<Value> {
    classes
        .iter()
        .find_map(|&c| heap.obj(c).and_then(|m| m.get(name)))
}

/// `name` looked up on a class and its bases.
pub(crate) fn class_attr(heap: &Heap, cls: Value, name: &str) -> Option<Value> {
    find_in(heap, &mro(heap, cls), name)
}

/// The value of a marked object's key, when `v` is one.
fn marked(heap: &Heap, v: Value, key: &str) -> Option<Value> {
    let map = heap.obj(v)?;
    let (first, inner) = map.iter().next()?;
    (first == key).then_some(inner)
}

fn new_marked(c: &mut Call<'_>, entries: &[(&str, Value)]) -> R {
    let mut map = ObjMap::new();
    for (k, v) in entries {
        map.set(k, *v);
    }
    c.heap_mut().alloc_obj(map)
}

/// A bound method: `f` called with `this` first.
fn bound(c: &mut Call<'_>, f: Value, this: Value) -> R {
    new_marked(c, &[(BOUND, f), (SELF, this)])
}

/// What calling `v` runs, and the value passed first: a bound method's function and
/// receiver, a class's constructor and the class, an instance's `__call__` and itself.
pub(crate) fn call_handler(heap: &Heap, v: Value) -> Option<(Value, Value)> {
    if let Some(f) = marked(heap, v, BOUND) {
        let this = heap.obj(v)?.get(SELF)?;
        return Some((f, this));
    }
    if is_class(heap, v) {
        let (_, init, _) = heap.class_of(v)?;
        return Some((init, v));
    }
    let cls = class_of(heap, v)?;
    let f = class_attr(heap, cls, "__call__")?;
    heap.closure(f).map(|_| (f, v))
}

/// `py.class(name, bases, namespace, constructor)`: a new class.
pub(crate) fn new_class(c: &mut Call<'_>) -> R {
    let name = c.string(0)?;
    let bases: Vec<Value> = c
        .list(1)?
        .into_iter()
        .filter(|b| *b != Value::Null)
        .collect();
    for &b in &bases {
        if !is_class(c.heap(), b) {
            let what = super::value::type_name(c.heap(), b).to_owned();
            return Err(raise_type(
                c,
                format!("class {name}: a base must be a class, not '{what}'"),
            ));
        }
    }
    let ns = c.arg(2);
    let init = c.arg(3);
    let entries: Vec<(String, Value)> = c
        .heap()
        .obj(ns)
        .map(|m| m.iter().map(|(k, v)| (k.to_owned(), v)).collect())
        .unwrap_or_default();
    c.heap_mut()
        .check_room(name.len() + 96 + entries.len() * 48)?;
    let mut map = ObjMap::new();
    for (k, v) in &entries {
        map.set(k, *v);
    }
    let v = c.heap_mut().alloc_obj(map)?;
    let Value::Obj(id) = v else {
        return Err(weft_runtime::diagnostics::internal(
            "py.class allocated a non-object",
        ));
    };
    let linear = if bases.len() > 1 {
        let mut seqs: Vec<Vec<Value>> = bases.iter().map(|&b| mro(c.heap(), b)).collect();
        seqs.push(bases.clone());
        match c3(seqs) {
            Some(rest) => Some(rest),
            None => {
                return Err(raise_type(
                    c,
                    "Cannot create a consistent method resolution order (MRO)",
                ));
            }
        }
    } else {
        None
    };
    let first = bases.first().copied().unwrap_or(Value::Null);
    c.heap_mut().update(id, |o| {
        if let weft_runtime::HeapObj::Obj(map) = o {
            let meta = map.meta_mut();
            meta.proto = first;
            meta.class = Some(ClassInfo {
                name,
                init,
                prototype: v,
            });
        }
    })?;
    if bases
        .iter()
        .any(|&b| class_attr(c.heap(), b, ENUM).is_some())
    {
        enum_members(c, v, &entries)?;
    }
    if let Some(rest) = linear {
        let mut all = vec![v];
        all.extend(rest);
        let list = c.heap_mut().alloc_list(all)?;
        c.heap_mut().update(id, |o| {
            if let weft_runtime::HeapObj::Obj(map) = o {
                map.set(MRO, list);
            }
        })?;
    }
    Ok(v)
}

/// The hidden key of `Enum`, the base of enumerations.
const ENUM: &str = "\u{1}enum";
/// The hidden key an enumeration's member carries.
const MEMBER: &str = "\u{1}member";

/// Makes each plain attribute of an enumeration's namespace a member: an instance of the
/// class with `name` and `value`.
fn enum_members(
    c: &mut Call<'_>,
    cls: Value,
    entries: &[(String, Value)],
) -> Result<(), RuntimeError> {
    let Value::Obj(id) = cls else { return Ok(()) };
    for (k, v) in entries {
        let heap = c.heap();
        if k.starts_with('_')
            || heap.closure(*v).is_some()
            || marked(heap, *v, STATIC).is_some()
            || marked(heap, *v, CLASSMETHOD).is_some()
            || marked(heap, *v, PROPERTY).is_some()
        {
            continue;
        }
        let name = c.alloc_str(k.clone())?;
        let mut map = ObjMap::new();
        map.set(MEMBER, Value::Bool(true));
        map.set("name", name);
        map.set("value", *v);
        map.meta_mut().proto = cls;
        let member = c.heap_mut().alloc_obj(map)?;
        let key = k.clone();
        c.heap_mut().update(id, |o| {
            if let weft_runtime::HeapObj::Obj(m) = o {
                m.set(&key, member);
            }
        })?;
    }
    Ok(())
}

/// `str` and `repr` of an enumeration's member: `Color.RED`, `<Color.RED: 1>`.
pub(crate) fn member_text(heap: &Heap, v: Value, repr: bool) -> Option<String> {
    let map = heap.obj(v)?;
    map.get(MEMBER)?;
    let cls = class_of(heap, v)?;
    let name = heap.str(map.get("name")?)?;
    let cls_name = class_name(heap, cls);
    Some(if repr {
        let value = super::value::repr(heap, map.get("value").unwrap_or(Value::Null));
        format!("<{cls_name}.{name}: {value}>")
    } else {
        format!("{cls_name}.{name}")
    })
}

/// C3 linearization of the bases' orders and the bases list.
fn c3(mut seqs: Vec<Vec<Value>>) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let head = seqs
            .iter()
            .map(|s| s[0])
            .find(|h| !seqs.iter().any(|s| s[1..].contains(h)))?;
        out.push(head);
        for s in &mut seqs {
            if s.first() == Some(&head) {
                s.remove(0);
            }
        }
    }
}

/// `obj.name` on a class or an instance; `None` when `v` is neither.
pub(crate) fn getattr(c: &mut Call<'_>, v: Value, name: &str) -> Option<R> {
    if is_class(c.heap(), v) {
        return Some(class_getattr(c, v, name));
    }
    let cls = class_of(c.heap(), v)?;
    Some(instance_getattr(c, v, cls, name))
}

fn missing(c: &mut Call<'_>, what: String, name: &str) -> RuntimeError {
    raise(
        c,
        "AttributeError",
        format!("{what} has no attribute '{name}'"),
    )
}

fn class_getattr(c: &mut Call<'_>, cls: Value, name: &str) -> R {
    if name == "__name__" {
        let n = class_name(c.heap(), cls);
        return c.alloc_str(n);
    }
    let Some(found) = class_attr(c.heap(), cls, name) else {
        let what = format!("type object '{}'", class_name(c.heap(), cls));
        return Err(missing(c, what, name));
    };
    if let Some(f) = marked(c.heap(), found, STATIC) {
        return Ok(f);
    }
    if let Some(f) = marked(c.heap(), found, CLASSMETHOD) {
        return bound(c, f, cls);
    }
    Ok(found)
}

fn instance_getattr(c: &mut Call<'_>, inst: Value, cls: Value, name: &str) -> R {
    if let Some(v) = c.heap().obj(inst).and_then(|m| m.get(name)) {
        return Ok(v);
    }
    if name == "__class__" {
        return Ok(cls);
    }
    let Some(found) = class_attr(c.heap(), cls, name) else {
        let what = format!("'{}' object", class_name(c.heap(), cls));
        return Err(missing(c, what, name));
    };
    if c.heap().closure(found).is_some() {
        return bound(c, found, inst);
    }
    if let Some(f) = marked(c.heap(), found, STATIC) {
        return Ok(f);
    }
    if let Some(f) = marked(c.heap(), found, CLASSMETHOD) {
        return bound(c, f, cls);
    }
    if let Some(get) = marked(c.heap(), found, PROPERTY) {
        return c.ctx.call(get, &[inst]);
    }
    Ok(found)
}

/// `obj.name = value` on a class or an instance; `None` when `v` is neither.
pub(crate) fn setattr(c: &mut Call<'_>, v: Value, name: &str, value: Value) -> Option<R> {
    let Value::Obj(id) = v else { return None };
    if !is_object(c.heap(), v) {
        return None;
    }
    if let Some(cls) = class_of(c.heap(), v)
        && let Some(prop) = class_attr(c.heap(), cls, name)
        && marked(c.heap(), prop, PROPERTY).is_some()
    {
        let setter = c.heap().obj(prop).and_then(|m| m.get(SETTER));
        return Some(match setter {
            Some(set) if set != Value::Null => c.ctx.call(set, &[v, value]).map(|_| value),
            _ => Err(raise(c, "AttributeError", "can't set attribute")),
        });
    }
    let name = name.to_owned();
    Some(
        c.heap_mut()
            .check_room(name.len() + 40)
            .and_then(|_| {
                c.heap_mut().update(id, |o| {
                    if let weft_runtime::HeapObj::Obj(map) = o {
                        map.set(&name, value);
                    }
                })
            })
            .map(|_| value),
    )
}

/// `super().name` inside a method of `cls` on `this`: `name` from the classes after `cls`
/// in the order of `this`'s class, bound to `this`.
pub(crate) fn super_attr(c: &mut Call<'_>) -> R {
    let (cls, this) = (c.arg(0), c.arg(1));
    let name = c.string(2)?;
    let start = if is_class(c.heap(), this) {
        this
    } else {
        class_of(c.heap(), this).unwrap_or(Value::Null)
    };
    let order = mro(c.heap(), start);
    let after: Vec<Value> = order
        .iter()
        .skip_while(|&&k| k != cls)
        .skip(1)
        .copied()
        .collect();
    match find_in(c.heap(), &after, &name) {
        Some(f) if c.heap().closure(f).is_some() => bound(c, f, this),
        Some(found) => match marked(c.heap(), found, CLASSMETHOD) {
            Some(f) => bound(c, f, start),
            None => match marked(c.heap(), found, STATIC) {
                Some(f) => Ok(f),
                None => Ok(found),
            },
        },
        // `object.__init__` and friends: a function that does nothing.
        None if name == "__init__" => Ok(c.arg(3)),
        None => {
            let what = "'super' object".to_owned();
            Err(missing(c, what, &name))
        }
    }
}

/// The hidden key naming the builtin exception type a class stands for.
const EXC_BASE: &str = "\u{1}exception";

/// `py.exception_class(type, constructor)`: a class standing for a builtin exception
/// type, for a script's class to derive from.
pub(crate) fn exception_class(c: &mut Call<'_>) -> R {
    let ty = c.string(0)?;
    let name = c.alloc_str(ty.clone())?;
    let mut ns = ObjMap::new();
    ns.set(EXC_BASE, name);
    let ns = c.heap_mut().alloc_obj(ns)?;
    let bases = c.alloc_list(Vec::new())?;
    let name_v = c.alloc_str(ty)?;
    let args = [name_v, bases, ns, c.arg(1)];
    super::builtins::sub_call(c, new_class, &args)
}

/// The builtin exception type an instance of a script's class derives from, if any.
pub(crate) fn exception_base(heap: &Heap, v: Value) -> Option<String> {
    let cls = class_of(heap, v)?;
    let name = class_attr(heap, cls, EXC_BASE)?;
    heap.str(name).map(str::to_owned)
}

/// `py.class_attr(cls, name)`: the attribute found on the class or its bases, or null.
pub(crate) fn class_attr_op(c: &mut Call<'_>) -> R {
    let name = c.string(1)?;
    Ok(class_attr(c.heap(), c.arg(0), &name).unwrap_or(Value::Null))
}

/// `py.is_object(v)`: whether `v` is a class or an instance of one (method calls on it
/// are calls of its attributes).
pub(crate) fn is_object_op(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(is_object(c.heap(), c.arg(0))))
}

/// `py.decorate(kind, f)`: `staticmethod(f)`, `classmethod(f)`, `property(f)`.
pub(crate) fn decorate(c: &mut Call<'_>) -> R {
    let kind = c.string(0)?;
    let f = c.arg(1);
    match kind.as_str() {
        "staticmethod" => new_marked(c, &[(STATIC, f)]),
        "classmethod" => new_marked(c, &[(CLASSMETHOD, f)]),
        "property" => new_marked(c, &[(PROPERTY, f), (SETTER, Value::Null)]),
        other => Err(raise_type(c, format!("unknown decorator {other}"))),
    }
}

/// `prop.setter(f)` / `prop.getter(f)` of a property: a new property.
pub(crate) fn property_method(c: &mut Call<'_>, prop: Value, name: &str, f: Value) -> Option<R> {
    let get = marked(c.heap(), prop, PROPERTY)?;
    let set = c
        .heap()
        .obj(prop)
        .and_then(|m| m.get(SETTER))
        .unwrap_or(Value::Null);
    Some(match name {
        "setter" => new_marked(c, &[(PROPERTY, get), (SETTER, f)]),
        "getter" => new_marked(c, &[(PROPERTY, f), (SETTER, set)]),
        _ => return None,
    })
}

/// `isinstance(v, cls)` for a Python class `cls`.
pub(crate) fn instance_of(heap: &Heap, v: Value, cls: Value) -> bool {
    class_of(heap, v).is_some_and(|k| mro(heap, k).contains(&cls))
}

/// The dunder method `name` of an instance's class, when it has one.
pub(crate) fn dunder(heap: &Heap, v: Value, name: &str) -> Option<Value> {
    let cls = class_of(heap, v)?;
    class_attr(heap, cls, name).filter(|f| heap.closure(*f).is_some())
}

/// Calls `v.name(args...)` when `v`'s class defines `name`.
pub(crate) fn call_dunder(c: &mut Call<'_>, v: Value, name: &str, args: &[Value]) -> Option<R> {
    let f = dunder(c.heap(), v, name)?;
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(v);
    all.extend_from_slice(args);
    Some(c.ctx.call(f, &all))
}

/// A binary operator on instances: `a.op(b)`, else `b.rop(a)`; a result of
/// `NotImplemented` (null here) tries the other side.
pub(crate) fn binary(c: &mut Call<'_>, op: &str, rop: Option<&str>) -> Option<R> {
    let (a, b) = (c.arg(0), c.arg(1));
    let heap = c.heap();
    if class_of(heap, a).is_none() && class_of(heap, b).is_none() {
        return None;
    }
    if let Some(r) = call_dunder(c, a, op, &[b]) {
        return Some(r);
    }
    let rop = rop?;
    call_dunder(c, b, rop, &[a])
}
