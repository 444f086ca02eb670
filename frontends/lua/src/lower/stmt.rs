//! Statements: assignments (with Lua's evaluate-all-then-assign rule), locals, function
//! declarations, `if`, loops (`while`, `repeat`, numeric and generic `for`), `do`,
//! `return` and `break`.

use full_moon::ast::{self, Expression, LastStmt, Stmt, Suffix};
use weft_ir::Node;

use super::expr::{text, truthy};
use super::{Lowerer, let_, nth, seq, set, var};
use crate::diagnostics as diag;

impl Lowerer<'_> {
    /// The statements of a block, lowered into the current scope, each recorded in the
    /// source map as coming from its statement.
    pub(crate) fn block_stmts(&mut self, block: &ast::Block) -> Vec<Node> {
        let mut out = Vec::new();
        for stmt in block.stmts() {
            let first = out.len();
            self.stmt(stmt, &mut out);
            let span = self.span(stmt);
            self.marks.mark_each(span, &mut out[first..]);
        }
        if let Some(last) = block.last_stmt() {
            let node = self.last_stmt(last);
            let span = self.span(last);
            out.push(self.marks.mark(span, node));
        }
        out
    }

    /// A block in a scope of its own.
    pub(crate) fn block(&mut self, block: &ast::Block) -> Node {
        self.push_scope();
        let stmts = self.block_stmts(block);
        self.pop_scope();
        Node::call("std.seq", stmts)
    }

    fn last_stmt(&mut self, last: &LastStmt) -> Node {
        match last {
            LastStmt::Break(tok) => {
                if self.func().loops == 0 {
                    let span = self.tok_span(tok);
                    self.error(diag::break_outside(span));
                }
                Node::call("std.break", [])
            }
            LastStmt::Return(r) => {
                let exprs: Vec<&Expression> = r.returns().iter().collect();
                // The script's own `return v` gives the script's result `v` itself, and
                // `return a, b` the list of them.
                if self.funcs.len() == 1 && !self.module {
                    if let [e] = exprs[..] {
                        let value = self.single(e);
                        return Node::call("std.return", [value]);
                    }
                    let list = self.exp_list(exprs);
                    return Node::call("std.return", [list]);
                }
                match exprs[..] {
                    [] => super::func::no_values(),
                    [e] => self.expr(e).return_all(),
                    _ => {
                        let list = self.exp_list(exprs);
                        Node::call("std.return_values", [list])
                    }
                }
            }
            other => {
                let span = self.span(other);
                self.error(diag::unsupported_library(span, "this statement"));
                Node::Null
            }
        }
    }

    fn stmt(&mut self, stmt: &Stmt, out: &mut Vec<Node>) {
        match stmt {
            Stmt::Assignment(a) => out.push(self.assignment(a)),
            Stmt::LocalAssignment(a) => self.local(a, out),
            Stmt::FunctionCall(call) => {
                let suffixes: Vec<&Suffix> = call.suffixes().collect();
                out.push(self.chain(call.prefix(), &suffixes).single());
            }
            Stmt::FunctionDeclaration(f) => out.push(self.function_declaration(f)),
            Stmt::LocalFunction(f) => {
                let name = text(f.name());
                self.declare(&name);
                let lambda = self.function(f.body(), false);
                out.push(let_(&name, lambda));
            }
            Stmt::Do(d) => out.push(self.block(d.block())),
            Stmt::While(w) => {
                let cond = truthy(self.single(w.condition()));
                let body = self.loop_body(|l| l.block(w.block()));
                out.push(Node::call("std.while", [cond, body]));
            }
            Stmt::Repeat(r) => out.push(self.repeat(r)),
            Stmt::If(i) => out.push(self.if_stmt(i)),
            Stmt::NumericFor(f) => out.push(self.numeric_for(f)),
            Stmt::GenericFor(f) => out.push(self.generic_for(f)),
            Stmt::Goto(g) => {
                let span = self.span(g);
                self.error(diag::goto(span));
            }
            Stmt::Label(l) => {
                let span = self.span(l);
                self.error(diag::goto(span));
            }
            other => {
                let span = self.span(other);
                self.error(diag::unsupported_library(span, "this statement"));
            }
        }
    }

    fn loop_body(&mut self, f: impl FnOnce(&mut Self) -> Node) -> Node {
        self.func().loops += 1;
        let body = f(self);
        self.func().loops -= 1;
        body
    }

    /// `a, b.c, d[e] = ...`: every value is computed before anything is assigned.
    fn assignment(&mut self, a: &ast::Assignment) -> Node {
        let vars: Vec<&ast::Var> = a.variables().iter().collect();
        let exprs: Vec<&Expression> = a.expressions().iter().collect();
        if vars.len() == 1 && exprs.len() == 1 {
            let value = self.single(exprs[0]);
            return self.assign(vars[0], value);
        }
        let (mut stmts, values) = self.exp_values(&exprs, vars.len());
        let mut temps = Vec::new();
        for v in values {
            let t = self.temp("v");
            stmts.push(let_(&t, v));
            temps.push(t);
        }
        for (target, t) in vars.iter().zip(&temps) {
            let node = self.assign(target, var(t));
            stmts.push(node);
        }
        Node::call("std.seq", stmts)
    }

    /// Stores `value` into a variable, field or index.
    fn assign(&mut self, target: &ast::Var, value: Node) -> Node {
        match target {
            ast::Var::Name(tok) => {
                let name = text(tok);
                if !self.is_local(&name) {
                    self.globals.insert(name.clone());
                }
                set(&name, value)
            }
            ast::Var::Expression(ve) => {
                let suffixes: Vec<&Suffix> = ve.suffixes().collect();
                let Some((last, init)) = suffixes.split_last() else {
                    return value;
                };
                let object = self.chain(ve.prefix(), init).single();
                let key = match last {
                    Suffix::Index(ast::Index::Dot { name, .. }) => Node::Str(text(name)),
                    Suffix::Index(ast::Index::Brackets { expression, .. }) => {
                        self.single(expression)
                    }
                    other => {
                        let span = self.span(*other);
                        self.error(diag::syntax_error(span, "cannot assign to a call"));
                        Node::Null
                    }
                };
                Node::call("lua.setindex", [object, key, value])
            }
            other => {
                let span = self.span(other);
                self.error(diag::syntax_error(span, "cannot assign to this"));
                value
            }
        }
    }

    fn local(&mut self, a: &ast::LocalAssignment, out: &mut Vec<Node>) {
        let names: Vec<String> = a.names().iter().map(text).collect();
        for attr in a.attributes().flatten() {
            let name = text(attr.name());
            if name != "const" {
                let span = self.span(attr);
                self.error(diag::attribute(span, &name));
            }
        }
        let exprs: Vec<&Expression> = a.expressions().iter().collect();
        if names.len() == 1 && exprs.len() <= 1 {
            let value = match exprs.first() {
                Some(e) => self.single(e),
                None => Node::Null,
            };
            self.declare(&names[0]);
            out.push(let_(&names[0], value));
            return;
        }
        let (setup, values) = self.exp_values(&exprs, names.len());
        out.extend(setup);
        if exprs.len() <= 1 {
            // One expression (or none): nothing a name could see is evaluated after it.
            for (name, v) in names.iter().zip(values) {
                self.declare(name);
                out.push(let_(name, v));
            }
            return;
        }
        let mut temps = Vec::new();
        for v in values {
            let t = self.temp("v");
            out.push(let_(&t, v));
            temps.push(t);
        }
        for (name, t) in names.iter().zip(&temps) {
            self.declare(name);
            out.push(let_(name, var(t)));
        }
    }

    fn function_declaration(&mut self, f: &ast::FunctionDeclaration) -> Node {
        let names: Vec<String> = f.name().names().iter().map(text).collect();
        let method = f.name().method_name().map(text);
        let lambda = self.function(f.body(), method.is_some());
        let Some((first, rest)) = names.split_first() else {
            return Node::Null;
        };
        if rest.is_empty() && method.is_none() {
            if !self.is_local(first) {
                self.globals.insert(first.clone());
            }
            return set(first, lambda);
        }
        // `function a.b.c:m()`: store into the table the path names.
        let mut object = if self.is_variable(first) {
            var(first)
        } else {
            let span = f
                .name()
                .names()
                .iter()
                .next()
                .map(|t| self.tok_span(t))
                .unwrap_or(0..0);
            self.global_value(first, span)
        };
        let mut keys: Vec<String> = rest.to_vec();
        if let Some(m) = method {
            keys.push(m);
        }
        let last = keys.pop().unwrap_or_default();
        for k in keys {
            object = Node::call("lua.index", [object, Node::Str(k)]);
        }
        Node::call("lua.setindex", [object, Node::Str(last), lambda])
    }

    fn repeat(&mut self, r: &ast::Repeat) -> Node {
        self.func().loops += 1;
        self.push_scope();
        let mut stmts = self.block_stmts(r.block());
        // `until` sees the body's locals.
        let cond = truthy(self.single(r.until()));
        self.pop_scope();
        self.func().loops -= 1;
        stmts.push(Node::call("std.if", [cond, Node::call("std.break", [])]));
        Node::call(
            "std.while",
            [Node::Bool(true), Node::call("std.seq", stmts)],
        )
    }

    fn if_stmt(&mut self, i: &ast::If) -> Node {
        let mut branches = vec![(i.condition(), i.block())];
        for e in i.else_if().into_iter().flatten() {
            branches.push((e.condition(), e.block()));
        }
        let mut tail = i.else_block().map(|b| self.block(b));
        // Build from the last `elseif` inwards; conditions are lowered in order first so
        // diagnostics stay in source order.
        let lowered: Vec<(Node, Node)> = branches
            .into_iter()
            .map(|(c, b)| {
                let cond = truthy(self.single(c));
                (cond, self.block(b))
            })
            .collect();
        for (cond, body) in lowered.into_iter().rev() {
            let mut args = vec![cond, body];
            if let Some(t) = tail.take() {
                args.push(t);
            }
            tail = Some(Node::call("std.if", args));
        }
        tail.unwrap_or(Node::Null)
    }

    /// `for v = a, b, c do ... end`: the loop variable is a fresh local per iteration;
    /// integer loops stay integer, a float start or step makes a float loop.
    fn numeric_for(&mut self, f: &ast::NumericFor) -> Node {
        let start = self.single(f.start());
        let limit = self.single(f.end());
        let step = match f.step() {
            Some(s) => self.single(s),
            None => Node::Int(1),
        };
        let (i, lim, st) = (self.temp("i"), self.temp("limit"), self.temp("step"));
        let name = text(f.index_variable());
        self.func().loops += 1;
        self.push_scope();
        self.declare(&name);
        let mut body = vec![let_(&name, var(&i))];
        body.extend(self.block_stmts(f.block()));
        self.pop_scope();
        self.func().loops -= 1;
        body.push(set(&i, Node::call("math.add", [var(&i), var(&st)])));
        // A constant step fixes the direction (and cannot be zero) at compile time.
        let constant = match &step {
            Node::Int(n) if *n != 0 => Some(*n > 0),
            Node::Float(f) if *f != 0.0 && !f.is_nan() => Some(*f > 0.0),
            _ => None,
        };
        let up = Node::call("bool.lte", [var(&i), var(&lim)]);
        let down = Node::call("bool.gte", [var(&i), var(&lim)]);
        let cond = match constant {
            Some(true) => up,
            Some(false) => down,
            None => Node::call(
                "std.if",
                [Node::call("bool.gt", [var(&st), Node::Int(0)]), up, down],
            ),
        };
        let check = Node::call(
            "std.if",
            [
                Node::call("bool.eq", [var(&st), Node::Int(0)]),
                Node::call(
                    "lua.lib",
                    [
                        Node::str("error"),
                        Node::call("list.new", [Node::str("'for' step is zero"), Node::Int(0)]),
                    ],
                ),
            ],
        );
        let mut stmts = vec![let_(&i, start), let_(&lim, limit), let_(&st, step)];
        if constant.is_none() {
            stmts.push(check);
        }
        stmts.push(Node::call("std.while", [cond, Node::call("std.seq", body)]));
        Node::call("std.seq", stmts)
    }

    /// `for k, v in explist do ... end`: calls the iterator function with the state and
    /// the control value until its first result is nil.
    fn generic_for(&mut self, f: &ast::GenericFor) -> Node {
        let exprs: Vec<&Expression> = f.expressions().iter().collect();
        let (mut stmts, values) = self.exp_values(&exprs, 3);
        let (fv, sv, cv) = (self.temp("f"), self.temp("s"), self.temp("c"));
        for (t, v) in [&fv, &sv, &cv].into_iter().zip(values) {
            stmts.push(let_(t, v));
        }
        let names: Vec<String> = f.names().iter().map(text).collect();
        let r = self.temp("r");
        self.func().loops += 1;
        self.push_scope();
        let step = Node::call("std.apply", [var(&fv), var(&sv), var(&cv)]);
        // One loop variable needs the iterator's first result only.
        let mut body = if names.len() == 1 {
            vec![]
        } else {
            vec![let_(&r, Node::call("std.results", [step.clone()]))]
        };
        for (k, name) in names.iter().enumerate() {
            self.declare(name);
            let value = if names.len() == 1 {
                step.clone()
            } else {
                nth(var(&r), k as i64)
            };
            body.push(let_(name, value));
            if k == 0 {
                body.push(Node::call(
                    "std.if",
                    [
                        Node::call("bool.eq", [var(name), Node::Null]),
                        Node::call("std.break", []),
                    ],
                ));
                body.push(set(&cv, var(name)));
            }
        }
        body.extend(self.block_stmts(f.block()));
        self.pop_scope();
        self.func().loops -= 1;
        stmts.push(Node::call(
            "std.while",
            [Node::Bool(true), Node::call("std.seq", body)],
        ));
        seq(vec![Node::call("std.seq", stmts)])
    }
}
