//! `py.method`: the everyday methods of `str`, `list`, `dict` and `set`.

use weft_runtime::{HeapObj, ObjMap, RuntimeError, Value};

use super::builtins::sort_values;
use super::ops::{equal, new_set_value};
use super::seq::items_of;
use super::value::{self, Py, encode_key, repr, set_inner, type_name, view};
use super::{R, raise, raise_key, raise_type};
use crate::call::Call;

/// Arguments after the receiver and method name.
struct Args<'c, 'a> {
    c: &'c mut Call<'a>,
}

impl<'a> Args<'_, 'a> {
    fn get(&self, i: usize) -> Value {
        self.c.arg(i + 2)
    }

    fn given(&self, i: usize) -> bool {
        self.c.args.len() > i + 2 && self.get(i) != Value::Null
    }

    fn text(&mut self, i: usize, method: &str) -> Result<String, RuntimeError> {
        match view(self.c.heap(), self.get(i)) {
            Py::Str(s) => Ok(s.to_owned()),
            _ => {
                let t = type_name(self.c.heap(), self.get(i)).to_owned();
                Err(raise_type(
                    self.c,
                    format!("{method}() argument must be str, not {t}"),
                ))
            }
        }
    }

    fn int(&mut self, i: usize, default: i64) -> Result<i64, RuntimeError> {
        match view(self.c.heap(), self.get(i)) {
            Py::None => Ok(default),
            Py::Int(n) => Ok(n),
            Py::Bool(b) => Ok(i64::from(b)),
            _ => {
                let t = type_name(self.c.heap(), self.get(i)).to_owned();
                Err(raise_type(
                    self.c,
                    format!("'{t}' object cannot be interpreted as an integer"),
                ))
            }
        }
    }
}

pub(crate) fn method(c: &mut Call<'_>) -> R {
    let recv = c.arg(0);
    let name = c.string(1)?;
    let result = match view(c.heap(), recv) {
        Py::Str(s) => {
            let s = s.to_owned();
            str_method(&mut Args { c }, &s, &name)
        }
        Py::List(_) => list_method(&mut Args { c }, recv, &name),
        Py::Dict(_) => dict_method(&mut Args { c }, recv, &name),
        Py::Set(_) => set_method(&mut Args { c }, recv, &name),
        Py::Tuple(items) => {
            let items = items.to_vec();
            tuple_method(&mut Args { c }, &items, &name)
        }
        _ => None,
    };
    match result {
        Some(r) => r,
        None => {
            let t = type_name(c.heap(), recv).to_owned();
            Err(raise(
                c,
                "AttributeError",
                format!("'{t}' object has no attribute '{name}'"),
            ))
        }
    }
}

fn strs(c: &mut Call<'_>, parts: Vec<String>) -> R {
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        out.push(c.alloc_str(p)?);
    }
    c.alloc_list(out)
}

fn char_index(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

fn find(s: &str, sub: &str, reverse: bool) -> i64 {
    let hit = if reverse { s.rfind(sub) } else { s.find(sub) };
    hit.map_or(-1, |b| char_index(s, b))
}

fn strip_set<'s>(s: &'s str, chars: Option<&str>, left: bool, right: bool) -> &'s str {
    let pred = |ch: char| chars.map_or(ch.is_whitespace(), |set| set.contains(ch));
    let s = if left { s.trim_start_matches(pred) } else { s };
    if right { s.trim_end_matches(pred) } else { s }
}

