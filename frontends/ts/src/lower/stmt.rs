//! Statements: blocks (with function declarations hoisted), declarations, control flow,
//! loops, `switch`, `try`/`catch`/`finally` and `throw`.

use swc_ecma_ast::{
    BlockStmt, Decl, DoWhileStmt, ForHead, ForInStmt, ForOfStmt, ForStmt, IfStmt, Stmt, SwitchStmt,
    TryStmt, VarDecl, VarDeclKind, VarDeclOrExpr, WhileStmt,
};
use weft_ir::Node;

use super::{Binding, Jump, Lowerer, call, let_, seq, set, var};

impl Lowerer<'_> {
    /// Lowers statements in the current scope: declares their names first, then emits
    /// function declarations (hoisted, as JavaScript does), then the rest in order.
    pub(crate) fn lower_stmts(&mut self, stmts: &[&Stmt], _top: bool) -> Vec<Node> {
        for stmt in stmts {
            self.predeclare(stmt);
        }
        let mut out = Vec::new();
        for stmt in stmts {
            if let Stmt::Decl(Decl::Fn(f)) = stmt {
                out.extend(self.lower_fn_decl(f));
            }
        }
        for stmt in stmts {
            if !matches!(stmt, Stmt::Decl(Decl::Fn(_))) {
                out.extend(self.lower_stmt(stmt));
            }
        }
        out
    }

    fn predeclare(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Decl(Decl::Var(v)) if !v.declare => {
                let binding = if v.kind == VarDeclKind::Const {
                    Binding::Const
                } else {
                    Binding::Mutable
                };
                for d in &v.decls {
                    let mut names = Vec::new();
                    super::pattern::names(&d.name, &mut names);
                    for n in names {
                        self.declare(&n, binding);
                    }
                }
            }
            Stmt::Decl(Decl::Fn(f)) if !f.declare => {
                self.declare(f.ident.sym.as_str(), Binding::Mutable);
            }
            _ => {}
        }
    }

    /// A block in its own scope, as one node.
    pub(crate) fn lower_block(&mut self, block: &BlockStmt) -> Node {
        self.lower_body(&block.stmts.iter().collect::<Vec<_>>())
    }

    pub(crate) fn lower_body(&mut self, stmts: &[&Stmt]) -> Node {
        self.push_scope();
        let nodes = self.lower_stmts(stmts, false);
        self.pop_scope();
        if nodes.is_empty() {
            Node::Null
        } else {
            call("std.seq", nodes)
        }
    }

    /// A loop or branch body: a block's statements, or one statement, in a new scope.
    fn lower_sub(&mut self, stmt: &Stmt) -> Node {
        match stmt {
            Stmt::Block(b) => self.lower_block(b),
            other => self.lower_body(&[other]),
        }
    }

    pub(crate) fn lower_stmt(&mut self, stmt: &Stmt) -> Vec<Node> {
        let span = swc_common::Spanned::span(stmt);
        if !self.enter(span) {
            return Vec::new();
        }
        let out = self.lower_stmt_inner(stmt);
        self.leave();
        out
    }

    fn lower_stmt_inner(&mut self, stmt: &Stmt) -> Vec<Node> {
        let one = |n: Node| vec![n];
        match stmt {
            Stmt::Expr(e) => one(self.lower_expr_unused(&e.expr)),
            Stmt::Empty(_) => Vec::new(),
            Stmt::Block(b) => one(self.lower_block(b)),
            Stmt::Decl(d) => self.lower_decl(d),
            Stmt::If(s) => one(self.lower_if(s)),
            Stmt::While(s) => one(self.lower_while(s)),
            Stmt::DoWhile(s) => one(self.lower_do_while(s)),
            Stmt::For(s) => one(self.lower_for(s)),
            Stmt::ForOf(s) => one(self.lower_for_of(s)),
            Stmt::ForIn(s) => one(self.lower_for_in(s)),
            Stmt::Return(r) => {
                let value = r.arg.as_ref().map_or(Node::Null, |e| self.lower_expr(e));
                one(call("std.return", [value]))
            }
            Stmt::Break(b) => match &b.label {
                Some(_) => one(self.unsupported("a labelled `break`", b.span)),
                None => one(call("std.break", [])),
            },
            Stmt::Continue(c) => match &c.label {
                Some(_) => one(self.unsupported("a labelled `continue`", c.span)),
                None => one(self.lower_continue()),
            },
            Stmt::Throw(t) => one(call("std.throw", [self.lower_expr(&t.arg)])),
            Stmt::Try(t) => one(self.lower_try(t)),
            Stmt::Switch(s) => one(self.lower_switch(s)),
            Stmt::Labeled(l) => one(self.unsupported("a labelled statement", l.span)),
            Stmt::With(w) => one(self.unsupported("`with`", w.span)),
            Stmt::Debugger(d) => one(self.unsupported("`debugger`", d.span)),
        }
    }

    fn lower_decl(&mut self, decl: &Decl) -> Vec<Node> {
        match decl {
            Decl::Var(v) => self.lower_var_decl(v),
            Decl::Fn(f) => self.lower_fn_decl(f),
            Decl::Class(c) if !c.class.decorators.is_empty() => {
                vec![self.unsupported("a decorator", c.class.decorators[0].span)]
            }
            Decl::Class(c) => vec![self.unsupported("`class`", c.class.span)],
            Decl::Using(u) => vec![self.unsupported("`using`", u.span)],
            Decl::TsInterface(_) | Decl::TsTypeAlias(_) => Vec::new(),
            Decl::TsEnum(e) if e.declare => Vec::new(),
            Decl::TsEnum(e) => vec![self.unsupported("`enum`", e.span)],
            Decl::TsModule(m) if m.declare => Vec::new(),
            Decl::TsModule(m) => vec![self.unsupported("`namespace`", m.span)],
        }
    }

    pub(crate) fn lower_var_decl(&mut self, v: &VarDecl) -> Vec<Node> {
        if v.declare {
            return Vec::new();
        }
        let binding = if v.kind == VarDeclKind::Const {
            Binding::Const
        } else {
            Binding::Mutable
        };
        let mut out = Vec::new();
        for d in &v.decls {
            let value = d.init.as_ref().map_or(Node::Null, |e| self.lower_expr(e));
            out.extend(self.bind_pattern(&d.name, value, Some(binding)));
        }
        out
    }

    fn lower_if(&mut self, s: &IfStmt) -> Node {
        let test = self.lower_cond(&s.test);
        let then = self.lower_sub(&s.cons);
        match &s.alt {
            Some(alt) => {
                let alt = self.lower_sub(alt);
                call("std.if", [test, then, alt])
            }
            None => call("std.if", [test, then]),
        }
    }

    /// Lowers a loop body with `break`/`continue` referring to this loop.
    fn loop_body(&mut self, body: &Stmt) -> Node {
        self.jumps.push(Jump::Loop);
        let node = self.lower_sub(body);
        self.jumps.pop();
        node
    }

    fn lower_while(&mut self, s: &WhileStmt) -> Node {
        let test = self.lower_cond(&s.test);
        let body = self.loop_body(&s.body);
        call("std.while", [test, body])
    }

    /// `do body while (test)`: `while (first || test) { first = false; body }`, so that
    /// `continue` still evaluates the test.
    fn lower_do_while(&mut self, s: &DoWhileStmt) -> Node {
        let first = self.temp("first");
        let test = self.lower_cond(&s.test);
        let body = self.loop_body(&s.body);
        seq(vec![
            let_(&first, Node::Bool(true)),
            call(
                "std.while",
                [
                    call("js.or", [var(&first), test]),
                    call("std.seq", [set(&first, Node::Bool(false)), body]),
                ],
            ),
        ])
    }

    /// C-style `for`: its own scope for the initialiser; the update runs before each test
    /// but the first when the body can `continue`, after the body otherwise.
    fn lower_for(&mut self, s: &ForStmt) -> Node {
        self.push_scope();
        let mut out = Vec::new();
        match &s.init {
            Some(VarDeclOrExpr::VarDecl(v)) => {
                self.predeclare(&Stmt::Decl(Decl::Var(v.clone())));
                out.extend(self.lower_var_decl(v));
            }
            Some(VarDeclOrExpr::Expr(e)) => out.push(self.lower_expr_unused(e)),
            None => {}
        }
        let test = s
            .test
            .as_ref()
            .map_or(Node::Bool(true), |e| self.lower_cond(e));
        let update = s.update.as_ref().map(|e| self.lower_expr_unused(e));
        let body = self.loop_body(&s.body);
        let loop_node = match update {
            Some(update) if has_continue(&s.body) => {
                let first = self.temp("first");
                out.push(let_(&first, Node::Bool(true)));
                let cond = call(
                    "std.seq",
                    [
                        call("std.if", [call("bool.not", [var(&first)]), update]),
                        set(&first, Node::Bool(false)),
                        test,
                    ],
                );
                call("std.while", [cond, body])
            }
            Some(update) => call("std.while", [test, call("std.seq", [body, update])]),
            None => call("std.while", [test, body]),
        };
        out.push(loop_node);
        self.pop_scope();
        call("std.seq", out)
    }

    /// The loop variable of `for (... of/in ...)`: a declared pattern or an assignment target.
    fn for_head(&mut self, head: &ForHead, item: &str) -> Vec<Node> {
        match head {
            ForHead::VarDecl(v) => {
                let binding = if v.kind == VarDeclKind::Const {
                    Binding::Const
                } else {
                    Binding::Mutable
                };
                match v.decls.first() {
                    Some(d) => self.bind_pattern(&d.name, var(item), Some(binding)),
                    None => Vec::new(),
                }
            }
            ForHead::Pat(p) => self.bind_pattern(p, var(item), None),
            ForHead::UsingDecl(u) => vec![self.unsupported("`using`", u.span)],
        }
    }

    fn for_each(&mut self, head: &ForHead, items: Node, body: &Stmt) -> Node {
        let item = self.temp("item");
        self.push_scope();
        let mut inner = self.for_head(head, &item);
        inner.push(self.loop_body(body));
        self.pop_scope();
        call("std.for", [Node::str(item), items, call("std.seq", inner)])
    }

    fn lower_for_of(&mut self, s: &ForOfStmt) -> Node {
        if s.is_await {
            return self.unsupported("`for await`", s.span);
        }
        let items = call("js.global", [Node::str("iter"), self.lower_expr(&s.right)]);
        self.for_each(&s.left, items, &s.body)
    }

    fn lower_for_in(&mut self, s: &ForInStmt) -> Node {
        let items = call("js.global", [Node::str("keys"), self.lower_expr(&s.right)]);
        self.for_each(&s.left, items, &s.body)
    }

    /// `continue`, leaving any `switch` between it and its loop first.
    fn lower_continue(&mut self) -> Node {
        match self.jumps.last_mut() {
            Some(Jump::Switch { flag, used }) => {
                *used = true;
                let flag = flag.clone();
                call(
                    "std.seq",
                    [set(&flag, Node::Bool(true)), call("std.break", [])],
                )
            }
            _ => call("std.continue", []),
        }
    }

    /// `switch`: the discriminant and the index of the matching case (the default's, or
    /// one past the end) are computed first; case `k`'s statements run when that index is
    /// at most `k` (fall-through), all inside a loop that runs once so `break` leaves it.
    fn lower_switch(&mut self, s: &SwitchStmt) -> Node {
        let disc = self.temp("switch");
        let index = self.temp("case");
        let flag = self.temp("continue");
        let mut out = vec![let_(&disc, self.lower_expr(&s.discriminant))];
        let default = s.cases.iter().position(|c| c.test.is_none());
        let mut choose = Node::Int(default.unwrap_or(s.cases.len()) as i64);
        for (k, case) in s.cases.iter().enumerate().rev() {
            if let Some(test) = &case.test {
                let test = self.lower_expr(test);
                choose = call(
                    "std.if",
                    [
                        call("bool.eq", [var(&disc), test]),
                        Node::Int(k as i64),
                        choose,
                    ],
                );
            }
        }
        out.push(let_(&index, choose));
        self.jumps.push(Jump::Switch {
            flag: flag.clone(),
            used: false,
        });
        self.push_scope();
        let all: Vec<&Stmt> = s.cases.iter().flat_map(|c| c.cons.iter()).collect();
        for stmt in &all {
            self.predeclare(stmt);
        }
        let mut body = Vec::new();
        for (k, case) in s.cases.iter().enumerate() {
            let mut stmts = Vec::new();
            for stmt in &case.cons {
                stmts.extend(self.lower_stmt(stmt));
            }
            if !stmts.is_empty() {
                body.push(call(
                    "std.if",
                    [
                        call("bool.lte", [var(&index), Node::Int(k as i64)]),
                        call("std.seq", stmts),
                    ],
                ));
            }
        }
        self.pop_scope();
        body.push(call("std.break", []));
        let used = matches!(self.jumps.pop(), Some(Jump::Switch { used: true, .. }));
        if used {
            out.push(let_(&flag, Node::Bool(false)));
        }
        out.push(call("std.while", [Node::Bool(true), call("std.seq", body)]));
        if used {
            let cont = self.lower_continue();
            out.push(call("std.if", [var(&flag), cont]));
        }
        call("std.seq", out)
    }

    /// `try`/`catch`/`finally` on `std.try_error`. `finally` runs after the protected
    /// statements and handler, and before an error escapes; a `return`, `break` or
    /// `continue` that leaves the `try` skips it (documented).
    fn lower_try(&mut self, t: &TryStmt) -> Node {
        let body = self.lower_block(&t.block);
        let protected = match &t.handler {
            Some(handler) => {
                let err = self.temp("error");
                self.push_scope();
                let mut h = Vec::new();
                if let Some(param) = &handler.param {
                    let caught = call("js.caught", [var(&err)]);
                    h.extend(self.bind_pattern(param, caught, Some(Binding::Mutable)));
                }
                h.push(self.lower_block(&handler.body));
                self.pop_scope();
                call("std.try_error", [body, Node::str(&err), call("std.seq", h)])
            }
            None => body,
        };
        match &t.finalizer {
            Some(fin) => {
                let err = self.temp("error");
                let again = self.lower_block(fin);
                let after = self.lower_block(fin);
                call(
                    "std.seq",
                    [
                        call(
                            "std.try_error",
                            [
                                protected,
                                Node::str(&err),
                                call(
                                    "std.seq",
                                    [again, call("std.throw", [call("js.caught", [var(&err)])])],
                                ),
                            ],
                        ),
                        after,
                    ],
                )
            }
            None => protected,
        }
    }
}

/// Whether `continue` occurs in a loop body outside nested loops (and functions).
fn has_continue(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Continue(_) => true,
        Stmt::Block(b) => b.stmts.iter().any(has_continue),
        Stmt::If(s) => has_continue(&s.cons) || s.alt.as_deref().is_some_and(has_continue),
        Stmt::Labeled(l) => has_continue(&l.body),
        Stmt::Switch(s) => s.cases.iter().flat_map(|c| c.cons.iter()).any(has_continue),
        Stmt::Try(t) => {
            t.block.stmts.iter().any(has_continue)
                || t.handler
                    .as_ref()
                    .is_some_and(|h| h.body.stmts.iter().any(has_continue))
                || t.finalizer
                    .as_ref()
                    .is_some_and(|f| f.stmts.iter().any(has_continue))
        }
        _ => false,
    }
}
