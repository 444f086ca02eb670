//! Parsing with full_moon, after a bound on nesting.
//!
//! full_moon's parser recurses once per level of nesting (brackets, blocks, but also each
//! unary operator and each operand of a right-associative chain like `a .. b .. c`), so
//! the source is lexed first (full_moon's own lexer, which the parser runs again) and the
//! tokens go through a [`Scan`], which stops at the first token where brackets and blocks
//! nest more than 200 levels deep or where operators, chains and nesting together could
//! make a tree too deep for the parser and the lowering (see [`weft_ir::nesting`]).

use full_moon::LuaVersion;
use full_moon::ast::Ast;
use full_moon::tokenizer::{Lexer, LexerResult, Symbol, Token, TokenType};
use weft_ir::SourceDiagnostic;
use weft_ir::nesting::{Scan, TooDeep};

use crate::diagnostics;
use crate::lower::Span;

/// Frame kinds for the scan.
const PAREN: u8 = 1;
const BRACKET: u8 = 2;
const BRACE: u8 = 3;
/// `function`, `do` and `if`, which `end` closes.
const BLOCK: u8 = 4;
/// `repeat`, which `until` closes.
const REPEAT: u8 = 5;

/// Parses a chunk, or reports every syntax error; nesting too deep is refused first.
pub(crate) fn parse(source: &str) -> Result<Ast, Vec<SourceDiagnostic>> {
    // full_moon's lexer reads a backtick as the start of a Luau string, which it does not
    // handle for Lua 5.4 (it panics): Lua has no such token.
    if let Some(at) = stray_backtick(source) {
        return Err(vec![diagnostics::syntax_error(
            at..at + 1,
            "unexpected symbol near '`'",
        )]);
    }
    if let Some(span) = too_deep(source) {
        return Err(vec![diagnostics::too_deep(span)]);
    }
    let parsed = full_moon::parse_fallible(source, LuaVersion::lua54());
    if !parsed.errors().is_empty() {
        return Err(parsed
            .errors()
            .iter()
            .map(|e| {
                let (start, end) = e.range();
                let (start, end) = (
                    start.bytes().min(source.len()),
                    end.bytes().min(source.len()),
                );
                diagnostics::syntax_error(start..end.max(start), &e.error_message())
            })
            .collect());
    }
    Ok(parsed.into_ast())
}

