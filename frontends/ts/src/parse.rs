//! Parsing with `swc_ecma_parser` in TypeScript mode, after the bound on nesting
//! ([`crate::nesting`]), and conversion of its positions (`BytePos`, which starts at 1 for
//! the first byte of a fresh input) to byte ranges.

use std::ops::Range;

use swc_common::BytePos;
use swc_common::Span;
use swc_common::Spanned;
use swc_ecma_ast::Program;
use swc_ecma_parser::error::SyntaxError;
use swc_ecma_parser::{Parser, StringInput, Syntax, TsSyntax};
use weft_ir::SourceDiagnostic;

use crate::diagnostics;
use crate::nesting::{self, Refusal};

/// The position swc gives the first byte of the source.
pub(crate) const BASE: u32 = 1;

/// The syntax the parser and the nesting scan read.
pub(crate) fn syntax() -> Syntax {
    Syntax::Typescript(TsSyntax {
        decorators: true,
        ..TsSyntax::default()
    })
}

/// The byte range of an swc span in the source.
pub(crate) fn range(span: Span, len: usize) -> Range<usize> {
    let at = |p: BytePos| (p.0.saturating_sub(BASE) as usize).min(len);
    let (lo, hi) = (at(span.lo), at(span.hi));
    lo..hi.max(lo)
}

/// Parses a TypeScript program (script or module), reporting every syntax error.
pub(crate) fn parse(source: &str) -> Result<Program, Vec<SourceDiagnostic>> {
    let Ok(len) = u32::try_from(source.len()) else {
        return Err(vec![diagnostics::source_too_large(0..0)]);
    };
    match nesting::check(source, len) {
        Ok(()) => {}
        Err(Refusal::TooDeep(at)) => return Err(vec![diagnostics::nesting_too_deep(at)]),
        Err(Refusal::Ambiguous(at)) => return Err(vec![diagnostics::ambiguous_slashes(at)]),
    }
    let input = StringInput::new(source, BytePos(BASE), BytePos(BASE + len));
    let mut parser = Parser::new(syntax(), input, None);
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
