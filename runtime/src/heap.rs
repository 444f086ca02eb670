//! The per-script heap: strings, lists, objects, closures, handles and cells, by index.
//!
//! Every heap value is a slot in one vector; a [`Value`] holds the slot's `u32` index. The
//! heap counts an estimate of the bytes each slot holds (see [`HeapObj::size`]) and refuses
//! any allocation or growth that would pass its limit, with a clean `E5003` error.
//! Collection is mark-sweep from roots the VM supplies (frames, operand stack, globals);
//! the VM calls [`Heap::collect`] at safe points once [`Heap::should_collect`] says the
//! allocated bytes crossed the threshold. Freed slots are reused last-freed-first, so a run
//! is deterministic and the heap serialises as plain data for suspend and resume.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{self as diag, RuntimeError};
use crate::value::{Truth, Value};

/// Bytes charged for every slot on top of its contents.
const SLOT_OVERHEAD: usize = 32;
/// Bytes charged per object entry on top of its key.
const ENTRY_OVERHEAD: usize = 40;
/// The first collection happens once this many bytes are allocated.
const MIN_GC_THRESHOLD: usize = 1 << 20;

/// An object: string keys in insertion order, and (rarely) the object-model links of
/// [`ObjMeta`]: a prototype, class data, accessors.
///
/// A small object is searched key by key; from [`INDEX_AT`] entries on, a hash index from
/// key to position makes a lookup constant-time (a Lua table's hash part, a dictionary of
/// thousands of keys). The index and the entries' byte count are derived data: they are
/// not serialised, and are rebuilt when a state is loaded.
#[derive(Clone, Debug, Default)]
pub struct ObjMap {
    entries: Vec<(String, Value)>,
    /// Boxed so a plain object (no prototype, no accessors) stays one vector wide.
    meta: Option<Box<ObjMeta>>,
    // Boxed so that an object without an index stays one pointer wider, not a map wider.
    #[allow(clippy::box_collection)]
    index: Option<Box<HashMap<Box<str>, u32>>>,
    /// The bytes the entries are charged for (keys plus [`ENTRY_OVERHEAD`] each).
    entry_bytes: usize,
}

/// How many entries an object has before it gets a hash index.
pub const INDEX_AT: usize = 12;

impl PartialEq for ObjMap {
    fn eq(&self, other: &ObjMap) -> bool {
        self.entries == other.entries && self.meta == other.meta
    }
}

/// What is saved of an object.
#[derive(Serialize)]
struct ObjMapOut<'a> {
    entries: &'a [(String, Value)],
    #[serde(skip_serializing_if = "no_meta")]
    meta: &'a Option<Box<ObjMeta>>,
}

fn no_meta(meta: &&Option<Box<ObjMeta>>) -> bool {
    meta.is_none()
}

#[derive(Deserialize)]
struct ObjMapIn {
    entries: Vec<(String, Value)>,
    #[serde(default)]
    meta: Option<Box<ObjMeta>>,
}

impl Serialize for ObjMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ObjMapOut {
            entries: &self.entries,
            meta: &self.meta,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for ObjMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ObjMap, D::Error> {
        let data = ObjMapIn::deserialize(d)?;
        let mut map = ObjMap {
            meta: data.meta,
            ..ObjMap::default()
        };
        // Later duplicates of a key (only a hand-edited state has them) replace earlier ones.
        for (k, v) in data.entries {
            map.set(&k, v);
        }
        Ok(map)
    }
}

/// What an object has beyond its own entries. See `crate::object` and `docs/runtime.md`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjMeta {
    /// Where a lookup of a key the object lacks goes on: `Null` or another object.
    #[serde(default = "null_value")]
    pub proto: Value,
    /// On an instance prototype: the class whose instances get it (`Null` otherwise).
    #[serde(default = "null_value")]
    pub constructor: Value,
    /// Present on a class object (`obj.class`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<ClassInfo>,
    /// Accessor properties: key, getter, setter (each a closure or `Null`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accessors: Vec<(String, Value, Value)>,
}

/// The class data of a class object: what `std.new` needs to build an instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassInfo {
    pub name: String,
    /// The constructor: a closure called with the new instance as `this`.
    pub init: Value,
    /// The object new instances get as their prototype (the class itself for Python).
    pub prototype: Value,
}

fn null_value() -> Value {
    Value::Null
}

impl Default for ObjMeta {
    fn default() -> ObjMeta {
        ObjMeta {
            proto: Value::Null,
            constructor: Value::Null,
            class: None,
            accessors: Vec::new(),
        }
    }
}

impl ObjMap {
    pub fn new() -> ObjMap {
        ObjMap::default()
    }

