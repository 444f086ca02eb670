//! Loops: `while`, `do…while`, C-style `for` (with a fresh binding of its `let` variables
//! per iteration when a closure can see them), `for…of` and `for…in`.

use swc_ecma_ast::{
    DoWhileStmt, ForHead, ForInStmt, ForOfStmt, ForStmt, Stmt, VarDeclKind, VarDeclOrExpr,
    WhileStmt,
};
use weft_ir::Node;

use super::{Binding, Jump, Lowerer, call, let_, seq, set, var};

impl Lowerer<'_> {
    /// Lowers a loop body with `break`/`continue` referring to this loop; also returns the
    /// loop's `exit` (see [`Jump::Loop`]).
    fn loop_body(&mut self, body: &Stmt) -> (Node, Option<String>) {
        let (node, jump) = self.in_jump_target(Jump::Loop { exit: None }, |l| l.lower_sub(body));
        let exit = match jump {
            Jump::Loop { exit } => exit,
            _ => None,
        };
        (node, exit)
    }

    pub(crate) fn lower_while(&mut self, s: &WhileStmt) -> Node {
        let test = self.lower_cond(&s.test);
        let (body, exit) = self.loop_body(&s.body);
        Self::after_loop(call("std.while", [test, body]), exit)
    }

    /// `do body while (test)`: `while (first || test) { first = false; body }`, so that
    /// `continue` still evaluates the test.
    pub(crate) fn lower_do_while(&mut self, s: &DoWhileStmt) -> Node {
        let first = self.temp("first");
        let test = self.lower_cond(&s.test);
        let (body, exit) = self.loop_body(&s.body);
        let node = seq(vec![
            let_(&first, Node::Bool(true)),
            call(
                "std.while",
                [
                    call("js.or", [var(&first), test]),
                    call("std.seq", [set(&first, Node::Bool(false)), body]),
                ],
            ),
        ]);
        Self::after_loop(node, exit)
    }

    /// C-style `for`, in its own scope for the initialiser. JavaScript gives each iteration
    /// a fresh copy of the `let` variables; that is only visible to closures, so the copy is
    /// made only when a closure in the loop mentions one of them ([`Self::per_iteration`]).
    pub(crate) fn lower_for(&mut self, s: &ForStmt) -> Node {
        self.push_scope();
        let mut init = Vec::new();
        let mut lets = Vec::new();
        match &s.init {
            Some(VarDeclOrExpr::VarDecl(v)) => {
                self.predeclare(&Stmt::Decl(swc_ecma_ast::Decl::Var(v.clone())));
                init.extend(self.lower_var_decl(v));
                if v.kind == VarDeclKind::Let && !v.declare {
                    for d in &v.decls {
                        super::pattern::names(&d.name, &mut lets);
                    }
                }
            }
            Some(VarDeclOrExpr::Expr(e)) => init.push(self.lower_expr_unused(e)),
            None => {}
        }
        let test = s.test.as_ref().map(|e| self.lower_cond(e));
        let update = s.update.as_ref().map(|e| self.lower_expr_unused(e));
        let (body, exit) = self.loop_body(&s.body);
        let captured = !lets.is_empty()
            && init
                .iter()
                .chain(&test)
                .chain(&update)
                .chain([&body])
                .any(|n| closure_mentions(n, &lets));
        let node = if captured {
            self.per_iteration(init, &lets, test, update, body)
        } else {
            self.shared_binding(init, test, update, body)
        };
        self.pop_scope();
        Self::after_loop(node, exit)
    }

    /// One binding for the whole loop: the update runs before each test but the first when
    /// the body can `continue`, after the body otherwise.
    fn shared_binding(
        &mut self,
        mut out: Vec<Node>,
        test: Option<Node>,
        update: Option<Node>,
        mut body: Node,
    ) -> Node {
        let test = test.unwrap_or(Node::Bool(true));
        let loop_node = match update {
            Some(update) if rewrite_continues(&mut body, &[]) => {
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
        call("std.seq", out)
    }

    /// A fresh binding per iteration. Each variable `v` has a carrier `%v` in the loop's
    /// scope; an iteration declares `v` from its carrier, runs the update (from the second
    /// iteration on), the test and the body, and stores `v` back into the carrier, also
    /// before each `continue`. When the body redeclares `v` in a block, a `continue` there
    /// cannot name the iteration's `v`, so it calls a closure made at the start of the
    /// iteration that stores it.
    fn per_iteration(
        &mut self,
        mut out: Vec<Node>,
        lets: &[String],
        test: Option<Node>,
        update: Option<Node>,
        mut body: Node,
    ) -> Node {
        let carriers: Vec<String> = lets.iter().map(|n| self.temp(n)).collect();
        for (name, carrier) in lets.iter().zip(&carriers) {
            out.push(let_(carrier, var(name)));
        }
        let store: Vec<Node> = lets
            .iter()
            .zip(&carriers)
            .map(|(name, carrier)| set(carrier, var(name)))
            .collect();
        let mut iteration: Vec<Node> = lets
            .iter()
            .zip(&carriers)
            .map(|(name, carrier)| let_(name, var(carrier)))
            .collect();
        if let Some(update) = update {
            let first = self.temp("first");
            out.push(let_(&first, Node::Bool(true)));
            iteration.push(call(
                "std.if",
                [var(&first), set(&first, Node::Bool(false)), update],
            ));
        }
        if let Some(test) = test {
            iteration.push(call("std.if", [test, Node::Null, call("std.break", [])]));
        }
        let before_continue = if declares_any(&body, lets) {
            let sync = self.temp("store");
            iteration.push(let_(
                &sync,
                call("std.lambda", [Node::Array(Vec::new()), seq(store.clone())]),
            ));
            vec![call("std.apply", [var(&sync)])]
        } else {
            store.clone()
        };
        rewrite_continues(&mut body, &before_continue);
        iteration.push(body);
        iteration.extend(store);
        out.push(call(
            "std.while",
            [Node::Bool(true), call("std.seq", iteration)],
        ));
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
        let (body, exit) = self.loop_body(body);
        inner.push(body);
        self.pop_scope();
        let node = call("std.for", [Node::str(item), items, call("std.seq", inner)]);
        Self::after_loop(node, exit)
    }

    pub(crate) fn lower_for_of(&mut self, s: &ForOfStmt) -> Node {
        if s.is_await {
            return self.unsupported("`for await`", s.span);
        }
        let items = call("js.global", [Node::str("iter"), self.lower_expr(&s.right)]);
        self.for_each(&s.left, items, &s.body)
    }

    pub(crate) fn lower_for_in(&mut self, s: &ForInStmt) -> Node {
        let items = call("js.global", [Node::str("keys"), self.lower_expr(&s.right)]);
        self.for_each(&s.left, items, &s.body)
    }
}

/// Whether a `std.lambda` inside `node` reads, assigns or declares one of `names`
/// (conservatively: a mention inside the lambda that is shadowed there counts too).
fn closure_mentions(node: &Node, names: &[String]) -> bool {
    let Node::Array(items) = node else {
        return false;
    };
    match node.head() {
        Some("std.quote") => false,
        Some("std.lambda") => mentions(node, names),
        _ => items.iter().any(|n| closure_mentions(n, names)),
    }
}

/// Whether a variable-naming form in `node` (`std.var`, `std.set`, `std.let`, `std.for`,
/// a lambda's parameters) names one of `names`.
fn mentions(node: &Node, names: &[String]) -> bool {
    let Node::Array(items) = node else {
        return false;
    };
    let named = |n: &Node| matches!(n, Node::Str(s) if names.contains(s));
    match node.head() {
        Some("std.quote") => false,
        Some("std.var" | "std.set" | "std.let" | "std.for") => {
            node.args().first().is_some_and(named) || items.iter().any(|n| mentions(n, names))
        }
        Some("std.lambda") => {
            matches!(node.args().first(), Some(Node::Array(ps)) if ps.iter().any(named))
                || node.args().iter().skip(1).any(|n| mentions(n, names))
        }
        _ => items.iter().any(|n| mentions(n, names)),
    }
}

/// Whether `node`, outside closures, declares one of `names` (`std.let`, `std.for`).
fn declares_any(node: &Node, names: &[String]) -> bool {
    let Node::Array(items) = node else {
        return false;
    };
    let declared = |n: Option<&Node>| matches!(n, Some(Node::Str(s)) if names.contains(s));
    match node.head() {
        Some("std.quote" | "std.lambda") => false,
        Some("std.let" | "std.for") if declared(node.args().first()) => true,
        _ => items.iter().any(|n| declares_any(n, names)),
    }
}

/// Puts `before` in front of each `std.continue` of the loop whose body `node` is (those
/// outside nested loops and closures); returns whether there was one.
fn rewrite_continues(node: &mut Node, before: &[Node]) -> bool {
    if node.head() == Some("std.continue") {
        if !before.is_empty() {
            let mut nodes = before.to_vec();
            nodes.push(call("std.continue", []));
            *node = call("std.seq", nodes);
        }
        return true;
    }
    if matches!(
        node.head(),
        Some("std.quote" | "std.lambda" | "std.while" | "std.for")
    ) {
        return false;
    }
    let Node::Array(items) = node else {
        return false;
    };
    let mut found = false;
    for item in items.iter_mut() {
        found |= rewrite_continues(item, before);
    }
    found
}
