//! Expressions: literals, operators (on `js.*` opcodes where JavaScript's semantics differ
//! from the portable ones), assignment and update, member access, optional chaining,
//! object and array literals with spread, template literals, conditionals and functions.

use swc_ecma_ast::{
    ArrayLit, AssignExpr, AssignOp, AssignTarget, AssignTargetPat, BinExpr, BinaryOp, Expr, Lit,
    MemberExpr, MemberProp, ObjectLit, OptChainBase, OptChainExpr, Prop, PropOrSpread,
    SimpleAssignTarget, Tpl, UnaryExpr, UnaryOp, UpdateExpr, UpdateOp,
};
use weft_ir::Node;

use super::{Lowerer, call, let_, number, seq, var};
use crate::diagnostics;

/// The text of a string literal's value (lone surrogates replaced).
macro_rules! wtf8 {
    ($atom:expr) => {
        $atom.as_wtf8().to_string_lossy().into_owned()
    };
}
pub(crate) use wtf8;

/// How JavaScript writes a number as a property key (`1`, `1.5`).
pub(crate) fn js_number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// The opcode for a binary operator that maps one to one.
fn binary_op(op: BinaryOp) -> Option<&'static str> {
    Some(match op {
        BinaryOp::Add => "js.add",
        BinaryOp::Sub => "js.sub",
        BinaryOp::Mul => "js.mul",
        BinaryOp::Div => "js.div",
        BinaryOp::Mod => "js.mod",
        BinaryOp::Exp => "js.pow",
        BinaryOp::EqEq | BinaryOp::EqEqEq => "bool.eq",
        BinaryOp::NotEq | BinaryOp::NotEqEq => "bool.neq",
        BinaryOp::Lt => "bool.lt",
        BinaryOp::LtEq => "bool.lte",
        BinaryOp::Gt => "bool.gt",
        BinaryOp::GtEq => "bool.gte",
        BinaryOp::LogicalAnd => "js.and",
        BinaryOp::LogicalOr => "js.or",
        BinaryOp::NullishCoalescing => "bool.nullish",
        _ => return None,
    })
}

fn bitwise_symbol(op: BinaryOp) -> Option<&'static str> {
    Some(match op {
        BinaryOp::BitAnd => "&",
        BinaryOp::BitOr => "|",
        BinaryOp::BitXor => "^",
        BinaryOp::LShift => "<<",
        BinaryOp::RShift => ">>",
        BinaryOp::ZeroFillRShift => ">>>",
        _ => return None,
    })
}

/// The binary operator a compound assignment applies.
fn assign_binary(op: AssignOp) -> Option<BinaryOp> {
    Some(match op {
        AssignOp::Assign => return None,
        AssignOp::AddAssign => BinaryOp::Add,
        AssignOp::SubAssign => BinaryOp::Sub,
        AssignOp::MulAssign => BinaryOp::Mul,
        AssignOp::DivAssign => BinaryOp::Div,
        AssignOp::ModAssign => BinaryOp::Mod,
        AssignOp::ExpAssign => BinaryOp::Exp,
        AssignOp::LShiftAssign => BinaryOp::LShift,
        AssignOp::RShiftAssign => BinaryOp::RShift,
        AssignOp::ZeroFillRShiftAssign => BinaryOp::ZeroFillRShift,
        AssignOp::BitAndAssign => BinaryOp::BitAnd,
        AssignOp::BitOrAssign => BinaryOp::BitOr,
        AssignOp::BitXorAssign => BinaryOp::BitXor,
        AssignOp::AndAssign => BinaryOp::LogicalAnd,
        AssignOp::OrAssign => BinaryOp::LogicalOr,
        AssignOp::NullishAssign => BinaryOp::NullishCoalescing,
    })
}

/// The short-circuit opcode of a logical assignment (`&&=`, `||=`, `??=`), which assigns
/// only when the operator would evaluate its right operand.
fn logical_assign(op: AssignOp) -> Option<&'static str> {
    match op {
        AssignOp::AndAssign => Some("js.and"),
        AssignOp::OrAssign => Some("js.or"),
        AssignOp::NullishAssign => Some("bool.nullish"),
        _ => None,
    }
}

/// Applies a binary operator to two lowered operands.
pub(crate) fn apply_binary(op: BinaryOp, a: Node, b: Node) -> Option<Node> {
    if let Some(name) = binary_op(op) {
        return Some(call(name, [a, b]));
    }
    bitwise_symbol(op).map(|sym| call("js.bitwise", [Node::str(sym), a, b]))
}

