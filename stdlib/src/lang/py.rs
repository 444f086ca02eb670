//! Implementations of the `py.*` opcodes (rows in `weft_ir`'s `table/py.rs`): Python 3
//! semantics the Python front-end lowers to — printing (`str`/`repr`/`format`), operators
//! with Python's int/float rules, indexing and slicing, builtins, methods and exceptions.
//!
//! How tuples, dicts, sets and exceptions are represented is described in [`value`].
//! Errors are raised as Python exception objects (`std.throw` values, code `E5018`) with
//! CPython's messages, so `except ValueError` catches them by type.

mod builtins;
pub(crate) mod classes;
mod format;
mod methods;
mod ops;
mod seq;
mod value;

use weft_runtime::diagnostics as diag;
use weft_runtime::{RuntimeError, Value};

use crate::Builtin;
use crate::call::Call;
use value::{Py, view};

type R = Result<Value, RuntimeError>;

/// Raises a Python exception of type `ty` with one message argument.
pub(crate) fn raise(c: &mut Call<'_>, ty: &str, msg: impl Into<String>) -> RuntimeError {
    let msg = msg.into();
    let arg = match c.alloc_str(msg.clone()) {
        Ok(v) => v,
        Err(e) => return e,
    };
    match value::new_exc(c.heap_mut(), ty, vec![arg]) {
        Ok(exc) => diag::thrown(format!("{ty}: {msg}")).with_value(exc),
        Err(e) => e,
    }
}

pub(crate) fn raise_type(c: &mut Call<'_>, msg: impl Into<String>) -> RuntimeError {
    raise(c, "TypeError", msg)
}

/// Raises `KeyError(key)`.
pub(crate) fn raise_key(c: &mut Call<'_>, key: Value) -> RuntimeError {
    let text = value::repr(c.heap(), key);
    match value::new_exc(c.heap_mut(), "KeyError", vec![key]) {
        Ok(exc) => diag::thrown(format!("KeyError: {text}")).with_value(exc),
        Err(e) => e,
    }
}

/// The parent of each builtin exception type.
const EXCEPTION_PARENTS: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("KeyError", "LookupError"),
    ("IndexError", "LookupError"),
    ("ValueError", "Exception"),
    ("TypeError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("NameError", "Exception"),
    ("StopIteration", "Exception"),
];

/// The builtin exception type names scripts may raise and catch.
pub(crate) fn is_exception_type(name: &str) -> bool {
    name == "BaseException" || EXCEPTION_PARENTS.iter().any(|(n, _)| *n == name)
}

/// Whether exception type `actual` is `wanted` or a subclass of it.
pub(crate) fn exc_is(actual: &str, wanted: &str) -> bool {
    let mut t = actual;
    loop {
        if t == wanted {
            return true;
        }
        match EXCEPTION_PARENTS.iter().find(|(n, _)| *n == t) {
            Some((_, parent)) => t = parent,
            None => return false,
        }
    }
}

/// Whether `v` is the front-end's `return`/`break`/`continue` passing through a `finally`
/// (an object `{"\u{1}jump": kind}`): caught and re-raised untouched.
fn is_jump(c: &Call<'_>, v: Value) -> bool {
    c.heap().obj(v).is_some_and(|m| m.get(JUMP).is_some())
}

const JUMP: &str = "\u{1}jump";

/// `py.exception(type, args)`: a new exception object.
fn exception(c: &mut Call<'_>) -> R {
    let ty = c.string(0)?;
    let args = c.list(1)?;
    value::new_exc(c.heap_mut(), &ty, args)
}

/// The Python exception type and message for a runtime error code of a portable opcode.
fn exception_for_code(code: &str) -> &'static str {
    match code {
        "E5012" => "ZeroDivisionError",
        "E5014" => "KeyError",
        "E5015" => "IndexError",
        "E5010" | "E5016" => "TypeError",
        "E5011" => "OverflowError",
        "E5013" => "NameError",
        "E5017" => "AttributeError",
        "E5019" | "E5021" | "E5022" => "ValueError",
        _ => "RuntimeError",
    }
}

