//! The bound on nesting that a source passes before the parser sees it.
//!
//! swc's parser, the destructor of its syntax tree and the lowering all recurse once per
//! level of nesting, so the source first goes through swc's own lexer, which does not
//! recurse, and its tokens through a [`Scan`] (see [`weft_ir::nesting`]): brackets, braces
//! and template substitutions nest at most 200 deep, and operator, call, member and `else`
//! chains are bounded too. A string, a comment, a template's text or a regular expression
//! is one token (or none), so what it contains counts for nothing.
//!
//! swc's lexer leaves two decisions to the parser, and the scan takes them the same way.
//! A `}` that ends a template substitution is read again as the template's next part: the
//! scan keeps a stack of what each open bracket is, and reads the template on when the
//! innermost open brace is a substitution. A `/` divides unless the parser wants an
//! operand there: the token before it almost always settles that; where it does not (after
//! a `}`, a `>` that may close type arguments, `yield`, an operand at the end of a line,
//! ...), the scan follows both readings and refuses the source if either nests too deeply.
//! Two readings that reach the same token in the same state go on as one.
//!
//! swc recovers from some syntax errors by reading on in ways no valid program is read,
//! and the scan follows the two that would otherwise hide tokens from it: a `/` right
//! after a declaration's binding (`let x /re/`) is read both ways, and after a second
//! `extends` in an interface's header the tokens up to the next `{` are skipped, as swc
//! skips them, in a reading of their own.

use std::ops::Range;

use swc_common::BytePos;
use swc_ecma_parser::input::Tokens;
use swc_ecma_parser::lexer::Lexer;
use swc_ecma_parser::unstable::{Token, TokenAndSpan};
use swc_ecma_parser::{Context, StringInput};
use weft_ir::nesting::{Scan, TooDeep};

use crate::parse::{BASE, range, syntax};

/// Frame kinds for the scan. A template substitution is a brace too: a `}` ends it.
const PAREN: u8 = 1;
const BRACKET: u8 = 2;
const BRACE: u8 = 3;

/// How many readings of one source the scan follows at a time. Each `/` whose reading
/// the tokens before it leave open adds one until the readings meet again, which real
/// programs do within a statement or two.
const MAX_READINGS: usize = 16;

/// Why the source is refused, with the range of the token where that was decided.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// It nests too deeply.
    TooDeep(Range<usize>),
    /// Too many `/` (or recovered syntax errors) are open to two readings at once.
    Ambiguous(Range<usize>),
}

/// Checks the nesting of `source`, which is `len` bytes long.
pub(crate) fn check(source: &str, len: u32) -> Result<(), Refusal> {
    let mut readings = vec![Reading::new(source, len)];
    // Always step the reading that is furthest behind, so that readings meet at the same
    // token.
    while let Some(i) = (0..readings.len()).min_by_key(|&i| readings[i].at) {
        match readings[i].step(source.len())? {
            Step::Token => merge(&mut readings, i),
            Step::Fork(other, at) => {
                if readings.len() >= MAX_READINGS {
                    return Err(Refusal::Ambiguous(at));
                }
                readings.push(*other);
                let last = readings.len() - 1;
                merge(&mut readings, last);
            }
            Step::End => {
                readings.swap_remove(i);
            }
        }
    }
    Ok(())
}

/// Drops every reading that stands where reading `i` stands, in the same state, and
/// counts no more than another one there does.
fn merge(readings: &mut Vec<Reading<'_>>, mut i: usize) {
    let mut j = 0;
    while j < readings.len() {
        let (a, b) = (&readings[i], &readings[j]);
        if j == i || a.at != b.at || a.state != b.state {
            j += 1;
        } else if a.scan.covers(&b.scan) {
            readings.swap_remove(j);
            if i == readings.len() {
                i = j;
            }
        } else if b.scan.covers(&a.scan) {
            readings.swap_remove(i);
            return;
        } else {
            j += 1;
        }
    }
}

/// What one step of a reading did.
enum Step<'a> {
    Token,
    /// A token with two readings (a `/` that may also start a regular expression): the
    /// other reading, and the token.
    Fork(Box<Reading<'a>>, Range<usize>),
    End,
}

