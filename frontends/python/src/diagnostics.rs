//! Every problem the Python front-end reports, one constructor per condition.
//!
//! | code | condition |
//! |---|---|
//! | E4000 | internal error in the front-end (a Weft bug) |
//! | E4001 | syntax error |
//! | E4010 | `class` definitions |
//! | E4011 | generators (`yield`) |
//! | E4012 | `async` / `await` |
//! | E4013 | `with` statements |
//! | E4014 | decorators |
//! | E4015 | imports other than the Weft SDK |
//! | E4016 | `exec` / `eval` / `compile` |
//! | E4017 | `match` statements |
//! | E4018 | other unsupported syntax (named in the message) |
//! | E4019 | `input` / `open` and other host-dependent builtins |
//! | E4020 | keyword arguments to a function that is not known where it is called |
//! | E4021 | a call that does not fit the function's parameters |
//! | E4022 | an SDK call to an opcode the registry does not have |
//! | E4023 | an integer literal beyond 64 bits |
//! | E4024 | the program nests too deeply |
//! | E4025 | a bare `raise` outside an `except` block |

use std::ops::Range;

use rustpython_parser::ParseError;
use weft_ir::SourceDiagnostic;

pub(crate) fn syntax_error(source: &str, error: &ParseError) -> SourceDiagnostic {
    let start = usize::from(error.offset).min(source.len());
    let end = source[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let message = error.error.to_string();
    let message = message.strip_suffix('.').unwrap_or(&message).to_lowercase();
    SourceDiagnostic::new(
        "E4001",
        format!("syntax error: {message}"),
        start..end,
        "here",
    )
}

fn unsupported(code: &'static str, what: &str, span: Range<usize>, help: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        code,
        format!("{what} is not supported"),
        span,
        "not supported",
    )
    .help(help)
}

/// E4010: a part of `class` Weft does not support (`what` says which).
pub(crate) fn class_def(span: Range<usize>, what: &str) -> SourceDiagnostic {
    unsupported(
        "E4010",
        what,
        span,
        "a class body holds `def`s (with `@staticmethod`, `@classmethod`, `@property`, `@x.setter`) and `name = value` assignments",
    )
}

pub(crate) fn generator(span: Range<usize>) -> SourceDiagnostic {
    unsupported(
        "E4011",
        "`yield` (generators)",
        span,
        "build and return a list instead",
    )
}

pub(crate) fn async_code(span: Range<usize>) -> SourceDiagnostic {
    unsupported(
        "E4012",
        "`async`/`await`",
        span,
        "Weft scripts suspend with SDK calls such as `std.sleep(ms)`",
    )
}

pub(crate) fn with_stmt(span: Range<usize>) -> SourceDiagnostic {
    unsupported("E4013", "`with`", span, "use `try`/`finally`")
}

pub(crate) fn decorator(span: Range<usize>) -> SourceDiagnostic {
    unsupported(
        "E4014",
        "a decorator",
        span,
        "call the wrapping function explicitly: `f = wrap(f)`",
    )
}

/// E4015 in a program of files: the module is not beside the script.
pub(crate) fn module_not_found(span: Range<usize>, module: &str) -> SourceDiagnostic {
    let file = module.replace('.', "/");
    SourceDiagnostic::new(
        "E4015",
        format!("no module named `{module}`"),
        span,
        "not found",
    )
    .help(format!(
        "a module of the program is `{file}.py` or `{file}/__init__.py` in the entry script's folder; the standard modules Weft provides are `sys`, `time`, `math`, `abc` and `enum`"
    ))
}

pub(crate) fn import(span: Range<usize>, module: &str) -> SourceDiagnostic {
    SourceDiagnostic::new("E4015", format!("cannot import `{module}`: only the Weft SDK can be imported"), span, "not available")
        .help("SDK namespaces such as `list`, `str`, `math` and `std` are available without importing; `from weft import ...` is accepted")
}

pub(crate) fn dynamic_code(span: Range<usize>, name: &str) -> SourceDiagnostic {
    unsupported(
        "E4016",
        &format!("`{name}`"),
        span,
        "scripts are compiled ahead of time; write the code directly",
    )
}

pub(crate) fn match_stmt(span: Range<usize>) -> SourceDiagnostic {
    unsupported("E4017", "`match`", span, "use `if`/`elif` chains")
}

pub(crate) fn syntax(span: Range<usize>, what: &str) -> SourceDiagnostic {
    unsupported(
        "E4018",
        what,
        span,
        "see docs/frontends/python.md for the supported subset",
    )
}

pub(crate) fn host_builtin(span: Range<usize>, name: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E4019",
        format!("`{name}` is not available in Weft scripts"),
        span,
        "not available",
    )
    .help("scripts have no terminal or file system; take input through `std.arg(i)`")
}

pub(crate) fn dynamic_keywords(span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E4020",
        "keyword arguments need a callee defined with `def` in scope",
        span,
        "callee not known here",
    )
    .help("pass the arguments by position, or call the `def` by its name")
}

pub(crate) fn bad_call(span: Range<usize>, message: String) -> SourceDiagnostic {
    SourceDiagnostic::new("E4021", message, span, "in this call")
}

pub(crate) fn unknown_opcode(span: Range<usize>, name: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E4022",
        format!("unknown SDK function `{name}`"),
        span,
        "no such opcode",
    )
    .help("`weft opcodes` lists the SDK; special forms such as `std.if` are Python syntax instead")
}

pub(crate) fn big_int(span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E4023",
        "integer literal does not fit in 64 bits",
        span,
        "too large",
    )
    .help("Weft integers are 64-bit; use a float for larger magnitudes")
}

/// E4024: nesting deeper than the front-end accepts: brackets and blocks past 200 levels,
/// operator chains that could nest deeper than the scan's bound, or IR deeper than 400.
pub(crate) fn nesting_too_deep(span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E4024",
        "the program nests too deeply",
        span,
        "nesting limit reached here",
    )
    .help("split deeply nested expressions into separate statements, or blocks into functions")
}

/// E4000: a bug in the front-end (reported instead of crashing).
pub(crate) fn internal() -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E4000",
        "internal error in the Python front-end",
        0..0,
        "while compiling this file",
    )
    .note("this is a bug in Weft, not in the script")
}

pub(crate) fn bare_raise(span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E4025",
        "bare `raise` outside an `except` block",
        span,
        "no exception to re-raise",
    )
}
