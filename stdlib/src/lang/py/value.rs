//! How Python values live in Weft values, and how Python prints them.
//!
//! - `None`, `bool`, `int`, `float`, `str` and `list` are the Weft values of the same kind.
//! - A `dict` is an object. A `str` key is stored as it is; any other key is stored under
//!   an encoded string starting with `\u{1}` (see [`encode_key`]), and decoded again by
//!   `keys()`, iteration and printing. `1`, `1.0` and `True` are the same key, as in Python.
//! - A `tuple` is an object with the single entry `"\u{1}tuple"` holding a list.
//! - A `set` is an object with the single entry `"\u{1}set"` holding an object from
//!   encoded keys to the elements, in insertion order.
//! - An exception is an object with the entries `"\u{1}exc"` (its type name) and `"args"`
//!   (a tuple).

use weft_runtime::{Heap, ObjMap, RuntimeError, Value};

pub(crate) const TUPLE: &str = "\u{1}tuple";
pub(crate) const SET: &str = "\u{1}set";
pub(crate) const EXC: &str = "\u{1}exc";

/// A Python view of a Weft value.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Py<'h> {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'h str),
    List(&'h [Value]),
    Tuple(&'h [Value]),
    Dict(&'h ObjMap),
    Set(&'h ObjMap),
    Exc(&'h str, &'h ObjMap),
    /// An instance of a class the script defined: its class's name.
    Object(&'h str),
    /// A class the script defined: its name.
    Type(&'h str),
    Func,
    Other,
}

/// Classifies a value.
pub(crate) fn view(heap: &Heap, v: Value) -> Py<'_> {
    match v {
        Value::Null => Py::None,
        Value::Bool(b) => Py::Bool(b),
        Value::Int(i) => Py::Int(i),
        Value::Float(f) => Py::Float(f),
        Value::Str(_) => heap.str(v).map_or(Py::Other, Py::Str),
        Value::List(_) => heap.list(v).map_or(Py::Other, Py::List),
        Value::Obj(_) => match heap.obj(v) {
            Some(map) => obj_view(heap, map),
            None => Py::Other,
        },
        Value::Closure(_) => Py::Func,
        _ => Py::Other,
    }
}

fn obj_view<'h>(heap: &'h Heap, map: &'h ObjMap) -> Py<'h> {
    if map.meta().is_some() {
        if let Some(c) = map.class() {
            return Py::Type(c.name.as_str());
        }
        let proto = map.proto();
        if let Some((name, _, p)) = heap.class_of(proto)
            && p == proto
        {
            return Py::Object(name);
        }
    }
    let mut entries = map.iter();
    match entries.next() {
        Some((TUPLE, inner)) if map.len() == 1 => heap.list(inner).map_or(Py::Dict(map), Py::Tuple),
        Some((SET, inner)) if map.len() == 1 => heap.obj(inner).map_or(Py::Dict(map), Py::Set),
        Some((EXC, ty)) => heap.str(ty).map_or(Py::Dict(map), |t| Py::Exc(t, map)),
        _ => Py::Dict(map),
    }
}

/// The inner list of a tuple, or the list itself.
pub(crate) fn seq_items(heap: &Heap, v: Value) -> Option<&[Value]> {
    match view(heap, v) {
        Py::List(items) | Py::Tuple(items) => Some(items),
        _ => None,
    }
}

/// The inner object of a set value.
pub(crate) fn set_inner(heap: &Heap, v: Value) -> Option<Value> {
    let map = heap.obj(v)?;
    match map.iter().next() {
        Some((SET, inner)) if map.len() == 1 => Some(inner),
        _ => None,
    }
}

/// Python's name for a value's type.
pub(crate) fn type_name(heap: &Heap, v: Value) -> &str {
    match view(heap, v) {
        Py::None => "NoneType",
        Py::Bool(_) => "bool",
        Py::Int(_) => "int",
        Py::Float(_) => "float",
        Py::Str(_) => "str",
        Py::List(_) => "list",
        Py::Tuple(_) => "tuple",
        Py::Dict(_) => "dict",
        Py::Set(_) => "set",
        Py::Exc(t, _) => t,
        Py::Object(name) => name,
        Py::Type(_) => "type",
        Py::Func => "function",
        Py::Other => "object",
    }
}

/// A new tuple.
pub(crate) fn new_tuple(heap: &mut Heap, items: Vec<Value>) -> Result<Value, RuntimeError> {
    let list = heap.alloc_list(items)?;
    let mut map = ObjMap::new();
    map.set(TUPLE, list);
    heap.alloc_obj(map)
}

/// A new set of the values, duplicates dropped.
pub(crate) fn new_set(
    heap: &mut Heap,
    items: &[Value],
) -> Result<Value, Result<RuntimeError, String>> {
    let mut inner = ObjMap::new();
    for &v in items {
        let key = encode_key(heap, v).map_err(Err)?;
        if inner.get(&key).is_none() {
            inner.set(&key, v);
        }
    }
    let inner = heap.alloc_obj(inner).map_err(Ok)?;
    let mut map = ObjMap::new();
    map.set(SET, inner);
    heap.alloc_obj(map).map_err(Ok)
}

/// A new exception object of type `ty` with `args`.
pub(crate) fn new_exc(heap: &mut Heap, ty: &str, args: Vec<Value>) -> Result<Value, RuntimeError> {
    let ty = heap.alloc_str(ty)?;
    let args = new_tuple(heap, args)?;
    let mut map = ObjMap::new();
    map.set(EXC, ty);
    map.set("args", args);
    heap.alloc_obj(map)
}

/// The object key a dict stores `v` under; an error message for unhashable values.
pub(crate) fn encode_key(heap: &Heap, v: Value) -> Result<String, String> {
    match view(heap, v) {
        Py::Str(s) => Ok(s.to_owned()),
        Py::None => Ok("\u{1}n".to_owned()),
        Py::Bool(b) => Ok(format!("\u{1}i{}", i64::from(b))),
        Py::Int(i) => Ok(format!("\u{1}i{i}")),
        Py::Float(f) => match weft_runtime::num::float_to_int_exact(f) {
            Some(i) => Ok(format!("\u{1}i{i}")),
            None => Ok(format!("\u{1}f{f:?}")),
        },
        Py::Tuple(items) => {
            let mut out = "\u{1}t".to_owned();
            for &item in items {
                let k = encode_key(heap, item)?;
                out.push_str(&format!("{}:{k}", k.len()));
            }
            Ok(out)
        }
        _ => Err(format!("unhashable type: '{}'", type_name(heap, v))),
    }
}

/// Splits `len` bytes (a decimal text) off the front of `tail`, if that is a valid split.
fn split_part<'t>(tail: &'t str, len: &str) -> Option<(&'t str, &'t str)> {
    let len: usize = len.parse().ok()?;
    Some((tail.get(..len)?, tail.get(len..)?))
}

/// The value a dict key stands for (the inverse of [`encode_key`]).
pub(crate) fn decode_key(heap: &mut Heap, key: &str) -> Result<Value, RuntimeError> {
    let Some(rest) = key.strip_prefix('\u{1}') else {
        return heap.alloc_str(key);
    };
    let (tag, body) = rest.split_at(rest.chars().next().map_or(0, char::len_utf8));
    Ok(match tag {
        "n" => Value::Null,
        "i" => Value::Int(body.parse().unwrap_or(0)),
        "f" => Value::Float(body.parse().unwrap_or(f64::NAN)),
        "t" => {
            let mut items = Vec::new();
            let mut rest = body;
            while let Some((len, tail)) = rest.split_once(':') {
                let Some((part, next)) = split_part(tail, len) else {
                    break;
                };
                items.push(decode_key(heap, part)?);
                rest = next;
            }
            new_tuple(heap, items)?
        }
        _ => heap.alloc_str(key)?,
    })
}

/// Python's `repr` of a float: shortest round trip, `1e+16`, `1e-05`, `inf`, `nan`.
pub(crate) fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let text = format!("{f:?}");
    match text.split_once('e') {
        Some((mant, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mant}e{sign}{digits:0>2}")
        }
        None => text,
    }
}

/// Python's `repr` of a string: single quotes unless the text has `'` and no `"`.
pub(crate) fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr`.
pub(crate) fn repr(heap: &Heap, v: Value) -> String {
    let mut out = String::new();
    write_repr(heap, v, &mut out, &mut Vec::new());
    out
}

/// Python's `str`.
pub(crate) fn to_str(heap: &Heap, v: Value) -> String {
    match view(heap, v) {
        Py::Str(s) => s.to_owned(),
        Py::Exc(ty, map) => exc_str(heap, ty, map),
        _ => repr(heap, v),
    }
}

/// `str(exception)`: its one argument (a `KeyError`'s as repr), or the tuple of them.
pub(crate) fn exc_str(heap: &Heap, ty: &str, map: &ObjMap) -> String {
    let args = map
        .get("args")
        .and_then(|a| seq_items(heap, a))
        .unwrap_or(&[]);
    match args {
        [] => String::new(),
        [one] if ty == "KeyError" => repr(heap, *one),
        [one] => to_str(heap, *one),
        _ => repr(heap, map.get("args").unwrap_or(Value::Null)),
    }
}

fn write_items(heap: &Heap, items: &[Value], out: &mut String, seen: &mut Vec<Value>) {
    for (i, &item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(heap, item, out, seen);
    }
}

fn write_repr(heap: &Heap, v: Value, out: &mut String, seen: &mut Vec<Value>) {
    let py = view(heap, v);
    let container = matches!(py, Py::List(_) | Py::Tuple(_) | Py::Dict(_) | Py::Set(_));
    if container && (seen.contains(&v) || seen.len() > 64) {
        out.push_str(match py {
            Py::List(_) => "[...]",
            Py::Tuple(_) => "(...)",
            _ => "{...}",
        });
        return;
    }
    if container {
        seen.push(v);
    }
    match py {
        // `__repr__` is called by the `py.repr` and `py.str` opcodes; inside a container
        // an instance shows its default form.
        Py::Object(name) => {
            out.push_str("<__main__.");
            out.push_str(name);
            out.push_str(" object>");
        }
        Py::Type(name) => {
            out.push_str("<class '__main__.");
            out.push_str(name);
            out.push_str("'>");
        }
        Py::None => out.push_str("None"),
        Py::Bool(true) => out.push_str("True"),
        Py::Bool(false) => out.push_str("False"),
        Py::Int(i) => out.push_str(&i.to_string()),
        Py::Float(f) => out.push_str(&float_repr(f)),
        Py::Str(s) => out.push_str(&str_repr(s)),
        Py::List(items) => {
            out.push('[');
            write_items(heap, items, out, seen);
            out.push(']');
        }
        Py::Tuple(items) => {
            out.push('(');
            write_items(heap, items, out, seen);
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Py::Dict(map) => {
            out.push('{');
            for (i, (k, val)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&key_repr(k));
                out.push_str(": ");
                write_repr(heap, val, out, seen);
            }
            out.push('}');
        }
        Py::Set(inner) if inner.is_empty() => out.push_str("set()"),
        Py::Set(inner) => {
            out.push('{');
            let items: Vec<Value> = inner.iter().map(|(_, v)| v).collect();
            write_items(heap, &items, out, seen);
            out.push('}');
        }
        Py::Exc(ty, map) => {
            out.push_str(ty);
            let args = map
                .get("args")
                .and_then(|a| seq_items(heap, a))
                .unwrap_or(&[]);
            out.push('(');
            write_items(heap, args, out, seen);
            out.push(')');
        }
        Py::Func => out.push_str("<function>"),
        Py::Other => out.push_str("<handle>"),
    }
    if container {
        seen.pop();
    }
}

/// The repr of a stored dict key, without allocating.
fn key_repr(key: &str) -> String {
    let Some(rest) = key.strip_prefix('\u{1}') else {
        return str_repr(key);
    };
    let (tag, body) = rest.split_at(rest.chars().next().map_or(0, char::len_utf8));
    match tag {
        "n" => "None".to_owned(),
        "i" => body.to_owned(),
        "f" => float_repr(body.parse().unwrap_or(f64::NAN)),
        "t" => {
            let mut parts = Vec::new();
            let mut rest = body;
            while let Some((len, tail)) = rest.split_once(':') {
                let Some((part, next)) = split_part(tail, len) else {
                    break;
                };
                parts.push(key_repr(part));
                rest = next;
            }
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        _ => str_repr(key),
    }
}

/// Python truthiness, including empty tuples and sets.
pub(crate) fn truthy(heap: &Heap, v: Value) -> bool {
    match view(heap, v) {
        Py::None | Py::Bool(false) => false,
        Py::Bool(true) => true,
        Py::Int(i) => i != 0,
        Py::Float(f) => f != 0.0,
        Py::Str(s) => !s.is_empty(),
        Py::List(items) | Py::Tuple(items) => !items.is_empty(),
        Py::Dict(map) | Py::Set(map) => !map.is_empty(),
        Py::Exc(..) | Py::Object(_) | Py::Type(_) | Py::Func | Py::Other => true,
    }
}
