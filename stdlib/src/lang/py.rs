//! Implementations of the `py.*` opcodes (rows in `weft_ir`'s `table/py.rs`): Python 3
//! semantics the Python front-end lowers to — printing (`str`/`repr`/`format`), operators
//! with Python's int/float rules, indexing and slicing, builtins, methods and exceptions.
//!
//! How tuples, dicts, sets and exceptions are represented is described in [`value`].
//! Errors are raised as Python exception objects (`std.throw` values, code `E5018`) with
//! CPython's messages, so `except ValueError` catches them by type.

mod builtins;
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
    let actual = match view(c.heap(), c.arg(0)) {
        Py::Exc(t, _) => t.to_owned(),
        _ => return Ok(Value::Bool(false)),
    };
    let wanted = c.list_ref(1)?;
    let hit = wanted
        .iter()
        .any(|w| c.heap().str(*w).is_some_and(|w| exc_is(&actual, w)));
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
        func: builtins::str_op,
    },
    Builtin {
        name: "py.repr",
        func: builtins::repr_op,
    },
    Builtin {
        name: "py.format",
        func: format::format,
    },
    Builtin {
        name: "py.print_text",
        func: builtins::print_text,
    },
    Builtin {
        name: "py.truthy",
        func: ops::truthy,
    },
    Builtin {
        name: "py.not",
        func: ops::not,
    },
    Builtin {
        name: "py.add",
        func: ops::add,
    },
    Builtin {
        name: "py.iadd",
        func: ops::iadd,
    },
    Builtin {
        name: "py.sub",
        func: ops::sub,
    },
    Builtin {
        name: "py.mul",
        func: ops::mul,
    },
    Builtin {
        name: "py.truediv",
        func: ops::truediv,
    },
    Builtin {
        name: "py.floordiv",
        func: ops::floordiv,
    },
    Builtin {
        name: "py.mod",
        func: ops::modulo,
    },
    Builtin {
        name: "py.pow",
        func: ops::pow,
    },
    Builtin {
        name: "py.neg",
        func: ops::neg,
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
        func: ops::eq,
    },
    Builtin {
        name: "py.ne",
        func: ops::ne,
    },
    Builtin {
        name: "py.lt",
        func: ops::lt,
    },
    Builtin {
        name: "py.le",
        func: ops::le,
    },
    Builtin {
        name: "py.gt",
        func: ops::gt,
    },
    Builtin {
        name: "py.ge",
        func: ops::ge,
    },
    Builtin {
        name: "py.contains",
        func: ops::contains,
    },
    Builtin {
        name: "py.getitem",
        func: seq::getitem,
    },
    Builtin {
        name: "py.setitem",
        func: seq::setitem,
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
        func: seq::len,
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
        func: methods::method,
    },
    Builtin {
        name: "py.getattr",
        func: builtins::getattr,
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
        func: builtins::isinstance,
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
