//! Lua tables on the Weft heap.
//!
//! A Lua table is an IR object with exactly three entries, in this order:
//!
//! - `"lua.array"`: a list, the array part: the values of keys `1..=n`. It may hold nulls
//!   (holes made by `t[i] = nil`) but never ends with one, so `#t` is its length.
//! - `"lua.hash"`: an object, the hash part: every other key, encoded as a string (see
//!   [`encode`]). Assigning nil to a hash key leaves a null in place (a tombstone, so
//!   `next` keeps working while a loop clears entries); tombstones are dropped when a new
//!   key is added and they make up more than half of the part.
//! - `"lua.refs"`: an object mapping the encoded form of each table, function or userdata
//!   key back to the key itself, so `pairs` can hand the key back and the key stays alive.
//!
//! Writing key `n + 1` appends to the array part and moves any keys `n + 2, ...` over
//! from the hash part, so sequences built with `t[#t + 1] = v` stay in the array part.
//! `pairs` visits the array part in order, then the hash part in insertion order.
//!
//! Other values can be indexed too: an IR list (from the SDK) reads as a 1-based
//! sequence, and a plain IR object as a record with string keys.

use std::collections::HashSet;

use weft_runtime::{Heap, HeapObj, ObjMap, RuntimeError, Value, diagnostics as diag, num};

pub(crate) const ARRAY: &str = "lua.array";
pub(crate) const HASH: &str = "lua.hash";
pub(crate) const REFS: &str = "lua.refs";

/// Marks encoded keys that are not plain strings.
const TAG: char = '\u{1}';

/// What a value is, seen as a Lua table.
#[derive(Clone, Copy, Debug)]
pub(crate) enum View {
    Table { array: u32, hash: u32, refs: u32 },
    List(u32),
    Record(u32),
}

/// Whether `v` is a Lua table (or an SDK list or object), and how it is stored.
pub(crate) fn view(heap: &Heap, v: Value) -> Option<View> {
    match v {
        Value::List(i) => Some(View::List(i)),
        Value::Obj(i) => {
            let map = heap.obj(v)?;
            let mut it = map.iter();
            if map.len() == 3
                && let (Some((ARRAY, a)), Some((HASH, h)), Some((REFS, r))) =
                    (it.next(), it.next(), it.next())
                && let (Value::List(a), Value::Obj(h), Value::Obj(r)) = (a, h, r)
            {
                return Some(View::Table {
                    array: a,
                    hash: h,
                    refs: r,
                });
            }
            Some(View::Record(i))
        }
        _ => None,
    }
}

/// Allocates a new table with the given array part (trailing nils dropped).
pub(crate) fn new_table(heap: &mut Heap, mut array: Vec<Value>) -> Result<Value, RuntimeError> {
    while array.last() == Some(&Value::Null) {
        array.pop();
    }
    heap.check_room(array.len() * 16 + 200)?;
    let array = heap.alloc_list(array)?;
    let hash = heap.alloc_obj(ObjMap::new())?;
    let refs = heap.alloc_obj(ObjMap::new())?;
    let mut map = ObjMap::new();
    map.set(ARRAY, array);
    map.set(HASH, hash);
    map.set(REFS, refs);
    heap.alloc_obj(map)
}

/// A key after Lua's normalisation (floats with an integer value become integers).
#[derive(Clone, Debug)]
pub(crate) enum Key {
    Int(i64),
    Str(String),
    /// Anything else: its encoded form, and whether it is a reference (table, function).
    Other(String, bool),
}

/// Normalises a key; `Err` with Lua's message for nil and NaN.
pub(crate) fn key(heap: &Heap, k: Value) -> Result<Key, String> {
    Ok(match k {
        Value::Null => return Err("table index is nil".into()),
        Value::Int(i) => Key::Int(i),
        Value::Float(f) => {
            if f.is_nan() {
                return Err("table index is NaN".into());
            }
            match num::float_to_int_exact(f) {
                Some(i) => Key::Int(i),
                None => Key::Other(format!("{TAG}f{:x}", f.to_bits()), false),
            }
        }
        Value::Str(_) => Key::Str(heap.str(k).unwrap_or_default().to_owned()),
        Value::Bool(b) => Key::Other(format!("{TAG}b{}", u8::from(b)), false),
        other => Key::Other(
            format!("{TAG}r{}", other.heap_ref().unwrap_or_default()),
            true,
        ),
    })
}

/// The string a key is stored under in the hash part.
pub(crate) fn encode(k: &Key) -> String {
    match k {
        Key::Int(i) => format!("{TAG}i{i}"),
        Key::Str(s) if s.starts_with(TAG) => format!("{TAG}{s}"),
        Key::Str(s) => s.clone(),
        Key::Other(s, _) => s.clone(),
    }
}