fn str_method(a: &mut Args<'_, '_>, s: &str, name: &str) -> Option<R> {
    Some((|| -> R {
        let text = |a: &mut Args<'_, '_>, out: String| a.c.alloc_str(out);
        match name {
            "upper" => text(a, s.to_uppercase()),
            "lower" => text(a, s.to_lowercase()),
            "swapcase" => text(
                a,
                s.chars()
                    .map(|c| {
                        if c.is_uppercase() {
                            c.to_lowercase().collect::<String>()
                        } else {
                            c.to_uppercase().collect()
                        }
                    })
                    .collect(),
            ),
            "strip" | "lstrip" | "rstrip" => {
                let chars = if a.given(0) {
                    Some(a.text(0, name)?)
                } else {
                    None
                };
                let out =
                    strip_set(s, chars.as_deref(), name != "rstrip", name != "lstrip").to_owned();
                text(a, out)
            }
            "split" | "rsplit" => {
                let max = a.int(1, -1)?;
                let parts: Vec<String> = if a.given(0) {
                    let sep = a.text(0, name)?;
                    if sep.is_empty() {
                        return Err(raise(a.c, "ValueError", "empty separator"));
                    }
                    match (max, name) {
                        (m, "split") if m >= 0 => s
                            .splitn((m as usize).saturating_add(1), sep.as_str())
                            .map(str::to_owned)
                            .collect(),
                        (m, _) if m >= 0 => {
                            let mut v: Vec<String> = s
                                .rsplitn((m as usize).saturating_add(1), sep.as_str())
                                .map(str::to_owned)
                                .collect();
                            v.reverse();
                            v
                        }
                        _ => s.split(sep.as_str()).map(str::to_owned).collect(),
                    }
                } else if max >= 0 && name == "split" {
                    let mut out = Vec::new();
                    let mut rest = s.trim_start();
                    while !rest.is_empty() {
                        if out.len() as i64 == max {
                            out.push(rest.to_owned());
                            break;
                        }
                        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                        out.push(rest[..end].to_owned());
                        rest = rest[end..].trim_start();
                    }
                    out
                } else {
                    s.split_whitespace().map(str::to_owned).collect()
                };
                a.c.charge_items(parts.len() as u64)?;
                strs(a.c, parts)
            }
            "splitlines" => strs(a.c, s.lines().map(str::to_owned).collect()),
            "join" => {
                let items = items_of(a.c, a.get(0))?;
                let mut out = String::new();
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(s);
                    }
                    match view(a.c.heap(), *v) {
                        Py::Str(p) => out.push_str(p),
                        _ => {
                            let t = type_name(a.c.heap(), *v).to_owned();
                            return Err(raise_type(
                                a.c,
                                format!("sequence item {i}: expected str instance, {t} found"),
                            ));
                        }
                    }
                }
                a.c.charge_bytes(out.len())?;
                text(a, out)
            }
            "startswith" | "endswith" => {
                let options: Vec<Value> = match view(a.c.heap(), a.get(0)) {
                    Py::Tuple(items) => items.to_vec(),
                    _ => vec![a.get(0)],
                };
                let mut hit = false;
                for v in options {
                    let p = match view(a.c.heap(), v) {
                        Py::Str(p) => p.to_owned(),
                        _ => {
                            return Err(raise_type(
                                a.c,
                                format!("{name} first arg must be str or a tuple of str"),
                            ));
                        }
                    };
                    hit |= if name == "startswith" {
                        s.starts_with(&p)
                    } else {
                        s.ends_with(&p)
                    };
                }
                Ok(Value::Bool(hit))
            }
            "find" | "rfind" => {
                let sub = a.text(0, name)?;
                Ok(Value::Int(find(s, &sub, name == "rfind")))
            }
            "index" | "rindex" => {
                let sub = a.text(0, name)?;
                match find(s, &sub, name == "rindex") {
                    -1 => Err(raise(a.c, "ValueError", "substring not found")),
                    i => Ok(Value::Int(i)),
                }
            }
            "count" => {
                let sub = a.text(0, name)?;
                let n = if sub.is_empty() {
                    s.chars().count() + 1
                } else {
                    s.matches(sub.as_str()).count()
                };
                Ok(Value::Int(n as i64))
            }
            "replace" => {
                let (from, to) = (a.text(0, name)?, a.text(1, name)?);
                let max = a.int(2, -1)?;
                let out = if max < 0 {
                    s.replace(&from, &to)
                } else {
                    s.replacen(&from, &to, max as usize)
                };
                a.c.charge_bytes(out.len())?;
                text(a, out)
            }
            "title" | "capitalize" => {
                let mut out = String::new();
                let mut start = true;
                for (i, ch) in s.chars().enumerate() {
                    let upper = if name == "title" { start } else { i == 0 };
                    if upper {
                        out.extend(ch.to_uppercase())
                    } else {
                        out.extend(ch.to_lowercase())
                    }
                    start = !ch.is_alphabetic();
                }
                text(a, out)
            }
            "isdigit" | "isnumeric" | "isdecimal" => Ok(Value::Bool(
                !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()),
            )),
            "isalpha" => Ok(Value::Bool(
                !s.is_empty() && s.chars().all(char::is_alphabetic),
            )),
            "isalnum" => Ok(Value::Bool(
                !s.is_empty() && s.chars().all(char::is_alphanumeric),
            )),
            "isspace" => Ok(Value::Bool(
                !s.is_empty() && s.chars().all(char::is_whitespace),
            )),
            "isupper" => Ok(Value::Bool(
                s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase),
            )),
            "islower" => Ok(Value::Bool(
                s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase),
            )),
            "center" | "ljust" | "rjust" => {
                let width = a.int(0, 0)?.max(0) as usize;
                a.c.heap().check_room(width.saturating_mul(4))?;
                let fill = if a.given(1) {
                    a.text(1, name)?.chars().next().unwrap_or(' ')
                } else {
                    ' '
                };
                let len = s.chars().count();
                let missing = width.saturating_sub(len);
                let fills = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
                let out = match name {
                    "ljust" => format!("{s}{}", fills(missing)),
                    "rjust" => format!("{}{s}", fills(missing)),
                    _ => {
                        let left = missing / 2 + (missing & width & 1);
                        format!("{}{s}{}", fills(left), fills(missing - left))
                    }
                };
                text(a, out)
            }
            "zfill" => {
                let width = a.int(0, 0)?.max(0) as usize;
                a.c.heap().check_room(width)?;
                let (sign, digits) = match s.strip_prefix(['-', '+']) {
                    Some(rest) => (&s[..1], rest),
                    None => ("", s),
                };
                let missing = width.saturating_sub(s.chars().count());
                text(a, format!("{sign}{}{digits}", "0".repeat(missing)))
            }
            "removeprefix" => {
                let p = a.text(0, name)?;
                text(a, s.strip_prefix(p.as_str()).unwrap_or(s).to_owned())
            }
            "removesuffix" => {
                let p = a.text(0, name)?;
                text(a, s.strip_suffix(p.as_str()).unwrap_or(s).to_owned())
            }
            "partition" => {
                let sep = a.text(0, name)?;
                let parts = match s.split_once(sep.as_str()) {
                    Some((x, y)) => [x.to_owned(), sep.clone(), y.to_owned()],
                    None => [s.to_owned(), String::new(), String::new()],
                };
                let mut vals = Vec::new();
                for p in parts {
                    vals.push(a.c.alloc_str(p)?);
                }
                Ok(value::new_tuple(a.c.heap_mut(), vals)?)
            }
            "format" => {
                let args: Vec<Value> = a.c.args[2..].to_vec();
                match super::format::str_format(a.c.heap(), s, &args) {
                    Ok(out) => text(a, out),
                    Err((ty, msg)) => Err(raise(a.c, ty, msg)),
                }
            }
            _ => Err(raise(
                a.c,
                "AttributeError",
                format!("'str' object has no attribute '{name}'"),
            )),
        }
    })())
}

