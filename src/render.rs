//! Renders diagnostics rustc-style (codespan-reporting) against the text they came from.
//!
//! Output is plain text with no colour, so it is the same on a terminal, in a pipe and in
//! a snapshot.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use weft_ir::{IrError, SourceDiagnostic, locate};

use crate::CompileError;
use weft_runtime::RuntimeError;

/// Renders IR problems found in `text` (named `file_name` in the output).
///
/// ```
/// let text = r#"["math.nope", 1]"#;
/// let errors = weft::check_ir(text).unwrap_err();
/// let out = weft::render::render("bad.json", text, &errors);
/// assert!(out.starts_with("error[E1012]"));
/// assert!(out.contains("bad.json:1:"));
/// ```
pub fn render(file_name: &str, text: &str, errors: &[IrError]) -> String {
    let file = SimpleFile::new(file_name, text);
    let config = Config::default();
    let mut out = String::new();
    for error in errors {
        let range = match error.offset {
            Some(offset) => point(text, offset),
            None => locate(text, &error.path).unwrap_or_else(|| point(text, 0)),
        };
        let mut notes = vec![format!("at {}", error.path)];
        notes.extend(error.help.as_ref().map(|h| format!("help: {h}")));
        let diagnostic = Diagnostic::error()
            .with_code(error.code)
            .with_message(&error.message)
            .with_labels(vec![Label::primary((), range).with_message(&error.label)])
            .with_notes(notes);
        match term::emit_into_string(&config, &file, &diagnostic) {
            Ok(text) => out.push_str(&text),
            // Only an out-of-range label can fail; fall back to the plain line.
            Err(_) => out.push_str(&format!("{error}\n")),
        }
    }
    out
}

/// Renders problems a front-end found in source `text` (named `file_name`).
///
/// ```
/// let text = "x = 1\nclass A(metaclass=type): pass\n";
/// let Err(weft::CompileError::Source(diagnostics)) =
///     weft::compile_source(weft::Language::Python, text)
/// else {
///     panic!("metaclasses are not supported");
/// };
/// let out = weft::render::render_source("a.py", text, &diagnostics);
/// assert!(out.contains("error[E4010]"));
/// assert!(out.contains("a.py:2:9"));
/// ```
pub fn render_source(file_name: &str, text: &str, diagnostics: &[SourceDiagnostic]) -> String {
    let file = SimpleFile::new(file_name, text);
    let config = Config::default();
    let mut out = String::new();
    for d in diagnostics {
        let range = if d.span.start < d.span.end && text.get(d.span.clone()).is_some() {
            d.span.clone()
        } else {
            point(text, d.span.start)
        };
        let diagnostic = Diagnostic::error()
            .with_code(d.code)
            .with_message(&d.message)
            .with_labels(vec![Label::primary((), range).with_message(&d.label)])
            .with_notes(d.notes.clone());
        match term::emit_into_string(&config, &file, &diagnostic) {
            Ok(text) => out.push_str(&text),
            Err(_) => out.push_str(&format!("{d}\n")),
        }
    }
    out
}

/// Renders any [`CompileError`] against the text that was compiled. Internal errors (a
/// front-end produced invalid IR) are printed with the IR problems and a request to report.
///
/// ```
/// let text = "local co = coroutine.create(print)";
/// let err = weft::compile_source(weft::Language::Lua, text).unwrap_err();
/// let out = weft::render::render_compile_error("t.lua", text, &err);
/// assert!(out.contains("error[E3011]"), "{out}");
/// ```
pub fn render_compile_error(file_name: &str, text: &str, error: &CompileError) -> String {
    match error {
        CompileError::Ir(errors) => render(file_name, text, errors),
        CompileError::Source(diagnostics) => render_source(file_name, text, diagnostics),
        CompileError::Internal(errors) => {
            let mut out = format!(
                "error: internal error: the front-end produced invalid IR for {file_name} (this is a bug in weft; please report it with the input)\n"
            );
            for e in errors {
                out.push_str(&format!("  {e}\n"));
            }
            out
        }
    }
}

