//! Parsing with `swc_ecma_parser` in TypeScript mode, and conversion of its positions
//! (`BytePos`, which starts at 1 for the first byte of a fresh input) to byte ranges.

use std::ops::Range;

use swc_common::BytePos;
use swc_common::Span;
use swc_common::Spanned;
use swc_ecma_ast::Program;
use swc_ecma_parser::error::SyntaxError;
use swc_ecma_parser::{Parser, StringInput, Syntax, TsSyntax};
use weft_ir::SourceDiagnostic;

use crate::diagnostics;

/// The position swc gives the first byte of the source.
const BASE: u32 = 1;

/// How deeply brackets may nest before the source is refused (the parser and the lowering
/// recurse once per level).
const MAX_NESTING: usize = 200;

/// How many operator characters one statement may hold: a chain like `1 + 1 + …` is as
/// deep a tree as it is long.
const MAX_OPERATORS: usize = 10_000;

/// The byte range of an swc span in the source.
pub(crate) fn range(span: Span, len: usize) -> Range<usize> {
    let at = |p: BytePos| (p.0.saturating_sub(BASE) as usize).min(len);
    let (lo, hi) = (at(span.lo), at(span.hi));
    lo..hi.max(lo)
}

/// Parses a TypeScript program (script or module), reporting every syntax error.
pub(crate) fn parse(source: &str) -> Result<Program, Vec<SourceDiagnostic>> {
    if let Some(at) = too_deep(source) {
        return Err(vec![diagnostics::nesting_too_deep(at..at + 1)]);
    }
    let Ok(len) = u32::try_from(source.len()) else {
        return Err(vec![diagnostics::source_too_large(0..0)]);
    };
    let input = StringInput::new(source, BytePos(BASE), BytePos(BASE + len));
    let mut parser = Parser::new(
        Syntax::Typescript(TsSyntax {
            decorators: true,
            ..TsSyntax::default()
        }),
        input,
        None,
    );
    let result = parser.parse_program();
    let mut errors: Vec<_> = parser
        .take_errors()
        .into_iter()
        // A top-level `return` ends the program with its value (the completion value).
        .filter(|e| !matches!(e.kind(), SyntaxError::ReturnNotAllowed))
        .collect();
    let program = match result {
        Ok(program) => Some(program),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let mut diags: Vec<SourceDiagnostic> = errors
        .iter()
        .map(|e| {
            let span = range(e.span(), source.len());
            match e.kind() {
                SyntaxError::WithInStrict | SyntaxError::TS2410 => {
                    diagnostics::unsupported("`with`", span)
                }

                kind => diagnostics::syntax(kind.msg().into_owned(), span),
            }
        })
        .collect();
    diags.sort_by_key(|d| (d.span.start, d.span.end));
    diags.dedup();
    match program {
        Some(program) if diags.is_empty() => Ok(program),
        _ => Err(diags),
    }
}

/// The byte offset where bracket nesting first exceeds [`MAX_NESTING`], if it does.
/// Brackets inside string literals and comments are counted too: that only makes the
/// limit stricter for them.
fn too_deep(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut unary_run = 0usize;
    let mut operators = 0usize;
    for (i, b) in source.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        match b {
            b';' | b'{' | b'}' => operators = 0,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'<' | b'>' | b'?' | b'=' => {
                operators += 1;
            }
            _ => {}
        }
        // Long runs of prefix operators (`!!!!…x`, `- - - x`) nest as deeply as brackets.
        if matches!(b, b'!' | b'-' | b'+' | b'~') {
            unary_run += 1;
        } else if !b.is_ascii_whitespace() {
            unary_run = 0;
        }
        if depth > MAX_NESTING || unary_run > MAX_NESTING || operators > MAX_OPERATORS {
            return Some(i);
        }
    }
    None
}