/// `py.catch(error)`: the Python exception for what `std.try_error` caught.
fn catch(c: &mut Call<'_>) -> R {
    let err = c.obj_ref(0)?.clone();
    let thrown = err.get("value").unwrap_or(Value::Null);
    if err.get("thrown") == Some(Value::Bool(true)) {
        if let Py::Exc(..) = view(c.heap(), thrown) {
            return Ok(thrown);
        }
        if classes::exception_base(c.heap(), thrown).is_some() {
            return Ok(thrown);
        }
        if is_jump(c, thrown) {
            return Ok(thrown);
        }
        let msg = value::to_str(c.heap(), thrown);
        let arg = c.alloc_str(msg)?;
        return value::new_exc(c.heap_mut(), "Exception", vec![arg]);
    }
    let code = err
        .get("code")
        .and_then(|v| c.heap().str(v).map(str::to_owned))
        .unwrap_or_default();
    let message = err
        .get("message")
        .and_then(|v| c.heap().str(v).map(str::to_owned))
        .unwrap_or_default();
    let (ty, message) = match code.as_str() {
        "E5012" => ("ZeroDivisionError", "division by zero".to_owned()),
        "E5015" => ("IndexError", "list index out of range".to_owned()),
        other => (exception_for_code(other), message),
    };
    let arg = c.alloc_str(message)?;
    value::new_exc(c.heap_mut(), ty, vec![arg])
}

/// `py.exc_match(exception, types)`: whether an `except` clause naming `types` catches it.
fn exc_match(c: &mut Call<'_>) -> R {
    let exc = c.arg(0);
    let actual = match view(c.heap(), exc) {
        Py::Exc(t, _) => t.to_owned(),
        // An instance of a script's exception class: by its classes, then by the builtin
        // type it derives from.
        _ => match classes::exception_base(c.heap(), exc) {
            Some(base) => base,
            None => return Ok(Value::Bool(false)),
        },
    };
    let wanted = c.list_ref(1)?;
    let heap = c.heap();
    let hit = wanted.iter().any(|w| match heap.str(*w) {
        Some(w) => exc_is(&actual, w),
        None => classes::instance_of(heap, exc, *w),
    });
    Ok(Value::Bool(hit))
}

/// `py.raise(value)`: raises an exception object (a type name string makes a new one).
fn raise_op(c: &mut Call<'_>) -> R {
    let v = c.arg(0);
    let exc = match view(c.heap(), v) {
        Py::Exc(..) => v,
        Py::Str(name) if is_exception_type(name) => {
            let name = name.to_owned();
            value::new_exc(c.heap_mut(), &name, Vec::new())?
        }
        _ if is_jump(c, v) => return Err(diag::thrown("jump".to_owned()).with_value(v)),
        // An instance of a script's exception class, raised as it is.
        _ if classes::exception_base(c.heap(), v).is_some() => {
            let name = value::type_name(c.heap(), v).to_owned();
            let text = match hooked::text_of(c, v)? {
                s if s.is_empty() || s.starts_with("<__main__.") => name,
                s => format!("{name}: {s}"),
            };
            return Err(diag::thrown(text).with_value(v));
        }
        _ => return Err(raise_type(c, "exceptions must derive from BaseException")),
    };
    let text = match view(c.heap(), exc) {
        Py::Exc(t, map) => {
            let msg = value::exc_str(c.heap(), t, map);
            if msg.is_empty() {
                t.to_owned()
            } else {
                format!("{t}: {msg}")
            }
        }
        _ => String::new(),
    };
    Err(diag::thrown(text).with_value(exc))
}