fn update_list(
    c: &mut Call<'_>,
    id: u32,
    f: impl FnOnce(&mut Vec<Value>),
) -> Result<(), RuntimeError> {
    c.heap_mut().update(id, |o| {
        if let HeapObj::List(l) = o {
            f(l);
        }
    })
}

fn position(c: &Call<'_>, items: &[Value], v: Value) -> Option<usize> {
    items.iter().position(|x| equal(c.heap(), *x, v))
}

fn list_method(a: &mut Args<'_, '_>, recv: Value, name: &str) -> Option<R> {
    let Value::List(id) = recv else { return None };
    let items = a.c.heap().list(recv)?.to_vec();
    Some((|| -> R {
        match name {
            "append" => {
                let v = a.get(0);
                update_list(a.c, id, |l| l.push(v))?;
                Ok(Value::Null)
            }
            "extend" => {
                let more = items_of(a.c, a.get(0))?;
                update_list(a.c, id, |l| l.extend(more))?;
                Ok(Value::Null)
            }
            "insert" => {
                let len = items.len() as i64;
                let i = a.int(0, 0)?;
                let i = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
                let v = a.get(1);
                update_list(a.c, id, |l| l.insert(i, v))?;
                Ok(Value::Null)
            }
            "pop" => {
                if items.is_empty() {
                    return Err(raise(a.c, "IndexError", "pop from empty list"));
                }
                let len = items.len() as i64;
                let i = a.int(0, -1)?;
                let idx = if i < 0 { i + len } else { i };
                if idx < 0 || idx >= len {
                    return Err(raise(a.c, "IndexError", "pop index out of range"));
                }
                update_list(a.c, id, |l| {
                    l.remove(idx as usize);
                })?;
                Ok(items[idx as usize])
            }
            "remove" => match position(a.c, &items, a.get(0)) {
                Some(i) => {
                    update_list(a.c, id, |l| {
                        l.remove(i);
                    })?;
                    Ok(Value::Null)
                }
                None => Err(raise(a.c, "ValueError", "list.remove(x): x not in list")),
            },
            "index" => match position(a.c, &items, a.get(0)) {
                Some(i) => Ok(Value::Int(i as i64)),
                None => {
                    let r = repr(a.c.heap(), a.get(0));
                    Err(raise(a.c, "ValueError", format!("{r} is not in list")))
                }
            },
            "count" => Ok(Value::Int(
                items
                    .iter()
                    .filter(|x| equal(a.c.heap(), **x, a.get(0)))
                    .count() as i64,
            )),
            "sort" => {
                let key = a.get(0);
                let reverse = value::truthy(a.c.heap(), a.get(1));
                let sorted = sort_values(a.c, items, key, reverse)?;
                update_list(a.c, id, |l| *l = sorted)?;
                Ok(Value::Null)
            }
            "reverse" => {
                update_list(a.c, id, |l| l.reverse())?;
                Ok(Value::Null)
            }
            "copy" => a.c.alloc_list(items),
            "clear" => {
                update_list(a.c, id, Vec::clear)?;
                Ok(Value::Null)
            }
            _ => Err(raise(
                a.c,
                "AttributeError",
                format!("'list' object has no attribute '{name}'"),
            )),
        }
    })())
}

