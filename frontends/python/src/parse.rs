//! Parsing with rustpython-parser, after a bound on nesting.
//!
//! The source is lexed once. The tokens go through a [`Scan`] first, which stops at the
//! first token where brackets and indented blocks nest more than 200 levels deep or where
//! operators, chains and nesting together could make a tree too deep for the recursive
//! passes after the parser (the syntax tree's destructor, the lowering; see
//! [`weft_ir::nesting`]). Only then are the same tokens handed to the parser, so the scan
//! sees exactly what the parser parses.

use rustpython_parser::lexer::LexResult;
use rustpython_parser::text_size::TextSize;
use rustpython_parser::{Parse, ast};
use rustpython_parser::{StringKind, Tok};
use weft_ir::SourceDiagnostic;
use weft_ir::nesting::{Scan, TooDeep};

use crate::diagnostics;

/// Frame kinds for the scan.
const PAREN: u8 = 1;
const BRACKET: u8 = 2;
const BRACE: u8 = 3;
const BLOCK: u8 = 4;
/// `lambda` up to its `:`: its parameters' commas do not separate the expression around it.
const LAMBDA: u8 = 5;
/// `for` up to its `in`: likewise for the targets of a comprehension or loop.
const FOR: u8 = 6;

/// Parses a module, or reports why not: nesting too deep for the front-end, or a syntax
/// error.
pub(crate) fn parse(source: &str) -> Result<ast::Suite, SourceDiagnostic> {
    parse_at(source, 0)
}

/// [`parse`] of a file whose text starts at `base` among a program's files laid end to
/// end: every range in the tree (and in the diagnostic) is offset by `base`.
pub(crate) fn parse_at(source: &str, base: usize) -> Result<ast::Suite, SourceDiagnostic> {
    let mut tokens = Vec::new();
    let start = TextSize::try_from(base).unwrap_or_default();
    for token in ast::Suite::lex_starts_at(source, start) {
        // The parser stops at a lexical error; so does the scan, which has then seen every
        // token the parser will.
        let stop = token.is_err();
        tokens.push(token);
        if stop {
            break;
        }
    }
    if let Some(at) = too_deep(&tokens) {
        let start = at.start.saturating_sub(base).min(source.len());
        let end = at.end.saturating_sub(base).clamp(start, source.len());
        return Err(diagnostics::nesting_too_deep(base + start..base + end));
    }
    ast::Suite::parse_tokens(tokens, "<input>").map_err(|error| {
        let mut d = diagnostics::syntax_error(source, &{
            let mut e = error;
            e.offset -= start;
            e
        });
        d.span = d.span.start + base..d.span.end + base;
        d
    })
}

/// The byte range of the token where the scan refused the source, if it did.
fn too_deep(tokens: &[LexResult]) -> Option<std::ops::Range<usize>> {
    let mut scan = Scan::new();
    let mut prev: Option<&Tok> = None;
    let mut line_start = true;
    for (i, token) in tokens.iter().enumerate() {
        let Ok((tok, range)) = token else {
            break;
        };
        let next = tokens
            .get(i + 1)
            .and_then(|t| t.as_ref().ok())
            .map(|t| &t.0);
        if step(&mut scan, tok, prev, next, &mut line_start).is_err() {
            return Some(usize::from(range.start())..usize::from(range.end()));
        }
        prev = Some(tok);
    }
    None
}

/// Feeds one token to the scan.
fn step(
    scan: &mut Scan,
    tok: &Tok,
    prev: Option<&Tok>,
    next: Option<&Tok>,
    line_start: &mut bool,
) -> Result<(), TooDeep> {
    if *line_start && !matches!(tok, Tok::Indent | Tok::Dedent | Tok::Newline) {
        *line_start = false;
        match tok {
            // `elif` nests its statement in the `if` before it.
            Tok::Elif => scan.chain()?,
            Tok::Else | Tok::Except | Tok::Finally => {}
            _ => scan.end_chain(),
        }
    }
    match tok {
        Tok::Lpar | Tok::Lsqb | Tok::Lbrace => {
            // A call or subscript of what came before puts one more level above it.
            if prev.is_some_and(ends_operand) {
                scan.op()?;
            }
            let kind = match tok {
                Tok::Lpar => PAREN,
                Tok::Lsqb => BRACKET,
                _ => BRACE,
            };
            scan.open(kind)
        }
        Tok::Rpar => scan.close(PAREN),
        Tok::Rsqb => scan.close(BRACKET),
        Tok::Rbrace => scan.close(BRACE),
        Tok::Indent => scan.open(BLOCK),
        Tok::Dedent => scan.close(BLOCK),
        Tok::Newline => {
            // A `lambda` or `for` left open is a syntax error; it ends with the line.
            while matches!(scan.top_kind(), LAMBDA | FOR) {
                let kind = scan.top_kind();
                scan.close(kind)?;
            }
            scan.boundary();
            *line_start = true;
            Ok(())
        }
        Tok::Semi => {
            scan.boundary();
            Ok(())
        }
        Tok::Comma => {
            scan.separator();
            Ok(())
        }
        Tok::Lambda => {
            scan.op()?;
            scan.open_group(LAMBDA)
        }
        Tok::Colon if scan.top_kind() == LAMBDA => scan.close(LAMBDA),
        Tok::For => {
            scan.op()?;
            scan.open_group(FOR)
        }
        Tok::In if scan.top_kind() == FOR => scan.close(FOR),
        // `not in` and `is not` are comparisons, which chain without nesting.
        Tok::Not if matches!(next, Some(Tok::In)) || matches!(prev, Some(Tok::Is)) => Ok(()),
        Tok::String {
            value,
            kind: StringKind::FString | StringKind::RawFString,
            ..
        } => {
            // The parser parses an f-string's replacement fields as expressions of their
            // own: bound them by everything in the literal that could be an operator, a
            // bracket or an operand.
            scan.group(fstring_bound(value))
        }
        Tok::Plus
        | Tok::Minus
        | Tok::Star
        | Tok::DoubleStar
        | Tok::Slash
        | Tok::DoubleSlash
        | Tok::Percent
        | Tok::At
        | Tok::Vbar
        | Tok::Amper
        | Tok::CircumFlex
        | Tok::Tilde
        | Tok::LeftShift
        | Tok::RightShift
        | Tok::Dot
        | Tok::ColonEqual
        | Tok::Not
        | Tok::Await
        | Tok::Yield
        | Tok::If => scan.op(),
        // Operands, comparisons and `and`/`or` (which chain without nesting), assignment,
        // keywords that start statements.
        _ => Ok(()),
    }
}

/// Whether a token ends an operand, so that a bracket right after it is a call or a
/// subscript.
fn ends_operand(tok: &Tok) -> bool {
    matches!(
        tok,
        Tok::Name { .. }
            | Tok::Int { .. }
            | Tok::Float { .. }
            | Tok::Complex { .. }
            | Tok::String { .. }
            | Tok::Rpar
            | Tok::Rsqb
            | Tok::Rbrace
            | Tok::True
            | Tok::False
            | Tok::None
            | Tok::Ellipsis
    )
}

/// An upper bound on the depth of the expressions in an f-string's text: one for every
/// character that is not part of a word or space, and one for every word.
fn fstring_bound(text: &str) -> usize {
    let mut bound = 0;
    let mut in_word = false;
    for c in text.chars() {
        let word = c.is_alphanumeric() || c == '_';
        if (word && !in_word) || (!word && !c.is_whitespace()) {
            bound += 1;
        }
        in_word = word;
    }
    bound
}