pub(crate) static BUILTINS: &[Builtin] = &[
    Builtin {
        name: "py.str",
        func: hooked::str_op,
    },
    Builtin {
        name: "py.repr",
        func: hooked::repr_op,
    },
    Builtin {
        name: "py.format",
        func: format::format,
    },
    Builtin {
        name: "py.print_text",
        func: hooked::print_text,
    },
    Builtin {
        name: "py.truthy",
        func: hooked::truthy,
    },
    Builtin {
        name: "py.not",
        func: hooked::not,
    },
    Builtin {
        name: "py.add",
        func: hooked::add,
    },
    Builtin {
        name: "py.iadd",
        func: hooked::iadd,
    },
    Builtin {
        name: "py.sub",
        func: hooked::sub,
    },
    Builtin {
        name: "py.mul",
        func: hooked::mul,
    },
    Builtin {
        name: "py.truediv",
        func: hooked::truediv,
    },
    Builtin {
        name: "py.floordiv",
        func: hooked::floordiv,
    },
    Builtin {
        name: "py.mod",
        func: hooked::modulo,
    },
    Builtin {
        name: "py.pow",
        func: hooked::pow,
    },
    Builtin {
        name: "py.neg",
        func: hooked::neg,
    },
    Builtin {
        name: "py.bitor",
        func: ops::bitor,
    },
    Builtin {
        name: "py.bitand",
        func: ops::bitand,
    },
    Builtin {
        name: "py.bitxor",
        func: ops::bitxor,
    },
    Builtin {
        name: "py.eq",
        func: hooked::eq,
    },
    Builtin {
        name: "py.ne",
        func: hooked::ne,
    },
    Builtin {
        name: "py.lt",
        func: hooked::lt,
    },
    Builtin {
        name: "py.le",
        func: hooked::le,
    },
    Builtin {
        name: "py.gt",
        func: hooked::gt,
    },
    Builtin {
        name: "py.ge",
        func: hooked::ge,
    },
    Builtin {
        name: "py.contains",
        func: hooked::contains,
    },
    Builtin {
        name: "py.getitem",
        func: hooked::getitem,
    },
    Builtin {
        name: "py.setitem",
        func: hooked::setitem,
    },
    Builtin {
        name: "py.delitem",
        func: seq::delitem,
    },
    Builtin {
        name: "py.slice",
        func: seq::slice,
    },
    Builtin {
        name: "py.len",
        func: hooked::len,
    },
    Builtin {
        name: "py.iter",
        func: seq::iter,
    },
    Builtin {
        name: "py.unpack",
        func: seq::unpack,
    },
    Builtin {
        name: "py.unpack_star",
        func: seq::unpack_star,
    },
    Builtin {
        name: "py.range",
        func: seq::range,
    },
    Builtin {
        name: "py.method",
        func: hooked::method,
    },
    Builtin {
        name: "py.class",
        func: classes::new_class,
    },
    Builtin {
        name: "py.exception_class",
        func: classes::exception_class,
    },
    Builtin {
        name: "py.class_attr",
        func: classes::class_attr_op,
    },
    Builtin {
        name: "py.is_object",
        func: classes::is_object_op,
    },
    Builtin {
        name: "py.super_attr",
        func: classes::super_attr,
    },
    Builtin {
        name: "py.decorate",
        func: classes::decorate,
    },
    Builtin {
        name: "py.setattr",
        func: hooked::setattr,
    },
    Builtin {
        name: "py.getattr",
        func: hooked::getattr,
    },
    Builtin {
        name: "py.call",
        func: builtins::call,
    },
    Builtin {
        name: "py.sorted",
        func: builtins::sorted,
    },
    Builtin {
        name: "py.min",
        func: builtins::min,
    },
    Builtin {
        name: "py.max",
        func: builtins::max,
    },
    Builtin {
        name: "py.sum",
        func: builtins::sum,
    },
    Builtin {
        name: "py.any",
        func: builtins::any,
    },
    Builtin {
        name: "py.all",
        func: builtins::all,
    },
    Builtin {
        name: "py.enumerate",
        func: builtins::enumerate,
    },
    Builtin {
        name: "py.zip",
        func: builtins::zip,
    },
    Builtin {
        name: "py.zip_star",
        func: builtins::zip_star,
    },
    Builtin {
        name: "py.map",
        func: builtins::map,
    },
    Builtin {
        name: "py.filter",
        func: builtins::filter,
    },
    Builtin {
        name: "py.reversed",
        func: builtins::reversed,
    },
    Builtin {
        name: "py.list",
        func: builtins::list,
    },
    Builtin {
        name: "py.tuple",
        func: builtins::tuple,
    },
    Builtin {
        name: "py.to_tuple",
        func: builtins::to_tuple,
    },
    Builtin {
        name: "py.dict",
        func: builtins::dict,
    },
    Builtin {
        name: "py.to_dict",
        func: builtins::to_dict,
    },
    Builtin {
        name: "py.set",
        func: builtins::set,
    },
    Builtin {
        name: "py.to_set",
        func: builtins::to_set,
    },
    Builtin {
        name: "py.int",
        func: builtins::int,
    },
    Builtin {
        name: "py.float",
        func: builtins::float,
    },
    Builtin {
        name: "py.abs",
        func: builtins::abs,
    },
    Builtin {
        name: "py.round",
        func: builtins::round,
    },
    Builtin {
        name: "py.isinstance",
        func: hooked::isinstance,
    },
    Builtin {
        name: "py.chr",
        func: builtins::chr,
    },
    Builtin {
        name: "py.ord",
        func: builtins::ord,
    },
    Builtin {
        name: "py.divmod",
        func: builtins::divmod,
    },
    Builtin {
        name: "py.type_name",
        func: builtins::type_name_op,
    },
    Builtin {
        name: "py.exception",
        func: exception,
    },
    Builtin {
        name: "py.catch",
        func: catch,
    },
    Builtin {
        name: "py.exc_match",
        func: exc_match,
    },
    Builtin {
        name: "py.raise",
        func: raise_op,
    },
];

