//! Classes: declarations and expressions lower onto the IR's object model.
//!
//! `class C extends P { ... }` becomes a class object (`obj.class`) whose instance
//! prototype holds the methods and accessors, whose own entries hold the static members,
//! and whose prototype is `P` (so statics are inherited, as in JavaScript):
//!
//! ```text
//! %super = P; %proto = obj.create(obj.class_proto(%super))
//! C = obj.class("C", <constructor>, %proto, %super)
//! obj.set(%proto, "m", <method>) ...; obj.define_accessor(%proto, "g", get, set) ...
//! statics, in source order, each initialiser run with the class as `this`
//! ```
//!
//! The constructor runs the instance field initialisers first (a base class) or right
//! after its `super(...)` call (a derived class); a class without a constructor gets one
//! that passes its arguments to the superclass's. `super(...)` calls the superclass's
//! constructor with the same `this` (`std.apply_this`), `super.m(...)` the superclass's
//! method. `extends Error` (or another built-in error class) makes `super(message)` set
//! `name` and `message` on the instance, since Weft's errors are plain objects.
//! Private names (`#x`) are ordinary keys spelled with their `#`.

use swc_common::Span;
use swc_ecma_ast::{
    Class, ClassMember, Expr, Function, MethodKind, ParamOrTsParamProp, Pat, TsParamPropParam,
};
use weft_ir::Node;

use super::builtins::ERROR_CLASSES;
use super::{Binding, Lowerer, call, let_, var};

/// An instance field: its key and initialiser.
#[derive(Clone, Debug)]
pub(crate) struct FieldInit {
    key: Node,
    value: Option<Box<Expr>>,
}

/// The class whose body is being lowered, for `super` and field initialisers.
#[derive(Debug)]
pub(crate) struct ClassCtx {
    /// The variable holding the superclass, when there is a user superclass.
    pub(crate) super_var: Option<String>,
    /// `extends Error` (or another built-in error class): its name.
    pub(crate) error_base: Option<String>,
    /// The instance fields a derived constructor initialises after `super(...)`.
    fields: Vec<FieldInit>,
    /// Constructor parameter properties (`constructor(private x)`), set with the fields.
    param_props: Vec<String>,
    /// Lowering a static member: `super.m` is the superclass's own `m`.
    pub(crate) in_static: bool,
}