    pub fn get(&self, key: &str) -> Option<Value> {
        self.position(key).map(|pos| self.entries[pos].1)
    }

    /// Sets `key`; a new key goes last. Returns whether the key is new.
    pub fn set(&mut self, key: &str, value: Value) -> bool {
        if let Some(pos) = self.position(key) {
            self.entries[pos].1 = value;
            return false;
        }
        let pos = self.entries.len();
        self.entries.push((key.to_owned(), value));
        self.entry_bytes += key.len() + ENTRY_OVERHEAD;
        match &mut self.index {
            Some(index) => {
                index.insert(key.into(), pos as u32);
            }
            None if self.entries.len() >= INDEX_AT => self.reindex(),
            None => {}
        }
        true
    }

    /// Rebuilds the hash index from the entries.
    fn reindex(&mut self) {
        if self.entries.len() < INDEX_AT {
            self.index = None;
            return;
        }
        let index = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.as_str().into(), i as u32))
            .collect();
        self.index = Some(Box::new(index));
    }

    /// The position of `key` among the entries.
    pub fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).map(|&i| i as usize),
            None => self.entries.iter().position(|(k, _)| k == key),
        }
    }

    /// Replaces the value of the entry at `pos` (from [`ObjMap::position`]).
    pub fn set_at(&mut self, pos: usize, value: Value) {
        if let Some(slot) = self.entries.get_mut(pos) {
            slot.1 = value;
        }
    }

    /// Removes `key`, returning its position if it was there.
    pub fn remove(&mut self, key: &str) -> Option<usize> {
        let pos = self.position(key)?;
        let (k, _) = self.entries.remove(pos);
        self.entry_bytes = self.entry_bytes.saturating_sub(k.len() + ENTRY_OVERHEAD);
        if let Some(index) = &mut self.index {
            index.remove(k.as_str());
            // Later entries moved down one place.
            let at = pos as u32;
            index
                .values_mut()
                .filter(|i| **i > at)
                .for_each(|i| *i -= 1);
        }
        Some(pos)
    }

    /// Keeps the entries `keep` says yes to, in order: many removals in one pass.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, Value) -> bool) {
        self.entries.retain(|(k, v)| keep(k, *v));
        self.entry_bytes = self
            .entries
            .iter()
            .map(|(k, _)| k.len() + ENTRY_OVERHEAD)
            .sum();
        if self.index.is_some() {
            self.reindex();
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// The object-model links, if the object has any.
    pub fn meta(&self) -> Option<&ObjMeta> {
        self.meta.as_deref()
    }

    /// The object-model links, created empty on first use.
    pub fn meta_mut(&mut self) -> &mut ObjMeta {
        self.meta.get_or_insert_with(Default::default)
    }

    /// The prototype (`Null` when there is none).
    pub fn proto(&self) -> Value {
        self.meta.as_ref().map_or(Value::Null, |m| m.proto)
    }

    /// The class data, when this object is a class.
    pub fn class(&self) -> Option<&ClassInfo> {
        self.meta.as_ref()?.class.as_ref()
    }

    /// The accessor stored under `key`: (getter, setter).
    pub fn accessor(&self, key: &str) -> Option<(Value, Value)> {
        let meta = self.meta.as_ref()?;
        meta.accessors
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, g, s)| (*g, *s))
    }

    /// Every value this object refers to besides its entries (for the collector).
    fn meta_refs(&self) -> impl Iterator<Item = Value> + '_ {
        self.meta.iter().flat_map(|m| {
            let class = m.class.iter().flat_map(|c| [c.init, c.prototype]);
            let acc = m.accessors.iter().flat_map(|(_, g, s)| [*g, *s]);
            [m.proto, m.constructor].into_iter().chain(class).chain(acc)
        })
    }
}

/// A closure: a compiled function and the cells it captured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Closure {
    /// Index of the function in the program.
    pub func: u32,
    /// The captured variables, each a `Value::Cell`.
    pub captures: Vec<Value>,
}

/// An opaque host handle: the host knows what `kind` and `id` mean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandleData {
    pub kind: String,
    pub id: u64,
}

/// What one heap slot holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HeapObj {
    Str(String),
    List(Vec<Value>),
    Obj(ObjMap),
    Closure(Closure),
    Handle(HandleData),
    /// A capability (see [`crate::capability`]); scripts see it as a handle.
    Capability(crate::Capability),
    /// A captured variable; `None` until its `std.let` runs.
    Cell(Option<Value>),
}