/// The opcodes that consult a script's classes first (dunder methods, attributes, bound
/// methods), then do what they do for the built-in types.
mod hooked {
    use weft_runtime::Value;

    use super::classes::{self, binary, call_dunder};
    use super::{R, builtins, methods, ops, raise, raise_type, seq};
    use crate::call::Call;

    /// `str(v)`: `__str__`, else `__repr__`, else the built-in form.
    pub(crate) fn text_of(
        c: &mut Call<'_>,
        v: Value,
    ) -> Result<String, weft_runtime::RuntimeError> {
        if let Some(t) = classes::member_text(c.heap(), v, false) {
            return Ok(t);
        }
        if let Some(r) = call_dunder(c, v, "__str__", &[]) {
            return string_result(c, r?, "__str__");
        }
        if holds_objects(c, v, 0) {
            return repr_of(c, v, 0);
        }
        Ok(super::value::to_str(c.heap(), v))
    }

    /// Whether `v` is, or is a list or tuple holding (at any depth), an instance.
    fn holds_objects(c: &Call<'_>, v: Value, depth: usize) -> bool {
        if classes::is_object(c.heap(), v) {
            return true;
        }
        if depth > 32 {
            return false;
        }
        match super::value::view(c.heap(), v) {
            super::value::Py::List(items) | super::value::Py::Tuple(items) => {
                items.iter().any(|x| holds_objects(c, *x, depth + 1))
            }
            _ => false,
        }
    }

    /// `repr(v)` with the script's `__repr__`, inside lists and tuples too.
    fn repr_of(
        c: &mut Call<'_>,
        v: Value,
        depth: usize,
    ) -> Result<String, weft_runtime::RuntimeError> {
        if let Some(t) = classes::member_text(c.heap(), v, true) {
            return Ok(t);
        }
        if let Some(r) = call_dunder(c, v, "__repr__", &[]) {
            return string_result(c, r?, "__repr__");
        }
        let (items, open, close) = match super::value::view(c.heap(), v) {
            _ if depth > 32 || !holds_objects(c, v, 0) => {
                return Ok(super::value::repr(c.heap(), v));
            }
            super::value::Py::List(items) => (items.to_vec(), "[", "]"),
            super::value::Py::Tuple(items) => (items.to_vec(), "(", ")"),
            _ => return Ok(super::value::repr(c.heap(), v)),
        };
        let mut parts = Vec::with_capacity(items.len());
        for x in &items {
            parts.push(repr_of(c, *x, depth + 1)?);
        }
        let comma = if open == "(" && items.len() == 1 {
            ","
        } else {
            ""
        };
        Ok(format!("{open}{}{comma}{close}", parts.join(", ")))
    }

