//! Every problem the Lua front-end reports, one constructor per condition, each with a
//! stable `E3xxx` code (listed in `docs/frontends/lua.md`).

use std::ops::Range;

use weft_ir::SourceDiagnostic;

type Span = Range<usize>;

/// E3001: full_moon could not parse the text.
pub(crate) fn syntax_error(span: Span, message: &str) -> SourceDiagnostic {
    SourceDiagnostic::new("E3001", format!("syntax error: {message}"), span, "here")
}

/// E3002: a string literal with a bad escape, or one that is not UTF-8.
pub(crate) fn bad_string(span: Span, why: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3002",
        format!("invalid string literal: {why}"),
        span,
        "this string",
    )
    .help("Weft strings are UTF-8 text; escapes must form valid UTF-8")
}

/// E3003: a numeral that does not read as a number.
pub(crate) fn bad_number(span: Span, text: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3003",
        format!("malformed number `{text}`"),
        span,
        "this numeral",
    )
}

/// E3011: coroutines.
pub(crate) fn coroutines(span: Span, name: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3011",
        format!("`{name}`: coroutines are not supported"),
        span,
        "coroutine library",
    )
    .help("use closures or the SDK's `std.sleep` to wait")
}

/// E3012: `goto` and labels.
pub(crate) fn goto(span: Span) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3012",
        "`goto` and labels are not supported",
        span,
        "not supported",
    )
    .help("use `break`, a flag variable or a function with `return`")
}

/// E3013: loading code at run time.
pub(crate) fn load(span: Span, name: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3013",
        format!("`{name}`: loading code at run time is not supported"),
        span,
        "not supported",
    )
}

/// E3015: the parts of `io` and `os` beyond `io.write`.
pub(crate) fn io_os(span: Span, name: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3015",
        format!("`{name}` is not supported"),
        span,
        "not available in the sandbox",
    )
    .help("scripts write output with `print` or `io.write`; other I/O goes through the host's SDK")
}

/// E3016: the `<close>` attribute (and unknown attributes).
pub(crate) fn attribute(span: Span, name: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3016",
        format!("the `<{name}>` attribute is not supported"),
        span,
        "attribute",
    )
    .help("only `<const>` is accepted")
}

/// E3017: a library function Weft does not provide.
pub(crate) fn unsupported_library(span: Span, name: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3017",
        format!("`{name}` is not supported"),
        span,
        "library function",
    )
    .note("see docs/frontends/lua.md for the supported parts of the standard library")
}

/// E3018: `...` in a function that is not variadic.
pub(crate) fn vararg_outside(span: Span) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3018",
        "cannot use `...` outside a vararg function",
        span,
        "not declared with `...`",
    )
}

/// E3019: the global environment as a table.
pub(crate) fn environment(span: Span, name: &str) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3019",
        format!("`{name}`: the global environment table is not supported"),
        span,
        "not supported",
    )
    .help("use a table of your own to hold values by name")
}

/// E3020: an SDK call that is not an opcode, or with the wrong number of arguments.
pub(crate) fn bad_sdk_call(span: Span, name: &str, why: &str) -> SourceDiagnostic {
    SourceDiagnostic::new("E3020", format!("`{name}`: {why}"), span, "SDK call")
        .note("see docs/opcodes.md for the SDK functions and their arguments")
}

/// E3021: `break` outside a loop.
pub(crate) fn break_outside(span: Span) -> SourceDiagnostic {
    SourceDiagnostic::new("E3021", "`break` outside a loop", span, "no enclosing loop")
}

/// E3022: a library table used as a value.
pub(crate) fn library_value(span: Span, name: &str) -> SourceDiagnostic {
    SourceDiagnostic::new("E3022", format!("the library table `{name}` cannot be used as a value"), span, "library table")
        .help(format!("call its functions directly, e.g. `{name}.something(...)`, or store one function: `local f = {name}.something`"))
}

/// E3023: the program nests deeper than the front-end accepts: brackets and blocks past
/// 200 levels, operator chains that could nest deeper than the scan's bound, or IR deeper
/// than 400.
pub(crate) fn too_deep(span: Span) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3023",
        "the program nests too deeply to compile",
        span,
        "nesting limit reached here",
    )
    .help("split deeply nested expressions or blocks into functions")
}

/// E3000: a bug in the front-end (reported instead of crashing).
pub(crate) fn internal(span: Span) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E3000",
        "internal error in the Lua front-end",
        span,
        "while compiling this program",
    )
    .note("this is a bug in Weft, not in the script")
}
