//! `class` statements, on the IR's object model (`py.class`; see the runtime's
//! `py::classes`).
//!
//! ```text
//! class C(B):                 C = py.class("C", [B], {"x": 1, "m": <function>, ...},
//!     x = 1                                %py.new)
//!     def m(self, y): ...
//! ```
//!
//! The namespace is built from the body's `def`s and `name = value` assignments in order;
//! its functions are lowered in the scope around the class, as Python resolves the names
//! a method uses (a class body is not an enclosing scope of its methods). A class is
//! called through `%py.new` (defined once at the top of a module that has classes), which
//! makes the instance and runs `__init__` as an ordinary call, so `__init__` may sleep.

use rustpython_parser::ast;
use weft_ir::Node;

use super::{Lowerer, call, let_, set, span, var};
use crate::diagnostics;

/// The constructor every class is called through.
pub(crate) const NEW: &str = "%py.new";

/// `%py.new = lambda cls, *args: (self := obj.create(cls), cls.__init__(self, *args), self)`.
pub(crate) fn constructor() -> Node {
    let init = call("py.class_attr", [var("$cls"), Node::str("__init__")]);
    let args = call(
        "list.concat",
        [
            call("list.new", [var("$self")]),
            call("list.slice", [call("std.args", []), Node::Int(1)]),
        ],
    );
    let body = call(
        "std.seq",
        [
            let_("$self", call("obj.create", [var("$cls")])),
            let_("$init", init),
            call(
                "std.if",
                [
                    call("bool.neq", [var("$init"), Node::Null]),
                    call("std.apply_list", [var("$init"), args]),
                ],
            ),
            var("$self"),
        ],
    );
    let_(
        NEW,
        call("std.lambda", [Node::Array(vec![Node::str("$cls")]), body]),
    )
}

/// The class whose body is being lowered, for `super()` in its methods.
#[derive(Clone, Debug)]
pub(crate) struct ClassCtx {
    /// The variable the class is stored in.
    pub name: String,
}