/// One reading of the source: the lexer where it stands and what the scan knows.
#[derive(Clone)]
struct Reading<'a> {
    lexer: Lexer<'a>,
    /// The end of the last token read.
    at: BytePos,
    started: bool,
    state: State,
    scan: Scan,
}

/// What the scan knows about the tokens read so far, beyond the bound itself.
#[derive(Clone, PartialEq, Eq, Debug)]
struct State {
    /// What each open bracket is, the whole source first.
    frames: Vec<Frame>,
    prev: Prev,
    /// A statement ended with the last token (`;`, a block's `}`).
    ended: bool,
    /// What the parenthesized head that may come next belongs to.
    head: Head,
    /// Skipping tokens up to a `{`, as swc's recovery from `interface I extends A
    /// extends B {` does: it reads them without templates or regular expressions and
    /// parses none of them.
    skipping: bool,
}

/// The statement a parenthesized head belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Head {
    /// None: the last token was not `if`, `while`, `for`, `with`, `switch`, `catch` or
    /// `for await`.
    None,
    /// A statement that goes on after its head (`if (c) ...`).
    Nests,
    /// A `do` statement's `while`, which ends with its head.
    Ends,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Frame {
    open: Open,
    /// `do` statements in this frame whose `while` is still to come.
    dos: u32,
    /// In a `var`, `let` or `const` declaration.
    declaring: bool,
    /// In a declaration, before a binding's `=`: a `/` after the binding or its type is
    /// read as a regular expression by swc's error recovery (`let x /re/`).
    binding: bool,
    /// In an `interface` header: `extends` seen this many times.
    interface: Option<u8>,
}

impl Frame {
    fn new(open: Open) -> Frame {
        Frame {
            open,
            dos: 0,
            declaring: false,
            binding: false,
            interface: None,
        }
    }

    /// The scan's kind for this frame.
    fn kind(&self) -> u8 {
        match self.open {
            Open::Source => 0,
            Open::Paren { .. } => PAREN,
            Open::Bracket => BRACKET,
            Open::Brace(_) | Open::Substitution => BRACE,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    /// The whole source.
    Source,
    /// `(`, which may hold a statement's head (`if (...)`), after which a statement
    /// starts.
    Paren {
        head: Head,
    },
    Bracket,
    Brace(Brace),
    /// A template's `${`.
    Substitution,
}

/// What a `{` opens, as far as the token before it tells.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Brace {
    /// A block: a statement follows its `}`.
    Block,
    /// An object or type literal: on the same line, only an operator can follow its `}`.
    Literal,
    /// Either, or a body (of a function, class, interface...).
    Unknown,
}

/// What the last token leaves the next one to be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prev {
    /// A statement starts: the source's start, `;`, a block's `{` or `}`, the `)` of a
    /// statement's head, `else`, `do`, `try`...: a `{` is a block, a `/` a regular
    /// expression.
    Statement,
    /// An operand comes: after an operator, `(`, `[`, `,`, a `${` or a keyword taking an
    /// operand: a `{` is an object or type literal, a `/` a regular expression.
    Operator,
    /// An operand or a body comes: after `:`, `=>`, `return`, `export`, a `{` that is not
    /// a block...: a `/` is a regular expression.
    Colon,
    /// A complete operand that may also end a type (a name, a literal, `)`, `]`): a `/`
    /// divides, but after a line break a statement ending with a type may have ended.
    Operand,
    /// A complete operand that cannot end a type (a regular expression, a postfix `++`,
    /// `--` or `!`).
    Value,
    /// The `}` of an object or type literal.
    LiteralEnd,
    /// Any other `}`: of a block, a body or an object.
    BraceEnd,
    /// `yield`, `await`, `of`, `>`: an operand may have ended, or may be expected.
    Either,
    /// A contextual word (`async`, `type`, `get`...): a name or a modifier.
    Word,
    /// `.`, `?.` or `#`: a word after it is a name.
    Member,
}

