//! Built-in method tables for `std.call_method` on plain values.
//!
//! A method on a string, list or object maps to the opcode of the same meaning, with the
//! receiver as its first argument, and costs that opcode's per-item gas (the call node
//! itself pays `std.call_method`'s base cost). Objects first look for a closure stored
//! under the method's key; the backend calls that one itself (with the object as `this`)
//! before falling back to this table.
//!
//! | receiver | methods |
//! |---|---|
//! | string | `len` `length` `upper` `lower` `trim` `split` `slice` `includes` `indexOf` `startsWith` `endsWith` `repeat` `replace` `concat` |
//! | list | `len` `length` `push` `pop` `shift` `unshift` `slice` `splice` `join` `includes` `indexOf` `reverse` `sort` `map` `filter` `find` `reduce` `flatMap` `concat` `get` `set` `empty` |
//! | object | `keys` `values` `entries` `has` `get` `set` `del` |
//! | capability | `narrow` |
//! | host handle | whatever the host's [`weft_runtime::Host::call_method`] answers |

use weft_ir::Registry;
use weft_runtime::diagnostics as diag;
use weft_runtime::{HeapObj, RuntimeError, Value};

use crate::call::{Call, Ctx};

/// The opcode a method name maps to for a receiver of this type.
pub fn method_op(receiver: Value, method: &str) -> Option<&'static str> {
    Some(match (receiver, method) {
        (Value::Str(_), "len" | "length") => "str.len",
        (Value::Str(_), "upper") => "str.upper",
        (Value::Str(_), "lower") => "str.lower",
        (Value::Str(_), "trim") => "str.trim",
        (Value::Str(_), "split") => "str.split",
        (Value::Str(_), "slice") => "str.slice",
        (Value::Str(_), "includes") => "str.includes",
        (Value::Str(_), "indexOf") => "str.indexOf",
        (Value::Str(_), "startsWith") => "str.startsWith",
        (Value::Str(_), "endsWith") => "str.endsWith",
        (Value::Str(_), "repeat") => "str.repeat",
        (Value::Str(_), "replace") => "str.replace",
        (Value::Str(_), "concat") => "str.concat",
        (Value::List(_), "len" | "length") => "list.len",
        (Value::List(_), "push") => "list.push",
        (Value::List(_), "pop") => "list.pop",
        (Value::List(_), "shift") => "list.shift",
        (Value::List(_), "unshift") => "list.unshift",
        (Value::List(_), "slice") => "list.slice",
        (Value::List(_), "splice") => "list.splice",
        (Value::List(_), "join") => "list.join",
        (Value::List(_), "includes") => "list.includes",
        (Value::List(_), "indexOf") => "list.indexOf",
        (Value::List(_), "reverse") => "list.reverse",
        (Value::List(_), "sort") => "list.sort",
        (Value::List(_), "map") => "list.map",
        (Value::List(_), "filter") => "list.filter",
        (Value::List(_), "find") => "list.find",
        (Value::List(_), "reduce") => "list.reduce",
        (Value::List(_), "flatMap") => "list.flatMap",
        (Value::List(_), "concat") => "list.concat",
        (Value::List(_), "get") => "list.get",
        (Value::List(_), "set") => "list.set",
        (Value::List(_), "empty") => "list.empty",
        (Value::Obj(_), "keys") => "obj.keys",
        (Value::Obj(_), "values") => "obj.values",
        (Value::Obj(_), "entries") => "obj.entries",
        (Value::Obj(_), "has") => "obj.has",
        (Value::Obj(_), "get") => "obj.get",
        (Value::Obj(_), "set") => "obj.set",
        (Value::Obj(_), "del") => "obj.del",
        _ => return None,
    })
}

/// Calls a built-in method: `receiver.method(args...)`.
pub fn call_method(
    ctx: &mut dyn Ctx,
    receiver: Value,
    method: &str,
    args: &[Value],
) -> Result<Value, RuntimeError> {
    if let Value::Handle(id) = receiver {
        return handle_method(ctx, id, method, args);
    }
    let Some(op) = method_op(receiver, method) else {
        return Err(diag::unknown_method(receiver.type_name(), method));
    };
    let builtin = crate::lookup(op)
        .ok_or_else(|| diag::internal(format!("method table names unknown `{op}`")))?;
    let per_item = Registry::standard()
        .lookup(op)
        .map_or(0, |(_, spec)| spec.gas.per_item);
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(receiver);
    full.extend_from_slice(args);
    (builtin.func)(&mut Call {
        ctx,
        args: &full,
        name: builtin.name,
        per_item,
    })
}

/// A method on a handle: `narrow` on a capability (as `std.narrow`), anything on a host
/// handle goes to the host.
fn handle_method(
    ctx: &mut dyn Ctx,
    id: u32,
    method: &str,
    args: &[Value],
) -> Result<Value, RuntimeError> {
    let handle = match ctx.heap().get(id) {
        Some(HeapObj::Handle(h)) => h.clone(),
        Some(HeapObj::Capability(_)) if method == "narrow" => {
            let mut full = vec![Value::Handle(id)];
            full.extend_from_slice(args);
            return crate::core::narrow(&mut Call {
                ctx,
                args: &full,
                name: "std.narrow",
                per_item: 0,
            });
        }
        Some(HeapObj::Capability(_)) => return Err(diag::unknown_method("capability", method)),
        _ => return Err(diag::unknown_method("handle", method)),
    };
    let (host, heap) = ctx.host_and_heap();
    host.call_method(&handle, method, args, heap)
}