impl Lowerer<'_> {
    pub fn lower_class(&mut self, c: &ast::StmtClassDef, out: &mut Vec<Node>) {
        self.uses_classes = true;
        if let Some(d) = c.decorator_list.first() {
            self.error(diagnostics::class_def(span(d), "a class decorator"));
        }
        if let Some(k) = c.keywords.first() {
            self.error(diagnostics::class_def(
                span(k),
                "a class keyword (`metaclass=`...)",
            ));
        }
        let mut bases = Vec::new();
        for b in &c.bases {
            match b {
                ast::Expr::Name(n)
                    if !self.is_local(&n.id) && matches!(n.id.as_str(), "object" | "ABC") => {}
                // A builtin exception type as a base: a class standing for it.
                ast::Expr::Name(n)
                    if !self.is_local(&n.id) && super::call::is_exception_name(&n.id) =>
                {
                    bases.push(call(
                        "py.exception_class",
                        [Node::str(n.id.as_str()), var(NEW)],
                    ));
                }
                ast::Expr::Name(n) if !self.is_local(&n.id) && n.id.as_str() == "Enum" => {
                    self.error(diagnostics::class_def(span(b), "an `Enum` class"));
                }
                other => bases.push(self.lower_expr(other)),
            }
        }
        self.classes.push(ClassCtx {
            name: c.name.to_string(),
        });
        let mut entries: Vec<(String, Node)> = Vec::new();
        for stmt in &c.body {
            self.class_member(stmt, &mut entries);
        }
        self.classes.pop();
        let ns = call(
            "obj.new",
            entries
                .into_iter()
                .map(|(k, v)| Node::Array(vec![Node::Str(k), v])),
        );
        out.push(set(
            &c.name,
            call(
                "py.class",
                [
                    Node::str(c.name.as_str()),
                    call("list.new", bases),
                    ns,
                    var(NEW),
                ],
            ),
        ));
    }

    /// One statement of a class body, as namespace entries.
    fn class_member(&mut self, stmt: &ast::Stmt, entries: &mut Vec<(String, Node)>) {
        fn put(entries: &mut Vec<(String, Node)>, name: &str, value: Node) {
            match entries.iter_mut().find(|(k, _)| k == name) {
                Some(slot) => slot.1 = value,
                None => entries.push((name.to_owned(), value)),
            }
        }
        match stmt {
            ast::Stmt::Pass(_) => {}
            // A docstring.
            ast::Stmt::Expr(e) if matches!(&*e.value, ast::Expr::Constant(_)) => {}
            ast::Stmt::Assign(a) => {
                let [ast::Expr::Name(n)] = a.targets.as_slice() else {
                    self.error(diagnostics::class_def(
                        span(a),
                        "an assignment in a class body to anything but one name",
                    ));
                    return;
                };
                let value = self.lower_expr(&a.value);
                put(entries, n.id.as_str(), value);
            }
            ast::Stmt::AnnAssign(a) => {
                if let (ast::Expr::Name(n), Some(v)) = (&*a.target, &a.value) {
                    let value = self.lower_expr(v);
                    put(entries, n.id.as_str(), value);
                }
            }
            ast::Stmt::FunctionDef(def) => {
                let f = self.method_value(def);
                let name = def.name.as_str();
                // `@x.setter def x(...)`: the property defined above, with a setter.
                let prior = entries
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone());
                let decorated = match def.decorator_list.as_slice() {
                    [] => Some(f),
                    [d] => self.decorated(d, name, f, prior),
                    [_, second, ..] => {
                        self.error(diagnostics::class_def(
                            span(second),
                            "more than one decorator on a method",
                        ));
                        None
                    }
                };
                if let Some(v) = decorated {
                    put(entries, name, v);
                }
            }
            other => {
                self.error(diagnostics::class_def(
                    span(other),
                    "this statement in a class body",
                ));
            }
        }
    }

    fn decorated(
        &mut self,
        d: &ast::Expr,
        name: &str,
        f: Node,
        prior: Option<Node>,
    ) -> Option<Node> {
        match d {
            // A decorator the script defines or imports: applied to the function.
            ast::Expr::Name(n) if self.is_local(&n.id) => Some(call("std.apply", [var(&n.id), f])),
            ast::Expr::Name(n) => match n.id.as_str() {
                "staticmethod" | "classmethod" | "property" => {
                    Some(call("py.decorate", [Node::str(n.id.as_str()), f]))
                }
                "abstractmethod" => Some(f),
                _ => {
                    self.error(diagnostics::decorator(span(d)));
                    None
                }
            },
            ast::Expr::Attribute(a)
                if matches!(&*a.value, ast::Expr::Name(p) if p.id.as_str() == name)
                    && matches!(a.attr.as_str(), "setter" | "getter") =>
            {
                let Some(prop) = prior else {
                    self.error(diagnostics::class_def(
                        span(d),
                        "a property setter without the property above it",
                    ));
                    return None;
                };
                Some(call("py.method", [prop, Node::str(a.attr.as_str()), f]))
            }
            _ => {
                self.error(diagnostics::decorator(span(d)));
                None
            }
        }
    }

    /// `super().name` / `super(C, self).name`: the attribute after the current class.
    pub fn lower_super_attr(&mut self, c: &ast::ExprCall, attr: &str) -> Option<Node> {
        let (cls, this) = match c.args.as_slice() {
            [] => {
                let cls = self.classes.last()?.name.clone();
                let this = self.self_names.last().cloned().flatten()?;
                (var(&cls), var(&this))
            }
            [cls, this] => (self.lower_expr(cls), self.lower_expr(this)),
            _ => return None,
        };
        let noop = call("std.lambda", [Node::Array(vec![]), Node::Null]);
        Some(call("py.super_attr", [cls, this, Node::str(attr), noop]))
    }
}
