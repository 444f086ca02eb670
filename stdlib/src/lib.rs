//! Weft's standard opcodes, implemented on runtime values.
//!
//! Every strict opcode of the standard registry (every argument evaluated before the call)
//! has a [`BuiltinFn`] here, found by canonical name with [`lookup`]. Special forms — the
//! opcodes with lazy, name, params, quote or pair arguments (`std.seq`, `std.if`,
//! `std.let`, `bool.and`, `js.or`, ...) — and the opcodes that touch frames (`std.apply`,
//! `std.arg`, `std.args`, `std.this`, `std.caller`, `std.sleep`) are compiled by the
//! backend; it calls [`lookup`] for everything else, including `obj.new` with its pairs
//! flattened. Higher-order opcodes call closures back through [`Ctx::call`].
//!
//! Semantics decisions (overflow, division, string length, display) are documented on the
//! modules that implement them: [`math`], [`text`], and `weft_runtime::convert`.
//!
//! **Architecture Invariant:** opcode implementations never do I/O; output, time and
//! randomness go through the host in [`Ctx::host`].

mod call;
mod core;
mod json;
mod lang;
mod list;
pub mod math;
mod methods;
mod obj;
pub mod object;
pub mod text;
mod time;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use call::{BuiltinFn, Call, Ctx, describe};
pub use core::parse_number;
pub use lang::lua::lua_arith_binary;
pub use methods::{call_method, method_op};

/// What calling `v`, which is not a closure, runs, and the value passed as the first
/// argument: a Lua table's `__call` (with the table), a Python class's constructor (with
/// the class), a Python bound method's function (with its receiver), a Python instance's
/// `__call__` (with the instance). `None` when `v` cannot be called.
pub fn call_handler(
    heap: &weft_runtime::Heap,
    v: weft_runtime::Value,
) -> Option<(weft_runtime::Value, weft_runtime::Value)> {
    lang::lua::call_handler(heap, v)
        .map(|h| (h, v))
        .or_else(|| lang::py::classes::call_handler(heap, v))
}

/// A built-in opcode implementation and its canonical name.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    pub name: &'static str,
    pub func: BuiltinFn,
}

macro_rules! table {
    ($($name:literal => $func:path,)*) => {
        static BUILTINS: &[Builtin] = &[$(Builtin { name: $name, func: $func },)*];
    };
}

