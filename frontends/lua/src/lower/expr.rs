//! Expressions: operators, literals, table constructors, variables, indexing and calls.
//!
//! A lowered expression is either a single value or a *multi-value* (a call or `...`),
//! which the IR carries as a list. [`Lowered::single`] truncates to the first value
//! and [`Lowerer::exp_list`] expands the last expression of a list, as Lua does.

use full_moon::ast::{self, Expression, FunctionArgs, Prefix, Suffix};
use full_moon::tokenizer::{StringLiteralQuoteType, TokenReference, TokenType};
use weft_ir::Node;

use super::{Lowerer, VARARG, let_, literal, nth, var};
use crate::diagnostics as diag;
use weft_ir::source_map::peel;

/// A lowered expression: one value, a list of values (`...`, a library function's
/// results), or a call of a Lua value, whose first value is the call itself and whose
/// values are `std.results` of it.
#[derive(Debug)]
pub(crate) enum Lowered {
    One(Node),
    Many(Node),
    Call(CallNode),
}

/// A call of a Lua value: setup statements (the receiver of a method call in a
/// temporary), the call form, and for a method that may be a string library function
/// the test and the library call's list of results.
#[derive(Debug)]
pub(crate) struct CallNode {
    pub setup: Vec<Node>,
    pub call: Node,
    pub string_alt: Option<(Node, Node)>,
}

impl Lowered {
    pub(crate) fn one(node: Node) -> Lowered {
        Lowered::One(node)
    }

    pub(crate) fn many(node: Node) -> Lowered {
        Lowered::Many(node)
    }

    /// A plain call form.
    pub(crate) fn call(call: Node) -> Lowered {
        Lowered::Call(CallNode {
            setup: Vec::new(),
            call,
            string_alt: None,
        })
    }

    /// Whether it may stand for other than one value.
    pub(crate) fn is_multi(&self) -> bool {
        !matches!(self, Lowered::One(_))
    }

    /// The first value (nil when there is none).
    pub(crate) fn single(self) -> Node {
        match self {
            Lowered::One(node) => node,
            Lowered::Many(list) => nth(list, 0),
            Lowered::Call(c) => {
                let last = match c.string_alt {
                    Some((test, list)) => Node::call("std.if", [test, nth(list, 0), c.call]),
                    None => c.call,
                };
                with_setup(c.setup, last)
            }
        }
    }

    /// All values as a list.
    pub(crate) fn list(self) -> Node {
        match self {
            Lowered::One(node) => Node::call("list.new", [node]),
            Lowered::Many(list) => list,
            Lowered::Call(c) => {
                let all = Node::call("std.results", [c.call]);
                let last = match c.string_alt {
                    Some((test, list)) => Node::call("std.if", [test, list, all]),
                    None => all,
                };
                with_setup(c.setup, last)
            }
        }
    }

    /// A return of all its values.
    pub(crate) fn return_all(self) -> Node {
        match self {
            Lowered::One(node) => Node::call("std.return", [node]),
            Lowered::Call(CallNode {
                setup,
                call,
                string_alt: None,
            }) => {
                let ret = Node::call("std.return_values", [Node::call("std.results", [call])]);
                with_setup(setup, ret)
            }
            other => Node::call("std.return_values", [other.list()]),
        }
    }
}

fn with_setup(mut setup: Vec<Node>, last: Node) -> Node {
    if setup.is_empty() {
        return last;
    }
    setup.push(last);
    Node::call("std.seq", setup)
}

/// Lowered call arguments: each a single value, or (the last one being a call or `...`)
/// a list of them all.
pub(crate) enum Args {
    Plain(Vec<Node>),
    List(Node),
}

/// A call of `f` with lowered arguments.
pub(crate) fn apply(f: Node, args: Args) -> Node {
    match args {
        Args::Plain(args) => Node::call("std.apply", std::iter::once(f).chain(args)),
        Args::List(list) => Node::call("std.apply_list", [f, list]),
    }
}

/// Whether an IR node always yields a boolean (so a condition needs no truthiness test).
pub(crate) fn is_boolean(node: &Node) -> bool {
    matches!(
        node.head(),
        Some(
            "bool.eq"
                | "bool.neq"
                | "bool.lt"
                | "bool.gt"
                | "bool.lte"
                | "bool.gte"
                | "bool.not"
                | "lua.truthy"
                | "lua.eq"
                | "lua.ne"
                | "lua.lt"
                | "lua.gt"
                | "lua.le"
                | "lua.ge"
        )
    ) || matches!(node, Node::Bool(_))
}

