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

/// How many operators one statement may hold: a chain like `1 + 1 + …` (or `a.b.c…`,
/// `f(x)(y)…`) is as deep a tree as it is long.
const MAX_OPERATORS: usize = 10_000;

/// How many `else` one block may hold.
const MAX_ELSE: usize = 1_000;

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

/// The byte offset where nesting first exceeds a limit, if it does: brackets past
/// [`MAX_NESTING`], a run of more than [`MAX_NESTING`] prefix operators, more than
/// [`MAX_OPERATORS`] operators (member accesses, calls and keyword operators included) in
/// one statement, or more than [`MAX_ELSE`] `else` in one block. Brackets, operators and
/// words inside string literals and comments are counted too: that only makes the limits
/// stricter for them.
fn too_deep(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut unary_run = 0usize;
    let mut operators = 0usize;
    // `else` per open brace: an `else if` chain is as deep as it is long, and swc's parser
    // takes time quadratic in its length.
    let mut elses = vec![0usize];
    // The previous byte that is not whitespace.
    let mut prev = b' ';
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_word_byte(b) && !b.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
            let word = source.get(start..i).unwrap_or_default();
            if PREFIX_WORDS.contains(&word) {
                unary_run += 1;
                operators += 1;
            } else {
                unary_run = 0;
                if INFIX_WORDS.contains(&word) {
                    operators += 1;
                } else if word == "else" {
                    let count = elses.last_mut().map_or(0, |n| {
                        *n += 1;
                        *n
                    });
                    if count > MAX_ELSE {
                        return Some(start);
                    }
                }
            }
            if unary_run > MAX_NESTING || operators > MAX_OPERATORS {
                return Some(start);
            }
            prev = bytes[i - 1];
            continue;
        }
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                // A call or index of what came before (`f(x)(y)`, `a[0][0]`) nests too.
                if b != b'{' && ends_operand(prev) {
                    operators += 1;
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        match b {
            b'{' => elses.push(0),
            b'}' if elses.len() > 1 => {
                elses.pop();
            }
            _ => {}
        }
        match b {
            b';' | b'{' | b'}' => operators = 0,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'<' | b'>' | b'?' | b'=' => {
                operators += 1;
            }
            // A member access (`a.b`, `a?.b`, `a.#b`), not a decimal point.
            b'.' if bytes
                .get(i + 1)
                .is_some_and(|&n| n == b'#' || (is_word_byte(n) && !n.is_ascii_digit())) =>
            {
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
        if !b.is_ascii_whitespace() {
            prev = b;
        }
        i += 1;
    }
    None
}

/// Keywords that apply to the operand after them, so that a run of them nests.
const PREFIX_WORDS: &[&str] = &[
    "typeof", "void", "delete", "await", "new", "yield", "keyof", "infer", "readonly", "unique",
];

/// Keywords between two operands, which chain like operators (`x as T as U`).
const INFIX_WORDS: &[&str] = &["as", "satisfies", "in", "instanceof", "extends"];

/// Whether a byte can be part of an identifier or keyword.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// Whether a byte can end an operand, so that a bracket right after it is a call or an
/// index.
fn ends_operand(b: u8) -> bool {
    is_word_byte(b) || matches!(b, b')' | b']' | b'}' | b'\'' | b'"' | b'`' | b'!')
}