table! {
    "std.typeof" => core::type_of,
    "std.string" => core::string,
    "std.number" => core::number,
    "std.boolean" => core::boolean,
    "std.int" => core::int,
    "std.float" => core::float,
    "std.log" => core::log,
    "std.warn" => core::warn,
    "std.write" => core::write,
    "std.throw" => core::throw,
    "std.narrow" => core::narrow,
    "math.add" => math::add,
    "math.sub" => math::sub,
    "math.mul" => math::mul,
    "math.div" => math::div,
    "math.mod" => math::modulo,
    "math.pow" => math::pow,
    "math.neg" => math::neg,
    "math.floor" => math::floor,
    "math.ceil" => math::ceil,
    "math.trunc" => math::trunc,
    "math.round" => math::round,
    "math.sin" => math::sin,
    "math.cos" => math::cos,
    "math.tan" => math::tan,
    "math.asin" => math::asin,
    "math.acos" => math::acos,
    "math.atan" => math::atan,
    "math.atan2" => math::atan2,
    "math.log" => math::ln,
    "math.log2" => math::log2,
    "math.log10" => math::log10,
    "math.exp" => math::exp,
    "math.sqrt" => math::sqrt,
    "math.abs" => math::abs,
    "math.sign" => math::sign,
    "math.min" => math::min,
    "math.max" => math::max,
    "math.clamp" => math::clamp,
    "math.idiv" => math::idiv,
    "math.fmod" => math::fmod,
    "math.band" => math::band,
    "math.bor" => math::bor,
    "math.bxor" => math::bxor,
    "math.bnot" => math::bnot,
    "math.shl" => math::shl,
    "math.shr" => math::shr,
    "bool.eq" => math::eq,
    "bool.neq" => math::neq,
    "bool.lt" => math::lt,
    "bool.gt" => math::gt,
    "bool.lte" => math::lte,
    "bool.gte" => math::gte,
    "bool.not" => math::not,
    "list.new" => list::new,
    "list.len" => list::len,
    "list.empty" => list::empty,
    "list.get" => list::get,
    "list.set" => list::set,
    "list.push" => list::push,
    "list.pop" => list::pop,
    "list.unshift" => list::unshift,
    "list.shift" => list::shift,
    "list.slice" => list::slice,
    "list.splice" => list::splice,
    "list.concat" => list::concat,
    "list.includes" => list::includes,
    "list.indexOf" => list::index_of,
    "list.reverse" => list::reverse,
    "list.sort" => list::sort,
    "list.join" => list::join,
    "list.find" => list::find,
    "list.map" => list::map,
    "list.filter" => list::filter,
    "list.flatMap" => list::flat_map,
    "list.reduce" => list::reduce,
    "obj.new" => obj::new,
    "obj.get" => obj::get,
    "obj.set" => obj::set,
    "obj.has" => obj::has,
    "obj.del" => obj::del,
    "obj.keys" => obj::keys,
    "obj.values" => obj::values,
    "obj.entries" => obj::entries_op,
    "obj.merge" => obj::merge,
    "obj.map" => obj::map,
    "obj.filter" => obj::filter,
    "obj.reduce" => obj::reduce,
    "obj.flatMap" => obj::flat_map,
    "obj.has_in" => object::has_in,
    "obj.create" => object::create,
    "obj.proto" => object::proto,
    "obj.set_proto" => object::set_proto,
    "obj.class" => object::class,
    "obj.class_init" => object::class_init,
    "obj.class_proto" => object::class_proto,
    "obj.instance_of" => object::instance_of,
    "obj.define_accessor" => object::define_accessor,
    "str.len" => text::len,
    "str.concat" => text::concat,
    "str.split" => text::split,
    "str.slice" => text::slice,
    "str.upper" => text::upper,
    "str.lower" => text::lower,
    "str.trim" => text::trim,
    "str.replace" => text::replace,
    "str.includes" => text::includes,
    "str.join" => text::join,
    "str.indexOf" => text::index_of,
    "str.startsWith" => text::starts_with,
    "str.endsWith" => text::ends_with,
    "str.repeat" => text::repeat,
    "json.stringify" => json::stringify,
    "json.parse" => json::parse,
    "time.now" => time::now,
    "time.format" => time::format,
    "time.parse" => time::parse,
    "time.from_timestamp" => time::from_timestamp,
    "time.to_timestamp" => time::to_timestamp,
    "time.offset" => time::offset,
}

/// Every implementation table: the portable opcodes, then each language's namespace.
static TABLES: &[&[Builtin]] = &[
    BUILTINS,
    lang::js::BUILTINS,
    lang::lua::BUILTINS,
    lang::py::BUILTINS,
];

/// The implementation of a strict opcode, by canonical name. Backends call this for every
/// call node they compile and `std.call_method` for every built-in method call, so it is a
/// hash lookup in an index built once.
pub fn lookup(name: &str) -> Option<Builtin> {
    static INDEX: OnceLock<HashMap<&'static str, Builtin>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let index: HashMap<_, _> = builtins().map(|b| (b.name, b)).collect();
            debug_assert_eq!(index.len(), builtins().count(), "duplicate builtin names");
            index
        })
        .get(name)
        .copied()
}

/// Every implemented opcode, in table order.
pub fn builtins() -> impl Iterator<Item = Builtin> {
    TABLES.iter().flat_map(|t| t.iter().copied())
}

/// The opcodes the backend compiles itself instead of calling a [`Builtin`].
pub const BACKEND_OPS: &[&str] = &[
    "std.seq",
    "std.if",
    "std.while",
    "std.for",
    "std.break",
    "std.continue",
    "std.return",
    "std.let",
    "std.var",
    "std.set",
    "std.lambda",
    "std.apply",
    "std.call_method",
    "std.quote",
    "std.arg",
    "std.args",
    "std.try",
    "std.try_error",
    "std.this",
    "std.caller",
    "std.sleep",
    "std.new",
    "std.apply_this",
    "std.apply_list",
    "std.return_values",
    "std.results",
    "bool.and",
    "bool.or",
    "bool.guard",
    "bool.nullish",
    "js.and",
    "js.or",
    "lua.and",
    "lua.or",
    "py.and",
    "py.or",
];

#[cfg(test)]
mod tests;
