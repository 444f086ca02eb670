//! Statements: blocks (with function declarations hoisted), declarations, `if`, `switch`
//! and `throw`; loops are in [`super::loops`], jumps and `try` in [`super::jump`].

use swc_ecma_ast::{BlockStmt, Decl, IfStmt, Stmt, SwitchStmt, VarDecl, VarDeclKind};
use weft_ir::Node;

use super::{Binding, Jump, JumpKind, Lowerer, call, let_, var};

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
                let nodes = self.lower_fn_decl(f);
                out.extend(self.mark_all(f.function.span, nodes));
            }
        }
        for stmt in stmts {
            if !matches!(stmt, Stmt::Decl(Decl::Fn(_))) {
                out.extend(self.lower_stmt(stmt));
            }
        }
        out
    }

    /// Statements whose last one's completion value is the value of the whole (for
    /// `weft eval`): an expression statement's value, an `if`'s taken branch's, a block's
    /// last statement's; null for any other statement.
    pub(crate) fn lower_with_completion(&mut self, stmts: &[&Stmt]) -> Vec<Node> {
        let Some((last, init)) = stmts.split_last() else {
            return vec![Node::Null];
        };
        self.predeclare(last);
        let mut out = self.lower_stmts(init, false);
        out.push(self.completion(last));
        out
    }

    fn completion(&mut self, stmt: &Stmt) -> Node {
        match stmt {
            Stmt::Expr(e) => self.lower_expr(&e.expr),
            Stmt::If(s) => {
                let test = self.lower_cond(&s.test);
                let then = self.completion_sub(&s.cons);
                let alt = match &s.alt {
                    Some(alt) => self.completion_sub(alt),
                    None => Node::Null,
                };
                call("std.if", [test, then, alt])
            }
            Stmt::Block(_) => self.completion_sub(stmt),
            other => {
                let mut nodes = self.lower_stmt(other);
                nodes.push(Node::Null);
                call("std.seq", nodes)
            }
        }
    }

    fn completion_sub(&mut self, stmt: &Stmt) -> Node {
        self.push_scope();
        let node = match stmt {
            Stmt::Block(b) => {
                let stmts: Vec<&Stmt> = b.stmts.iter().collect();
                call("std.seq", self.lower_with_completion(&stmts))
            }
            other => self.completion(other),
        };
        self.pop_scope();
        node
    }

    pub(crate) fn predeclare(&mut self, stmt: &Stmt) {
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
            Stmt::Decl(Decl::Class(c)) if !c.declare => {
                self.declare(c.ident.sym.as_str(), Binding::Mutable);
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
    pub(crate) fn lower_sub(&mut self, stmt: &Stmt) -> Node {
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
        self.mark_all(span, out)
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
                one(self.lower_jump(JumpKind::Return, value))
            }
            Stmt::Break(b) => match &b.label {
                Some(_) => one(self.unsupported("a labelled `break`", b.span)),
                None => one(self.lower_jump(JumpKind::Break, Node::Null)),
            },
            Stmt::Continue(c) => match &c.label {
                Some(_) => one(self.unsupported("a labelled `continue`", c.span)),
                None => one(self.lower_jump(JumpKind::Continue, Node::Null)),
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
            Decl::Class(c) if c.declare => Vec::new(),
            Decl::Class(c) => self.lower_class_decl(c.ident.sym.as_str(), &c.class),
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

    /// `switch`: the discriminant and the index of the matching case (the default's, or
    /// one past the end) are computed first; case `k`'s statements run when that index is
    /// at most `k` (fall-through), all inside a loop that runs once so `break` leaves it.
    fn lower_switch(&mut self, s: &SwitchStmt) -> Node {
        // Each case is tested in the `else` of the one before it.
        if s.cases.len() >= weft_ir::MAX_DEPTH {
            let d = crate::diagnostics::nesting_too_deep(self.range(s.span));
            self.error(d);
            return Node::Null;
        }
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
        let switch = Jump::Switch {
            flag: flag.clone(),
            used: false,
            exit: None,
        };
        let (mut body, switch) = self.in_jump_target(switch, |l| {
            l.push_scope();
            let all: Vec<&Stmt> = s.cases.iter().flat_map(|c| c.cons.iter()).collect();
            for stmt in &all {
                l.predeclare(stmt);
            }
            let mut body = Vec::new();
            for (k, case) in s.cases.iter().enumerate() {
                let mut stmts = Vec::new();
                for stmt in &case.cons {
                    stmts.extend(l.lower_stmt(stmt));
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
            l.pop_scope();
            body
        });
        body.push(call("std.break", []));
        let (used, exit) = match switch {
            Jump::Switch { used, exit, .. } => (used, exit),
            _ => (false, None),
        };
        if used {
            out.push(let_(&flag, Node::Bool(false)));
        }
        let once = call("std.while", [Node::Bool(true), call("std.seq", body)]);
        out.push(Self::after_loop(once, exit));
        if used {
            let cont = self.lower_jump(JumpKind::Continue, Node::Null);
            out.push(call("std.if", [var(&flag), cont]));
        }
        call("std.seq", out)
    }
}