/// What a `/` is.
enum Slash {
    Regex,
    Divide,
    /// Either: the scan follows both.
    Both,
}

impl Prev {
    /// Whether an operand certainly ended: a token that cannot go on with it then starts a
    /// new statement (or is a syntax error).
    fn ends_operand(self) -> bool {
        matches!(
            self,
            Prev::Operand | Prev::Value | Prev::LiteralEnd | Prev::BraceEnd
        )
    }

    /// Whether a `(`, `[` or template right after this token may call, index or tag what
    /// came before.
    fn callee(self) -> bool {
        !matches!(self, Prev::Statement | Prev::Operator | Prev::Colon)
    }

    fn brace(self) -> Brace {
        match self {
            Prev::Statement => Brace::Block,
            Prev::Operator => Brace::Literal,
            _ => Brace::Unknown,
        }
    }
}

impl<'a> Reading<'a> {
    fn new(source: &'a str, len: u32) -> Reading<'a> {
        let input = StringInput::new(source, BytePos(BASE), BytePos(BASE + len));
        let mut lexer = Lexer::new(syntax(), Default::default(), input, None);
        // The parser reports lexical errors; the scan needs only the tokens.
        lexer.ctx = Context::IgnoreError;
        Reading {
            lexer,
            at: BytePos(BASE),
            started: false,
            state: State {
                frames: vec![Frame::new(Open::Source)],
                prev: Prev::Statement,
                ended: false,
                head: Head::None,
                skipping: false,
            },
            scan: Scan::new(),
        }
    }

    /// Reads and scans one token.
    fn step(&mut self, len: usize) -> Result<Step<'a>, Refusal> {
        let t = if self.started {
            self.lexer.next_token()
        } else {
            self.started = true;
            self.lexer.first_token()
        };
        // The end, or (defensively) a lexer that stopped moving.
        if t.token == Token::Eof || t.span.hi <= self.at {
            return Ok(Step::End);
        }
        self.at = t.span.hi;
        let refused = |t: TokenAndSpan| Refusal::TooDeep(range(t.span, len));
        if self.state.skipping {
            if t.token == Token::LBrace {
                self.state.skipping = false;
                // The interface's body.
                self.state.prev = Prev::Operand;
                self.feed(t).map_err(|_| refused(t))?;
            }
            return Ok(Step::Token);
        }
        if t.token == Token::Extends
            && self.state.prev != Prev::Member
            && self.top().interface.is_some_and(|n| n > 0)
        {
            // A second `extends`: swc reports it and skips to the body, which is one
            // reading; it may also be a conditional type's, which is the other.
            let mut other = self.clone();
            other.state.skipping = true;
            self.feed(t).map_err(|_| refused(t))?;
            return Ok(Step::Fork(Box::new(other), range(t.span, len)));
        }
        match t.token {
            Token::Slash | Token::DivEq => match self.slash(t.had_line_break) {
                Slash::Divide => self.feed(t).map_err(|_| refused(t))?,
                Slash::Regex => {
                    let regex = self.regex(t);
                    self.feed(regex).map_err(|_| refused(regex))?;
                }
                Slash::Both => {
                    let mut other = self.clone();
                    self.feed(t).map_err(|_| refused(t))?;
                    let regex = other.regex(t);
                    // An unterminated regular expression is a syntax error the parser
                    // stops at: only the division is a reading.
                    if regex.token == Token::Regex {
                        other.feed(regex).map_err(|_| refused(regex))?;
                        return Ok(Step::Fork(Box::new(other), range(t.span, len)));
                    }
                }
            },
            Token::RBrace if self.innermost(BRACE) == Some(Open::Substitution) => {
                let part = self.lexer.rescan_template_token(t.span.lo, false);
                self.at = self.at.max(part.span.hi);
                self.template_part(part).map_err(|_| refused(t))?;
            }
            _ => self.feed(t).map_err(|_| refused(t))?,
        }
        Ok(Step::Token)
    }

