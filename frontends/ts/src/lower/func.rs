//! Functions: declarations, function expressions and arrows become `std.lambda`, with
//! default parameters, rest parameters and destructured parameters unpacked at entry.

use swc_common::Span;
use swc_ecma_ast::{ArrowExpr, ArrowFunctionBody, FnDecl, Function, Pat, Stmt};
use weft_ir::Node;

use super::{Binding, FnFrame, Lowerer, call, let_, set, var};

/// What a function is made of, whatever its syntax.
struct FnParts<'a> {
    params: Vec<&'a Pat>,
    body: Body<'a>,
    span: Span,
    is_async: bool,
    is_generator: bool,
    is_arrow: bool,
}

enum Body<'a> {
    Block(&'a [Stmt]),
    Expr(&'a swc_ecma_ast::Expr),
    Missing,
}

impl Lowerer<'_> {
    pub(crate) fn lower_fn_decl(&mut self, f: &FnDecl) -> Vec<Node> {
        if f.declare {
            return Vec::new();
        }
        let lambda = self.lower_function(&f.function);
        vec![let_(f.ident.sym.as_str(), lambda)]
    }

    pub(crate) fn lower_function(&mut self, f: &Function) -> Node {
        let parts = FnParts {
            params: f.params.iter().map(|p| &p.pat).collect(),
            body: match &f.body {
                Some(b) => Body::Block(&b.stmts),
                None => Body::Missing,
            },
            span: f.span,
            is_async: f.is_async,
            is_generator: f.is_generator,
            is_arrow: false,
        };
        self.lower_fn_parts(parts)
    }

    pub(crate) fn lower_arrow(&mut self, a: &ArrowExpr) -> Node {
        let parts = FnParts {
            params: a.params.iter().collect(),
            body: match &*a.body {
                ArrowFunctionBody::FunctionBody(b) => Body::Block(&b.stmts),
                ArrowFunctionBody::Expr(e) => Body::Expr(e),
            },
            span: a.span,
            is_async: a.is_async,
            is_generator: a.is_generator,
            is_arrow: true,
        };
        self.lower_fn_parts(parts)
    }

    /// A function with a block body that is not an arrow (a constructor, a static
    /// initialiser), from its parts.
    pub(crate) fn lower_method_like(
        &mut self,
        params: Vec<&Pat>,
        stmts: &[Stmt],
        span: Span,
    ) -> Node {
        self.lower_fn_parts(FnParts {
            params,
            body: Body::Block(stmts),
            span,
            is_async: false,
            is_generator: false,
            is_arrow: false,
        })
    }

    fn lower_fn_parts(&mut self, f: FnParts<'_>) -> Node {
        let fields = self.ctor_prologue.take();
        if f.is_async {
            return self.unsupported("an `async` function", f.span);
        }
        if f.is_generator {
            return self.unsupported("a generator function", f.span);
        }
        if matches!(f.body, Body::Missing) {
            return self.unsupported("a function without a body", f.span);
        }
        // A function body is a fresh jump context: `break` cannot leave it.
        let jumps = std::mem::take(&mut self.jumps);
        self.frames.push(if f.is_arrow {
            FnFrame::Arrow
        } else {
            FnFrame::Function {
                this: None,
                args: None,
            }
        });
        self.push_scope();
        let mut params = Vec::new();
        let mut prologue = Vec::new();
        for (i, pat) in f.params.iter().enumerate() {
            match pat {
                Pat::Ident(id) => {
                    let name = id.id.sym.as_str();
                    self.declare(name, Binding::Mutable);
                    params.push(Node::str(name));
                }
                Pat::Assign(a) if matches!(&*a.left, Pat::Ident(_)) => {
                    let Pat::Ident(id) = &*a.left else { continue };
                    let name = id.id.sym.as_str();
                    self.declare(name, Binding::Mutable);
                    params.push(Node::str(name));
                    let default = self.lower_expr(&a.right);
                    prologue.push(call(
                        "std.if",
                        [call("bool.eq", [var(name), Node::Null]), set(name, default)],
                    ));
                }
                Pat::Rest(r) => {
                    let rest = call("list.slice", [call("std.args", []), Node::Int(i as i64)]);
                    prologue.extend(self.bind_pattern(&r.arg, rest, Some(Binding::Mutable)));
                }
                other => {
                    let name = self.temp("param");
                    params.push(Node::str(&name));
                    prologue.extend(self.bind_pattern(other, var(&name), Some(Binding::Mutable)));
                }
            }
        }
        let mut body = prologue;
        if let Some((fields, props)) = fields {
            body.extend(self.lower_field_inits(&fields, &props));
        }
        match f.body {
            Body::Block(stmts) => {
                let stmts: Vec<&Stmt> = stmts.iter().collect();
                body.extend(self.lower_stmts(&stmts, false));
                // Falling off the end returns undefined, not the last statement's value.
                if !matches!(stmts.last(), Some(Stmt::Return(_))) {
                    body.push(Node::Null);
                }
            }
            Body::Expr(e) => body.push(self.lower_expr(e)),
            Body::Missing => {}
        }
        self.pop_scope();
        self.jumps = jumps;
        if let Some(frame) = self.frames.pop() {
            let mut lexical = frame.prologue();
            if !lexical.is_empty() {
                lexical.append(&mut body);
                body = lexical;
            }
        }
        let body = if body.len() == 1 {
            body.pop().unwrap_or(Node::Null)
        } else {
            call("std.seq", body)
        };
        call("std.lambda", [Node::Array(params), body])
    }
}