impl HeapObj {
    /// The bytes this slot is charged for (an estimate, identical on every platform).
    pub fn size(&self) -> usize {
        SLOT_OVERHEAD
            + match self {
                HeapObj::Str(s) => s.len(),
                HeapObj::List(items) => items.len() * 16,
                HeapObj::Obj(map) => {
                    map.entry_bytes
                        + map.meta.as_ref().map_or(0, |m| {
                            SLOT_OVERHEAD
                                + m.class.as_ref().map_or(0, |c| c.name.len() + 32)
                                + m.accessors
                                    .iter()
                                    .map(|(k, _, _)| k.len() + ENTRY_OVERHEAD)
                                    .sum::<usize>()
                        })
                }
                HeapObj::Closure(c) => c.captures.len() * 16,
                HeapObj::Handle(h) => h.kind.len(),
                HeapObj::Capability(c) => {
                    c.name.len()
                        + c.scope
                            .keys()
                            .map(|k| k.len() + ENTRY_OVERHEAD)
                            .sum::<usize>()
                }
                HeapObj::Cell(_) => 16,
            }
    }
}

/// The heap. See the module docs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Heap {
    slots: Vec<Option<HeapObj>>,
    free: Vec<u32>,
    bytes: usize,
    next_gc: usize,
    #[serde(skip, default = "default_limit")]
    limit: usize,
    collections: u64,
}

fn default_limit() -> usize {
    crate::Limits::default().max_heap_bytes
}

impl Heap {
    /// An empty heap holding at most `limit` bytes.
    pub fn new(limit: usize) -> Heap {
        Heap {
            slots: Vec::new(),
            free: Vec::new(),
            bytes: 0,
            next_gc: MIN_GC_THRESHOLD,
            limit,
            collections: 0,
        }
    }

    /// Sets the byte limit (after resuming a saved heap).
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// Bytes currently charged.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// How many collections have run.
    pub fn collections(&self) -> u64 {
        self.collections
    }