    fn string_result(
        c: &mut Call<'_>,
        v: Value,
        name: &str,
    ) -> Result<String, weft_runtime::RuntimeError> {
        match c.heap().str(v) {
            Some(s) => Ok(s.to_owned()),
            None => {
                let t = super::value::type_name(c.heap(), v).to_owned();
                Err(raise_type(
                    c,
                    format!("{name} returned non-string (type {t})"),
                ))
            }
        }
    }

    pub(crate) fn str_op(c: &mut Call<'_>) -> R {
        if !c.args.is_empty() && holds_objects(c, c.arg(0), 0) {
            let s = text_of(c, c.arg(0))?;
            c.charge_bytes(s.len())?;
            return c.alloc_str(s);
        }
        builtins::str_op(c)
    }

    pub(crate) fn repr_op(c: &mut Call<'_>) -> R {
        if holds_objects(c, c.arg(0), 0) {
            let s = repr_of(c, c.arg(0), 0)?;
            return c.alloc_str(s);
        }
        builtins::repr_op(c)
    }

    pub(crate) fn print_text(c: &mut Call<'_>) -> R {
        let list = c.arg(0);
        let items: Vec<Value> = c
            .heap()
            .list(list)
            .map(<[Value]>::to_vec)
            .unwrap_or_default();
        if !items.iter().any(|v| holds_objects(c, *v, 0)) {
            return builtins::print_text(c);
        }
        let mut texts = Vec::with_capacity(items.len());
        for v in items {
            let s = text_of(c, v)?;
            texts.push(c.alloc_str(s)?);
        }
        let list = c.alloc_list(texts)?;
        let mut args = c.args.to_vec();
        args[0] = list;
        builtins::sub_call(c, builtins::print_text, &args)
    }

    /// Truthiness: `__bool__`, else `__len__`, else true.
    fn truth(c: &mut Call<'_>, v: Value) -> Result<Option<bool>, weft_runtime::RuntimeError> {
        if let Some(r) = call_dunder(c, v, "__bool__", &[]) {
            return Ok(Some(super::value::truthy(c.heap(), r?)));
        }
        if let Some(r) = call_dunder(c, v, "__len__", &[]) {
            return Ok(Some(!matches!(r?, Value::Int(0))));
        }
        Ok(None)
    }

    pub(crate) fn truthy(c: &mut Call<'_>) -> R {
        match truth(c, c.arg(0))? {
            Some(b) => Ok(Value::Bool(b)),
            None => ops::truthy(c),
        }
    }

    pub(crate) fn not(c: &mut Call<'_>) -> R {
        match truth(c, c.arg(0))? {
            Some(b) => Ok(Value::Bool(!b)),
            None => ops::not(c),
        }
    }

    /// Binary opcodes that try `a.dunder(b)`, then `b.reflected(a)`, then the built-in.
    macro_rules! binary_hooks {
        ($($name:ident, $dunder:literal, $reflected:literal;)*) => {$(
            pub(crate) fn $name(c: &mut Call<'_>) -> R {
                match binary(c, $dunder, Some($reflected)) {
                    Some(r) => r,
                    None => ops::$name(c),
                }
            }
        )*};
    }

    binary_hooks! {
        add, "__add__", "__radd__";
        sub, "__sub__", "__rsub__";
        mul, "__mul__", "__rmul__";
        truediv, "__truediv__", "__rtruediv__";
        floordiv, "__floordiv__", "__rfloordiv__";
        modulo, "__mod__", "__rmod__";
        pow, "__pow__", "__rpow__";
    }

    pub(crate) fn iadd(c: &mut Call<'_>) -> R {
        if let Some(r) = call_dunder(c, c.arg(0), "__iadd__", &[c.arg(1)]) {
            return r;
        }
        match binary(c, "__add__", Some("__radd__")) {
            Some(r) => r,
            None => ops::iadd(c),
        }
    }

    pub(crate) fn neg(c: &mut Call<'_>) -> R {
        match call_dunder(c, c.arg(0), "__neg__", &[]) {
            Some(r) => r,
            None => ops::neg(c),
        }
    }

