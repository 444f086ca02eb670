//! Functions: `def` and `lambda` become `std.lambda` closures.
//!
//! Calling convention: the closure's parameters are the positional parameters, then the
//! keyword-only ones, then the `**kwargs` dict; extra positional arguments follow and are
//! collected into the `*args` tuple from `std.args`. A parameter with a default takes it
//! when the call passes fewer arguments; calls to a `def` known by name place keyword
//! arguments at compile time and pass the default for any gap. Defaults are evaluated
//! once, where the function is defined (literal defaults are inlined).

use std::rc::Rc;

use rustpython_parser::ast;
use weft_ir::Node;

use super::{Body, Lowerer, Sig, call, let_, set, span, var};
use crate::diagnostics;

/// A default that can be inlined at every use: a literal, or a negated number.
fn is_simple_default(e: &ast::Expr) -> bool {
    match e {
        ast::Expr::Constant(c) => !matches!(c.value, ast::Constant::Tuple(_)),
        ast::Expr::UnaryOp(u) => matches!(&*u.operand, ast::Expr::Constant(_)),
        _ => false,
    }
}

fn all_params(args: &ast::Arguments) -> impl Iterator<Item = &ast::ArgWithDefault> {
    args.posonlyargs.iter().chain(&args.args)
}

/// The hidden variables that hold a function's non-literal defaults, each with the index
/// of its parameter (positional, then keyword-only). By index rather than a copy of the
/// expression: copying a syntax tree costs as much as it is deep.
pub(crate) type Hidden = Vec<(String, usize)>;

/// Each hidden variable with its default expression.
fn defaults<'a>(
    args: &'a ast::Arguments,
    hidden: &'a Hidden,
) -> impl Iterator<Item = (&'a str, &'a ast::Expr)> {
    hidden.iter().filter_map(move |(name, index)| {
        let param = all_params(args).chain(&args.kwonlyargs).nth(*index)?;
        Some((name.as_str(), param.default.as_deref()?))
    })
}

