//! Calls: builtins, exception constructors, SDK opcodes (`list.len(xs)`), methods
//! (`xs.append(x)`), and calls of user functions with keyword arguments placed statically.

use std::ops::Range;

use rustpython_parser::ast;
use weft_ir::Node;

use super::{Lowerer, Sig, call, let_, span, var};
use crate::diagnostics;

const EXCEPTIONS: &[&str] = &[
    "BaseException",
    "Exception",
    "ArithmeticError",
    "ZeroDivisionError",
    "OverflowError",
    "LookupError",
    "KeyError",
    "IndexError",
    "ValueError",
    "TypeError",
    "RuntimeError",
    "NotImplementedError",
    "RecursionError",
    "AssertionError",
    "AttributeError",
    "NameError",
    "StopIteration",
];

const TYPES: &[&str] = &[
    "int", "float", "str", "bool", "list", "tuple", "dict", "set", "object",
];

/// Builtin functions that take one argument and can be passed as values (`map(str, xs)`).
const UNARY_BUILTINS: &[&str] = &[
    "len",
    "str",
    "repr",
    "int",
    "float",
    "bool",
    "abs",
    "sorted",
    "reversed",
    "list",
    "tuple",
    "set",
    "dict",
    "sum",
    "any",
    "all",
    "min",
    "max",
    "round",
    "chr",
    "ord",
    "type",
    "enumerate",
];

pub(crate) fn is_exception_name(name: &str) -> bool {
    EXCEPTIONS.contains(&name)
}

/// An expression that runs no user code or mutation (no calls, comprehensions or lambdas).
fn is_pure(e: &ast::Expr) -> bool {
    match e {
        ast::Expr::Constant(_) | ast::Expr::Name(_) => true,
        ast::Expr::Attribute(a) => is_pure(&a.value),
        ast::Expr::Subscript(s) => is_pure(&s.value) && is_pure(&s.slice),
        ast::Expr::Slice(s) => [&s.lower, &s.upper, &s.step]
            .iter()
            .all(|p| p.as_deref().is_none_or(is_pure)),
        ast::Expr::BinOp(b) => is_pure(&b.left) && is_pure(&b.right),
        ast::Expr::UnaryOp(u) => is_pure(&u.operand),
        ast::Expr::BoolOp(b) => b.values.iter().all(is_pure),
        ast::Expr::Compare(c) => is_pure(&c.left) && c.comparators.iter().all(is_pure),
        ast::Expr::IfExp(i) => is_pure(&i.test) && is_pure(&i.body) && is_pure(&i.orelse),
        ast::Expr::JoinedStr(j) => j.values.iter().all(is_pure),
        ast::Expr::FormattedValue(f) => is_pure(&f.value),
        ast::Expr::List(l) => l.elts.iter().all(is_pure),
        ast::Expr::Tuple(t) => t.elts.iter().all(is_pure),
        ast::Expr::Call(c) => {
            matches!(&*c.func, ast::Expr::Name(n) if matches!(
                n.id.as_str(),
                "len" | "str" | "repr" | "int" | "float" | "bool" | "abs" | "round" | "min" | "max" | "sum"
                    | "sorted" | "type" | "isinstance" | "chr" | "ord"
            )) && c.args.iter().all(is_pure)
                && c.keywords.is_empty()
        }
        _ => false,
    }
}

/// Every builtin function the front-end lowers (a local of the same name wins).
fn is_builtin(name: &str) -> bool {
    UNARY_BUILTINS.contains(&name)
        || is_exception_name(name)
        || matches!(
            name,
            "print"
                | "isinstance"
                | "format"
                | "zip"
                | "map"
                | "filter"
                | "range"
                | "divmod"
                | "pow"
                | "callable"
                | "exec"
                | "eval"
                | "compile"
                | "__import__"
                | "globals"
                | "locals"
                | "vars"
                | "input"
                | "open"
                | "breakpoint"
                | "help"
        )
}

pub(crate) fn is_type_name(name: &str) -> bool {
    TYPES.contains(&name)
}

