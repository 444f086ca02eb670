//! Capabilities: unforgeable permissions a host grants a script.
//!
//! A capability is a heap object the script holds as an opaque handle. Scripts cannot make
//! one from data: the only ways to get one are to be given it by the host (script
//! arguments, `this`, `caller`, a host opcode's result) or to narrow one already held
//! (`std.narrow`). A host opcode whose registry row names a capability must be given a
//! capability of that name as its first argument; host methods check with [`require`].
//!
//! A capability has a name (`sys.create`, `entity.control`) and a scope: string keys
//! bound to JSON values (`{"entity": 7}`). An empty scope allows everything the name
//! allows; each key restricts it (`permits("entity", 7)`). Narrowing adds keys and never
//! changes or drops one, so a capability derived from another never grants more.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{self as diag, RuntimeError};
use crate::{Heap, HeapObj, Value};

/// A permission: a name and the scope it is restricted to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capability {
    pub name: String,
    /// Restrictions; empty means unrestricted.
    pub scope: BTreeMap<String, serde_json::Value>,
}

impl Capability {
    /// An unrestricted capability called `name`.
    pub fn new(name: impl Into<String>) -> Capability {
        Capability {
            name: name.into(),
            scope: BTreeMap::new(),
        }
    }

    /// Adds a restriction (builder style, for hosts granting a scoped capability).
    pub fn restrict(mut self, key: impl Into<String>, value: serde_json::Value) -> Capability {
        self.scope.insert(key.into(), value);
        self
    }

    /// A narrower capability: this one with `extra` restrictions added. Restating an
    /// existing restriction with the same value is allowed; changing one is an error,
    /// because it would widen what the capability grants in that respect.
    pub fn narrow(
        &self,
        extra: impl IntoIterator<Item = (String, serde_json::Value)>,
    ) -> Result<Capability, RuntimeError> {
        let mut out = self.clone();
        for (key, value) in extra {
            match out.scope.get(&key) {
                Some(old) if *old != value => {
                    return Err(diag::capability_widening(&self.name, &key, old, &value));
                }
                _ => {
                    out.scope.insert(key, value);
                }
            }
        }
        Ok(out)
    }

    /// Whether the capability allows acting on `key` = `value`: true when the scope does
    /// not restrict `key`, or restricts it to exactly that value.
    pub fn permits(&self, key: &str, value: &serde_json::Value) -> bool {
        self.scope.get(key).is_none_or(|v| v == value)
    }

    /// Whether everything `self` allows, `parent` allows too.
    pub fn is_within(&self, parent: &Capability) -> bool {
        self.name == parent.name
            && parent
                .scope
                .iter()
                .all(|(k, v)| self.scope.get(k) == Some(v))
    }
}

/// The capability `value` holds, if it is one.
pub fn capability(heap: &Heap, value: Value) -> Option<&Capability> {
    match value {
        Value::Handle(id) => match heap.get(id) {
            Some(HeapObj::Capability(c)) => Some(c),
            _ => None,
        },
        _ => None,
    }
}

/// Checks that `value` is a capability called `name`, for `what` (an opcode or method
/// name used in the error), and returns it.
pub fn require<'h>(
    heap: &'h Heap,
    value: Value,
    name: &str,
    what: &str,
) -> Result<&'h Capability, RuntimeError> {
    match capability(heap, value) {
        Some(c) if c.name == name => Ok(c),
        _ => Err(diag::missing_capability(what, name)),
    }
}

/// A value a host hands to a script (argument, `this`, `caller`): data, an entity handle
/// or a capability.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum HostValue {
    /// Plain data; JSON null when nothing is given.
    Json(serde_json::Value),
    /// An opaque host handle.
    Handle(crate::HandleData),
    /// A capability.
    Capability(Capability),
    #[default]
    Null,
}

impl HostValue {
    /// Allocates the value in `heap`.
    pub fn alloc(&self, heap: &mut Heap) -> Result<Value, RuntimeError> {
        match self {
            HostValue::Json(json) => crate::from_json(heap, json),
            HostValue::Handle(h) => Ok(Value::Handle(heap.alloc(HeapObj::Handle(h.clone()))?)),
            HostValue::Capability(c) => {
                Ok(Value::Handle(heap.alloc(HeapObj::Capability(c.clone()))?))
            }
            HostValue::Null => Ok(Value::Null),
        }
    }
}
