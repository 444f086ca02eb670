//! Statements: assignment, control flow, loops (with `else`), `try`, `raise`, `assert`.

use std::ops::Range;

use rustpython_parser::ast::{self, Ranged};
use weft_ir::{MAX_DEPTH, Node};

use super::{Finally, JUMP, Loop, Lowerer, block, call, let_, set, span, var};
use crate::diagnostics;

impl Lowerer<'_> {
    /// Lowers one statement, appending its nodes to `out` (temporaries are declared there),
    /// each recorded in the source map as coming from the statement.
    pub fn lower_stmt(&mut self, stmt: &ast::Stmt, out: &mut Vec<Node>) {
        if !self.enter(span(stmt)) {
            return;
        }
        let first = out.len();
        self.lower_stmt_inner(stmt, out);
        self.marks.mark_each(span(stmt), &mut out[first..]);
        self.leave();
    }

    /// `return value`, as the statement a lambda's body is, recorded in the source map as
    /// coming from `at` (the lambda).
    pub fn lower_return(&mut self, value: &ast::Expr, at: Range<usize>, out: &mut Vec<Node>) {
        if !self.enter(at.clone()) {
            return;
        }
        let value = self.lower_expr(value);
        let first = out.len();
        out.push(self.jump("return", value));
        self.marks.mark_each(at, &mut out[first..]);
        self.leave();
    }

    fn lower_stmt_inner(&mut self, stmt: &ast::Stmt, out: &mut Vec<Node>) {
        match stmt {
            ast::Stmt::Expr(e) => {
                if let ast::Expr::Constant(ast::ExprConstant {
                    value: ast::Constant::Str(_),
                    ..
                }) = &*e.value
                {
                    return; // a docstring
                }
                let node = self.lower_expr(&e.value);
                out.push(node);
            }
            ast::Stmt::Assign(a) => self.lower_assign(a, out),
            ast::Stmt::AugAssign(a) => self.lower_aug_assign(a, out),
            ast::Stmt::AnnAssign(a) => {
                if let Some(value) = &a.value {
                    let value = self.lower_expr(value);
                    self.assign(&a.target, value, false, out);
                }
            }
            ast::Stmt::If(i) => {
                let cond = self.lower_cond(&i.test);
                let then = self.lower_block(&i.body);
                let mut args = vec![cond, then];
                if !i.orelse.is_empty() {
                    args.push(self.lower_block(&i.orelse));
                }
                out.push(call("std.if", args));
            }
            ast::Stmt::While(w) => self.lower_while(w, out),
            ast::Stmt::For(f) => self.lower_for(f, out),
            ast::Stmt::Break(b) => out.push(self.lower_jump(b.range, "break")),
            ast::Stmt::Continue(c) => out.push(self.lower_jump(c.range, "continue")),
            ast::Stmt::Return(r) => {
                let value = r
                    .value
                    .as_deref()
                    .map_or(Node::Null, |v| self.lower_expr(v));
                out.push(self.jump("return", value));
            }
            ast::Stmt::Pass(_) | ast::Stmt::Global(_) | ast::Stmt::Nonlocal(_) => {}
            ast::Stmt::FunctionDef(def) => self.lower_def(def, out),
            ast::Stmt::Raise(r) => out.push(self.lower_raise(r)),
            ast::Stmt::Try(t) => self.lower_try(t, out),
            ast::Stmt::Assert(a) => {
                let cond = self.lower_cond(&a.test);
                let args = match &a.msg {
                    Some(m) => vec![self.lower_expr(m)],
                    None => Vec::new(),
                };
                let exc = call(
                    "py.exception",
                    [Node::str("AssertionError"), call("list.new", args)],
                );
                out.push(call(
                    "std.if",
                    [call("bool.not", [cond]), call("py.raise", [exc])],
                ));
            }
            ast::Stmt::Delete(d) => {
                for t in &d.targets {
                    match t {
                        ast::Expr::Subscript(s) if !matches!(&*s.slice, ast::Expr::Slice(_)) => {
                            let obj = self.lower_expr(&s.value);
                            let key = self.lower_index(&s.slice);
                            out.push(call("py.delitem", [obj, key]));
                        }
                        other => {
                            self.error(diagnostics::syntax(
                                span(other),
                                "`del` of anything but `obj[key]`",
                            ));
                        }
                    }
                }
            }
            ast::Stmt::Import(i) => self.lower_import(i, out),
            ast::Stmt::ImportFrom(i) => {
                let module = i.module.as_ref().map_or("", |m| m.as_str());
                if i.level.is_some_and(|l| l.to_u32() > 0)
                    || (module != "weft" && !module.starts_with("weft."))
                {
                    self.lower_import_from(i, out);
                }
            }
            ast::Stmt::ClassDef(c) => self.lower_class(c, out),
            ast::Stmt::AsyncFunctionDef(s) => {
                let start = usize::from(s.range.start());
                self.error(diagnostics::async_code(
                    start..start + "async def ".len() + s.name.len(),
                ));
            }
            ast::Stmt::AsyncFor(s) => {
                self.error(diagnostics::async_code(span(s)));
            }
            ast::Stmt::AsyncWith(s) => {
                self.error(diagnostics::async_code(span(s)));
            }
            ast::Stmt::With(w) => {
                let end = w
                    .items
                    .last()
                    .map_or(w.range.end(), |i| i.context_expr.range().end());
                self.error(diagnostics::with_stmt(
                    usize::from(w.range.start())..usize::from(end),
                ));
            }
            ast::Stmt::Match(m) => {
                self.error(diagnostics::match_stmt(span(&*m.subject)));
            }
            ast::Stmt::TryStar(t) => {
                self.error(diagnostics::syntax(span(t), "`except*`"));
            }
            ast::Stmt::TypeAlias(t) => {
                self.error(diagnostics::syntax(span(t), "`type` aliases"));
            }
        }
    }

    /// A nested block of statements as one node.
    pub fn lower_block(&mut self, body: &[ast::Stmt]) -> Node {
        let mut out = Vec::new();
        for s in body {
            self.lower_stmt(s, &mut out);
        }
        if out.is_empty() {
            Node::Null
        } else {
            block(out)
        }
    }

    /// An expression used as a condition: a bool by Python truthiness.
    pub fn lower_cond(&mut self, e: &ast::Expr) -> Node {
        let node = self.lower_expr(e);
        if self.is_bool_expr(e) {
            node
        } else {
            call("py.truthy", [node])
        }
    }

    fn lower_jump(
        &mut self,
        range: rustpython_parser::text_size::TextRange,
        what: &'static str,
    ) -> Node {
        if self.loops.is_empty() {
            let s = usize::from(range.start())..usize::from(range.end());
            return self.error(diagnostics::syntax(s, &format!("`{what}` outside a loop")));
        }
        self.jump(what, Node::Null)
    }

    /// `return value`, `break` or `continue` from here: a plain jump, or a thrown jump
    /// value when a `finally` lies between here and the target.
    fn jump(&mut self, what: &'static str, value: Node) -> Node {
        let through_finally = match what {
            "return" => !self.finally.is_empty(),
            _ => self
                .loops
                .last()
                .is_some_and(|lp| lp.finally_depth < self.finally.len()),
        };
        if through_finally {
            let Some(fin) = self.finally.last_mut() else {
                return Node::Null;
            };
            if !fin.kinds.contains(&what) {
                fin.kinds.push(what);
            }
            let throw = call(
                "std.throw",
                [call(
                    "obj.new",
                    [Node::Array(vec![Node::str(JUMP), Node::str(what)])],
                )],
            );
            return if what == "return" {
                call("std.seq", [set(&fin.value.clone(), value), throw])
            } else {
                throw
            };
        }
        match what {
            "return" => call("std.return", [value]),
            "continue" => call("std.continue", []),
            _ => {
                let flag = self.loops.last().and_then(|lp| lp.broke.clone());
                match flag {
                    Some(flag) => call(
                        "std.seq",
                        [set(&flag, Node::Bool(true)), call("std.break", [])],
                    ),
                    None => call("std.break", []),
                }
            }
        }
    }

    /// Runs `body` as a loop with an optional `else`: returns the flag variable's name.
    fn enter_loop(&mut self, has_else: bool, out: &mut Vec<Node>) -> Option<String> {
        let broke = has_else.then(|| self.temp());
        if let Some(flag) = &broke {
            out.push(let_(flag, Node::Bool(false)));
        }
        self.loops.push(Loop {
            broke: broke.clone(),
            finally_depth: self.finally.len(),
        });
        broke
    }

    fn leave_loop(&mut self, broke: Option<String>, orelse: &[ast::Stmt], out: &mut Vec<Node>) {
        self.loops.pop();
        if let Some(flag) = broke {
            let body = self.lower_block(orelse);
            out.push(call("std.if", [call("bool.not", [var(&flag)]), body]));
        }
    }

    fn lower_while(&mut self, w: &ast::StmtWhile, out: &mut Vec<Node>) {
        let cond = self.lower_cond(&w.test);
        let broke = self.enter_loop(!w.orelse.is_empty(), out);
        let body = self.lower_block(&w.body);
        out.push(call("std.while", [cond, body]));
        self.leave_loop(broke, &w.orelse, out);
    }

    /// `range(...)` arguments when a `for` can count instead of building a list:
    /// (start, stop, step) with a literal step.
    fn counted_range(&mut self, iter: &ast::Expr) -> Option<(Node, Node, i64)> {
        let ast::Expr::Call(c) = iter else {
            return None;
        };
        let ast::Expr::Name(n) = &*c.func else {
            return None;
        };
        if n.id.as_str() != "range" || self.is_local("range") || !c.keywords.is_empty() {
            return None;
        }
        if c.args.iter().any(|a| matches!(a, ast::Expr::Starred(_))) {
            return None;
        }
        let step = match c.args.get(2) {
            None => 1,
            Some(e) => match self.int_literal(e) {
                Some(s) if s != 0 => s,
                _ => return None,
            },
        };
        let (start, stop) = match c.args.as_slice() {
            [stop] => (Node::Int(0), self.lower_expr(stop)),
            [start, stop] | [start, stop, _] => (self.lower_expr(start), self.lower_expr(stop)),
            _ => return None,
        };
        Some((start, stop, step))
    }

    fn lower_for(&mut self, f: &ast::StmtFor, out: &mut Vec<Node>) {
        if let Some((start, stop, step)) = self.counted_range(&f.iter) {
            let (i, end) = (self.temp(), self.temp());
            out.push(let_(&end, stop));
            out.push(let_(&i, start));
            let broke = self.enter_loop(!f.orelse.is_empty(), out);
            let mut body = Vec::new();
            self.assign(&f.target, var(&i), false, &mut body);
            body.push(set(&i, call("math.add", [var(&i), Node::Int(step)])));
            for s in &f.body {
                self.lower_stmt(s, &mut body);
            }
            let test = if step > 0 { "bool.lt" } else { "bool.gt" };
            out.push(call(
                "std.while",
                [call(test, [var(&i), var(&end)]), call("std.seq", body)],
            ));
            self.leave_loop(broke, &f.orelse, out);
            return;
        }
        let items = self.lower_expr(&f.iter);
        let item = self.temp();
        let broke = self.enter_loop(!f.orelse.is_empty(), out);
        let mut body = Vec::new();
        self.assign(&f.target, var(&item), false, &mut body);
        for s in &f.body {
            self.lower_stmt(s, &mut body);
        }
        out.push(call(
            "std.for",
            [
                Node::str(&item),
                call("py.iter", [items]),
                call("std.seq", body),
            ],
        ));
        self.leave_loop(broke, &f.orelse, out);
    }

    fn lower_raise(&mut self, r: &ast::StmtRaise) -> Node {
        let Some(exc) = &r.exc else {
            return match self.handlers.last() {
                Some(h) => call("py.raise", [var(h)]),
                None => self.error(diagnostics::bare_raise(span(r))),
            };
        };
        let value = self.lower_expr(exc);
        call("py.raise", [value])
    }

    /// `try`/`except`/`else`/`finally` on `std.try_error`.
    fn lower_try(&mut self, t: &ast::StmtTry, out: &mut Vec<Node>) {
        // Each handler is tested in the `else` of the one before it.
        if t.handlers.len() >= MAX_DEPTH {
            out.push(self.nesting_too_deep(span(t)));
            return;
        }
        let has_finally = !t.finalbody.is_empty();
        if has_finally {
            let value = self.temp();
            self.finally.push(Finally {
                value,
                kinds: Vec::new(),
            });
        }
        let mut inner = Vec::new();
        let ok = (!t.orelse.is_empty()).then(|| self.temp());
        if let Some(ok) = &ok {
            inner.push(let_(ok, Node::Bool(false)));
        }
        let mut body = Vec::new();
        for s in &t.body {
            self.lower_stmt(s, &mut body);
        }
        if let Some(ok) = &ok {
            body.push(set(ok, Node::Bool(true)));
        }
        let body = if body.is_empty() {
            Node::Null
        } else {
            call("std.seq", body)
        };
        if t.handlers.is_empty() {
            inner.push(body);
        } else {
            let (err, exc) = (self.temp(), self.temp());
            self.handlers.push(exc.clone());
            let mut chain = call("py.raise", [var(&exc)]);
            for h in t.handlers.iter().rev() {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                let mut hbody = Vec::new();
                if let Some(name) = &h.name {
                    hbody.push(set(name, var(&exc)));
                }
                for s in &h.body {
                    self.lower_stmt(s, &mut hbody);
                }
                let hbody = if hbody.is_empty() {
                    Node::Null
                } else {
                    call("std.seq", hbody)
                };
                let types = match &h.type_ {
                    None => call("list.new", [Node::str("BaseException")]),
                    Some(ty) => self.exception_types(ty),
                };
                chain = call(
                    "std.if",
                    [call("py.exc_match", [var(&exc), types]), hbody, chain],
                );
            }
            self.handlers.pop();
            let handler = call(
                "std.seq",
                [let_(&exc, call("py.catch", [var(&err)])), chain],
            );
            inner.push(call("std.try_error", [body, Node::str(&err), handler]));
        }
        if let Some(ok) = &ok {
            let orelse = self.lower_block(&t.orelse);
            inner.push(call("std.if", [var(ok), orelse]));
        }
        if !has_finally {
            out.extend(inner);
            return;
        }
        let Some(fin) = self.finally.pop() else {
            return;
        };
        let (pending, err) = (self.temp(), self.temp());
        if fin.kinds.contains(&"return") {
            out.push(let_(&fin.value, Node::Null));
        }
        out.push(let_(&pending, Node::Null));
        let guarded = call("std.seq", inner);
        out.push(call(
            "std.try_error",
            [
                guarded,
                Node::str(&err),
                set(&pending, call("py.catch", [var(&err)])),
            ],
        ));
        for s in &t.finalbody {
            self.lower_stmt(s, out);
        }
        // A jump value is an object that is not an exception: its Python type is `dict`.
        let mut dispatch = call("py.raise", [var(&pending)]);
        for kind in fin.kinds.iter().rev() {
            let value = if *kind == "return" {
                var(&fin.value)
            } else {
                Node::Null
            };
            let jump = self.jump(kind, value);
            let test = call(
                "bool.eq",
                [
                    call("obj.get", [var(&pending), Node::str(JUMP), Node::Null]),
                    Node::str(*kind),
                ],
            );
            dispatch = call("std.if", [test, jump, dispatch]);
        }
        if !fin.kinds.is_empty() {
            let is_jump = call(
                "bool.eq",
                [call("py.type_name", [var(&pending)]), Node::str("dict")],
            );
            dispatch = call(
                "std.if",
                [is_jump, dispatch, call("py.raise", [var(&pending)])],
            );
        }
        out.push(call(
            "std.if",
            [call("bool.neq", [var(&pending), Node::Null]), dispatch],
        ));
    }

    /// The list of exception type names an `except` clause names.
    fn exception_types(&mut self, ty: &ast::Expr) -> Node {
        let names: Vec<&ast::Expr> = match ty {
            ast::Expr::Tuple(t) => t.elts.iter().collect(),
            other => vec![other],
        };
        let mut out = Vec::new();
        for n in names {
            match n {
                ast::Expr::Name(name)
                    if crate::lower::call::is_exception_name(&name.id)
                        && !self.is_local(&name.id) =>
                {
                    out.push(Node::str(name.id.as_str()));
                }
                // A class of the script deriving from an exception type.
                other => out.push(self.lower_expr(other)),
            }
        }
        call("list.new", out)
    }
}