/// A one-character range at `offset`, kept inside the text and on a char boundary.
fn point(text: &str, offset: usize) -> std::ops::Range<usize> {
    let mut start = offset.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    start..end
}

/// Renders a runtime error. With the IR text at hand the label points at the node that
/// failed; without it (a resumed state) the JSON path alone says where.
///
/// ```
/// let text = r#"["str.upper", 5]"#;
/// let program = weft::compile_ir(text).unwrap();
/// let mut host = weft::TestHost::new();
/// let weft::Outcome::Failed { error, .. } = weft::run(&program, &Default::default(), &mut host)
/// else {
///     panic!("upper-casing a number fails");
/// };
/// let out = weft::render::render_runtime(Some(("d.json", text)), &error);
/// assert!(out.starts_with(&format!("error[{}]", error.code)));
/// assert!(weft::render::render_runtime(None, &error).contains("= at $"));
/// ```
pub fn render_runtime(source: Option<(&str, &str)>, error: &RuntimeError) -> String {
    let located = source
        .zip(error.path.as_ref())
        .and_then(|((name, text), path)| Some((name, text, locate(text, path)?)));
    emit_runtime(located, error)
}

/// Renders a runtime error of a script compiled from source (TypeScript, Lua, Python):
/// the label points at the statement of `text` that `map` (from
/// [`crate::compile_source_mapped`]) records around the failing node, on its first line.
/// Without a recorded statement (code the front-end generated around the whole program)
/// the IR path alone says where.
///
/// ```
/// let text = "def f(x):\n    return x + 'a'\n\nf(3)\n";
/// let (node, map) = weft::compile_source_mapped(weft::Language::Python, text).unwrap();
/// let program = weft::compile_tree(weft::Language::Python, &node).unwrap();
/// let mut host = weft::TestHost::new();
/// let weft::Outcome::Failed { error, .. } = weft::run(&program, &Default::default(), &mut host)
/// else {
///     panic!("adding a str to an int fails");
/// };
/// let out = weft::render::render_runtime_mapped("f.py", text, &map, &error);
/// assert!(out.contains("f.py:2:5"), "{out}");
/// assert!(out.contains("return x + 'a'"), "{out}");
/// ```
pub fn render_runtime_mapped(
    file_name: &str,
    text: &str,
    map: &weft_ir::SourceMap,
    error: &RuntimeError,
) -> String {
    let located = error
        .path
        .as_ref()
        .and_then(|path| map.span_of(path))
        .filter(|range| range.start <= range.end && text.get(range.clone()).is_some())
        .map(|range| (file_name, text, first_line(text, range)));
    emit_runtime(located, error)
}

/// `range` cut at the end of its first line (a loop's or function's span covers its whole
/// body, which the label need not repeat), without trailing blanks.
fn first_line(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let part = &text[range.clone()];
    let line = part.split('\n').next().unwrap_or(part).trim_end();
    if line.is_empty() {
        range
    } else {
        range.start..range.start + line.len()
    }
}

/// A runtime error with its label at `located` (file name, text, range) if there is one.
fn emit_runtime(
    located: Option<(&str, &str, std::ops::Range<usize>)>,
    error: &RuntimeError,
) -> String {
    let mut notes = Vec::new();
    if let Some(path) = &error.path {
        notes.push(format!("at {path}"));
    }
    let diagnostic = Diagnostic::error()
        .with_code(error.code)
        .with_message(&error.message);
    let rendered = located.and_then(|(name, text, range)| {
        let file = SimpleFile::new(name, text);
        let diagnostic = diagnostic
            .clone()
            .with_labels(vec![
                Label::primary((), range).with_message("while evaluating this"),
            ])
            .with_notes(notes.clone());
        term::emit_into_string(&Config::default(), &file, &diagnostic).ok()
    });
    rendered.unwrap_or_else(|| {
        let mut out = format!("error[{}]: {}\n", error.code, error.message);
        for note in notes {
            out.push_str(&format!("  = {note}\n"));
        }
        out
    })
}