    /// What a `/` with or without a line break before it is, after the tokens so far.
    fn slash(&self, line_break: bool) -> Slash {
        let binding = self.top().binding;
        match self.state.prev {
            Prev::Statement | Prev::Operator | Prev::Colon => Slash::Regex,
            Prev::Member => Slash::Divide,
            Prev::Value if !binding => Slash::Divide,
            Prev::Operand | Prev::LiteralEnd | Prev::Word if !(line_break || binding) => {
                Slash::Divide
            }
            _ => Slash::Both,
        }
    }

    /// Reads the `/` token `t` again as the start of a regular expression.
    fn regex(&mut self, t: TokenAndSpan) -> TokenAndSpan {
        self.lexer.set_next_regexp(Some(t.span.lo));
        let regex = self.lexer.next_token();
        self.lexer.set_next_regexp(None);
        self.at = self.at.max(regex.span.hi);
        regex
    }

    fn top(&self) -> &Frame {
        let last = self.state.frames.len() - 1;
        &self.state.frames[last]
    }

    fn top_mut(&mut self) -> &mut Frame {
        let last = self.state.frames.len() - 1;
        &mut self.state.frames[last]
    }

    /// The innermost open frame of scan kind `kind`, if any.
    fn innermost(&self, kind: u8) -> Option<Open> {
        self.state
            .frames
            .iter()
            .rev()
            .find(|f| f.kind() == kind)
            .map(|f| f.open)
    }

    fn open(&mut self, open: Open) -> Result<(), TooDeep> {
        let frame = Frame::new(open);
        self.state.frames.push(frame);
        self.scan.open(frame.kind())
    }

    /// Closes the innermost frame of scan kind `kind` and every frame inside it, as
    /// [`Scan::close`] does; returns what it was (`None` for a stray closer).
    fn close(&mut self, kind: u8) -> Result<Option<Open>, TooDeep> {
        let Some(at) = self.state.frames.iter().rposition(|f| f.kind() == kind) else {
            return Ok(None);
        };
        let open = self.state.frames[at].open;
        if at > 0 {
            self.state.frames.truncate(at);
        }
        self.scan.close(kind)?;
        Ok(Some(open))
    }

    /// The `}` that ends a substitution, and `part`, the template text read from it.
    fn template_part(&mut self, part: TokenAndSpan) -> Result<(), TooDeep> {
        self.state.ended = false;
        self.state.head = Head::None;
        self.close(BRACE)?;
        self.state.prev = match part.token {
            Token::TemplateMiddle => {
                self.open(Open::Substitution)?;
                Prev::Operator
            }
            Token::TemplateTail => Prev::Operand,
            _ => Prev::Either,
        };
        Ok(())
    }

    /// Where a statement starts after one ended: unless the token goes on with a compound
    /// statement (`else`, `catch`, `finally`, a `do`'s `while`), the statements chained
    /// without braces before it (`if (c) x; else if ...`) are over. Returns whether the
    /// token is a `do`'s `while`.
    fn statement_start(&mut self, tok: Token) -> bool {
        let top = self.top_mut();
        top.declaring = false;
        top.binding = false;
        top.interface = None;
        match tok {
            Token::Else | Token::Catch | Token::Finally => false,
            Token::While if top.dos > 0 => {
                top.dos -= 1;
                true
            }
            _ => {
                self.scan.end_chain();
                false
            }
        }
    }