/// The key a hash-part entry stands for (string keys need allocating: `Err(text)`).
pub(crate) fn decode(heap: &Heap, refs: u32, enc: &str) -> Result<Value, String> {
    let Some(rest) = enc.strip_prefix(TAG) else {
        return Err(enc.to_owned());
    };
    let mut chars = rest.chars();
    let tag = chars.next();
    let body = chars.as_str();
    Ok(match tag {
        Some('i') => Value::Int(body.parse().unwrap_or(0)),
        Some('f') => Value::Float(f64::from_bits(u64::from_str_radix(body, 16).unwrap_or(0))),
        Some('b') => Value::Bool(body == "1"),
        Some('r') => heap
            .obj(Value::Obj(refs))
            .and_then(|m| m.get(enc))
            .unwrap_or(Value::Null),
        _ => return Err(rest.to_owned()),
    })
}

fn list(heap: &Heap, id: u32) -> &[Value] {
    heap.list(Value::List(id)).unwrap_or_default()
}

fn obj(heap: &Heap, id: u32) -> Option<&ObjMap> {
    heap.obj(Value::Obj(id))
}

/// `t[k]` without metamethods; `None` when `t` cannot be indexed.
pub(crate) fn get(heap: &Heap, t: Value, k: Value) -> Option<Value> {
    let view = view(heap, t)?;
    // A string key is stored as itself (unless it starts with the tag): no need to build
    // its encoded form.
    if let Value::Str(_) = k
        && let Some(name) = heap.str(k)
        && !name.starts_with(TAG)
    {
        return Some(str_entry(heap, view, name));
    }
    let Ok(key) = key(heap, k) else {
        return Some(Value::Null);
    };
    Some(match (view, &key) {
        (View::Table { array, .. }, Key::Int(i)) if *i >= 1 => {
            let items = list(heap, array);
            match items.get((*i - 1) as usize) {
                Some(v) => *v,
                None => hash_get(heap, view, &key),
            }
        }
        (View::Table { .. }, _) => hash_get(heap, view, &key),
        (View::List(l), Key::Int(i)) if *i >= 1 => list(heap, l)
            .get((*i - 1) as usize)
            .copied()
            .unwrap_or(Value::Null),
        (View::Record(o), Key::Str(s)) => {
            obj(heap, o).and_then(|m| m.get(s)).unwrap_or(Value::Null)
        }
        _ => Value::Null,
    })
}

/// `t[name]` for a string key, without metamethods (nil when `t` is not indexable).
pub(crate) fn get_str(heap: &Heap, t: Value, name: &str) -> Value {
    match view(heap, t) {
        Some(v @ View::Table { .. }) if name.starts_with(TAG) => {
            hash_get(heap, v, &Key::Str(name.to_owned()))
        }
        Some(v) => str_entry(heap, v, name),
        None => Value::Null,
    }
}

/// The entry of a string key that does not start with the tag (stored as itself).
fn str_entry(heap: &Heap, view: View, name: &str) -> Value {
    match view {
        View::Table { hash: o, .. } | View::Record(o) => obj(heap, o).and_then(|m| m.get(name)),
        View::List(_) => None,
    }
    .unwrap_or(Value::Null)
}