    pub(crate) fn eq(c: &mut Call<'_>) -> R {
        match binary(c, "__eq__", Some("__eq__")) {
            Some(r) => r,
            None => ops::eq(c),
        }
    }

    pub(crate) fn ne(c: &mut Call<'_>) -> R {
        if let Some(r) = binary(c, "__ne__", Some("__ne__")) {
            return r;
        }
        match binary(c, "__eq__", Some("__eq__")) {
            Some(r) => Ok(Value::Bool(!super::value::truthy(c.heap(), r?))),
            None => ops::ne(c),
        }
    }

    binary_hooks! {
        lt, "__lt__", "__gt__";
        le, "__le__", "__ge__";
        gt, "__gt__", "__lt__";
        ge, "__ge__", "__le__";
    }

    pub(crate) fn contains(c: &mut Call<'_>) -> R {
        match call_dunder(c, c.arg(0), "__contains__", &[c.arg(1)]) {
            Some(r) => Ok(Value::Bool(super::value::truthy(c.heap(), r?))),
            None => ops::contains(c),
        }
    }

    pub(crate) fn getitem(c: &mut Call<'_>) -> R {
        match call_dunder(c, c.arg(0), "__getitem__", &[c.arg(1)]) {
            Some(r) => r,
            None => seq::getitem(c),
        }
    }

    pub(crate) fn setitem(c: &mut Call<'_>) -> R {
        match call_dunder(c, c.arg(0), "__setitem__", &[c.arg(1), c.arg(2)]) {
            Some(r) => r.map(|_| c.arg(2)),
            None => seq::setitem(c),
        }
    }

    pub(crate) fn len(c: &mut Call<'_>) -> R {
        match call_dunder(c, c.arg(0), "__len__", &[]) {
            Some(r) => r,
            None => {
                if classes::is_object(c.heap(), c.arg(0)) {
                    let t = super::value::type_name(c.heap(), c.arg(0)).to_owned();
                    return Err(raise_type(c, format!("object of type '{t}' has no len()")));
                }
                seq::len(c)
            }
        }
    }

    pub(crate) fn getattr(c: &mut Call<'_>) -> R {
        let name = c.string(1)?;
        match classes::getattr(c, c.arg(0), &name) {
            Some(r) => r,
            None => builtins::getattr(c),
        }
    }

    pub(crate) fn setattr(c: &mut Call<'_>) -> R {
        let name = c.string(1)?;
        match classes::setattr(c, c.arg(0), &name, c.arg(2)) {
            Some(r) => r,
            None => {
                let t = super::value::type_name(c.heap(), c.arg(0)).to_owned();
                Err(raise(
                    c,
                    "AttributeError",
                    format!("'{t}' object has no attribute '{name}'"),
                ))
            }
        }
    }

    /// A method call on a class, an instance or a property; else a built-in type's method.
    pub(crate) fn method(c: &mut Call<'_>) -> R {
        let (recv, name) = (c.arg(0), c.string(1)?);
        if let Some(f) = c.args.get(2).copied()
            && c.args.len() == 3
            && let Some(r) = classes::property_method(c, recv, &name, f)
        {
            return r;
        }
        if classes::is_object(c.heap(), recv) {
            let f = classes::getattr(c, recv, &name).unwrap_or(Ok(Value::Null))?;
            let args = c.args[2..].to_vec();
            return c.ctx.call(f, &args);
        }
        methods::method(c)
    }

    pub(crate) fn isinstance(c: &mut Call<'_>) -> R {
        let v = c.arg(0);
        let wanted = c.list_ref(1)?.to_vec();
        if wanted.iter().any(|w| classes::is_class(c.heap(), *w)) {
            let heap = c.heap();
            let hit = wanted.iter().any(|&w| classes::instance_of(heap, v, w));
            if hit {
                return Ok(Value::Bool(true));
            }
            let names: Vec<Value> = wanted
                .into_iter()
                .filter(|w| !classes::is_class(heap, *w))
                .collect();
            let list = c.alloc_list(names)?;
            return builtins::sub_call(c, builtins::isinstance, &[v, list]);
        }
        builtins::isinstance(c)
    }
}