/// `lua.truthy(node)` unless the node is already a boolean.
pub(crate) fn truthy(node: Node) -> Node {
    if is_boolean(&node) {
        node
    } else {
        Node::call("lua.truthy", [node])
    }
}

fn arith_op(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "+" => "+",
        "-" => "-",
        "*" => "*",
        "/" => "/",
        "%" => "%",
        "//" => "//",
        "^" => "^",
        "&" => "&",
        "|" => "|",
        "~" => "~",
        "<<" => "<<",
        ">>" => ">>",
        _ => return None,
    })
}

/// The opcode of a comparison. `==` and `~=` against a literal cannot reach `__eq`
/// (which only two tables have), so they are the portable `bool.eq`/`bool.neq`.
fn compare_op(symbol: &str, literal_side: bool) -> Option<&'static str> {
    Some(match symbol {
        "==" if literal_side => "bool.eq",
        "~=" if literal_side => "bool.neq",
        "==" => "lua.eq",
        "~=" => "lua.ne",
        "<" => "lua.lt",
        ">" => "lua.gt",
        "<=" => "lua.le",
        ">=" => "lua.ge",
        _ => return None,
    })
}

/// Whether a lowered operand is a constant that is not a table.
fn is_literal(node: &Node) -> bool {
    matches!(
        node,
        Node::Null | Node::Bool(_) | Node::Int(_) | Node::Float(_) | Node::Str(_)
    )
}

/// The text of a string literal token (`Err` with why for a bad escape), `None` when the
/// token is not a string.
pub(crate) fn string_token(tok: &TokenReference) -> Option<Result<String, String>> {
    let TokenType::StringLiteral {
        literal,
        quote_type,
        ..
    } = tok.token().token_type()
    else {
        return None;
    };
    let long = matches!(quote_type, StringLiteralQuoteType::Brackets);
    Some(literal::string(literal.as_str(), long))
}

/// The text of a token (an identifier, symbol or numeral).
pub(crate) fn text(tok: &TokenReference) -> String {
    tok.token().to_string()
}