/// The offset of the first backtick outside strings and comments.
fn stray_backtick(source: &str) -> Option<usize> {
    let b = source.as_bytes();
    if !b.contains(&b'`') {
        return None;
    }
    // The level of a long bracket `[==[` starting at `i`, if one starts there.
    let long_open = |i: usize| -> Option<(usize, usize)> {
        let mut j = i + 1;
        while b.get(j) == Some(&b'=') {
            j += 1;
        }
        (b.get(i) == Some(&b'[') && b.get(j) == Some(&b'[')).then_some((j - i - 1, j + 1))
    };
    // Where the long bracket of `level` opened before `from` closes (just past it).
    let long_close = |from: usize, level: usize| -> usize {
        let mut k = from;
        while k < b.len() {
            if b[k] == b']' {
                let mut m = k + 1;
                while b.get(m) == Some(&b'=') {
                    m += 1;
                }
                if m - k - 1 == level && b.get(m) == Some(&b']') {
                    return m + 1;
                }
            }
            k += 1;
        }
        b.len()
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => return Some(i),
            b'-' if b.get(i + 1) == Some(&b'-') => {
                i = match long_open(i + 2) {
                    Some((level, body)) => long_close(body, level),
                    None => b[i..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .map_or(b.len(), |p| i + p),
                };
            }
            b'[' => match long_open(i) {
                Some((level, body)) => i = long_close(body, level),
                None => i += 1,
            },
            q @ (b'\'' | b'"') => {
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// Where the scan first refused the source, if it did.
fn too_deep(source: &str) -> Option<Span> {
    let tokens = match Lexer::new(source, LuaVersion::lua54()).collect() {
        LexerResult::Ok(t) | LexerResult::Recovered(t, _) => t,
        // `collect` recovers from every error; were it ever to give up, so does the parser.
        LexerResult::Fatal(_) => return None,
    };
    let mut scan = Scan::new();
    let mut prev: Option<&TokenType> = None;
    for tok in &tokens {
        let kind = tok.token_type();
        if kind.is_trivia() {
            continue;
        }
        if step(&mut scan, kind, prev).is_err() {
            return Some(span(tok, source.len()));
        }
        prev = Some(kind);
    }
    None
}

fn span(tok: &Token, len: usize) -> Span {
    let start = tok.start_position().bytes().min(len);
    let end = tok.end_position().bytes().min(len);
    start..end.max(start)
}

/// Feeds one token to the scan.
fn step(scan: &mut Scan, tok: &TokenType, prev: Option<&TokenType>) -> Result<(), TooDeep> {
    let after_operand = prev.is_some_and(ends_operand);
    let symbol = match tok {
        // A name right after an operand starts a statement: Lua has no operator that is a
        // name. A string right after one is a call (`f "x"`).
        TokenType::Identifier { .. } => {
            if after_operand {
                scan.boundary();
            }
            return Ok(());
        }
        TokenType::StringLiteral { .. } if after_operand => return scan.op(),
        TokenType::Symbol { symbol } => symbol,
        _ => return Ok(()),
    };
    match symbol {
        Symbol::LeftParen | Symbol::LeftBracket | Symbol::LeftBrace => {
            // A call or index of what came before puts one more level above it.
            if after_operand {
                scan.op()?;
            }
            let kind = match symbol {
                Symbol::LeftParen => PAREN,
                Symbol::LeftBracket => BRACKET,
                _ => BRACE,
            };
            scan.open(kind)
        }
        Symbol::RightParen => scan.close(PAREN),
        Symbol::RightBracket => scan.close(BRACKET),
        Symbol::RightBrace => scan.close(BRACE),
        Symbol::Function | Symbol::Do => scan.open(BLOCK),
        Symbol::If => {
            scan.boundary();
            scan.open(BLOCK)
        }
        Symbol::Repeat => {
            scan.boundary();
            scan.open(REPEAT)
        }
        Symbol::End => scan.close(BLOCK),
        Symbol::Until => scan.close(REPEAT),
        // `elseif` nests its branch in the `if` before it.
        Symbol::ElseIf => {
            scan.boundary();
            scan.chain()
        }
        Symbol::Then
        | Symbol::Else
        | Symbol::Semicolon
        | Symbol::Local
        | Symbol::Return
        | Symbol::Break
        | Symbol::Goto
        | Symbol::While
        | Symbol::For => {
            scan.boundary();
            Ok(())
        }
        Symbol::Comma => {
            scan.separator();
            Ok(())
        }
        Symbol::Plus
        | Symbol::Minus
        | Symbol::Star
        | Symbol::Slash
        | Symbol::DoubleSlash
        | Symbol::Percent
        | Symbol::Caret
        | Symbol::TwoDots
        | Symbol::TwoEqual
        | Symbol::TildeEqual
        | Symbol::LessThan
        | Symbol::LessThanEqual
        | Symbol::GreaterThan
        | Symbol::GreaterThanEqual
        | Symbol::And
        | Symbol::Or
        | Symbol::Not
        | Symbol::Hash
        | Symbol::Ampersand
        | Symbol::Pipe
        | Symbol::Tilde
        | Symbol::DoubleLessThan
        | Symbol::DoubleGreaterThan
        | Symbol::Dot
        | Symbol::Colon => scan.op(),
        _ => Ok(()),
    }
}

/// Whether a token ends an operand, so that a bracket, string or name right after it is a
/// call, an index or a new statement.
fn ends_operand(tok: &TokenType) -> bool {
    match tok {
        TokenType::Identifier { .. }
        | TokenType::Number { .. }
        | TokenType::StringLiteral { .. } => true,
        TokenType::Symbol { symbol } => matches!(
            symbol,
            Symbol::RightParen
                | Symbol::RightBracket
                | Symbol::RightBrace
                | Symbol::End
                | Symbol::True
                | Symbol::False
                | Symbol::Nil
                | Symbol::Ellipsis
        ),
        _ => false,
    }
}
