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

/// A lowered expression: one value, or a list of values (a call or `...`).
#[derive(Debug)]
pub(crate) struct Lowered {
    pub node: Node,
    pub multi: bool,
}

impl Lowered {
    pub(crate) fn one(node: Node) -> Lowered {
        Lowered { node, multi: false }
    }

    pub(crate) fn many(node: Node) -> Lowered {
        Lowered { node, multi: true }
    }

    /// The first value (nil when there is none).
    pub(crate) fn single(self) -> Node {
        if self.multi {
            nth(self.node, 0)
        } else {
            self.node
        }
    }

    /// All values as a list.
    pub(crate) fn list(self) -> Node {
        if self.multi {
            self.node
        } else {
            Node::call("list.new", [self.node])
        }
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

fn compare_op(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "==" => "bool.eq",
        "~=" => "bool.neq",
        "<" => "bool.lt",
        ">" => "bool.gt",
        "<=" => "bool.lte",
        ">=" => "bool.gte",
        _ => return None,
    })
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
        if last.multi {
            if items.is_empty() {
                last.node
            } else {
                Node::call("list.concat", [Node::call("list.new", items), last.node])
            }
        } else {
            items.push(last.node);
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
                if lowered.multi {
                    let t = self.temp("m");
                    setup.push(let_(&t, lowered.node));
                    let mut k = 0;
                    while values.len() < n {
                        values.push(nth(var(&t), k));
                        k += 1;
                    }
                } else {
                    values.push(lowered.node);
                }
            } else if values.len() < n {
                values.push(self.single(e));
            } else {
                // Evaluated for its effects only.
                let node = self.expr(e).node;
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
                if let Some(head) = compare_op(op) {
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
        let TokenType::StringLiteral {
            literal,
            quote_type,
            ..
        } = tok.token().token_type()
        else {
            return None;
        };
        let long = matches!(quote_type, StringLiteralQuoteType::Brackets);
        match literal::string(literal.as_str(), long) {
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
                let args = self.args(args);
                Lowered::many(Node::call("std.apply", [f, args]))
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

    /// `recv:name(args)`: a string method (the `string` library) when `recv` is a
    /// string at run time, else the function stored under `name`, called with `recv`
    /// first.
    fn method_call(&mut self, receiver: Node, m: &ast::MethodCall) -> Lowered {
        let name = text(m.name());
        let r = self.temp("recv");
        let a = self.temp("args");
        let args = self.args(m.args());
        let all = Node::call("list.concat", [Node::call("list.new", [var(&r)]), args]);
        let table_call = Node::call(
            "std.apply",
            [
                Node::call("lua.index", [var(&r), Node::Str(name.clone())]),
                var(&a),
            ],
        );
        let qualified = format!("string.{name}");
        let call = if self.is_string_method(&name) {
            let string_call = self.library_call_list(&qualified, var(&a), self.tok_span(m.name()));
            Node::call(
                "std.if",
                [
                    Node::call(
                        "bool.eq",
                        [Node::call("std.typeof", [var(&r)]), Node::str("string")],
                    ),
                    string_call.list(),
                    table_call,
                ],
            )
        } else {
            table_call
        };
        Lowered::many(Node::call(
            "std.seq",
            [let_(&r, receiver), let_(&a, all), call],
        ))
    }
}
