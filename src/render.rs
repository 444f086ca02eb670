//! Renders diagnostics rustc-style (codespan-reporting) against the text they came from.
//!
//! Output is plain text with no colour, so it is the same on a terminal, in a pipe and in
//! a snapshot.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use weft_ir::{IrError, locate};

/// Renders IR problems found in `text` (named `file_name` in the output).
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