impl Lowerer<'_> {
    /// The node a call passes for the default of parameter `index` (positional, then
    /// keyword-only), noting in `hidden` when it needs a hidden variable.
    fn default_node(&mut self, e: &ast::Expr, index: usize, hidden: &mut Hidden) -> Node {
        if is_simple_default(e) {
            self.lower_expr(e)
        } else {
            let name = format!("$d{}", self.temp().trim_start_matches("$t"));
            hidden.push((name.clone(), index));
            var(&name)
        }
    }

    fn sig_from(&mut self, name: &str, args: &ast::Arguments) -> (Sig, Hidden) {
        let mut hidden = Vec::new();
        let mut params = Vec::new();
        let mut kwonly = Vec::new();
        let positional = all_params(args).count();
        for (i, p) in all_params(args).chain(&args.kwonlyargs).enumerate() {
            let d = p
                .default
                .as_deref()
                .map(|e| self.default_node(e, i, &mut hidden));
            let entry = (p.def.arg.to_string(), d);
            if i < positional {
                params.push(entry);
            } else {
                kwonly.push(entry);
            }
        }
        let sig = Sig {
            name: name.to_owned(),
            params,
            vararg: args.vararg.is_some(),
            kwonly,
            kwarg: args.kwarg.is_some(),
        };
        (sig, hidden)
    }

    /// The signature of a `def`, registered before its scope's statements are lowered;
    /// its hidden default variables are declared in that scope.
    pub fn make_sig(&mut self, def: &ast::StmtFunctionDef) -> Sig {
        let (sig, hidden) = self.sig_from(&def.name, &def.args);
        if let Some(scope) = self.scopes.last_mut() {
            for (name, _) in &hidden {
                scope.hidden.push(name.clone());
            }
            scope
                .pending_defaults
                .insert(usize::from(def.range.start()), hidden);
        }
        sig
    }

    /// The closure's parameter names, and the names the body binds in its prologue.
    fn param_names(args: &ast::Arguments) -> (Vec<String>, Vec<String>) {
        let mut params: Vec<String> = all_params(args).map(|p| p.def.arg.to_string()).collect();
        params.extend(args.kwonlyargs.iter().map(|p| p.def.arg.to_string()));
        if let Some(k) = &args.kwarg {
            params.push(k.arg.to_string());
        }
        let mut bound = params.clone();
        if let Some(v) = &args.vararg {
            bound.push(v.arg.to_string());
        }
        (params, bound)
    }

    /// Fills missing parameters with their defaults and collects `*args` / `**kwargs`.
    pub fn lower_prologue(&mut self, args: &ast::Arguments) -> Vec<Node> {
        let Some(sig) = self.current_sig.take() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let needs_count = sig
            .params
            .iter()
            .chain(&sig.kwonly)
            .any(|(_, d)| d.is_some())
            || sig.vararg;
        let count = "$argc".to_owned();
        if needs_count {
            out.push(let_(&count, call("list.len", [call("std.args", [])])));
        }
        for (i, (name, default)) in sig.params.iter().chain(&sig.kwonly).enumerate() {
            if let Some(d) = default {
                let missing = call("bool.lte", [var(&count), Node::Int(i as i64)]);
                out.push(call("std.if", [missing, set(name, d.clone())]));
            }
        }
        let fixed = sig.params.len() + sig.kwonly.len() + usize::from(sig.kwarg);
        if let Some(k) = &args.kwarg {
            let absent = call("bool.eq", [var(&k.arg), Node::Null]);
            out.push(call("std.if", [absent, set(&k.arg, call("py.dict", []))]));
        }
        if let Some(v) = &args.vararg {
            let rest = call(
                "list.slice",
                [call("std.args", []), Node::Int(fixed as i64)],
            );
            out.push(let_(&v.arg, call("py.to_tuple", [rest])));
        }
        out
    }

    /// `std.lambda` for a function with these arguments and body.
    fn closure(&mut self, sig: Rc<Sig>, args: &ast::Arguments, body: Body<'_>) -> Node {
        let (params, bound) = Self::param_names(args);
        self.current_sig = Some(sig);
        let body = self.lower_function_body(body, &bound, Some(args));
        let params = Node::Array(params.into_iter().map(Node::Str).collect());
        call("std.lambda", [params, body])
    }

    pub fn lower_def(&mut self, def: &ast::StmtFunctionDef, out: &mut Vec<Node>) {
        if let Some(d) = def.decorator_list.first() {
            self.error(diagnostics::decorator(span(d)));
        }
        let hidden = self
            .scopes
            .last_mut()
            .and_then(|s| s.pending_defaults.remove(&usize::from(def.range.start())))
            .unwrap_or_default();
        for (name, e) in defaults(&def.args, &hidden) {
            let value = self.lower_expr(e);
            out.push(set(name, value));
        }
        let sig = self
            .sig(&def.name)
            .unwrap_or_else(|| Rc::new(self.sig_from(&def.name, &def.args).0));
        let f = self.closure(sig, &def.args, Body::Stmts(&def.body));
        out.push(set(&def.name, f));
    }

    /// A method's function (a `def` in a class body): its non-literal defaults evaluated
    /// first, into hidden variables of the scope around the class, as a `def` does. Its
    /// signature is not registered under its name (that is a module-level function's).
    pub fn method_value(&mut self, def: &ast::StmtFunctionDef) -> Node {
        let sig = self.make_sig(def);
        let hidden = self
            .scopes
            .last_mut()
            .and_then(|s| s.pending_defaults.remove(&usize::from(def.range.start())))
            .unwrap_or_default();
        let mut out = Vec::new();
        for (name, e) in defaults(&def.args, &hidden) {
            let value = self.lower_expr(e);
            out.push(set(name, value));
        }
        let first = all_params(&def.args).next().map(|p| p.def.arg.to_string());
        self.self_names.push(first);
        let f = self.closure(Rc::new(sig), &def.args, Body::Stmts(&def.body));
        self.self_names.pop();
        if out.is_empty() {
            return f;
        }
        out.push(f);
        call("std.seq", out)
    }

    pub fn lower_lambda(&mut self, l: &ast::ExprLambda) -> Node {
        let (sig, hidden) = self.sig_from("<lambda>", &l.args);
        let mut seq = Vec::new();
        for (name, e) in defaults(&l.args, &hidden) {
            let value = self.lower_expr(e);
            seq.push(let_(name, value));
        }
        let f = self.closure(Rc::new(sig), &l.args, Body::Lambda(l));
        if seq.is_empty() {
            f
        } else {
            seq.push(f);
            call("std.seq", seq)
        }
    }
}
