//! Every problem the TypeScript front-end reports: one constructor per condition, each
//! with its stable code (documented in `docs/frontends/typescript.md`).

use std::ops::Range;

use weft_ir::SourceDiagnostic;

/// E2001: the parser rejected the source.
pub(crate) fn syntax(message: String, span: Range<usize>) -> SourceDiagnostic {
    let mut message = message;
    if let Some(first) = message.get(..1) {
        let lower = first.to_lowercase();
        message.replace_range(..1, &lower);
    }
    let message = message.trim_end_matches('.').to_owned();
    SourceDiagnostic::new("E2001", message, span, "syntax error here")
}

/// E2002: a construct Weft does not support.
pub(crate) fn unsupported(what: &str, span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E2002",
        format!("{what} is not supported"),
        span,
        "not supported by Weft",
    )
    .help("see docs/frontends/typescript.md for what the TypeScript front-end supports")
}

/// E2003: `ns.fn(...)` names no opcode.
pub(crate) fn unknown_opcode(
    name: &str,
    suggestion: Option<&str>,
    span: Range<usize>,
) -> SourceDiagnostic {
    let d = SourceDiagnostic::new(
        "E2003",
        format!("unknown SDK function `{name}`"),
        span,
        "no opcode of this name",
    );
    match suggestion {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("`weft opcodes` lists every opcode"),
    }
}

/// E2004: a name that is neither declared nor a supported global.
pub(crate) fn unknown_name(name: &str, span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E2004",
        format!("cannot find name `{name}`"),
        span,
        "not declared in this scope",
    )
    .help("declare it with `let`, `const` or `function` before using it")
}

/// E2005: nesting deeper than the front-end accepts.
pub(crate) fn nesting_too_deep(span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E2005",
        "the program nests too deeply",
        span,
        "nesting limit reached here",
    )
    .help("split deeply nested expressions into separate statements")
}

/// E2005: a source too large to parse.
pub(crate) fn source_too_large(span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new("E2005", "the source is too large", span, "here")
}

/// E2006: assignment to a `const` binding.
pub(crate) fn assign_to_const(name: &str, span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E2006",
        format!("cannot assign to `{name}` because it is a constant"),
        span,
        "assignment to a constant",
    )
    .help(format!("declare `{name}` with `let` if it changes"))
}

/// E2007: an SDK call with the wrong number of arguments.
pub(crate) fn sdk_arity(
    name: &str,
    expected: String,
    found: usize,
    span: Range<usize>,
) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E2007",
        format!(
            "`{name}` takes {expected} argument{} but {found} {} given",
            if expected == "1" { "" } else { "s" },
            if found == 1 { "was" } else { "were" }
        ),
        span,
        "wrong number of arguments",
    )
}

/// E2008: a JavaScript global used in a way Weft cannot lower (a value, not a call).
pub(crate) fn unknown_global_member(name: &str, span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E2008",
        format!("`{name}` is not supported"),
        span,
        "not available in Weft",
    )
    .help("see docs/frontends/typescript.md for the supported globals")
}

/// E2099: a bug in the front-end itself, reported instead of crashing.
pub(crate) fn internal() -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E2099",
        "internal error in the TypeScript front-end",
        0..0,
        "while compiling this file",
    )
    .note("this is a bug in Weft, not in the script")
}

/// E2009: a `require` or `import` of a file that cannot be read.
pub(crate) fn module_not_found(spec: &str, span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E2009",
        format!("cannot find module `{spec}`"),
        span,
        "required here",
    )
    .help("a relative path names a `.js` or `.ts` file (the extension may be left out) or a folder with an `index.js`")
}

/// E2010: the nesting check would have to follow more readings of the source at once than
/// it does (each `/` that may divide or start a regular expression adds one).
pub(crate) fn ambiguous_slashes(span: Range<usize>) -> SourceDiagnostic {
    SourceDiagnostic::new(
        "E2010",
        "too many `/` in a row could each divide or start a regular expression",
        span,
        "one reading too many from here",
    )
    .help("put the operand before a `/` that divides in parentheses")
}