    /// Feeds one token to the scan.
    fn feed(&mut self, t: TokenAndSpan) -> Result<(), TooDeep> {
        let prev = self.state.prev;
        // A word after `.`, `?.` or `#` is a name, whatever keyword it spells.
        let tok = if prev == Prev::Member && t.token.is_word() {
            Token::Ident
        } else {
            t.token
        };
        let starts = prev.ends_operand() && !continues(tok);
        if starts {
            self.scan.boundary();
        }
        let do_while = (starts || self.state.ended) && self.statement_start(tok);
        self.state.ended = false;
        let head = std::mem::replace(&mut self.state.head, Head::None);
        let callee = prev.callee();
        let line_break = t.had_line_break;
        self.state.prev = match tok {
            Token::LParen | Token::LBracket => {
                // A call or an index of what came before puts one more level above it.
                if callee {
                    self.scan.op()?;
                }
                if tok == Token::LParen {
                    self.open(Open::Paren { head })?;
                } else {
                    self.open(Open::Bracket)?;
                }
                Prev::Operator
            }
            Token::LBrace => {
                let brace = prev.brace();
                if brace != Brace::Literal {
                    // The body of an interface, if this was its header.
                    self.top_mut().interface = None;
                }
                self.open(Open::Brace(brace))?;
                if brace == Brace::Block {
                    Prev::Statement
                } else {
                    Prev::Colon
                }
            }
            Token::RParen => match self.close(PAREN)? {
                Some(Open::Paren { head: Head::Nests }) => Prev::Statement,
                Some(Open::Paren { head: Head::Ends }) => {
                    self.scan.boundary();
                    self.state.ended = true;
                    Prev::Statement
                }
                _ => Prev::Operand,
            },
            Token::RBracket => {
                self.close(BRACKET)?;
                Prev::Operand
            }
            Token::RBrace => match self.close(BRACE)? {
                Some(Open::Brace(Brace::Block)) => {
                    self.scan.boundary();
                    self.state.ended = true;
                    Prev::Statement
                }
                Some(Open::Brace(Brace::Literal)) => Prev::LiteralEnd,
                _ => Prev::BraceEnd,
            },
            Token::TemplateHead => {
                if callee {
                    self.scan.op()?;
                }
                self.open(Open::Substitution)?;
                Prev::Operator
            }
            Token::NoSubstitutionTemplateLiteral => {
                if callee {
                    self.scan.op()?;
                }
                Prev::Operand
            }
            Token::Semi => {
                self.scan.boundary();
                let top = self.top_mut();
                top.declaring = false;
                top.binding = false;
                if matches!(top.open, Open::Paren { .. }) {
                    // The parts of a `for` head.
                    Prev::Operator
                } else {
                    self.state.ended = true;
                    Prev::Statement
                }
            }
            Token::Comma => {
                self.scan.separator();
                let top = self.top_mut();
                top.binding = top.declaring;
                Prev::Operator
            }
            Token::Bang | Token::PlusPlus | Token::MinusMinus => {
                self.scan.op()?;
                // Postfix on the same line as an operand (`x!`, `x++`), else prefix.
                match prev {
                    Prev::Operand | Prev::Value | Prev::LiteralEnd if !line_break => Prev::Value,
                    Prev::BraceEnd | Prev::Either | Prev::Word if !line_break => Prev::Either,
                    _ => Prev::Operator,
                }
            }
            Token::Gt | Token::RShift | Token::ZeroFillRShift => {
                // A comparison, or the end of type arguments (`f<T>`).
                self.scan.op()?;
                Prev::Either
            }
            Token::Dot | Token::OptionalChain => {
                self.scan.op()?;
                Prev::Member
            }
            Token::Hash => Prev::Member,
            Token::Colon | Token::Arrow => {
                self.scan.op()?;
                Prev::Colon
            }
            Token::Eq => {
                self.scan.op()?;
                self.top_mut().binding = false;
                Prev::Operator
            }
            _ if is_operator(tok) => {
                self.scan.op()?;
                Prev::Operator
            }
            Token::Regex => Prev::Value,
            Token::Ident
            | Token::Str
            | Token::Num
            | Token::BigInt
            | Token::TemplateTail
            | Token::This
            | Token::Super
            | Token::Null
            | Token::True
            | Token::False => Prev::Operand,
            _ if tok.is_known_ident() => return self.contextual(tok),
            _ if tok.is_keyword() => return self.keyword(tok, head, do_while),
            Token::Shebang => Prev::Statement,
            _ => Prev::Either,
        };
        Ok(())
    }