impl Lowerer<'_> {
    /// `class C { ... }` as a statement: declares `C`.
    pub(crate) fn lower_class_decl(&mut self, name: &str, class: &Class) -> Vec<Node> {
        self.declare(name, Binding::Mutable);
        self.lower_class_body(Some(name), name, class)
    }

    /// A class expression: its value is the class object.
    pub(crate) fn lower_class_expr(&mut self, name: Option<&str>, class: &Class) -> Node {
        self.push_scope();
        let cls = match name {
            Some(n) => n.to_owned(),
            None => self.temp("class"),
        };
        self.declare(&cls, Binding::Const);
        let mut out = self.lower_class_body(name, &cls, class);
        out.push(var(&cls));
        self.pop_scope();
        call("std.seq", out)
    }

    fn lower_class_body(&mut self, name: Option<&str>, cls: &str, class: &Class) -> Vec<Node> {
        if !class.decorators.is_empty() {
            return vec![self.unsupported("a decorator", class.span)];
        }
        let mut out = Vec::new();
        let mut error_base = None;
        let super_var = match class.super_class.as_deref() {
            Some(Expr::Ident(id))
                if self.lookup(id.sym.as_str()).is_none()
                    && ERROR_CLASSES.contains(&id.sym.as_str()) =>
            {
                error_base = Some(id.sym.to_string());
                None
            }
            Some(e) => {
                let t = self.temp("super");
                let value = self.lower_expr(e);
                out.push(let_(&t, value));
                Some(t)
            }
            None => None,
        };
        let proto = self.temp("proto");
        let parent_proto = match &super_var {
            Some(s) => call("obj.class_proto", [var(s)]),
            None => Node::Null,
        };
        out.push(let_(&proto, call("obj.create", [parent_proto])));

        let mut fields = Vec::new();
        let mut ctor = None;
        for member in &class.body {
            match member {
                ClassMember::Constructor(c) => ctor = Some(c),
                ClassMember::ClassProp(p) if !p.is_static && !p.declare => {
                    let key = self.prop_key(&p.key);
                    fields.push(FieldInit {
                        key,
                        value: p.value.clone(),
                    });
                }
                ClassMember::PrivateProp(p) if !p.is_static => fields.push(FieldInit {
                    key: Node::str(format!("#{}", p.key.name)),
                    value: p.value.clone(),
                }),
                _ => {}
            }
        }
        let derived = super_var.is_some() || error_base.is_some();
        let param_props: Vec<String> = ctor
            .map(|c| {
                c.params
                    .iter()
                    .filter_map(|p| match p {
                        ParamOrTsParamProp::TsParamProp(tp) => Some(match &tp.param {
                            TsParamPropParam::Ident(id) => id.id.sym.to_string(),
                            TsParamPropParam::Assign(a) => match &*a.left {
                                Pat::Ident(id) => id.id.sym.to_string(),
                                _ => String::new(),
                            },
                        }),
                        ParamOrTsParamProp::Param(_) => None,
                    })
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        self.classes.push(ClassCtx {
            super_var: super_var.clone(),
            error_base: error_base.clone(),
            fields: if derived { fields.clone() } else { Vec::new() },
            param_props: if derived {
                param_props.clone()
            } else {
                Vec::new()
            },
            in_static: false,
        });

        // The constructor.
        let init = match ctor {
            Some(c) => {
                let pats: Vec<Pat> = c
                    .params
                    .iter()
                    .map(|p| match p {
                        ParamOrTsParamProp::Param(p) => p.pat.clone(),
                        ParamOrTsParamProp::TsParamProp(tp) => match &tp.param {
                            TsParamPropParam::Ident(id) => Pat::Ident(id.clone()),
                            TsParamPropParam::Assign(a) => Pat::Assign(a.clone()),
                        },
                    })
                    .collect();
                match &c.body {
                    Some(body) => {
                        if !derived {
                            self.ctor_prologue = Some((fields.clone(), param_props.clone()));
                        }
                        self.lower_method_like(pats.iter().collect(), &body.stmts, c.span)
                    }
                    None => self.unsupported("a constructor without a body", c.span),
                }
            }
            None if derived => self.implicit_derived_ctor(),
            None => {
                self.ctor_prologue = Some((fields.clone(), Vec::new()));
                self.lower_method_like(Vec::new(), &[], class.span)
            }
        };
        let class_name = name.unwrap_or("");
        let parent = super_var.as_deref().map_or(Node::Null, var);
        out.push(let_(
            cls,
            call(
                "obj.class",
                [Node::str(class_name), init, var(&proto), parent],
            ),
        ));

        // Methods, accessors and static members, in source order.
        for member in &class.body {
            match member {
                ClassMember::Method(m) => {
                    let key = self.prop_key(&m.key);
                    let f = (&*m.function, m.kind, m.is_static);
                    out.push(self.lower_member_fn(cls, &proto, key, f));
                }
                ClassMember::PrivateMethod(m) => {
                    let key = Node::str(format!("#{}", m.key.name));
                    let f = (&*m.function, m.kind, m.is_static);
                    out.push(self.lower_member_fn(cls, &proto, key, f));
                }
                ClassMember::ClassProp(p) if p.is_static && !p.declare => {
                    let key = self.prop_key(&p.key);
                    out.push(self.static_field(cls, key, p.value.as_deref()));
                }
                ClassMember::PrivateProp(p) if p.is_static => {
                    let key = Node::str(format!("#{}", p.key.name));
                    out.push(self.static_field(cls, key, p.value.as_deref()));
                }
                ClassMember::StaticBlock(b) => {
                    self.in_static(true);
                    let body = self.lower_method_like(Vec::new(), &b.body.stmts, b.span);
                    self.in_static(false);
                    out.push(call("std.apply_this", [body, var(cls)]));
                }
                ClassMember::TsIndexSignature(_) | ClassMember::Empty(_) => {}
                ClassMember::AutoAccessor(a) => {
                    out.push(self.unsupported("an `accessor` field", a.span));
                }
                ClassMember::Constructor(_)
                | ClassMember::ClassProp(_)
                | ClassMember::PrivateProp(_) => {}
            }
        }
        self.classes.pop();
        out
    }

    fn in_static(&mut self, on: bool) {
        if let Some(c) = self.classes.last_mut() {
            c.in_static = on;
        }
    }

    /// A method, getter or setter on the prototype (or the class, when static).
    fn lower_member_fn(
        &mut self,
        cls: &str,
        proto: &str,
        key: Node,
        (f, kind, is_static): (&Function, MethodKind, bool),
    ) -> Node {
        let holder = if is_static { var(cls) } else { var(proto) };
        self.in_static(is_static);
        let lambda = self.lower_function(f);
        self.in_static(false);
        match kind {
            MethodKind::Method => call("obj.set", [holder, key, lambda]),
            MethodKind::Getter => call("obj.define_accessor", [holder, key, lambda, Node::Null]),
            MethodKind::Setter => call("obj.define_accessor", [holder, key, Node::Null, lambda]),
        }
    }

    /// `static k = value`: evaluated with the class as `this`.
    fn static_field(&mut self, cls: &str, key: Node, value: Option<&Expr>) -> Node {
        let Some(value) = value else {
            return call("js.set", [var(cls), key, Node::Null]);
        };
        self.in_static(true);
        let span = swc_common::Spanned::span(value);
        let stmts = [swc_ecma_ast::Stmt::Return(swc_ecma_ast::ReturnStmt {
            span,
            arg: Some(Box::new(value.clone())),
        })];
        let thunk = self.lower_method_like(Vec::new(), &stmts, span);
        self.in_static(false);
        call(
            "js.set",
            [var(cls), key, call("std.apply_this", [thunk, var(cls)])],
        )
    }

    /// A derived class's constructor when it declares none: passes every argument on.
    fn implicit_derived_ctor(&mut self) -> Node {
        // Lowered as a function of its own, so that `this` in field initialisers (and in
        // arrows there) is the new instance.
        self.frames.push(super::FnFrame::Function {
            this: None,
            args: None,
        });
        self.push_scope();
        let super_call = self.super_call_node(call("std.args", []), true);
        self.pop_scope();
        let mut body = self
            .frames
            .pop()
            .map(super::FnFrame::prologue)
            .unwrap_or_default();
        body.push(super_call);
        call(
            "std.lambda",
            [Node::Array(Vec::new()), call("std.seq", body)],
        )
    }

    /// The field and parameter-property initialisers a constructor runs (lowered inside it).
    pub(crate) fn lower_field_inits(
        &mut self,
        fields: &[FieldInit],
        param_props: &[String],
    ) -> Vec<Node> {
        let mut out = Vec::new();
        for p in param_props {
            out.push(call("js.set", [call("std.this", []), Node::str(p), var(p)]));
        }
        for f in fields {
            let value = match &f.value {
                Some(e) => self.lower_expr(e),
                None => Node::Null,
            };
            out.push(call("js.set", [call("std.this", []), f.key.clone(), value]));
        }
        out
    }

    /// `super(args)` in a constructor: the superclass's constructor on this `this`, then
    /// this class's field initialisers. `args` is a list node when `spread`, else the
    /// arguments node list is `args`'s items.
    pub(crate) fn super_call_node(&mut self, args: Node, spread: bool) -> Node {
        let Some(ctx) = self.classes.last() else {
            return Node::Null;
        };
        let (fields, props) = (ctx.fields.clone(), ctx.param_props.clone());
        let bases = (ctx.super_var.clone(), ctx.error_base.clone());
        let this = self.lower_lexical(false);
        let mut out = Vec::new();
        match bases {
            (Some(s), _) => {
                let init = call("obj.class_init", [var(&s)]);
                out.push(if spread {
                    call("js.apply", [init, args, this.clone()])
                } else {
                    let Node::Array(items) = args else {
                        return Node::Null;
                    };
                    call(
                        "std.apply_this",
                        [init, this.clone()].into_iter().chain(items),
                    )
                });
            }
            (None, Some(base)) => {
                let message = if spread {
                    call("list.get", [args, Node::Int(0), Node::Null])
                } else {
                    match args {
                        Node::Array(items) => items.into_iter().next().unwrap_or(Node::Null),
                        _ => Node::Null,
                    }
                };
                let message = call(
                    "std.if",
                    [
                        call("bool.eq", [message.clone(), Node::Null]),
                        Node::str(""),
                        call("js.string", [message]),
                    ],
                );
                out.push(call(
                    "js.set",
                    [this.clone(), Node::str("name"), Node::str(&base)],
                ));
                out.push(call(
                    "js.set",
                    [this.clone(), Node::str("message"), message],
                ));
            }
            (None, None) => {}
        }
        out.extend(self.lower_field_inits(&fields, &props));
        out.push(Node::Null);
        call("std.seq", out)
    }

    /// `super.name` (a method or property of the superclass) as a value.
    pub(crate) fn super_member(&mut self, key: Node, span: Span) -> Node {
        let Some(ctx) = self.classes.last() else {
            return self.unsupported("`super` outside a class", span);
        };
        let Some(s) = ctx.super_var.clone() else {
            return self.unsupported("`super` of a class without a user superclass", span);
        };
        let holder = if ctx.in_static {
            var(&s)
        } else {
            call("obj.class_proto", [var(&s)])
        };
        call("obj.get", [holder, key, Node::Null])
    }
}
