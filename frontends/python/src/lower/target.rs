//! Assignment targets: names, `obj[key]`, and tuple/list unpacking (with one `*rest`).

use rustpython_parser::ast;
use weft_ir::Node;

use super::{Lowerer, call, let_, set, span, var};
use crate::diagnostics;

/// A node that is cheap and pure to evaluate twice.
fn is_simple(n: &Node) -> bool {
    match n {
        Node::Array(_) => matches!(n.head(), Some("std.var")),
        _ => true,
    }
}

impl Lowerer<'_> {
    /// Stores `value` into `target`: `std.set` of a local, or `std.let` when `fresh`
    /// (comprehension variables, which live in their own block).
    pub fn assign(&mut self, target: &ast::Expr, value: Node, fresh: bool, out: &mut Vec<Node>) {
        match target {
            ast::Expr::Name(n) => out.push(if fresh {
                let_(&n.id, value)
            } else {
                set(&n.id, value)
            }),
            ast::Expr::Subscript(s) => {
                if matches!(&*s.slice, ast::Expr::Slice(_)) {
                    self.error(diagnostics::syntax(span(s), "slice assignment"));
                    return;
                }
                let obj = self.lower_expr(&s.value);
                let key = self.lower_index(&s.slice);
                out.push(call("py.setitem", [obj, key, value]));
            }
            ast::Expr::Tuple(ast::ExprTuple { elts, .. })
            | ast::Expr::List(ast::ExprList { elts, .. }) => {
                self.unpack(elts, value, fresh, out);
            }
            ast::Expr::Attribute(a) => {
                let obj = self.lower_expr(&a.value);
                out.push(call("py.setattr", [obj, Node::str(a.attr.as_str()), value]));
            }
            other => {
                self.error(diagnostics::syntax(span(other), "this assignment target"));
            }
        }
    }

    fn unpack(&mut self, elts: &[ast::Expr], value: Node, fresh: bool, out: &mut Vec<Node>) {
        let stars: Vec<usize> = elts
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, ast::Expr::Starred(_)))
            .map(|(i, _)| i)
            .collect();
        let tmp = self.temp();
        let unpacked = match stars.as_slice() {
            [] => call("py.unpack", [value, Node::Int(elts.len() as i64)]),
            [i] => call(
                "py.unpack_star",
                [
                    value,
                    Node::Int(*i as i64),
                    Node::Int((elts.len() - i - 1) as i64),
                ],
            ),
            _ => {
                self.error(diagnostics::syntax(
                    span(&elts[stars[1]]),
                    "two starred targets",
                ));
                return;
            }
        };
        out.push(let_(&tmp, unpacked));
        for (i, e) in elts.iter().enumerate() {
            let target = match e {
                ast::Expr::Starred(s) => &*s.value,
                other => other,
            };
            let item = call("list.get", [var(&tmp), Node::Int(i as i64)]);
            self.assign(target, item, fresh, out);
        }
    }

    pub fn lower_assign(&mut self, a: &ast::StmtAssign, out: &mut Vec<Node>) {
        // `a, b = b, a`: evaluate every value before assigning any.
        if let ([ast::Expr::Tuple(t)], ast::Expr::Tuple(v)) = (a.targets.as_slice(), &*a.value) {
            let plain = |es: &[ast::Expr]| !es.iter().any(|e| matches!(e, ast::Expr::Starred(_)));
            if t.elts.len() == v.elts.len() && plain(&t.elts) && plain(&v.elts) {
                let mut temps = Vec::new();
                for e in &v.elts {
                    let tmp = self.temp();
                    let value = self.lower_expr(e);
                    out.push(let_(&tmp, value));
                    temps.push(tmp);
                }
                for (target, tmp) in t.elts.iter().zip(temps) {
                    self.assign(target, var(&tmp), false, out);
                }
                return;
            }
        }
        let value = self.lower_expr(&a.value);
        if let [target] = a.targets.as_slice() {
            self.assign(target, value, false, out);
            return;
        }
        let tmp = self.temp();
        out.push(let_(&tmp, value));
        for target in &a.targets {
            self.assign(target, var(&tmp), false, out);
        }
    }

    pub fn lower_aug_assign(&mut self, a: &ast::StmtAugAssign, out: &mut Vec<Node>) {
        let op = if matches!(a.op, ast::Operator::Add) {
            Some("py.iadd")
        } else {
            self.binop_name(&a.op, span(a))
        };
        let Some(op) = op else { return };
        let rhs = self.lower_expr(&a.value);
        match &*a.target {
            ast::Expr::Name(n) => out.push(set(&n.id, call(op, [var(&n.id), rhs]))),
            ast::Expr::Subscript(s) if !matches!(&*s.slice, ast::Expr::Slice(_)) => {
                let mut obj = self.lower_expr(&s.value);
                let mut key = self.lower_index(&s.slice);
                if !is_simple(&obj) {
                    let t = self.temp();
                    out.push(let_(&t, obj));
                    obj = var(&t);
                }
                if !is_simple(&key) {
                    let t = self.temp();
                    out.push(let_(&t, key));
                    key = var(&t);
                }
                let old = call("py.getitem", [obj.clone(), key.clone()]);
                out.push(call("py.setitem", [obj, key, call(op, [old, rhs])]));
            }
            ast::Expr::Attribute(at) => {
                let mut obj = self.lower_expr(&at.value);
                if !is_simple(&obj) {
                    let t = self.temp();
                    out.push(let_(&t, obj));
                    obj = var(&t);
                }
                let name = Node::str(at.attr.as_str());
                let old = call("py.getattr", [obj.clone(), name.clone()]);
                out.push(call("py.setattr", [obj, name, call(op, [old, rhs])]));
            }
            other => {
                self.error(diagnostics::syntax(
                    span(other),
                    "this augmented assignment target",
                ));
            }
        }
    }
}