fn tuple_method(a: &mut Args<'_, '_>, items: &[Value], name: &str) -> Option<R> {
    match name {
        "index" => Some(match position(a.c, items, a.get(0)) {
            Some(i) => Ok(Value::Int(i as i64)),
            None => Err(raise(a.c, "ValueError", "tuple.index(x): x not in tuple")),
        }),
        "count" => Some(Ok(Value::Int(
            items
                .iter()
                .filter(|x| equal(a.c.heap(), **x, a.get(0)))
                .count() as i64,
        ))),
        _ => None,
    }
}

fn update_obj(c: &mut Call<'_>, id: u32, f: impl FnOnce(&mut ObjMap)) -> Result<(), RuntimeError> {
    c.heap_mut().update(id, |o| {
        if let HeapObj::Obj(m) = o {
            f(m);
        }
    })
}

fn key_of(a: &mut Args<'_, '_>, v: Value) -> Result<String, RuntimeError> {
    encode_key(a.c.heap(), v).map_err(|msg| raise_type(a.c, msg))
}

fn dict_method(a: &mut Args<'_, '_>, recv: Value, name: &str) -> Option<R> {
    let Value::Obj(id) = recv else { return None };
    let map = a.c.heap().obj(recv)?.clone();
    Some((|| -> R {
        match name {
            "get" => {
                let k = key_of(a, a.get(0))?;
                Ok(map.get(&k).unwrap_or(a.get(1)))
            }
            "keys" => {
                let keys = items_of(a.c, recv)?;
                a.c.alloc_list(keys)
            }
            "values" => a.c.alloc_list(map.iter().map(|(_, v)| v).collect()),
            "items" => {
                let keys = items_of(a.c, recv)?;
                let mut out = Vec::with_capacity(keys.len());
                for (k, (_, v)) in keys.into_iter().zip(map.iter()) {
                    out.push(value::new_tuple(a.c.heap_mut(), vec![k, v])?);
                }
                a.c.alloc_list(out)
            }
            "pop" => {
                let k = key_of(a, a.get(0))?;
                match map.get(&k) {
                    Some(v) => {
                        update_obj(a.c, id, |m| {
                            m.remove(&k);
                        })?;
                        Ok(v)
                    }
                    None if a.c.args.len() > 3 => Ok(a.get(1)),
                    None => Err(raise_key(a.c, a.get(0))),
                }
            }
            "setdefault" => {
                let k = key_of(a, a.get(0))?;
                match map.get(&k) {
                    Some(v) => Ok(v),
                    None => {
                        let v = a.get(1);
                        update_obj(a.c, id, |m| {
                            m.set(&k, v);
                        })?;
                        Ok(v)
                    }
                }
            }
            "update" => {
                let other = match view(a.c.heap(), a.get(0)) {
                    Py::Dict(m) => m.clone(),
                    _ => return Err(raise_type(a.c, "dict.update() needs a dict")),
                };
                update_obj(a.c, id, |m| {
                    for (k, v) in other.iter() {
                        m.set(k, v);
                    }
                })?;
                Ok(Value::Null)
            }
            "copy" => Ok(a.c.heap_mut().alloc_obj(map.clone())?),
            "clear" => {
                update_obj(a.c, id, |m| *m = ObjMap::new())?;
                Ok(Value::Null)
            }
            "popitem" => {
                let Some((k, v)) = map.iter().last().map(|(k, v)| (k.to_owned(), v)) else {
                    return Err(raise(a.c, "KeyError", "'popitem(): dictionary is empty'"));
                };
                update_obj(a.c, id, |m| {
                    m.remove(&k);
                })?;
                let key = value::decode_key(a.c.heap_mut(), &k)?;
                Ok(value::new_tuple(a.c.heap_mut(), vec![key, v])?)
            }
            _ => Err(raise(
                a.c,
                "AttributeError",
                format!("'dict' object has no attribute '{name}'"),
            )),
        }
    })())
}