    /// Number of live slots.
    pub fn live(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    /// Fails unless `extra` more bytes fit under the limit. Opcodes call this before
    /// building a large result, so hostile sizes fail before any memory is taken.
    pub fn check_room(&self, extra: usize) -> Result<(), RuntimeError> {
        match self.bytes.checked_add(extra) {
            Some(total) if total <= self.limit => Ok(()),
            _ => Err(diag::heap_limit(self.limit)),
        }
    }

    /// Stores an object, returning its slot index.
    pub fn alloc(&mut self, obj: HeapObj) -> Result<u32, RuntimeError> {
        let size = obj.size();
        self.check_room(size)?;
        self.bytes += size;
        if let Some(id) = self.free.pop() {
            self.slots[id as usize] = Some(obj);
            return Ok(id);
        }
        let id = u32::try_from(self.slots.len()).map_err(|_| diag::heap_limit(self.limit))?;
        self.slots.push(Some(obj));
        Ok(id)
    }

    pub fn alloc_str(&mut self, s: impl Into<String>) -> Result<Value, RuntimeError> {
        self.alloc(HeapObj::Str(s.into())).map(Value::Str)
    }

    pub fn alloc_list(&mut self, items: Vec<Value>) -> Result<Value, RuntimeError> {
        self.alloc(HeapObj::List(items)).map(Value::List)
    }

    pub fn alloc_obj(&mut self, map: ObjMap) -> Result<Value, RuntimeError> {
        self.alloc(HeapObj::Obj(map)).map(Value::Obj)
    }

    pub fn get(&self, id: u32) -> Option<&HeapObj> {
        self.slots.get(id as usize)?.as_ref()
    }

    /// Changes an object in place, re-counting its bytes; fails (after the change) when the
    /// heap is then over its limit, which ends the run.
    pub fn update<R>(
        &mut self,
        id: u32,
        f: impl FnOnce(&mut HeapObj) -> R,
    ) -> Result<R, RuntimeError> {
        let slot = self
            .slots
            .get_mut(id as usize)
            .and_then(Option::as_mut)
            .ok_or_else(|| diag::internal(format!("dangling heap index {id}")))?;
        let before = slot.size();
        let result = f(slot);
        let after = slot.size();
        self.bytes = self.bytes.saturating_sub(before).saturating_add(after);
        if self.bytes > self.limit {
            return Err(diag::heap_limit(self.limit));
        }
        Ok(result)
    }

    /// The text of a string value.
    pub fn str(&self, v: Value) -> Option<&str> {
        match (v, v.heap_ref().and_then(|id| self.get(id))) {
            (Value::Str(_), Some(HeapObj::Str(s))) => Some(s),
            _ => None,
        }
    }

    /// The elements of a list value.
    pub fn list(&self, v: Value) -> Option<&[Value]> {
        match (v, v.heap_ref().and_then(|id| self.get(id))) {
            (Value::List(_), Some(HeapObj::List(items))) => Some(items),
            _ => None,
        }
    }

    /// The entries of an object value.
    pub fn obj(&self, v: Value) -> Option<&ObjMap> {
        match (v, v.heap_ref().and_then(|id| self.get(id))) {
            (Value::Obj(_), Some(HeapObj::Obj(map))) => Some(map),
            _ => None,
        }
    }

    /// The closure a closure value refers to.
    pub fn closure(&self, v: Value) -> Option<&Closure> {
        match (v, v.heap_ref().and_then(|id| self.get(id))) {
            (Value::Closure(_), Some(HeapObj::Closure(c))) => Some(c),
            _ => None,
        }
    }

    /// The contents of a cell; `Ok(None)` when its variable is not initialised yet.
    pub fn cell(&self, v: Value) -> Result<Option<Value>, RuntimeError> {
        match (v, v.heap_ref().and_then(|id| self.get(id))) {
            (Value::Cell(_), Some(HeapObj::Cell(c))) => Ok(*c),
            _ => Err(diag::internal("expected a cell")),
        }
    }

    /// Stores into a cell.
    pub fn set_cell(&mut self, v: Value, value: Value) -> Result<(), RuntimeError> {
        let Value::Cell(id) = v else {
            return Err(diag::internal("expected a cell"));
        };
        self.update(id, |obj| match obj {
            HeapObj::Cell(c) => {
                *c = Some(value);
                Ok(())
            }
            _ => Err(diag::internal("expected a cell")),
        })?
    }

    /// Whether the allocated bytes crossed the collection threshold.
    pub fn should_collect(&self) -> bool {
        self.bytes >= self.next_gc
    }

    /// Frees every slot not reachable from `roots`.
    pub fn collect(&mut self, roots: impl IntoIterator<Item = Value>) {
        let mut marks = vec![false; self.slots.len()];
        let mut work: Vec<u32> = roots.into_iter().filter_map(Value::heap_ref).collect();
        while let Some(id) = work.pop() {
            let i = id as usize;
            if i >= marks.len() || marks[i] {
                continue;
            }
            marks[i] = true;
            let push = |v: &Value, work: &mut Vec<u32>| {
                if let Some(r) = v.heap_ref() {
                    work.push(r);
                }
            };
            match &self.slots[i] {
                Some(HeapObj::List(items)) => items.iter().for_each(|v| push(v, &mut work)),
                Some(HeapObj::Obj(map)) => {
                    map.entries.iter().for_each(|(_, v)| push(v, &mut work));
                    map.meta_refs().for_each(|v| push(&v, &mut work));
                }
                Some(HeapObj::Closure(c)) => c.captures.iter().for_each(|v| push(v, &mut work)),
                Some(HeapObj::Cell(Some(v))) => push(v, &mut work),
                _ => {}
            }
        }
        for (i, marked) in marks.into_iter().enumerate() {
            if !marked && let Some(obj) = self.slots[i].take() {
                self.bytes = self.bytes.saturating_sub(obj.size());
                self.free.push(i as u32);
            }
        }
        self.collections += 1;
        let doubled = self.bytes.saturating_mul(2).max(MIN_GC_THRESHOLD);
        self.next_gc = if doubled < self.limit {
            doubled
        } else {
            self.bytes + (self.limit.saturating_sub(self.bytes)) / 2
        };
    }

    /// Whether `v` counts as true under `truth`.
    pub fn truthy(&self, v: Value, truth: Truth) -> bool {
        match (truth, v) {
            (_, Value::Null | Value::Bool(false)) => false,
            (Truth::Lua, _) => true,
            (_, Value::Int(i)) => i != 0,
            (Truth::Js, Value::Float(f)) => f != 0.0 && !f.is_nan(),
            (_, Value::Float(f)) => f != 0.0,
            (_, Value::Str(_)) => self.str(v).is_some_and(|s| !s.is_empty()),
            (Truth::Py, Value::List(_)) => self.list(v).is_some_and(|l| !l.is_empty()),
            (Truth::Py, Value::Obj(_)) => self.obj(v).is_some_and(|m| !m.is_empty()),
            _ => true,
        }
    }

    /// `bool.eq`: numbers by value, strings by content, everything else by identity.
    pub fn equal(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                crate::num::cmp_numbers(a, b) == Some(std::cmp::Ordering::Equal)
            }
            (Value::Str(_), Value::Str(_)) => self.str(a) == self.str(b),
            _ => a == b,
        }
    }
}