impl Lowerer<'_> {
    pub(crate) fn expr(&mut self, e: &Expression) -> Lowered {
        match e {
            Expression::BinaryOperator { lhs, binop, rhs } => {
                Lowered::one(self.binary(lhs, &text(binop.token()), rhs))
            }
            Expression::Parentheses { expression, .. } => Lowered::one(self.single(expression)),
            Expression::UnaryOperator { unop, expression } => {
                Lowered::one(self.unary(&text(unop.token()), expression))
            }
            Expression::Function(f) => Lowered::one(self.function(f.body(), false)),
            Expression::FunctionCall(call) => {
                let suffixes: Vec<&Suffix> = call.suffixes().collect();
                self.chain(call.prefix(), &suffixes)
            }
            Expression::TableConstructor(t) => Lowered::one(self.table(t)),
            Expression::Number(tok) => Lowered::one(self.number(tok)),
            Expression::String(tok) => Lowered::one(self.string(tok)),
            Expression::Symbol(tok) => self.symbol(tok),
            Expression::Var(ast::Var::Name(tok)) => Lowered::one(self.name(tok)),
            Expression::Var(ast::Var::Expression(ve)) => {
                let suffixes: Vec<&Suffix> = ve.suffixes().collect();
                self.chain(ve.prefix(), &suffixes)
            }
            other => {
                let span = self.span(other);
                self.error(diag::unsupported_library(span, "this expression"));
                Lowered::one(Node::Null)
            }
        }
    }

    /// An expression truncated to one value.
    pub(crate) fn single(&mut self, e: &Expression) -> Node {
        self.expr(e).single()
    }

    /// An expression list as one list node: every expression truncated to one value but
    /// the last, whose values are all kept.
    pub(crate) fn exp_list<'e>(&mut self, exprs: impl IntoIterator<Item = &'e Expression>) -> Node {
        let exprs: Vec<&Expression> = exprs.into_iter().collect();
        let Some((last, init)) = exprs.split_last() else {
            return Node::call("list.new", []);
        };
        let mut items: Vec<Node> = init.iter().map(|e| self.single(e)).collect();
        let last = self.expr(last);
        if last.is_multi() {
            if items.is_empty() {
                last.list()
            } else {
                Node::call("list.concat", [Node::call("list.new", items), last.list()])
            }
        } else {
            items.push(last.single());
            Node::call("list.new", items)
        }
    }

    /// Exactly `n` values from an expression list (missing ones nil, extra ones dropped
    /// after being evaluated). Returns setup statements and the value nodes.
    pub(crate) fn exp_values(&mut self, exprs: &[&Expression], n: usize) -> (Vec<Node>, Vec<Node>) {
        let mut setup = Vec::new();
        let mut values = Vec::new();
        for (i, e) in exprs.iter().enumerate() {
            let is_last = i + 1 == exprs.len();
            if is_last && values.len() < n {
                let lowered = self.expr(e);
                if lowered.is_multi() {
                    let t = self.temp("m");
                    setup.push(let_(&t, lowered.list()));
                    let mut k = 0;
                    while values.len() < n {
                        values.push(nth(var(&t), k));
                        k += 1;
                    }
                } else {
                    values.push(lowered.single());
                }
            } else if values.len() < n {
                values.push(self.single(e));
            } else {
                // Evaluated for its effects only.
                let node = self.expr(e).single();
                setup.push(node);
            }
        }
        while values.len() < n {
            values.push(Node::Null);
        }
        (setup, values)
    }

    fn binary(&mut self, lhs: &Expression, op: &str, rhs: &Expression) -> Node {
        match op {
            "and" | "or" => {
                let head = if op == "and" { "lua.and" } else { "lua.or" };
                let (a, b) = (self.single(lhs), self.single(rhs));
                Node::call(head, [a, b])
            }
            ".." => {
                let mut parts = vec![self.single(lhs)];
                let mut rest = rhs;
                // `..` is right-associative: flatten `a .. (b .. c)` into one call.
                while let Expression::BinaryOperator { lhs, binop, rhs } = rest {
                    if text(binop.token()) != ".." {
                        break;
                    }
                    parts.push(self.single(lhs));
                    rest = rhs;
                }
                parts.push(self.single(rest));
                Node::call("lua.concat", parts)
            }
            _ => {
                let (a, b) = (self.single(lhs), self.single(rhs));
                if let Some(head) = compare_op(op, is_literal(&a) || is_literal(&b)) {
                    Node::call(head, [a, b])
                } else if let Some(sym) = arith_op(op) {
                    Node::call("lua.arith", [Node::str(sym), a, b])
                } else {
                    Node::Null
                }
            }
        }
    }

    fn unary(&mut self, op: &str, operand: &Expression) -> Node {
        if op == "-"
            && let Expression::Number(tok) = operand
        {
            match self.number(tok) {
                Node::Int(i) if i != 0 && i != i64::MIN => return Node::Int(-i),
                Node::Float(f) => return Node::Float(-f),
                _ => {}
            }
        }
        let x = self.single(operand);
        match op {
            "not" => Node::call("bool.not", [truthy(x)]),
            "#" => Node::call("lua.len", [x]),
            "~" => Node::call("lua.arith", [Node::str("bnot"), x]),
            _ => Node::call("lua.arith", [Node::str("neg"), x]),
        }
    }

    fn number(&mut self, tok: &TokenReference) -> Node {
        let t = text(tok);
        match literal::number(&t) {
            Some(n) => n,
            None => {
                let span = self.tok_span(tok);
                self.error(diag::bad_number(span, &t));
                Node::Int(0)
            }
        }
    }

    /// The text of a string literal token, or `None` (reported) when it is invalid.
    pub(crate) fn string_text(&mut self, tok: &TokenReference) -> Option<String> {
        match string_token(tok)? {
            Ok(s) => Some(s),
            Err(why) => {
                let span = self.tok_span(tok);
                self.error(diag::bad_string(span, &why));
                None
            }
        }
    }

    pub(crate) fn string(&mut self, tok: &TokenReference) -> Node {
        Node::Str(self.string_text(tok).unwrap_or_default())
    }

    fn symbol(&mut self, tok: &TokenReference) -> Lowered {
        match text(tok).as_str() {
            "true" => Lowered::one(Node::Bool(true)),
            "false" => Lowered::one(Node::Bool(false)),
            "..." => {
                if !self.func().vararg {
                    let span = self.tok_span(tok);
                    self.error(diag::vararg_outside(span));
                }
                Lowered::many(var(VARARG))
            }
            _ => Lowered::one(Node::Null),
        }
    }

    /// A table constructor: positional fields (the last one expanded when it is a call
    /// or `...`), then keyed fields in order.
    pub(crate) fn table(&mut self, t: &ast::TableConstructor) -> Node {
        let fields: Vec<&ast::Field> = t.fields().iter().collect();
        let mut positional: Vec<&Expression> = Vec::new();
        let mut keyed: Vec<Node> = Vec::new();
        let last_index = fields.len().saturating_sub(1);
        let mut expand_last = None;
        for (i, field) in fields.iter().enumerate() {
            match field {
                ast::Field::NoKey(e) => {
                    if i == last_index {
                        expand_last = Some(e);
                    } else {
                        positional.push(e);
                    }
                }
                ast::Field::NameKey { key, value, .. } => {
                    keyed.push(Node::Str(text(key)));
                    keyed.push(self.single(value));
                }
                ast::Field::ExpressionKey { key, value, .. } => {
                    keyed.push(self.single(key));
                    keyed.push(self.single(value));
                }
                other => {
                    let span = self.span(*other);
                    self.error(diag::unsupported_library(span, "this table field"));
                }
            }
        }
        let mut items: Vec<&Expression> = positional;
        if let Some(e) = expand_last {
            items.push(e);
        }
        let list = if items.is_empty() {
            Node::call("list.new", [])
        } else {
            self.exp_list(items)
        };
        let mut args = vec![list];
        args.extend(keyed);
        Node::call("lua.table", args)
    }

    /// A name read: a variable, or a library function or constant.
    pub(crate) fn name(&mut self, tok: &TokenReference) -> Node {
        let name = text(tok);
        if self.is_variable(&name) {
            return var(&name);
        }
        let span = self.tok_span(tok);
        if self.is_namespace(&name) {
            self.error(diag::library_value(span, &name));
            return Node::Null;
        }
        self.global_value(&name, span)
    }

    /// A prefix followed by indexing, calls and method calls.
    pub(crate) fn chain(&mut self, prefix: &Prefix, suffixes: &[&Suffix]) -> Lowered {
        let (mut current, rest) = match prefix {
            Prefix::Name(tok) => self.chain_head(tok, suffixes),
            Prefix::Expression(e) => (Lowered::one(self.single(e)), suffixes),
            _ => (Lowered::one(Node::Null), suffixes),
        };
        for suffix in rest {
            current = self.suffix(current, suffix);
        }
        current
    }

    /// The start of a chain: a library call such as `string.format(...)` or `print(...)`
    /// when the name is not the script's own variable, else the variable.
    fn chain_head<'s>(
        &mut self,
        tok: &TokenReference,
        suffixes: &'s [&'s Suffix],
    ) -> (Lowered, &'s [&'s Suffix]) {
        let name = text(tok);
        if self.is_variable(&name) {
            return (Lowered::one(var(&name)), suffixes);
        }
        let start = self.tok_span(tok).start;
        // `ns.f(...)` and `ns.f` for library and SDK namespaces.
        if self.is_namespace(&name) {
            if let Some(Suffix::Index(ast::Index::Dot { name: field, .. })) = suffixes.first() {
                let qualified = format!("{name}.{}", text(field));
                let name_span = start..self.tok_span(field).end;
                // `io.stdout:write(...)` is `io.write(...)`.
                if qualified == "io.stdout"
                    && let Some(Suffix::Call(ast::Call::MethodCall(m))) = suffixes.get(1)
                    && text(m.name()) == "write"
                {
                    let span = start..self.span(m).end;
                    let lowered = self.library_call("io.write", m.args(), span, name_span);
                    return (lowered, &suffixes[2..]);
                }
                if let Some(Suffix::Call(ast::Call::AnonymousCall(args))) = suffixes.get(1) {
                    let span = start..self.span(args).end;
                    let lowered = self.library_call(&qualified, args, span, name_span);
                    return (lowered, &suffixes[2..]);
                }
                let value = self.global_value(&qualified, name_span);
                return (Lowered::one(value), &suffixes[1..]);
            }
            let span = self.tok_span(tok);
            self.error(diag::library_value(span, &name));
            return (Lowered::one(Node::Null), suffixes);
        }
        if let Some(Suffix::Call(ast::Call::AnonymousCall(args))) = suffixes.first()
            && (self.is_library_function(&name) || self.is_unsupported_global(&name))
        {
            let span = start..self.span(args).end;
            let name_span = self.tok_span(tok);
            let lowered = self.library_call(&name, args, span, name_span);
            return (lowered, &suffixes[1..]);
        }
        let span = self.tok_span(tok);
        (Lowered::one(self.global_value(&name, span)), suffixes)
    }

    fn suffix(&mut self, current: Lowered, suffix: &Suffix) -> Lowered {
        match suffix {
            Suffix::Index(ast::Index::Dot { name, .. }) => Lowered::one(Node::call(
                "lua.index",
                [current.single(), Node::Str(text(name))],
            )),
            Suffix::Index(ast::Index::Brackets { expression, .. }) => {
                let key = self.single(expression);
                Lowered::one(Node::call("lua.index", [current.single(), key]))
            }
            Suffix::Call(ast::Call::AnonymousCall(args)) => {
                let f = current.single();
                let args = self.call_args(args);
                Lowered::call(apply(f, args))
            }
            Suffix::Call(ast::Call::MethodCall(m)) => {
                let receiver = current.single();
                self.method_call(receiver, m)
            }
            other => {
                let span = self.span(other);
                self.error(diag::unsupported_library(span, "this suffix"));
                current
            }
        }
    }

    /// Call arguments as one list node.
    pub(crate) fn args(&mut self, args: &FunctionArgs) -> Node {
        match args {
            FunctionArgs::Parentheses { arguments, .. } => self.exp_list(arguments.iter()),
            FunctionArgs::String(tok) => Node::call("list.new", [self.string(tok)]),
            FunctionArgs::TableConstructor(t) => Node::call("list.new", [self.table(t)]),
            other => {
                let span = self.span(other);
                self.error(diag::unsupported_library(span, "these arguments"));
                Node::call("list.new", [])
            }
        }
    }

    /// Call arguments, each truncated to one value but a last call or `...`, which is
    /// expanded.
    pub(crate) fn call_args(&mut self, args: &FunctionArgs) -> Args {
        match args {
            FunctionArgs::Parentheses { arguments, .. } => {
                let exprs: Vec<&Expression> = arguments.iter().collect();
                match exprs.split_last() {
                    Some((last, init)) => {
                        let mut items: Vec<Node> = init.iter().map(|e| self.single(e)).collect();
                        let last = self.expr(last);
                        if last.is_multi() {
                            let list = if items.is_empty() {
                                last.list()
                            } else {
                                Node::call(
                                    "list.concat",
                                    [Node::call("list.new", items), last.list()],
                                )
                            };
                            Args::List(list)
                        } else {
                            items.push(last.single());
                            Args::Plain(items)
                        }
                    }
                    None => Args::Plain(Vec::new()),
                }
            }
            FunctionArgs::String(tok) => Args::Plain(vec![self.string(tok)]),
            FunctionArgs::TableConstructor(t) => Args::Plain(vec![self.table(t)]),
            other => {
                let span = self.span(other);
                self.error(diag::unsupported_library(span, "these arguments"));
                Args::Plain(Vec::new())
            }
        }
    }

    /// `recv:name(args)`: the function stored under `name`, called with `recv` first;
    /// when `name` is also a string library function, that function when `recv` is a
    /// string at run time.
    fn method_call(&mut self, receiver: Node, m: &ast::MethodCall) -> Lowered {
        let name = text(m.name());
        let mut setup = Vec::new();
        // A variable receiver is read again; anything else is evaluated once, first.
        let r = if peel(&receiver).head() == Some("std.var") {
            receiver
        } else {
            let t = self.temp("recv");
            setup.push(let_(&t, receiver));
            var(&t)
        };
        let args = self.call_args(m.args());
        let method = Node::call("lua.index", [r.clone(), Node::Str(name.clone())]);
        let string_alt = if self.is_string_method(&name) {
            let list = match &args {
                Args::Plain(items) => Node::call(
                    "list.new",
                    std::iter::once(r.clone()).chain(items.iter().cloned()),
                ),
                Args::List(list) => Node::call(
                    "list.concat",
                    [Node::call("list.new", [r.clone()]), list.clone()],
                ),
            };
            let qualified = format!("string.{name}");
            let string_call = self
                .library_call_list(&qualified, list, self.tok_span(m.name()))
                .list();
            let test = Node::call(
                "bool.eq",
                [Node::call("std.typeof", [r.clone()]), Node::str("string")],
            );
            Some((test, string_call))
        } else {
            None
        };
        let call = match args {
            Args::Plain(items) => Node::call("std.apply", [method, r].into_iter().chain(items)),
            Args::List(list) => Node::call(
                "std.apply_list",
                [
                    method,
                    Node::call("list.concat", [Node::call("list.new", [r]), list]),
                ],
            ),
        };
        Lowered::Call(CallNode {
            setup,
            call,
            string_alt,
        })
    }
}
