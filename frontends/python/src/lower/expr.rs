//! Expressions: literals, operators, comparisons, containers, comprehensions, f-strings,
//! subscripts and attributes. Calls are in `call.rs`.

use std::ops::Range;

use rustpython_parser::ast;
use weft_ir::{MAX_DEPTH, Node};

use super::{Lowerer, call, let_, span, var};
use crate::diagnostics;

impl Lowerer<'_> {
    pub fn lower_expr(&mut self, e: &ast::Expr) -> Node {
        if !self.enter(span(e)) {
            return Node::Null;
        }
        let node = self.lower_expr_inner(e);
        self.leave();
        node
    }

    fn lower_expr_inner(&mut self, e: &ast::Expr) -> Node {
        match e {
            ast::Expr::Constant(c) => self.lower_constant(&c.value, span(c)),
            ast::Expr::Name(n) => self.lower_name(n),
            ast::Expr::BinOp(b) => {
                let Some(op) = self.binop_name(&b.op, span(b)) else {
                    return Node::Null;
                };
                let (l, r) = (self.lower_expr(&b.left), self.lower_expr(&b.right));
                call(op, [l, r])
            }
            ast::Expr::UnaryOp(u) => self.lower_unary(u),
            ast::Expr::BoolOp(b) => {
                let op = match b.op {
                    ast::BoolOp::And => "py.and",
                    ast::BoolOp::Or => "py.or",
                };
                let args: Vec<Node> = b.values.iter().map(|v| self.lower_expr(v)).collect();
                call(op, args)
            }
            ast::Expr::Compare(c) => self.lower_compare(c),
            ast::Expr::IfExp(i) => {
                let cond = self.lower_cond(&i.test);
                let (a, b) = (self.lower_expr(&i.body), self.lower_expr(&i.orelse));
                call("std.if", [cond, a, b])
            }
            ast::Expr::Lambda(l) => self.lower_lambda(l),
            ast::Expr::List(l) => self.lower_items(&l.elts, "list.new", None),
            ast::Expr::Tuple(t) => self.lower_items(&t.elts, "py.tuple", Some("py.to_tuple")),
            ast::Expr::Set(s) => self.lower_items(&s.elts, "py.set", Some("py.to_set")),
            ast::Expr::Dict(d) => self.lower_dict(d),
            ast::Expr::ListComp(c) => self.lower_comprehension(&c.generators, Comp::List(&c.elt)),
            ast::Expr::GeneratorExp(c) => {
                self.lower_comprehension(&c.generators, Comp::List(&c.elt))
            }
            ast::Expr::SetComp(c) => {
                let list = self.lower_comprehension(&c.generators, Comp::List(&c.elt));
                call("py.to_set", [list])
            }
            ast::Expr::DictComp(c) => {
                self.lower_comprehension(&c.generators, Comp::Dict(&c.key, &c.value))
            }
            ast::Expr::Call(c) => self.lower_call(c),
            ast::Expr::JoinedStr(j) => self.lower_fstring(&j.values),
            ast::Expr::FormattedValue(f) => self.lower_formatted(f),
            ast::Expr::Attribute(a) => self.lower_attribute(a),
            ast::Expr::Subscript(s) => {
                let obj = self.lower_expr(&s.value);
                match &*s.slice {
                    ast::Expr::Slice(sl) => {
                        let mut part = |p: &Option<Box<ast::Expr>>| {
                            p.as_deref().map_or(Node::Null, |e| self.lower_expr(e))
                        };
                        let (lo, hi, step) = (part(&sl.lower), part(&sl.upper), part(&sl.step));
                        call("py.slice", [obj, lo, hi, step])
                    }
                    key => {
                        let key = self.lower_index(key);
                        call("py.getitem", [obj, key])
                    }
                }
            }
            ast::Expr::Yield(y) => self.error(diagnostics::generator(span(y))),
            ast::Expr::YieldFrom(y) => self.error(diagnostics::generator(span(y))),
            ast::Expr::Await(a) => self.error(diagnostics::async_code(span(a))),
            ast::Expr::NamedExpr(n) => {
                self.error(diagnostics::syntax(span(n), "the walrus operator `:=`"))
            }
            ast::Expr::Starred(s) => self.error(diagnostics::syntax(span(s), "`*` unpacking here")),
            ast::Expr::Slice(s) => self.error(diagnostics::syntax(span(s), "a slice outside `[]`")),
        }
    }

    /// A subscript key (`d[1, 2]` is a tuple key).
    pub fn lower_index(&mut self, key: &ast::Expr) -> Node {
        self.lower_expr(key)
    }

    pub fn lower_constant(&mut self, c: &ast::Constant, at: Range<usize>) -> Node {
        match c {
            ast::Constant::None => Node::Null,
            ast::Constant::Bool(b) => Node::Bool(*b),
            ast::Constant::Str(s) => Node::str(s.as_str()),
            ast::Constant::Int(i) => match i64::try_from(i) {
                Ok(i) => Node::Int(i),
                Err(_) => self.error(diagnostics::big_int(at)),
            },
            ast::Constant::Float(f) => Node::Float(*f),
            ast::Constant::Tuple(items) => {
                let items: Vec<Node> = items
                    .iter()
                    .map(|c| self.lower_constant(c, at.clone()))
                    .collect();
                call("py.tuple", items)
            }
            ast::Constant::Bytes(_) => self.error(diagnostics::syntax(at, "bytes literals")),
            ast::Constant::Complex { .. } => self.error(diagnostics::syntax(at, "complex numbers")),
            ast::Constant::Ellipsis => self.error(diagnostics::syntax(at, "`...`")),
        }
    }

    /// A literal int, possibly negated.
    pub fn int_literal(&self, e: &ast::Expr) -> Option<i64> {
        match e {
            ast::Expr::Constant(ast::ExprConstant {
                value: ast::Constant::Int(i),
                ..
            }) => i64::try_from(i).ok(),
            ast::Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOp::USub) => {
                self.int_literal(&u.operand).map(|i| -i)
            }
            _ => None,
        }
    }

    pub fn binop_name(&mut self, op: &ast::Operator, at: Range<usize>) -> Option<&'static str> {
        Some(match op {
            ast::Operator::Add => "py.add",
            ast::Operator::Sub => "py.sub",
            ast::Operator::Mult => "py.mul",
            ast::Operator::Div => "py.truediv",
            ast::Operator::FloorDiv => "py.floordiv",
            ast::Operator::Mod => "py.mod",
            ast::Operator::Pow => "py.pow",
            ast::Operator::LShift => "math.shl",
            ast::Operator::RShift => "math.shr",
            ast::Operator::BitOr => "py.bitor",
            ast::Operator::BitAnd => "py.bitand",
            ast::Operator::BitXor => "py.bitxor",
            ast::Operator::MatMult => {
                self.error(diagnostics::syntax(at, "the `@` operator"));
                return None;
            }
        })
    }

    fn lower_unary(&mut self, u: &ast::ExprUnaryOp) -> Node {
        match u.op {
            ast::UnaryOp::Not => {
                let operand = self.lower_expr(&u.operand);
                if self.is_bool_expr(&u.operand) {
                    call("bool.not", [operand])
                } else {
                    call("py.not", [operand])
                }
            }
            ast::UnaryOp::USub => match &*u.operand {
                ast::Expr::Constant(ast::ExprConstant {
                    value: ast::Constant::Int(i),
                    ..
                }) => match i64::try_from(&-i.clone()) {
                    Ok(n) => Node::Int(n),
                    Err(_) => self.error(diagnostics::big_int(span(u))),
                },
                ast::Expr::Constant(ast::ExprConstant {
                    value: ast::Constant::Float(f),
                    ..
                }) => Node::Float(-f),
                other => {
                    let operand = self.lower_expr(other);
                    call("py.neg", [operand])
                }
            },
            ast::UnaryOp::UAdd => self.lower_expr(&u.operand),
            ast::UnaryOp::Invert => {
                let operand = self.lower_expr(&u.operand);
                call("math.bnot", [operand])
            }
        }
    }

    /// Whether an expression always yields a bool (so conditions need no `py.truthy`).
    pub fn is_bool_expr(&self, e: &ast::Expr) -> bool {
        match e {
            ast::Expr::Compare(_) => true,
            ast::Expr::Constant(ast::ExprConstant {
                value: ast::Constant::Bool(_),
                ..
            }) => true,
            ast::Expr::UnaryOp(u) => matches!(u.op, ast::UnaryOp::Not),
            ast::Expr::BoolOp(b) => b.values.iter().all(|v| self.is_bool_expr(v)),
            ast::Expr::Call(c) => match &*c.func {
                ast::Expr::Name(n) => {
                    matches!(n.id.as_str(), "isinstance" | "bool" | "any" | "all")
                        && !self.is_local(&n.id)
                }
                _ => false,
            },
            _ => false,
        }
    }

    fn compare_op(op: &ast::CmpOp) -> &'static str {
        match op {
            ast::CmpOp::Eq => "py.eq",
            ast::CmpOp::NotEq => "py.ne",
            ast::CmpOp::Lt => "py.lt",
            ast::CmpOp::LtE => "py.le",
            ast::CmpOp::Gt => "py.gt",
            ast::CmpOp::GtE => "py.ge",
            ast::CmpOp::Is => "bool.eq",
            ast::CmpOp::IsNot => "bool.neq",
            ast::CmpOp::In => "py.contains",
            ast::CmpOp::NotIn => "py.contains",
        }
    }

    fn compare_pair(op: &ast::CmpOp, l: Node, r: Node) -> Node {
        match op {
            ast::CmpOp::In => call("py.contains", [r, l]),
            ast::CmpOp::NotIn => call("bool.not", [call("py.contains", [r, l])]),
            other => call(Self::compare_op(other), [l, r]),
        }
    }

    /// `type(x) == int` compares type names.
    fn compare_operand(&mut self, e: &ast::Expr, other: &ast::Expr) -> Node {
        let is_type_call = |e: &ast::Expr| matches!(e, ast::Expr::Call(c) if matches!(&*c.func, ast::Expr::Name(n) if n.id.as_str() == "type"));
        if is_type_call(other)
            && let ast::Expr::Name(n) = e
            && super::call::is_type_name(&n.id)
            && !self.is_local(&n.id)
        {
            return Node::str(n.id.as_str());
        }
        if let (ast::Expr::Call(c), true) = (e, is_type_call(e))
            && let (Some(arg), ast::Expr::Name(_)) = (c.args.first(), other)
        {
            let v = self.lower_expr(arg);
            return call("py.type_name", [v]);
        }
        self.lower_expr(e)
    }

    fn lower_compare(&mut self, c: &ast::ExprCompare) -> Node {
        if let ([op], [right]) = (c.ops.as_slice(), c.comparators.as_slice()) {
            let l = self.compare_operand(&c.left, right);
            let r = self.compare_operand(right, &c.left);
            return Self::compare_pair(op, l, r);
        }
        // A chain: each middle operand is evaluated once.
        let mut seq = Vec::new();
        let mut tests = Vec::new();
        let mut left = self.lower_expr(&c.left);
        for (op, right) in c.ops.iter().zip(&c.comparators) {
            let r = self.lower_expr(right);
            let r = if matches!(right, ast::Expr::Constant(_) | ast::Expr::Name(_)) {
                r
            } else {
                let t = self.temp();
                seq.push(let_(&t, r));
                var(&t)
            };
            tests.push(Self::compare_pair(op, left, r.clone()));
            left = r;
        }
        seq.push(call("py.and", tests));
        call("std.seq", seq)
    }

    /// Elements of a list, tuple or set literal; `*xs` makes it a concatenation.
    fn lower_items(&mut self, elts: &[ast::Expr], op: &str, convert: Option<&str>) -> Node {
        if !elts.iter().any(|e| matches!(e, ast::Expr::Starred(_))) {
            let items: Vec<Node> = elts.iter().map(|e| self.lower_expr(e)).collect();
            return call(op, items);
        }
        let mut parts = Vec::new();
        let mut run = Vec::new();
        for e in elts {
            if let ast::Expr::Starred(s) = e {
                if !run.is_empty() {
                    parts.push(call("list.new", std::mem::take(&mut run)));
                }
                let v = self.lower_expr(&s.value);
                parts.push(call("py.list", [v]));
            } else {
                run.push(self.lower_expr(e));
            }
        }
        if !run.is_empty() {
            parts.push(call("list.new", run));
        }
        let list = call("list.concat", parts);
        match convert {
            Some(c) => call(c, [list]),
            None => list,
        }
    }

    fn lower_dict(&mut self, d: &ast::ExprDict) -> Node {
        // Each `**` merge nests the dict built so far one level deeper.
        if d.keys.iter().filter(|k| k.is_none()).count() >= MAX_DEPTH {
            return self.nesting_too_deep(span(d));
        }
        let mut acc: Option<Node> = None;
        let mut run = Vec::new();
        let flush = |acc: &mut Option<Node>, run: &mut Vec<Node>| {
            if run.is_empty() && acc.is_some() {
                return;
            }
            let lit = call("py.dict", std::mem::take(run));
            *acc = Some(match acc.take() {
                Some(prev) => call("py.bitor", [prev, lit]),
                None => lit,
            });
        };
        for (k, v) in d.keys.iter().zip(&d.values) {
            match k {
                Some(k) => {
                    run.push(self.lower_expr(k));
                    run.push(self.lower_expr(v));
                }
                None => {
                    flush(&mut acc, &mut run);
                    let other = self.lower_expr(v);
                    let prev = acc.take().unwrap_or_else(|| call("py.dict", []));
                    acc = Some(call("py.bitor", [prev, call("py.to_dict", [other])]));
                }
            }
        }
        if !run.is_empty() || acc.is_none() {
            flush(&mut acc, &mut run);
        }
        acc.unwrap_or(Node::Null)
    }

    /// A list (or dict) comprehension, built eagerly; its variables live in the loop body.
    pub fn lower_comprehension(&mut self, gens: &[ast::Comprehension], what: Comp<'_>) -> Node {
        let result = self.temp();
        let init = match what {
            Comp::List(_) => call("list.new", []),
            Comp::Dict(..) => call("py.dict", []),
        };
        let mut inner = match what {
            Comp::List(elt) => {
                let v = self.lower_expr(elt);
                call("list.push", [var(&result), v])
            }
            Comp::Dict(k, v) => {
                let (k, v) = (self.lower_expr(k), self.lower_expr(v));
                call("py.setitem", [var(&result), k, v])
            }
        };
        // Built inside out, but conditions and targets must be lowered in source order
        // for readable temp numbering; collect them first.
        let mut levels = Vec::new();
        for g in gens {
            if g.is_async {
                self.error(diagnostics::async_code(span(&g.iter)));
            }
            let iter = self.lower_expr(&g.iter);
            let item = self.temp();
            let mut bind = Vec::new();
            self.assign(&g.target, var(&item), true, &mut bind);
            let conds: Vec<Node> = g.ifs.iter().map(|c| self.lower_cond(c)).collect();
            levels.push((iter, item, bind, conds));
        }
        for (iter, item, mut bind, conds) in levels.into_iter().rev() {
            let body = if conds.is_empty() {
                inner
            } else {
                call("std.if", [call("bool.and", conds), inner])
            };
            bind.push(body);
            inner = call(
                "std.for",
                [
                    Node::str(&item),
                    call("py.iter", [iter]),
                    call("std.seq", bind),
                ],
            );
        }
        call("std.seq", [let_(&result, init), inner, var(&result)])
    }

    fn lower_fstring(&mut self, values: &[ast::Expr]) -> Node {
        let parts: Vec<Node> = values
            .iter()
            .map(|v| match v {
                ast::Expr::Constant(ast::ExprConstant {
                    value: ast::Constant::Str(s),
                    ..
                }) => Node::str(s.as_str()),
                other => self.lower_expr(other),
            })
            .collect();
        match parts.len() {
            0 => Node::str(""),
            1 if !matches!(values[0], ast::Expr::Constant(_))
                || matches!(parts[0], Node::Str(_)) =>
            {
                parts.into_iter().next().unwrap_or(Node::Null)
            }
            _ => call("str.concat", parts),
        }
    }

    fn lower_formatted(&mut self, f: &ast::ExprFormattedValue) -> Node {
        let value = self.lower_expr(&f.value);
        let value = match f.conversion {
            ast::ConversionFlag::Repr | ast::ConversionFlag::Ascii => call("py.repr", [value]),
            ast::ConversionFlag::Str => call("py.str", [value]),
            ast::ConversionFlag::None => value,
        };
        match f.format_spec.as_deref() {
            None => {
                if matches!(value.head(), Some("py.repr" | "py.str")) {
                    value
                } else {
                    call("py.str", [value])
                }
            }
            Some(ast::Expr::JoinedStr(j)) => {
                let spec = self.lower_fstring(&j.values);
                call("py.format", [value, spec])
            }
            Some(other) => {
                let spec = self.lower_expr(other);
                call("py.format", [value, spec])
            }
        }
    }

    fn lower_attribute(&mut self, a: &ast::ExprAttribute) -> Node {
        // `type(x).__name__`
        if a.attr.as_str() == "__name__"
            && let ast::Expr::Call(c) = &*a.value
            && let (ast::Expr::Name(n), [arg]) = (&*c.func, c.args.as_slice())
            && n.id.as_str() == "type"
            && !self.is_local("type")
        {
            let v = self.lower_expr(arg);
            return call("py.type_name", [v]);
        }
        // `str.lower` and friends as functions.
        if let ast::Expr::Name(n) = &*a.value
            && super::call::is_type_name(&n.id)
            && !self.is_local(&n.id)
        {
            let p = self.temp();
            let body = call("py.method", [var(&p), Node::str(a.attr.as_str())]);
            return call("std.lambda", [Node::Array(vec![Node::Str(p)]), body]);
        }
        // `sys.argv`, `math.pi`...
        if let Some(v) = self.builtin_module_attr(a) {
            return v;
        }
        // `super().name` read as a value.
        if let ast::Expr::Call(sc) = &*a.value
            && let ast::Expr::Name(n) = &*sc.func
            && n.id.as_str() == "super"
            && !self.is_local("super")
            && let Some(node) = self.lower_super_attr(sc, a.attr.as_str())
        {
            return node;
        }
        let obj = self.lower_expr(&a.value);
        if is_method_name(&a.attr) && self.uses_classes_anywhere {
            // An attribute of a class or instance, or a built-in type's bound method.
            let r = self.temp();
            let bound = self.bound_builtin_method(var(&r), a.attr.as_str());
            return call(
                "std.seq",
                [
                    let_(&r, obj),
                    call(
                        "std.if",
                        [
                            call("py.is_object", [var(&r)]),
                            call("py.getattr", [var(&r), Node::str(a.attr.as_str())]),
                            bound,
                        ],
                    ),
                ],
            );
        }
        if is_method_name(&a.attr) {
            return self.bound_builtin_method(obj, a.attr.as_str());
        }
        call("py.getattr", [obj, Node::str(a.attr.as_str())])
    }

    /// A built-in type's method used as a value: a closure over the receiver.
    fn bound_builtin_method(&mut self, obj: Node, attr: &str) -> Node {
        {
            // A bound method used as a value: a closure over the receiver.
            let (recv, params) = (self.temp(), [self.temp(), self.temp(), self.temp()]);
            let args = params.iter().map(|p| var(p));
            let body = call(
                "py.method",
                [var(&recv), Node::str(attr)].into_iter().chain(args),
            );
            let params = Node::Array(params.into_iter().map(Node::Str).collect());
            call(
                "std.seq",
                [let_(&recv, obj), call("std.lambda", [params, body])],
            )
        }
    }
}

/// Method names of str, list, dict and set, which `obj.name` without a call binds.
fn is_method_name(name: &str) -> bool {
    matches!(
        name,
        "get"
            | "append"
            | "extend"
            | "pop"
            | "insert"
            | "remove"
            | "index"
            | "count"
            | "sort"
            | "reverse"
            | "copy"
            | "clear"
            | "keys"
            | "values"
            | "items"
            | "setdefault"
            | "update"
            | "add"
            | "discard"
            | "union"
            | "upper"
            | "lower"
            | "strip"
            | "split"
            | "join"
            | "replace"
            | "startswith"
            | "endswith"
            | "find"
            | "format"
            | "title"
            | "isdigit"
            | "isalpha"
    )
}

/// What a comprehension builds.
#[derive(Clone, Copy)]
pub(crate) enum Comp<'a> {
    List(&'a ast::Expr),
    Dict(&'a ast::Expr, &'a ast::Expr),
}