fn set_method(a: &mut Args<'_, '_>, recv: Value, name: &str) -> Option<R> {
    let Some(Value::Obj(inner)) = set_inner(a.c.heap(), recv) else {
        return None;
    };
    let map = a.c.heap().obj(Value::Obj(inner))?.clone();
    Some((|| -> R {
        match name {
            "add" => {
                let v = a.get(0);
                let k = key_of(a, v)?;
                if map.get(&k).is_none() {
                    update_obj(a.c, inner, |m| {
                        m.set(&k, v);
                    })?;
                }
                Ok(Value::Null)
            }
            "remove" | "discard" => {
                let k = key_of(a, a.get(0))?;
                if map.get(&k).is_none() {
                    return if name == "remove" {
                        Err(raise_key(a.c, a.get(0)))
                    } else {
                        Ok(Value::Null)
                    };
                }
                update_obj(a.c, inner, |m| {
                    m.remove(&k);
                })?;
                Ok(Value::Null)
            }
            "update" => {
                let more = items_of(a.c, a.get(0))?;
                for v in more {
                    let k = key_of(a, v)?;
                    update_obj(a.c, inner, |m| {
                        if m.get(&k).is_none() {
                            m.set(&k, v);
                        }
                    })?;
                }
                Ok(Value::Null)
            }
            "union" | "intersection" | "difference" | "issubset" | "issuperset" => {
                let other = items_of(a.c, a.get(0))?;
                let mut keys = Vec::new();
                for v in &other {
                    keys.push(key_of(a, *v)?);
                }
                let mine: Vec<(String, Value)> =
                    map.iter().map(|(k, v)| (k.to_owned(), v)).collect();
                match name {
                    "union" => {
                        let mut items: Vec<Value> = mine.iter().map(|(_, v)| *v).collect();
                        items.extend(other);
                        new_set_value(a.c, &items)
                    }
                    "intersection" => {
                        let items: Vec<Value> = mine
                            .iter()
                            .filter(|(k, _)| keys.contains(k))
                            .map(|(_, v)| *v)
                            .collect();
                        new_set_value(a.c, &items)
                    }
                    "difference" => {
                        let items: Vec<Value> = mine
                            .iter()
                            .filter(|(k, _)| !keys.contains(k))
                            .map(|(_, v)| *v)
                            .collect();
                        new_set_value(a.c, &items)
                    }
                    "issubset" => Ok(Value::Bool(mine.iter().all(|(k, _)| keys.contains(k)))),
                    _ => Ok(Value::Bool(keys.iter().all(|k| map.get(k).is_some()))),
                }
            }
            "copy" => {
                let items: Vec<Value> = map.iter().map(|(_, v)| v).collect();
                new_set_value(a.c, &items)
            }
            "clear" => {
                update_obj(a.c, inner, |m| *m = ObjMap::new())?;
                Ok(Value::Null)
            }
            "pop" => {
                let Some((k, v)) = map.iter().next().map(|(k, v)| (k.to_owned(), v)) else {
                    return Err(raise(a.c, "KeyError", "'pop from an empty set'"));
                };
                update_obj(a.c, inner, |m| {
                    m.remove(&k);
                })?;
                Ok(v)
            }
            _ => Err(raise(
                a.c,
                "AttributeError",
                format!("'set' object has no attribute '{name}'"),
            )),
        }
    })())
}