fn hash_get(heap: &Heap, view: View, key: &Key) -> Value {
    match view {
        View::Table { hash, .. } => obj(heap, hash)
            .and_then(|m| m.get(&encode(key)))
            .unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

fn update_list<T>(
    heap: &mut Heap,
    id: u32,
    f: impl FnOnce(&mut Vec<Value>) -> T,
) -> Result<T, RuntimeError> {
    heap.update(id, |o| match o {
        HeapObj::List(items) => Ok(f(items)),
        _ => Err(diag::internal("lua table: array part is not a list")),
    })?
}

fn update_obj<T>(
    heap: &mut Heap,
    id: u32,
    f: impl FnOnce(&mut ObjMap) -> T,
) -> Result<T, RuntimeError> {
    heap.update(id, |o| match o {
        HeapObj::Obj(map) => Ok(f(map)),
        _ => Err(diag::internal("lua table: hash part is not an object")),
    })?
}

/// What went wrong assigning to a table.
#[derive(Debug)]
pub(crate) enum SetError {
    /// A Lua error, in lua5.4's words.
    Lua(String),
    Runtime(RuntimeError),
}

impl From<RuntimeError> for SetError {
    fn from(e: RuntimeError) -> SetError {
        SetError::Runtime(e)
    }
}

/// `t[k] = v` without metamethods.
pub(crate) fn set(heap: &mut Heap, t: Value, k: Value, v: Value) -> Result<(), SetError> {
    let Some(view) = view(heap, t) else {
        return Err(SetError::Lua(format!(
            "attempt to index a {} value",
            super::number::type_name(t)
        )));
    };
    // Replacing the value of a string key the table has: found without encoding it.
    if let (View::Table { hash, .. }, Value::Str(_)) = (view, k)
        && let Some(name) = heap.str(k)
        && !name.starts_with(TAG)
        && let Some(pos) = obj(heap, hash).and_then(|m| m.position(name))
    {
        update_obj(heap, hash, |m| m.set_at(pos, v))?;
        return Ok(());
    }
    let key = key(heap, k).map_err(SetError::Lua)?;
    match (view, &key) {
        (View::Table { array, .. }, Key::Int(i)) if *i >= 1 => {
            let len = list(heap, array).len() as i64;
            if *i <= len {
                let at = (*i - 1) as usize;
                update_list(heap, array, |items| {
                    items[at] = v;
                    while items.last() == Some(&Value::Null) {
                        items.pop();
                    }
                })?;
                Ok(())
            } else if *i == len + 1 && v != Value::Null {
                heap.check_room(16)?;
                update_list(heap, array, |items| items.push(v))?;
                migrate(heap, view)?;
                Ok(())
            } else {
                hash_set(heap, view, &key, k, v)
            }
        }
        (View::Table { .. }, _) => hash_set(heap, view, &key, k, v),
        (View::List(l), Key::Int(i)) if *i >= 1 => {
            let len = list(heap, l).len() as i64;
            let at = (*i - 1) as usize;
            if *i <= len {
                update_list(heap, l, |items| {
                    items[at] = v;
                    while items.last() == Some(&Value::Null) {
                        items.pop();
                    }
                })?;
                Ok(())
            } else if *i == len + 1 {
                if v != Value::Null {
                    heap.check_room(16)?;
                    update_list(heap, l, |items| items.push(v))?;
                }
                Ok(())
            } else {
                Err(SetError::Lua(format!(
                    "cannot store key {i} in an SDK list of length {len}"
                )))
            }
        }
        (View::Record(o), Key::Str(s)) => {
            if v == Value::Null {
                update_obj(heap, o, |m| m.remove(s))?;
            } else {
                heap.check_room(s.len() + 40)?;
                update_obj(heap, o, |m| m.set(s, v))?;
            }
            Ok(())
        }
        _ => Err(SetError::Lua(
            "an SDK list or object only takes integer or string keys".into(),
        )),
    }
}

/// Moves keys `n + 1, n + 2, ...` from the hash part to the end of the array part (up to
/// the first one missing, or nil, which is dropped), in one pass over the hash part.
fn migrate(heap: &mut Heap, view: View) -> Result<(), RuntimeError> {
    let View::Table { array, hash, .. } = view else {
        return Ok(());
    };
    let mut next = list(heap, array).len() as i64 + 1;
    let mut gone: HashSet<String> = HashSet::new();
    let mut moved = Vec::new();
    loop {
        let enc = encode(&Key::Int(next));
        let Some(v) = obj(heap, hash).and_then(|m| m.get(&enc)) else {
            break;
        };
        gone.insert(enc);
        if v == Value::Null {
            break;
        }
        moved.push(v);
        next += 1;
    }
    if gone.is_empty() {
        return Ok(());
    }
    update_obj(heap, hash, |m| m.retain(|k, _| !gone.contains(k)))?;
    heap.check_room(moved.len() * 16)?;
    update_list(heap, array, |items| items.extend(moved))
}

fn hash_set(heap: &mut Heap, view: View, key: &Key, k: Value, v: Value) -> Result<(), SetError> {
    let View::Table { hash, refs, .. } = view else {
        return Ok(());
    };
    let enc = encode(key);
    let present = obj(heap, hash).is_some_and(|m| m.get(&enc).is_some());
    if present {
        update_obj(heap, hash, |m| m.set(&enc, v))?;
        return Ok(());
    }
    if v == Value::Null {
        return Ok(());
    }
    compact(heap, hash)?;
    heap.check_room(enc.len() + 40)?;
    update_obj(heap, hash, |m| m.set(&enc, v))?;
    if let Key::Other(_, true) = key {
        update_obj(heap, refs, |m| m.set(&enc, k))?;
    }
    Ok(())
}

/// Drops tombstones once they are more than half of a hash part (checked each time the
/// part reaches a power of two entries).
fn compact(heap: &mut Heap, hash: u32) -> Result<(), RuntimeError> {
    let Some(map) = obj(heap, hash) else {
        return Ok(());
    };
    // Counted only as the part doubles, so adding keys stays constant time on average.
    if !map.len().is_power_of_two() {
        return Ok(());
    }
    let dead = map.iter().filter(|(_, v)| *v == Value::Null).count();
    if dead < 8 || dead * 2 < map.len() {
        return Ok(());
    }
    let mut fresh = ObjMap::new();
    for (k, v) in map.iter().filter(|(_, v)| *v != Value::Null) {
        fresh.set(k, v);
    }
    update_obj(heap, hash, |m| *m = fresh)
}

/// `#v` for tables and lists (strings are handled by the caller).
pub(crate) fn length(heap: &Heap, t: Value) -> Option<i64> {
    Some(match view(heap, t)? {
        View::Table { array, .. } | View::List(array) => list(heap, array).len() as i64,
        View::Record(_) => 0,
    })
}

/// One step of `next(t, k)`: the following key and value, `Ok(None)` at the end,
/// `Err` when `k` is not in the table. Keys that are strings come back as `Err(text)`
/// in the first position so the caller can allocate them.
pub(crate) type NextKey = Result<Value, String>;

pub(crate) fn next(heap: &Heap, t: Value, k: Value) -> Result<Option<(NextKey, Value)>, String> {
    let Some(view) = view(heap, t) else {
        return Err(format!(
            "bad argument #1 to 'next' (table expected, got {})",
            super::number::type_name(t)
        ));
    };
    match view {
        View::Table { array, hash, refs } => {
            let items = list(heap, array);
            let mut start_hash = 0;
            let mut from = 0;
            if k != Value::Null {
                match key(heap, k) {
                    Ok(Key::Int(i)) if i >= 1 && (i as usize) <= items.len() => from = i as usize,
                    Ok(other) => {
                        from = items.len();
                        let enc = encode(&other);
                        let pos = obj(heap, hash)
                            .and_then(|m| m.iter().position(|(key, _)| key == enc))
                            .ok_or_else(|| "invalid key to 'next'".to_owned())?;
                        start_hash = pos + 1;
                    }
                    Err(e) => return Err(e),
                }
            }
            for (i, v) in items.iter().enumerate().skip(from) {
                if *v != Value::Null {
                    return Ok(Some((Ok(Value::Int(i as i64 + 1)), *v)));
                }
            }
            let Some(map) = obj(heap, hash) else {
                return Ok(None);
            };
            for (enc, v) in map.iter().skip(start_hash) {
                if v != Value::Null {
                    return Ok(Some((decode(heap, refs, enc), v)));
                }
            }
            Ok(None)
        }
        View::List(l) => {
            let items = list(heap, l);
            let from = match k {
                Value::Null => 0,
                _ => match key(heap, k) {
                    Ok(Key::Int(i)) if i >= 1 => i as usize,
                    _ => return Err("invalid key to 'next'".into()),
                },
            };
            for (i, v) in items.iter().enumerate().skip(from) {
                if *v != Value::Null {
                    return Ok(Some((Ok(Value::Int(i as i64 + 1)), *v)));
                }
            }
            Ok(None)
        }
        View::Record(o) => {
            let Some(map) = obj(heap, o) else {
                return Ok(None);
            };
            let start = match k {
                Value::Null => 0,
                _ => {
                    let s = heap.str(k).unwrap_or_default();
                    map.iter()
                        .position(|(key, _)| key == s)
                        .ok_or_else(|| "invalid key to 'next'".to_owned())?
                        + 1
                }
            };
            Ok(map
                .iter()
                .nth(start)
                .map(|(key, v)| (Err(key.to_owned()), v)))
        }
    }
}

/// The array part of a table (or the items of a list), for the `table` library.
pub(crate) fn array_id(heap: &Heap, t: Value) -> Option<u32> {
    match view(heap, t)? {
        View::Table { array, .. } | View::List(array) => Some(array),
        View::Record(_) => None,
    }
}

/// Replaces the array part's items (the `table` library's bulk edits), keeping the
/// invariant that it does not end with a nil, then moves hash keys over.
pub(crate) fn replace_array(
    heap: &mut Heap,
    t: Value,
    mut items: Vec<Value>,
) -> Result<(), RuntimeError> {
    let Some(v) = view(heap, t) else {
        return Ok(());
    };
    let Some(array) = array_id(heap, t) else {
        return Ok(());
    };
    while items.last() == Some(&Value::Null) {
        items.pop();
    }
    heap.check_room(items.len() * 16)?;
    update_list(heap, array, |old| *old = items)?;
    if let View::Table { hash, .. } = v {
        // Keys now inside the array part must leave the hash part.
        let len = list(heap, array).len();
        let stale: Vec<String> = obj(heap, hash)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, _)| {
                        let i: i64 = k.strip_prefix(TAG)?.strip_prefix('i')?.parse().ok()?;
                        (i >= 1 && (i as usize) <= len).then(|| k.to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let stale: HashSet<String> = stale.into_iter().collect();
        if !stale.is_empty() {
            update_obj(heap, hash, |m| m.retain(|k, _| !stale.contains(k)))?;
        }
        migrate(heap, v)?;
    }
    Ok(())
}