    /// A reserved word (not a name).
    fn keyword(&mut self, tok: Token, head: Head, do_while: bool) -> Result<(), TooDeep> {
        self.state.prev = match tok {
            // Statements that nest the statement after them without braces.
            Token::If | Token::For | Token::With => {
                self.scan.chain()?;
                self.state.head = Head::Nests;
                Prev::Operator
            }
            Token::While => {
                self.state.head = if do_while {
                    Head::Ends
                } else {
                    self.scan.chain()?;
                    Head::Nests
                };
                Prev::Operator
            }
            Token::Else => {
                self.scan.chain()?;
                Prev::Statement
            }
            Token::Do => {
                self.scan.chain()?;
                self.top_mut().dos += 1;
                Prev::Statement
            }
            Token::Switch => {
                self.state.head = Head::Nests;
                Prev::Operator
            }
            Token::Catch => {
                self.state.head = Head::Nests;
                Prev::Statement
            }
            Token::Try | Token::Finally => Prev::Statement,
            Token::Var | Token::Let | Token::Const => {
                let top = self.top_mut();
                top.declaring = true;
                top.binding = true;
                Prev::Operator
            }
            Token::TypeOf
            | Token::Void
            | Token::Delete
            | Token::New
            | Token::In
            | Token::InstanceOf
            | Token::Extends => {
                if tok == Token::Extends
                    && let Some(n) = &mut self.top_mut().interface
                {
                    *n += 1;
                }
                self.scan.op()?;
                Prev::Operator
            }
            Token::Await | Token::Yield => {
                // `for await (...)`
                if tok == Token::Await {
                    self.state.head = head;
                }
                self.scan.op()?;
                Prev::Either
            }
            Token::Case | Token::Function => Prev::Operator,
            Token::Module => Prev::Word,
            // `return`, `throw`, `break`, `continue`, `export`, `default`, `import`, `class`,
            // `debugger`: a `{` after them may be a block or a body.
            _ => Prev::Colon,
        };
        Ok(())
    }

    /// A contextual keyword of TypeScript, which may also be a name.
    fn contextual(&mut self, tok: Token) -> Result<(), TooDeep> {
        self.state.prev = match tok {
            // Prefix and infix operators of types and expressions.
            Token::Keyof
            | Token::Infer
            | Token::Readonly
            | Token::Unique
            | Token::As
            | Token::Satisfies
            | Token::Asserts
            | Token::Is => {
                self.scan.op()?;
                Prev::Word
            }
            Token::Of => Prev::Either,
            Token::Interface => {
                self.top_mut().interface = Some(0);
                Prev::Word
            }
            // Names of types, which are also operands (`String(x)`).
            Token::Any
            | Token::Bigint
            | Token::Boolean
            | Token::Intrinsic
            | Token::Never
            | Token::Number
            | Token::Object
            | Token::String
            | Token::Symbol
            | Token::Undefined
            | Token::Unknown => Prev::Operand,
            _ => Prev::Word,
        };
        Ok(())
    }
}

/// Whether an operator token can put one more level above what it applies to.
fn is_operator(tok: Token) -> bool {
    tok.is_bin_op()
        || tok.is_assign_op()
        || matches!(
            tok,
            Token::QuestionMark | Token::Tilde | Token::DotDotDot | Token::At
        )
}

/// Whether a token can go on with an expression after a complete operand (an operator, a
/// bracket, a template, a keyword such as `in` or `as`), so that it starts no statement.
fn continues(tok: Token) -> bool {
    is_operator(tok)
        || matches!(
            tok,
            Token::Dot
                | Token::OptionalChain
                | Token::Colon
                | Token::Arrow
                | Token::Bang
                | Token::PlusPlus
                | Token::MinusMinus
                | Token::LParen
                | Token::LBracket
                | Token::LBrace
                | Token::RParen
                | Token::RBracket
                | Token::RBrace
                | Token::Comma
                | Token::Semi
                | Token::NoSubstitutionTemplateLiteral
                | Token::TemplateHead
                | Token::TemplateMiddle
                | Token::TemplateTail
                | Token::Template
                | Token::BackQuote
                | Token::DollarLBrace
                | Token::Error
                | Token::In
                | Token::InstanceOf
                | Token::Of
                | Token::As
                | Token::Satisfies
                | Token::Is
                | Token::Extends
                | Token::Implements
                | Token::From
                | Token::Assert
                | Token::With
        )
}