impl Lowerer<'_> {
    /// Lowers an expression used as a condition (`if`, loops, `?:`, `!`). The IR's
    /// truthiness differs from JavaScript's only for NaN (true in the IR, false in JS),
    /// so a condition that is not certainly a boolean is passed through
    /// `js.or(c, false)`: that yields `c` when JavaScript finds it truthy, else `false`.
    pub(crate) fn lower_cond(&mut self, e: &Expr) -> Node {
        let node = self.lower_expr(e);
        if is_boolean(e) {
            node
        } else {
            call("js.or", [node, Node::Bool(false)])
        }
    }

    pub(crate) fn lower_expr(&mut self, e: &Expr) -> Node {
        let span = swc_common::Spanned::span(e);
        if !self.enter(span) {
            return Node::Null;
        }
        let node = self.lower_expr_inner(e, true);
        self.leave();
        node
    }

    /// An expression whose value is not used (a statement, a `for` update): assignments
    /// and updates need no temporaries then.
    pub(crate) fn lower_expr_unused(&mut self, e: &Expr) -> Node {
        let span = swc_common::Spanned::span(e);
        if !self.enter(span) {
            return Node::Null;
        }
        let node = self.lower_expr_inner(e, false);
        self.leave();
        node
    }

    fn lower_expr_inner(&mut self, e: &Expr, used: bool) -> Node {
        match e {
            Expr::Lit(lit) => self.lower_lit(lit),
            Expr::Ident(id) => self.lower_ident(id.sym.as_str(), id.span),
            Expr::Paren(p) => self.lower_expr_inner(&p.expr, used),
            Expr::TsAs(x) => self.lower_expr_inner(&x.expr, used),
            Expr::TsNonNull(x) => self.lower_expr_inner(&x.expr, used),
            Expr::TsSatisfies(x) => self.lower_expr_inner(&x.expr, used),
            Expr::TsTypeAssertion(x) => self.lower_expr_inner(&x.expr, used),
            Expr::TsConstAssertion(x) => self.lower_expr_inner(&x.expr, used),
            Expr::TsInstantiation(x) => self.lower_expr_inner(&x.expr, used),
            Expr::Tpl(t) => self.lower_tpl(t),
            Expr::Array(a) => self.lower_array(a),
            Expr::Object(o) => self.lower_object(o),
            Expr::Unary(u) => self.lower_unary(u),
            Expr::Bin(b) => self.lower_bin(b),
            Expr::Assign(a) => self.lower_assign(a, used),
            Expr::Update(u) => self.lower_update(u, used),
            Expr::Member(m) => self.lower_member(m),
            Expr::OptChain(o) => self.lower_opt_chain(o),
            Expr::Cond(c) => {
                let test = self.lower_cond(&c.test);
                let cons = self.lower_expr(&c.cons);
                let alt = self.lower_expr(&c.alt);
                call("std.if", [test, cons, alt])
            }
            Expr::Seq(s) => {
                let n = s.exprs.len();
                let nodes = s
                    .exprs
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        if i + 1 < n {
                            self.lower_expr_unused(e)
                        } else {
                            self.lower_expr(e)
                        }
                    })
                    .collect();
                seq(nodes)
            }
            Expr::Call(c) => self.lower_call(c),
            Expr::New(n) => self.lower_new(n),
            Expr::Arrow(a) => self.lower_arrow(a),
            Expr::Fn(f) => match &f.ident {
                // A named function expression can call itself by its name.
                Some(id) => {
                    let name = id.sym.as_str();
                    self.push_scope();
                    self.declare(name, super::Binding::Const);
                    let lambda = self.lower_function(&f.function);
                    self.pop_scope();
                    call("std.seq", [let_(name, lambda), var(name)])
                }
                None => self.lower_function(&f.function),
            },
            Expr::This(_) => self.lower_lexical(false),
            Expr::Class(c) => {
                let name = c.ident.as_ref().map(|i| i.sym.to_string());
                self.lower_class_expr(name.as_deref(), &c.class)
            }
            Expr::Yield(y) => self.unsupported("`yield`", y.span),
            Expr::Await(a) => self.unsupported("`await`", a.span),
            Expr::TaggedTpl(t) => self.unsupported("a tagged template", t.span),
            Expr::MetaProp(m) => self.unsupported("`new.target` / `import.meta`", m.span),
            Expr::SuperProp(s) => {
                let key = match &s.prop {
                    swc_ecma_ast::SuperProp::Ident(id) => Node::str(id.sym.as_str()),
                    swc_ecma_ast::SuperProp::Computed(c) => self.lower_expr(&c.expr),
                };
                self.super_member(key, s.span)
            }
            Expr::PrivateName(p) => self.unsupported("a private name", p.span),
            Expr::Invalid(i) => self.unsupported("this expression", i.span),
            Expr::JSXMember(_)
            | Expr::JSXNamespacedName(_)
            | Expr::JSXEmpty(_)
            | Expr::JSXElement(_)
            | Expr::JSXFragment(_) => self.unsupported("JSX", swc_common::Spanned::span(e)),
        }
    }

    fn lower_lit(&mut self, lit: &Lit) -> Node {
        match lit {
            Lit::Str(s) => Node::str(wtf8!(s.value)),
            Lit::Bool(b) => Node::Bool(b.value),
            Lit::Null(_) => Node::Null,
            Lit::Num(n) => number(n.value),
            Lit::BigInt(b) => self.unsupported("a BigInt literal", b.span),
            Lit::Regex(r) => self.unsupported("a regular expression", r.span),
            Lit::JSXText(t) => self.unsupported("JSX", t.span),
        }
    }

    fn lower_ident(&mut self, name: &str, span: swc_common::Span) -> Node {
        if self.lookup(name).is_some() {
            return var(name);
        }
        match name {
            "undefined" => Node::Null,
            "NaN" | "Infinity" => call("js.number", [Node::str(name)]),
            "arguments" => self.lower_lexical(true),
            "Map" | "Set" => {
                self.uses_collections = true;
                var(name)
            }
            _ if super::builtins::global_function_value(name).is_some() => {
                super::builtins::global_function_value(name).unwrap_or(Node::Null)
            }
            _ => {
                let d = if super::builtins::is_global_namespace(name) {
                    diagnostics::unknown_global_member(name, self.range(span))
                } else {
                    diagnostics::unknown_name(name, self.range(span))
                };
                self.error(d);
                Node::Null
            }
        }
    }

    fn lower_tpl(&mut self, t: &Tpl) -> Node {
        let mut parts = Vec::new();
        for (i, quasi) in t.quasis.iter().enumerate() {
            let text = quasi
                .cooked
                .as_ref()
                .map(|c| wtf8!(c))
                .unwrap_or_else(|| quasi.raw.to_string());
            if !text.is_empty() {
                parts.push(Node::str(text));
            }
            if let Some(e) = t.exprs.get(i) {
                let value = self.lower_expr(e);
                parts.push(call("js.string", [value]));
            }
        }
        match parts.len() {
            0 => Node::str(""),
            1 if matches!(parts[0], Node::Str(_)) || parts[0].head() == Some("js.string") => {
                parts.pop().unwrap_or(Node::Null)
            }
            _ => call("str.concat", parts),
        }
    }

    /// Lowers a list of elements with spreads: `list.new` runs joined by `list.concat`.
    pub(crate) fn lower_spread_list<'e>(
        &mut self,
        items: impl Iterator<Item = (Option<&'e Expr>, bool)>,
    ) -> Node {
        let mut pieces = Vec::new();
        let mut run = Vec::new();
        let mut any_spread = false;
        for (expr, spread) in items {
            let value = match expr {
                Some(e) => self.lower_expr(e),
                None => Node::Null,
            };
            if spread {
                any_spread = true;
                if !run.is_empty() {
                    pieces.push(call("list.new", std::mem::take(&mut run)));
                }
                pieces.push(call("js.global", [Node::str("Array.from"), value]));
            } else {
                run.push(value);
            }
        }
        if !any_spread {
            return call("list.new", run);
        }
        if !run.is_empty() {
            pieces.push(call("list.new", run));
        }
        if pieces.len() == 1 {
            return pieces.pop().unwrap_or(Node::Null);
        }
        call("list.concat", pieces)
    }

    fn lower_array(&mut self, a: &ArrayLit) -> Node {
        self.lower_spread_list(a.elems.iter().map(|e| {
            (
                e.as_ref().map(|x| &*x.expr),
                e.as_ref().is_some_and(|x| x.spread.is_some()),
            )
        }))
    }

    /// An object literal: `obj.new` of the leading static entries, then `js.set` for
    /// computed keys and `obj.merge` for spreads, in source order.
    fn lower_object(&mut self, o: &ObjectLit) -> Node {
        let mut pairs = Vec::new();
        let mut later: Vec<Node> = Vec::new();
        let target = self.temp("obj");
        for prop in &o.props {
            let (key, value) = match prop {
                PropOrSpread::Spread(s) => {
                    let value = self.lower_expr(&s.expr);
                    later.push(super::set(
                        &target,
                        call("obj.merge", [var(&target), value]),
                    ));
                    continue;
                }
                PropOrSpread::Prop(p) => match &**p {
                    Prop::Shorthand(id) => (
                        Node::str(id.sym.as_str()),
                        self.lower_ident(id.sym.as_str(), id.span),
                    ),
                    Prop::KeyValue(kv) => {
                        let key = self.prop_key(&kv.key);
                        (key, self.lower_expr(&kv.value))
                    }
                    Prop::Method(m) => {
                        let key = self.prop_key(&m.key);
                        (key, self.lower_function(&m.function))
                    }
                    Prop::Getter(g) => {
                        self.unsupported("a getter", g.span);
                        continue;
                    }
                    Prop::Setter(s) => {
                        self.unsupported("a setter", s.span);
                        continue;
                    }
                    Prop::Assign(a) => {
                        self.unsupported("this property", a.span);
                        continue;
                    }
                },
            };
            match key {
                Node::Str(k) if later.is_empty() => {
                    pairs.push(Node::Array(vec![Node::Str(k), value]))
                }
                key => later.push(call("js.set", [var(&target), key, value])),
            }
        }
        let object = call("obj.new", pairs);
        if later.is_empty() {
            return object;
        }
        let mut nodes = vec![let_(&target, object)];
        nodes.extend(later);
        nodes.push(var(&target));
        call("std.seq", nodes)
    }

    fn lower_unary(&mut self, u: &UnaryExpr) -> Node {
        match u.op {
            UnaryOp::Minus => {
                if let Expr::Lit(Lit::Num(n)) = &*u.arg {
                    return number(-n.value);
                }
                call("js.neg", [self.lower_expr(&u.arg)])
            }
            UnaryOp::Plus => call("js.number", [self.lower_expr(&u.arg)]),
            UnaryOp::Bang => call("bool.not", [self.lower_cond(&u.arg)]),
            UnaryOp::Tilde => call("js.bitwise", [Node::str("~"), self.lower_expr(&u.arg)]),
            UnaryOp::TypeOf => {
                if let Expr::Ident(id) = &*u.arg
                    && self.lookup(id.sym.as_str()).is_none()
                    && id.sym.as_str() != "NaN"
                    && id.sym.as_str() != "Infinity"
                    && id.sym.as_str() != "Map"
                    && id.sym.as_str() != "Set"
                {
                    // `typeof undeclared` is "undefined", never an error.
                    return Node::str(if super::builtins::is_global_namespace(id.sym.as_str()) {
                        "object"
                    } else {
                        "undefined"
                    });
                }
                call("js.typeof", [self.lower_expr(&u.arg)])
            }
            UnaryOp::Void => seq(vec![self.lower_expr_unused(&u.arg), Node::Null]),
            UnaryOp::Delete => match &*u.arg {
                Expr::Member(m) => {
                    let obj = self.lower_expr(&m.obj);
                    let key = self.member_key(&m.prop);
                    call("obj.del", [obj, call("js.string", [key])])
                }
                _ => self.unsupported("`delete` of anything but a property", u.span),
            },
        }
    }

    fn lower_bin(&mut self, b: &BinExpr) -> Node {
        match b.op {
            BinaryOp::In => {
                let key = self.lower_expr(&b.left);
                let obj = self.lower_expr(&b.right);
                call("obj.has_in", [obj, call("js.string", [key])])
            }
            BinaryOp::InstanceOf => {
                let value = self.lower_expr(&b.left);
                match &*b.right {
                    Expr::Ident(id)
                        if self.lookup(id.sym.as_str()).is_none()
                            && !matches!(id.sym.as_str(), "Map" | "Set") =>
                    {
                        call(
                            "js.global",
                            [Node::str("instanceof"), value, Node::str(id.sym.as_str())],
                        )
                    }
                    other => {
                        let class = self.lower_expr(other);
                        call("obj.instance_of", [value, class])
                    }
                }
            }
            op => {
                let a = self.lower_expr(&b.left);
                let c = self.lower_expr(&b.right);
                apply_binary(op, a, c).unwrap_or(Node::Null)
            }
        }
    }

    /// The key of a member access: a string for `.name`, the expression for `[key]`.
    pub(crate) fn member_key(&mut self, prop: &MemberProp) -> Node {
        match prop {
            MemberProp::Ident(id) => Node::str(id.sym.as_str()),
            MemberProp::Computed(c) => self.lower_expr(&c.expr),
            MemberProp::PrivateName(p) => Node::str(format!("#{}", p.name)),
        }
    }

    fn lower_member(&mut self, m: &MemberExpr) -> Node {
        if let Some(node) = self.global_member(m) {
            return node;
        }
        let obj = self.lower_expr(&m.obj);
        let key = self.member_key(&m.prop);
        call("js.get", [obj, key])
    }

    /// `a?.b`, `a?.[k]`, `f?.(x)`: null when the object (or function) is null.
    fn lower_opt_chain(&mut self, o: &OptChainExpr) -> Node {
        let t = self.temp("opt");
        let (object, access) = match &*o.base {
            OptChainBase::Member(m) => {
                let object = self.lower_expr(&m.obj);
                let key = self.member_key(&m.prop);
                (object, call("js.get", [var(&t), key]))
            }
            OptChainBase::Call(c) => {
                // `o?.m(args)`: the callee is itself an optional member access.
                if let Expr::OptChain(inner) = &*c.callee
                    && let OptChainBase::Member(m) = &*inner.base
                {
                    let object = self.lower_expr(&m.obj);
                    let key = self.member_key(&m.prop);
                    let args = self.lower_args(&c.args);
                    let invoke = match key {
                        Node::Str(name) => self.method_call(var(&t), &name, args),
                        key => args.apply_to(call("js.get", [var(&t), key])),
                    };
                    return call(
                        "std.seq",
                        [
                            let_(&t, object),
                            call(
                                "std.if",
                                [call("bool.eq", [var(&t), Node::Null]), Node::Null, invoke],
                            ),
                        ],
                    );
                }
                if let Expr::Member(m) = &*c.callee {
                    // `o.m?.(args)`: the method itself may be missing.
                    let object = self.lower_expr(&m.obj);
                    let key = self.member_key(&m.prop);
                    let args = self.lower_args(&c.args);
                    let f = call("js.get", [var(&t), key.clone()]);
                    let invoke = match key {
                        Node::Str(name) => self.method_call(var(&t), &name, args),
                        _ => call("js.apply", [f.clone(), args.into_list()]),
                    };
                    let guarded = call(
                        "std.if",
                        [call("bool.eq", [f, Node::Null]), Node::Null, invoke],
                    );
                    return call(
                        "std.seq",
                        [
                            let_(&t, object),
                            call(
                                "std.if",
                                [call("bool.eq", [var(&t), Node::Null]), Node::Null, guarded],
                            ),
                        ],
                    );
                }
                let callee = self.lower_expr(&c.callee);
                let args = self.lower_args(&c.args);
                (callee, args.apply_to(var(&t)))
            }
        };
        call(
            "std.seq",
            [
                let_(&t, object),
                call(
                    "std.if",
                    [call("bool.eq", [var(&t), Node::Null]), Node::Null, access],
                ),
            ],
        )
    }

    fn lower_assign(&mut self, a: &AssignExpr, _used: bool) -> Node {
        match &a.left {
            AssignTarget::Simple(SimpleAssignTarget::Ident(id)) => {
                let name = id.id.sym.as_str();
                let value = self.lower_expr(&a.right);
                if let Some(op) = logical_assign(a.op) {
                    // `x ||= v` assigns only when `x` is falsy (and so on): `x || (x = v)`.
                    let assign = self.assign_name(name, value, id.id.span);
                    return call(op, [var(name), assign]);
                }
                let value = match assign_binary(a.op) {
                    Some(op) => apply_binary(op, var(name), value).unwrap_or(Node::Null),
                    None => value,
                };
                self.assign_name(name, value, id.id.span)
            }
            AssignTarget::Simple(SimpleAssignTarget::Member(m)) => {
                let obj = self.lower_expr(&m.obj);
                let key = self.member_key(&m.prop);
                let value = self.lower_expr(&a.right);
                let Some(op) = assign_binary(a.op) else {
                    return call("js.set", [obj, key, value]);
                };
                let (mut out, obj) = self.hold(obj);
                let (keys, key) = self.hold(key);
                out.extend(keys);
                let current = call("js.get", [obj.clone(), key.clone()]);
                out.push(match logical_assign(a.op) {
                    // Assigns only when the operator evaluates its right operand.
                    Some(logical) => call(logical, [current, call("js.set", [obj, key, value])]),
                    None => {
                        let new = apply_binary(op, current, value).unwrap_or(Node::Null);
                        call("js.set", [obj, key, new])
                    }
                });
                seq(out)
            }
            AssignTarget::Simple(SimpleAssignTarget::Paren(p)) if a.op == AssignOp::Assign => {
                let value = self.lower_expr(&a.right);
                self.assign_to_expr(&p.expr, value)
            }
            AssignTarget::Simple(other) => {
                self.unsupported("this assignment target", swc_common::Spanned::span(other))
            }
            AssignTarget::Pat(p) => {
                let value = self.lower_expr(&a.right);
                let (mut out, source) = self.hold(value);
                let pat = match p {
                    AssignTargetPat::Array(arr) => swc_ecma_ast::Pat::Array(arr.clone()),
                    AssignTargetPat::Object(obj) => swc_ecma_ast::Pat::Object(obj.clone()),
                    AssignTargetPat::Invalid(i) => {
                        return self.unsupported("this assignment target", i.span);
                    }
                };
                out.extend(self.bind_pattern(&pat, source.clone(), None));
                out.push(source);
                seq(out)
            }
        }
    }

    /// Assignment to an expression in a pattern (`[a.x, b[0]] = ...`).
    pub(crate) fn assign_to_expr(&mut self, e: &Expr, value: Node) -> Node {
        match e {
            Expr::Ident(id) => self.assign_name(id.sym.as_str(), value, id.span),
            Expr::Member(m) => {
                let obj = self.lower_expr(&m.obj);
                let key = self.member_key(&m.prop);
                call("js.set", [obj, key, value])
            }
            Expr::Paren(p) => self.assign_to_expr(&p.expr, value),
            Expr::TsAs(x) => self.assign_to_expr(&x.expr, value),
            Expr::TsNonNull(x) => self.assign_to_expr(&x.expr, value),
            other => self.unsupported("this assignment target", swc_common::Spanned::span(other)),
        }
    }

    /// `x++`, `--o.k`: the new value for prefix forms, the old (as a number) for postfix.
    fn lower_update(&mut self, u: &UpdateExpr, used: bool) -> Node {
        let op = if u.op == UpdateOp::PlusPlus {
            "js.add"
        } else {
            "js.sub"
        };
        match &*u.arg {
            Expr::Ident(id) => {
                let name = id.sym.as_str();
                if !used || u.prefix {
                    let new = call(op, [var(name), Node::Int(1)]);
                    return self.assign_name(name, new, id.span);
                }
                let old = self.temp("old");
                let new = call(op, [var(&old), Node::Int(1)]);
                let assign = self.assign_name(name, new, id.span);
                call(
                    "std.seq",
                    [
                        let_(&old, call("js.number", [var(name)])),
                        assign,
                        var(&old),
                    ],
                )
            }
            Expr::Member(m) => {
                let obj = self.lower_expr(&m.obj);
                let key = self.member_key(&m.prop);
                let (mut out, obj) = self.hold(obj);
                let (keys, key) = self.hold(key);
                out.extend(keys);
                let old = self.temp("old");
                out.push(let_(
                    &old,
                    call("js.number", [call("js.get", [obj.clone(), key.clone()])]),
                ));
                let new = call(op, [var(&old), Node::Int(1)]);
                if used && !u.prefix {
                    out.push(call("js.set", [obj, key, new]));
                    out.push(var(&old));
                } else {
                    out.push(call("js.set", [obj, key, new]));
                }
                seq(out)
            }
            Expr::Paren(p) => {
                let inner = UpdateExpr {
                    arg: p.expr.clone(),
                    ..u.clone()
                };
                self.lower_update(&inner, used)
            }
            other => self.unsupported("this update target", swc_common::Spanned::span(other)),
        }
    }
}

/// Whether an expression always evaluates to a boolean: comparisons, `!`, `true`/`false`.
fn is_boolean(e: &Expr) -> bool {
    match e {
        Expr::Paren(p) => is_boolean(&p.expr),
        Expr::Lit(Lit::Bool(_)) => true,
        Expr::Unary(u) => u.op == UnaryOp::Bang,
        Expr::Bin(b) => matches!(
            b.op,
            BinaryOp::EqEq
                | BinaryOp::EqEqEq
                | BinaryOp::NotEq
                | BinaryOp::NotEqEq
                | BinaryOp::Lt
                | BinaryOp::LtEq
                | BinaryOp::Gt
                | BinaryOp::GtEq
                | BinaryOp::In
                | BinaryOp::InstanceOf
        ),
        _ => false,
    }
}
