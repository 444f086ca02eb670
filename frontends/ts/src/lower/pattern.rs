//! Binding and assignment patterns: identifiers, array and object destructuring with
//! defaults and rest elements, and member expressions as assignment targets.

use swc_ecma_ast::{ObjectPatProp, Pat, PropName};
use weft_ir::Node;

use super::{Binding, Lowerer, call, is_simple, let_, set, var};
use crate::diagnostics;

/// The names a pattern binds, in order.
pub(crate) fn names(pat: &Pat, out: &mut Vec<String>) {
    match pat {
        Pat::Ident(id) => out.push(id.id.sym.to_string()),
        Pat::Array(a) => a.elems.iter().flatten().for_each(|p| names(p, out)),
        Pat::Rest(r) => names(&r.arg, out),
        Pat::Object(o) => {
            for prop in &o.props {
                match prop {
                    ObjectPatProp::KeyValue(kv) => names(&kv.value, out),
                    ObjectPatProp::Assign(a) => out.push(a.key.id.sym.to_string()),
                    ObjectPatProp::Rest(r) => names(&r.arg, out),
                }
            }
        }
        Pat::Assign(a) => names(&a.left, out),
        Pat::Expr(_) | Pat::Invalid(_) => {}
    }
}

impl Lowerer<'_> {
    /// Binds (`Some(kind)`: `std.let`) or assigns (`None`: `std.set`, `js.set`) the parts
    /// of `value` to a pattern.
    pub(crate) fn bind_pattern(
        &mut self,
        pat: &Pat,
        value: Node,
        binding: Option<Binding>,
    ) -> Vec<Node> {
        match pat {
            Pat::Ident(id) => {
                let name = id.id.sym.as_str();
                match binding {
                    Some(kind) => {
                        self.declare(name, kind);
                        vec![let_(name, value)]
                    }
                    None => vec![self.assign_name(name, value, id.id.span)],
                }
            }
            Pat::Assign(a) => {
                let default = self.lower_expr(&a.right);
                self.bind_pattern(&a.left, call("bool.nullish", [value, default]), binding)
            }
            Pat::Array(arr) => {
                let (mut out, source) = self.hold(value);
                for (i, elem) in arr.elems.iter().enumerate() {
                    match elem {
                        None => {}
                        Some(Pat::Rest(r)) => {
                            let rest = call(
                                "js.method",
                                [source.clone(), Node::str("slice"), Node::Int(i as i64)],
                            );
                            out.extend(self.bind_pattern(&r.arg, rest, binding));
                        }
                        Some(p) => {
                            let item = call("js.get", [source.clone(), Node::Int(i as i64)]);
                            out.extend(self.bind_pattern(p, item, binding));
                        }
                    }
                }
                out
            }
            Pat::Object(obj) => {
                let (mut out, source) = self.hold(value);
                for prop in &obj.props {
                    match prop {
                        ObjectPatProp::KeyValue(kv) => {
                            let key = self.prop_key(&kv.key);
                            let item = call("js.get", [source.clone(), key]);
                            out.extend(self.bind_pattern(&kv.value, item, binding));
                        }
                        ObjectPatProp::Assign(a) => {
                            let name = a.key.id.sym.as_str();
                            let mut item = call("js.get", [source.clone(), Node::str(name)]);
                            if let Some(default) = &a.value {
                                let default = self.lower_expr(default);
                                item = call("bool.nullish", [item, default]);
                            }
                            match binding {
                                Some(kind) => {
                                    self.declare(name, kind);
                                    out.push(let_(name, item));
                                }
                                None => out.push(self.assign_name(name, item, a.key.id.span)),
                            }
                        }
                        ObjectPatProp::Rest(r) => {
                            out.push(
                                self.unsupported("a rest element in object destructuring", r.span),
                            );
                        }
                    }
                }
                out
            }
            Pat::Rest(r) => vec![self.unsupported("a rest element here", r.span)],
            Pat::Expr(e) => vec![self.assign_to_expr(e, value)],
            Pat::Invalid(i) => vec![self.unsupported("this pattern", i.span)],
        }
    }

    /// Evaluates `value` once: a temporary unless it is already simple.
    pub(crate) fn hold(&mut self, value: Node) -> (Vec<Node>, Node) {
        if is_simple(&value) {
            (Vec::new(), value)
        } else {
            let t = self.temp("t");
            (vec![let_(&t, value)], var(&t))
        }
    }

    /// `name = value`, refusing constants.
    pub(crate) fn assign_name(&mut self, name: &str, value: Node, span: swc_common::Span) -> Node {
        match self.lookup(name) {
            Some(Binding::Const) => {
                let d = diagnostics::assign_to_const(name, self.range(span));
                self.error(d);
            }
            Some(Binding::Mutable) => {}
            None => {
                let d = diagnostics::unknown_name(name, self.range(span));
                self.error(d);
            }
        }
        set(name, value)
    }

    /// A property name as a key node: identifiers and literals as strings, computed keys
    /// as their expression.
    pub(crate) fn prop_key(&mut self, key: &PropName) -> Node {
        match key {
            PropName::Ident(id) => Node::str(id.sym.as_str()),
            PropName::Str(s) => Node::str(super::expr::wtf8!(s.value)),
            PropName::Num(n) => Node::str(super::expr::js_number_text(n.value)),
            PropName::Computed(c) => self.lower_expr(&c.expr),
            PropName::BigInt(b) => self.unsupported("a BigInt key", b.span),
        }
    }
}