/// Keyword parameters of the builtins and methods that take them, in position order.
fn keyword_params(name: &str) -> &'static [&'static str] {
    match name {
        "sorted" => &["iterable", "key", "reverse"],
        "sort" => &["key", "reverse"],
        "min" | "max" => &["iterable", "key", "default"],
        "enumerate" => &["iterable", "start"],
        "sum" => &["iterable", "start"],
        "round" => &["number", "ndigits"],
        "split" | "rsplit" => &["sep", "maxsplit"],
        "int" => &["x", "base"],
        "get" => &["key", "default"],
        "replace" => &["old", "new", "count"],
        _ => &[],
    }
}

impl Lowerer<'_> {
    pub fn lower_name(&mut self, n: &ast::ExprName) -> Node {
        let name = n.id.as_str();
        if self.is_local(name) {
            return var(name);
        }
        if is_exception_name(name) {
            return Node::str(name);
        }
        if UNARY_BUILTINS.contains(&name) || name == "print" {
            let p = self.temp();
            let body = self
                .lower_builtin(name, vec![var(&p)], 1, span(n))
                .unwrap_or(Node::Null);
            return call("std.lambda", [Node::Array(vec![Node::Str(p)]), body]);
        }
        var(name)
    }

    /// Positional arguments; `None` when some are `*starred` (then `star_list` has them).
    fn positional(&mut self, args: &[ast::Expr]) -> Option<Vec<Node>> {
        if args.iter().any(|a| matches!(a, ast::Expr::Starred(_))) {
            return None;
        }
        Some(args.iter().map(|a| self.lower_expr(a)).collect())
    }

    /// All positional arguments as one list node (for `f(*xs)`).
    fn star_list(&mut self, args: &[ast::Expr]) -> Node {
        let mut parts = Vec::new();
        let mut run = Vec::new();
        for a in args {
            if let ast::Expr::Starred(s) = a {
                if !run.is_empty() {
                    parts.push(call("list.new", std::mem::take(&mut run)));
                }
                let v = self.lower_expr(&s.value);
                parts.push(call("py.list", [v]));
            } else {
                run.push(self.lower_expr(a));
            }
        }
        if !run.is_empty() {
            parts.push(call("list.new", run));
        }
        if parts.len() == 1 {
            parts.pop().unwrap_or(Node::Null)
        } else {
            call("list.concat", parts)
        }
    }

    fn keywords(&mut self, kws: &[ast::Keyword]) -> Vec<(Option<String>, Node, Range<usize>)> {
        kws.iter()
            .map(|k| {
                (
                    k.arg.as_ref().map(|a| a.to_string()),
                    self.lower_expr(&k.value),
                    span(k),
                )
            })
            .collect()
    }

    /// Places keyword arguments of a builtin or method by its known parameter names.
    fn place_keywords(
        &mut self,
        name: &str,
        mut args: Vec<Node>,
        kws: Vec<(Option<String>, Node, Range<usize>)>,
    ) -> Vec<Node> {
        if kws.is_empty() {
            return args;
        }
        let params = keyword_params(name);
        for (kw, value, at) in kws {
            let Some(kw) = kw else {
                self.error(diagnostics::syntax(at, "`**` arguments to builtins"));
                continue;
            };
            match params.iter().position(|p| *p == kw) {
                Some(i) => {
                    while args.len() <= i {
                        args.push(Node::Null);
                    }
                    args[i] = value;
                }
                None => {
                    self.error(diagnostics::bad_call(
                        at,
                        format!("`{name}()` takes no keyword argument `{kw}`"),
                    ));
                }
            }
        }
        args
    }

    pub fn lower_call(&mut self, c: &ast::ExprCall) -> Node {
        let at = span(c);
        if let ast::Expr::Name(n) = &*c.func
            && !self.is_local(&n.id)
        {
            match (n.id.as_str(), c.args.as_slice()) {
                // A module of the program by a name computed at run time.
                ("__import__", [name]) if self.modules_allowed && c.keywords.is_empty() => {
                    self.dynamic_import = true;
                    self.uses_modules = true;
                    let name = self.lower_expr(name);
                    return call("std.apply", [var(super::imports::IMPORT), name]);
                }
                ("getattr", [obj, name]) if c.keywords.is_empty() => {
                    let (obj, name) = (self.lower_expr(obj), self.lower_expr(name));
                    return call("py.getattr", [obj, name]);
                }
                ("getattr", [obj, name, default]) if c.keywords.is_empty() => {
                    let (obj, name) = (self.lower_expr(obj), self.lower_expr(name));
                    let default = self.lower_expr(default);
                    let e = self.temp();
                    return call(
                        "std.try",
                        [call("py.getattr", [obj, name]), Node::Str(e), default],
                    );
                }
                ("setattr", [obj, name, value]) if c.keywords.is_empty() => {
                    let (obj, name) = (self.lower_expr(obj), self.lower_expr(name));
                    let value = self.lower_expr(value);
                    return call(
                        "std.seq",
                        [call("py.setattr", [obj, name, value]), Node::Null],
                    );
                }
                _ => {}
            }
        }
        match &*c.func {
            ast::Expr::Name(n) if !self.is_local(&n.id) && is_builtin(&n.id) => {
                let name = n.id.as_str();
                if matches!(
                    name,
                    "exec" | "eval" | "compile" | "__import__" | "globals" | "locals" | "vars"
                ) {
                    return self.error(diagnostics::dynamic_code(span(n), name));
                }
                if matches!(name, "input" | "open" | "breakpoint" | "help") {
                    return self.error(diagnostics::host_builtin(span(n), name));
                }
                if name == "print" {
                    return self.lower_print(c);
                }
                if name == "isinstance" {
                    return self.lower_isinstance(c);
                }
                let Some(args) = self.positional(&c.args) else {
                    let list = self.star_list(&c.args);
                    return match name {
                        "zip" => call("py.zip_star", [list]),
                        "max" | "min" => call(&format!("py.{name}"), [list, Node::Null]),
                        _ => self.error(diagnostics::syntax(at, "`*` arguments to this builtin")),
                    };
                };
                let kws = self.keywords(&c.keywords);
                if is_exception_name(name) {
                    return call("py.exception", [Node::str(name), call("list.new", args)]);
                }
                if name == "dict" && args.is_empty() && !kws.is_empty() {
                    let mut items = Vec::new();
                    for (k, v, at) in kws {
                        match k {
                            Some(k) => items.extend([Node::Str(k), v]),
                            None => {
                                self.error(diagnostics::syntax(at, "`**` arguments to `dict()`"));
                            }
                        }
                    }
                    return call("py.dict", items);
                }
                let positional = args.len();
                if matches!(name, "min" | "max") && positional >= 2 {
                    // `max(a, b, key=f)`: the items are the positional arguments.
                    let placed = self.place_keywords(name, vec![Node::Null], kws);
                    let key = placed.get(1).cloned().unwrap_or(Node::Null);
                    return call(&format!("py.{name}"), [call("list.new", args), key]);
                }
                let args = self.place_keywords(name, args, kws);
                self.lower_builtin(name, args, positional, at)
                    .unwrap_or(Node::Null)
            }
            ast::Expr::Name(n) => match self.sig(&n.id) {
                Some(sig) => self.lower_static_call(&sig, var(&n.id), c),
                None => self.lower_dynamic_call(var(&n.id), c),
            },
            ast::Expr::Attribute(a) => self.lower_method_call(a, c),
            other => {
                let f = self.lower_expr(other);
                self.lower_dynamic_call(f, c)
            }
        }
    }

    fn lower_dynamic_call(&mut self, f: Node, c: &ast::ExprCall) -> Node {
        if let Some(k) = c.keywords.first() {
            return self.error(diagnostics::dynamic_keywords(span(k)));
        }
        match self.positional(&c.args) {
            Some(args) => call("std.apply", std::iter::once(f).chain(args)),
            None => {
                let list = self.star_list(&c.args);
                call("py.call", [f, list])
            }
        }
    }

    /// A call of a `def` known by name: keyword arguments and defaults placed here.
    fn lower_static_call(&mut self, sig: &Sig, f: Node, c: &ast::ExprCall) -> Node {
        let at = span(c);
        let starred = c.args.iter().any(|a| matches!(a, ast::Expr::Starred(_)));
        let double = c.keywords.iter().any(|k| k.arg.is_none());
        if starred || double {
            if !c.keywords.is_empty() {
                return self.error(diagnostics::syntax(
                    at,
                    "`*`/`**` arguments together with keyword arguments",
                ));
            }
            let list = self.star_list(&c.args);
            return call("py.call", [f, list]);
        }
        let name = &sig.name;
        let mut slots: Vec<Option<Node>> = vec![None; sig.params.len() + sig.kwonly.len()];
        let mut extras = Vec::new();
        for (i, a) in c.args.iter().enumerate() {
            let v = self.lower_expr(a);
            if i < sig.params.len() {
                slots[i] = Some(v);
            } else if sig.vararg {
                extras.push(v);
            } else {
                let msg = format!(
                    "`{name}()` takes {} positional arguments but {} were given",
                    sig.params.len(),
                    c.args.len()
                );
                return self.error(diagnostics::bad_call(at, msg));
            }
        }
        let mut kwargs = Vec::new();
        for k in &c.keywords {
            let Some(kw) = &k.arg else { continue };
            let v = self.lower_expr(&k.value);
            let pos = sig
                .params
                .iter()
                .chain(&sig.kwonly)
                .position(|(p, _)| p == kw.as_str());
            match pos {
                Some(i) if slots[i].is_some() => {
                    return self.error(diagnostics::bad_call(
                        span(k),
                        format!("`{name}()` got multiple values for argument `{kw}`"),
                    ));
                }
                Some(i) => slots[i] = Some(v),
                None if sig.kwarg => kwargs.extend([Node::str(kw.as_str()), v]),
                None => {
                    return self.error(diagnostics::bad_call(
                        span(k),
                        format!("`{name}()` got an unexpected keyword argument `{kw}`"),
                    ));
                }
            }
        }
        // Trailing parameters left out take their defaults in the callee's prologue;
        // gaps before a given argument get the default here.
        let last_given = slots.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
        let needs_all = sig.kwarg || !extras.is_empty();
        let upto = if needs_all { slots.len() } else { last_given };
        let mut args = vec![f];
        for (i, slot) in slots.into_iter().enumerate().take(upto) {
            let (pname, default) = &sig
                .params
                .iter()
                .chain(&sig.kwonly)
                .nth(i)
                .cloned()
                .unwrap_or_default();
            match (slot, default) {
                (Some(v), _) => args.push(v),
                (None, Some(d)) => args.push(d.clone()),
                (None, None) => {
                    return self.error(diagnostics::bad_call(
                        at,
                        format!("`{name}()` missing required argument `{pname}`"),
                    ));
                }
            }
        }
        for (i, (pname, default)) in sig.params.iter().chain(&sig.kwonly).enumerate().skip(upto) {
            let _ = i;
            if default.is_none() {
                return self.error(diagnostics::bad_call(
                    at,
                    format!("`{name}()` missing required argument `{pname}`"),
                ));
            }
        }
        if sig.kwarg {
            args.push(call("py.dict", kwargs));
        }
        args.extend(extras);
        call("std.apply", args)
    }

    fn lower_method_call(&mut self, a: &ast::ExprAttribute, c: &ast::ExprCall) -> Node {
        let method = a.attr.as_str();
        // A function of a module Weft provides (`time.perf_counter_ns()`, `sys.exit(1)`)
        // that is not an SDK opcode of the same name.
        if let ast::Expr::Name(ns) = &*a.value
            && !self.is_local(&ns.id)
            && super::imports::is_builtin_module(&ns.id)
            && self
                .registry
                .lookup(&format!("{}.{method}", ns.id))
                .is_none()
            && let Some(f) = self.builtin_module_attr(a)
        {
            return self.lower_dynamic_call(f, c);
        }
        // SDK namespaces: `list.len(xs)` is the opcode when `list` is not a variable.
        if let ast::Expr::Name(ns) = &*a.value
            && !self.is_local(&ns.id)
            && self.is_sdk_namespace(&ns.id)
        {
            return self.lower_sdk_call(&ns.id, method, c);
        }
        // `super().m(...)`: the method after the current class, bound to `self`.
        if let ast::Expr::Call(sc) = &*a.value
            && let ast::Expr::Name(n) = &*sc.func
            && n.id.as_str() == "super"
            && !self.is_local("super")
        {
            let Some(f) = self.lower_super_attr(sc, method) else {
                return self.error(diagnostics::syntax(
                    span(sc),
                    "`super()` outside a method of a class",
                ));
            };
            return self.lower_dynamic_call(f, c);
        }
        let recv = self.lower_expr(&a.value);
        let Some(args) = self.positional(&c.args) else {
            return self.error(diagnostics::syntax(span(c), "`*` arguments to a method"));
        };
        let kws = self.keywords(&c.keywords);
        let has_keywords = !kws.is_empty();
        let placed = self.place_keywords(method, args.clone(), kws);
        let builtin = |r: Node| {
            call(
                "py.method",
                [r, Node::str(method)]
                    .into_iter()
                    .chain(placed.iter().cloned()),
            )
        };
        if !self.uses_classes_anywhere {
            return builtin(recv);
        }
        // A method of a script's class is its attribute, called as an ordinary function
        // (so it can sleep); the built-in types' methods are `py.method`.
        let r = self.temp();
        let user = if has_keywords {
            call(
                "py.raise",
                [call(
                    "py.exception",
                    [
                        Node::str("TypeError"),
                        call(
                            "list.new",
                            [Node::str(
                                "keyword arguments to a method of a class are not supported",
                            )],
                        ),
                    ],
                )],
            )
        } else {
            call(
                "std.apply",
                [call("py.getattr", [var(&r), Node::str(method)])]
                    .into_iter()
                    .chain(args),
            )
        };
        call(
            "std.seq",
            [
                let_(&r, recv),
                call(
                    "std.if",
                    [call("py.is_object", [var(&r)]), user, builtin(var(&r))],
                ),
            ],
        )
    }

    fn is_sdk_namespace(&self, ns: &str) -> bool {
        let prefix = format!("{ns}.");
        self.registry
            .iter()
            .any(|(_, spec)| spec.name.starts_with(&prefix))
    }

    fn lower_sdk_call(&mut self, ns: &str, method: &str, c: &ast::ExprCall) -> Node {
        let name = format!("{ns}.{method}");
        let at = span(c);
        let Some((_, spec)) = self.registry.lookup(&name) else {
            return self.error(diagnostics::unknown_opcode(at, &name));
        };
        if !spec.is_strict() {
            return self.error(diagnostics::unknown_opcode(at, &name));
        }
        let arity = spec.arity;
        if let Some(k) = c.keywords.first() {
            return self.error(diagnostics::bad_call(
                span(k),
                format!("SDK function `{name}` takes no keyword arguments"),
            ));
        }
        let Some(args) = self.positional(&c.args) else {
            return self.error(diagnostics::syntax(at, "`*` arguments to an SDK function"));
        };
        if !arity.accepts(args.len()) {
            return self.error(diagnostics::bad_call(
                at,
                format!(
                    "`{name}` takes {arity} arguments but {} were given",
                    args.len()
                ),
            ));
        }
        call(&name, args)
    }

    fn lower_print(&mut self, c: &ast::ExprCall) -> Node {
        let kws = self.keywords(&c.keywords);
        // Python converts the arguments after evaluating all of them; converting each one
        // at once (`std.log` of `py.str`s) is the same unless a later argument runs code.
        let eager_ok = c.args.len() < 2 || c.args.iter().all(is_pure);
        if kws.is_empty()
            && eager_ok
            && let Some(args) = self.positional(&c.args)
        {
            let args = args.into_iter().map(|a| {
                if matches!(a, Node::Str(_)) || a.head() == Some("str.concat") {
                    a
                } else {
                    call("py.str", [a])
                }
            });
            return call("std.log", args);
        }
        let items = self.star_list(&c.args);
        let items = if items.head() == Some("list.concat") || items.head() == Some("list.new") {
            items
        } else {
            call("py.list", [items])
        };
        let (mut sep, mut end) = (Node::Null, Node::Null);
        for (k, v, at) in kws {
            match k.as_deref() {
                Some("sep") => sep = v,
                Some("end") => end = v,
                Some("flush") => {}
                _ => {
                    self.error(diagnostics::bad_call(
                        at,
                        "`print()` takes only `sep`, `end` and `flush` keywords".to_owned(),
                    ));
                }
            }
        }
        call("std.write", [call("py.print_text", [items, sep, end])])
    }

    fn lower_isinstance(&mut self, c: &ast::ExprCall) -> Node {
        let [value, types] = c.args.as_slice() else {
            return self.error(diagnostics::bad_call(
                span(c),
                "`isinstance()` takes 2 arguments".to_owned(),
            ));
        };
        let names: Vec<&ast::Expr> = match types {
            ast::Expr::Tuple(t) => t.elts.iter().collect(),
            other => vec![other],
        };
        let mut out = Vec::new();
        for n in names {
            match n {
                ast::Expr::Name(n)
                    if (is_type_name(&n.id) || is_exception_name(&n.id))
                        && !self.is_local(&n.id) =>
                {
                    out.push(Node::str(n.id.as_str()));
                }
                ast::Expr::Constant(ast::ExprConstant {
                    value: ast::Constant::None,
                    ..
                }) => out.push(Node::str("NoneType")),
                // A class of the script.
                other => out.push(self.lower_expr(other)),
            }
        }
        let v = self.lower_expr(value);
        call("py.isinstance", [v, call("list.new", out)])
    }

    /// A builtin function applied to lowered arguments; `None` for unknown names.
    pub fn lower_builtin(
        &mut self,
        name: &str,
        args: Vec<Node>,
        positional: usize,
        at: Range<usize>,
    ) -> Option<Node> {
        let n = args.len();
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Node::Null);
        let check = |lw: &mut Self, ok: bool| {
            if !ok {
                lw.error(diagnostics::bad_call(
                    at.clone(),
                    format!("wrong number of arguments to `{name}()`"),
                ));
            }
            ok
        };
        let node = match name {
            "len" | "repr" | "abs" | "reversed" | "any" | "all" | "chr" | "ord" => {
                if !check(self, n == 1) {
                    return Some(Node::Null);
                }
                let op = format!("py.{name}");
                call(&op, [arg(0)])
            }
            "str" if n <= 1 => call("py.str", args),
            "float" if n == 0 => Node::Float(0.0),
            "float" if n == 1 => call("py.float", [arg(0)]),
            "int" if n == 0 => Node::Int(0),
            "int" if n <= 2 => call("py.int", [arg(0), arg(1)]),
            "bool" if n == 0 => Node::Bool(false),
            "bool" if n == 1 => call("py.truthy", [arg(0)]),
            "list" if n == 0 => call("list.new", []),
            "list" if n == 1 => call("py.list", [arg(0)]),
            "tuple" if n <= 1 => call("py.to_tuple", args),
            "set" if n <= 1 => call("py.to_set", args),
            "dict" if n == 0 => call("py.dict", []),
            "dict" if n == 1 => call("py.to_dict", [arg(0)]),
            "sorted" if (1..=3).contains(&n) => call("py.sorted", [arg(0), arg(1), arg(2)]),
            "sum" if (1..=2).contains(&n) => call("py.sum", [arg(0), arg(1)]),
            "enumerate" if (1..=2).contains(&n) => call("py.enumerate", [arg(0), arg(1)]),
            "round" if (1..=2).contains(&n) => call("py.round", [arg(0), arg(1)]),
            "min" | "max" if n >= 1 => {
                let op = format!("py.{name}");
                // `min(a, b, ...)` versus `min(iterable, key=..., default=...)`: keyword
                // placement put key/default at positions 1 and 2 only when given by name.
                if positional >= 2 {
                    call(&op, [call("list.new", args), Node::Null])
                } else {
                    let mut a = vec![arg(0), arg(1)];
                    if n >= 3 {
                        a.push(arg(2));
                    }
                    call(&op, a)
                }
            }
            "zip" => call("py.zip", args),
            "map" if n >= 2 => call("py.map", args),
            "filter" if n == 2 => call("py.filter", args),
            "range" if n == 1 => call("py.range", [Node::Int(0), arg(0), Node::Null]),
            "range" if (2..=3).contains(&n) => call("py.range", [arg(0), arg(1), arg(2)]),
            "divmod" if n == 2 => call("py.divmod", args),
            "format" if n == 1 => call("py.str", args),
            "format" if n == 2 => call("py.format", args),
            "pow" if n == 2 => call("py.pow", args),
            "type" if n == 1 => call(
                "str.concat",
                [
                    Node::str("<class '"),
                    call("py.type_name", [arg(0)]),
                    Node::str("'>"),
                ],
            ),
            "print" => call("std.log", args.into_iter().map(|a| call("py.str", [a]))),
            "callable" if n == 1 => call(
                "bool.eq",
                [call("std.typeof", [arg(0)]), Node::str("function")],
            ),
            "str" | "float" | "int" | "bool" | "list" | "tuple" | "set" | "dict" | "sorted"
            | "sum" | "enumerate" | "round" | "min" | "max" | "map" | "filter" | "range"
            | "divmod" | "pow" | "type" | "callable" => {
                check(self, false);
                return Some(Node::Null);
            }
            _ => return None,
        };
        Some(node)
    }
}
