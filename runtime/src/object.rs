//! The object model every front-end lowers to: prototype chains, classes and accessors.
//!
//! An object ([`ObjMap`]) may carry a prototype link: a lookup of a key the object lacks
//! goes on to its prototype, then that one's, and so on (JavaScript's prototypes, Python's
//! single-inheritance class chain; Lua's `__index` tables are built on the same link by
//! the `lua.*` opcodes). A *class object* also carries [`ClassInfo`]: its name, its
//! constructor and the prototype its instances get, which is what `std.new` reads. An
//! *accessor* property has a getter and a setter closure instead of a value; property
//! reads and writes that find one call it.
//!
//! Chains are acyclic: [`Heap::set_proto`] refuses a link that would close a cycle. A walk
//! still stops after [`MAX_CHAIN`] links, so a state file edited to hold a cycle cannot
//! hang a lookup.
//!
//! [`ObjMap`]: crate::ObjMap
//! [`ClassInfo`]: crate::ClassInfo

use crate::diagnostics::{self as diag, RuntimeError};
use crate::heap::{Heap, HeapObj, ObjMap};
use crate::value::Value;

/// The longest prototype chain a lookup follows.
pub const MAX_CHAIN: usize = 10_000;

/// What a property lookup found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prop {
    /// A data property and the object that holds it.
    Data(Value),
    /// An accessor property: its getter and setter (`Null` when absent).
    Accessor { get: Value, set: Value },
}

impl Heap {
    /// The objects of `v`'s chain, `v` first (nothing when `v` is not an object).
    pub fn chain(&self, v: Value) -> impl Iterator<Item = (Value, &ObjMap)> + '_ {
        let mut next = Some(v);
        let mut hops = 0;
        std::iter::from_fn(move || {
            let cur = next.take()?;
            let map = self.obj(cur)?;
            hops += 1;
            if hops < MAX_CHAIN {
                let p = map.proto();
                if matches!(p, Value::Obj(_)) {
                    next = Some(p);
                }
            }
            Some((cur, map))
        })
    }

    /// Looks `key` up on `v` and then along its prototype chain.
    pub fn lookup(&self, v: Value, key: &str) -> Option<Prop> {
        for (_, map) in self.chain(v) {
            if let Some(x) = map.get(key) {
                return Some(Prop::Data(x));
            }
            if let Some((get, set)) = map.accessor(key) {
                return Some(Prop::Accessor { get, set });
            }
        }
        None
    }

    /// The value of a data property found on `v`'s chain (accessors are not called).
    pub fn lookup_data(&self, v: Value, key: &str) -> Option<Value> {
        match self.lookup(v, key)? {
            Prop::Data(x) => Some(x),
            Prop::Accessor { .. } => None,
        }
    }

    /// Whether `proto` is on `v`'s prototype chain (`v` itself excluded): `instanceof`.
    pub fn inherits(&self, v: Value, proto: Value) -> bool {
        let Value::Obj(target) = proto else {
            return false;
        };
        self.chain(v)
            .skip(1)
            .any(|(o, _)| matches!(o, Value::Obj(id) if id == target))
    }

    /// The class data of a class object: (name, constructor, prototype of instances).
    pub fn class_of(&self, v: Value) -> Option<(&str, Value, Value)> {
        let c = self.obj(v)?.class()?;
        Some((c.name.as_str(), c.init, c.prototype))
    }

    /// Links object `id` to prototype `proto` (`Null` or an object). A link that would
    /// make the chain a cycle is an error.
    pub fn set_proto(&mut self, id: u32, proto: Value) -> Result<(), RuntimeError> {
        match proto {
            Value::Null => {}
            Value::Obj(_) => {
                if self
                    .chain(proto)
                    .any(|(o, _)| matches!(o, Value::Obj(p) if p == id))
                {
                    return Err(diag::type_error(
                        "obj.set_proto",
                        "a prototype that does not inherit from the object",
                        "a cycle",
                    ));
                }
            }
            _ => {
                return Err(diag::type_error(
                    "obj.set_proto",
                    "an object or null",
                    proto.type_name(),
                ));
            }
        }
        self.update(id, |o| {
            if let HeapObj::Obj(map) = o {
                if proto == Value::Null && map.meta().is_none() {
                    return;
                }
                map.meta_mut().proto = proto;
            }
        })
    }

    /// Links object `id` to `link` (`Null` or an object) without the cycle check of
    /// [`Heap::set_proto`]: a Lua table's metatable, which may be the table itself. Walks
    /// along links stop after [`MAX_CHAIN`] of them, so a cycle cannot hang one.
    pub fn set_link(&mut self, id: u32, link: Value) -> Result<(), RuntimeError> {
        self.update(id, |o| {
            if let HeapObj::Obj(map) = o {
                if link == Value::Null && map.meta().is_none() {
                    return;
                }
                map.meta_mut().proto = link;
            }
        })
    }

    /// Defines an accessor property `key` on object `id` (replacing a data property of
    /// that name); a `Null` getter or setter keeps the one already defined.
    pub fn define_accessor(
        &mut self,
        id: u32,
        key: &str,
        get: Value,
        set: Value,
    ) -> Result<(), RuntimeError> {
        self.check_room(key.len() + 64)?;
        self.update(id, |o| {
            if let HeapObj::Obj(map) = o {
                map.remove(key);
                let acc = &mut map.meta_mut().accessors;
                match acc.iter_mut().find(|(k, _, _)| k == key) {
                    Some(slot) => {
                        if get != Value::Null {
                            slot.1 = get;
                        }
                        if set != Value::Null {
                            slot.2 = set;
                        }
                    }
                    None => acc.push((key.to_owned(), get, set)),
                }
            }
        })
    }
}
