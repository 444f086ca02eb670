//! Calls: user functions (`std.apply`), `console.log`, JavaScript globals (`Math.*`,
//! `JSON.*`, `Object.*`, `parseInt`, ... on `js.global`), SDK opcodes (`ns.fn(...)` where
//! `ns` is no local binding), `new Error(...)`, and method calls, which go to a user
//! object's function property (`std.call_method`) or a built-in method (`js.method`).

use swc_ecma_ast::{CallExpr, Callee, Expr, ExprOrSpread, MemberExpr, MemberProp, NewExpr};
use weft_ir::Node;

use super::{Lowerer, call, is_simple, let_, var};
use crate::diagnostics;

/// JavaScript's global namespaces that Weft lowers (used as `ns.member`).
const NAMESPACES: &[&str] = &[
    "Math", "JSON", "Object", "Array", "Number", "String", "console",
];

/// Callable members of those namespaces, implemented by `js.global`.
const GLOBAL_FUNCTIONS: &[&str] = &[
    "Math.floor",
    "Math.ceil",
    "Math.trunc",
    "Math.round",
    "Math.abs",
    "Math.sign",
    "Math.sqrt",
    "Math.cbrt",
    "Math.exp",
    "Math.log",
    "Math.log2",
    "Math.log10",
    "Math.sin",
    "Math.cos",
    "Math.tan",
    "Math.asin",
    "Math.acos",
    "Math.atan",
    "Math.atan2",
    "Math.pow",
    "Math.min",
    "Math.max",
    "Math.hypot",
    "JSON.stringify",
    "JSON.parse",
    "Object.keys",
    "Object.values",
    "Object.entries",
    "Object.assign",
    "Object.fromEntries",
    "Object.freeze",
    "Array.isArray",
    "Array.from",
    "Array.of",
    "Number.isInteger",
    "Number.isFinite",
    "Number.isNaN",
    "Number.parseFloat",
    "Number.parseInt",
    "String.fromCharCode",
];

/// Global functions called by bare name.
const BARE_FUNCTIONS: &[&str] = &["parseInt", "parseFloat", "isNaN", "isFinite", "Boolean"];

/// Constants of the global namespaces.
fn global_constant(name: &str) -> Option<Node> {
    let f = match name {
        "Math.PI" => std::f64::consts::PI,
        "Math.E" => std::f64::consts::E,
        "Math.LN2" => std::f64::consts::LN_2,
        "Math.LN10" => std::f64::consts::LN_10,
        "Math.LOG2E" => std::f64::consts::LOG2_E,
        "Math.LOG10E" => std::f64::consts::LOG10_E,
        "Math.SQRT2" => std::f64::consts::SQRT_2,
        "Math.SQRT1_2" => std::f64::consts::FRAC_1_SQRT_2,
        "Number.EPSILON" => f64::EPSILON,
        "Number.MAX_VALUE" => f64::MAX,
        "Number.MIN_VALUE" => 5e-324,
        "Number.MAX_SAFE_INTEGER" => 9_007_199_254_740_991.0,
        "Number.MIN_SAFE_INTEGER" => -9_007_199_254_740_991.0,
        "Number.POSITIVE_INFINITY" => f64::INFINITY,
        "Number.NEGATIVE_INFINITY" => f64::NEG_INFINITY,
        "Number.NaN" => f64::NAN,
        _ => return None,
    };
    Some(super::number(f))
}

/// Built-in method names of strings, arrays, numbers and objects (`js.method`).
const BUILTIN_METHODS: &[&str] = &[
    "toUpperCase",
    "toLowerCase",
    "toLocaleUpperCase",
    "toLocaleLowerCase",
    "trim",
    "trimStart",
    "trimEnd",
    "toString",
    "valueOf",
    "charAt",
    "at",
    "charCodeAt",
    "codePointAt",
    "slice",
    "substring",
    "substr",
    "indexOf",
    "lastIndexOf",
    "includes",
    "startsWith",
    "endsWith",
    "repeat",
    "padStart",
    "padEnd",
    "replace",
    "replaceAll",
    "concat",
    "split",
    "localeCompare",
    "push",
    "pop",
    "shift",
    "unshift",
    "splice",
    "join",
    "reverse",
    "sort",
    "fill",
    "flat",
    "forEach",
    "map",
    "filter",
    "flatMap",
    "find",
    "findIndex",
    "some",
    "every",
    "reduce",
    "reduceRight",
    "toFixed",
    "hasOwnProperty",
];

/// Error classes `new X(message)` builds (as `{ name, message }` objects).
pub(crate) const ERROR_CLASSES: &[&str] = &[
    "Error",
    "TypeError",
    "RangeError",
    "SyntaxError",
    "ReferenceError",
    "EvalError",
    "URIError",
];

/// JavaScript globals Weft does not provide; using one is an E2008 error, not an SDK call.
const UNSUPPORTED_GLOBALS: &[&str] = &[
    "Date",
    "WeakMap",
    "WeakSet",
    "Promise",
    "RegExp",
    "Symbol",
    "Reflect",
    "Proxy",
    "Intl",
    "process",
    "require",
    "globalThis",
    "window",
    "Buffer",
    "BigInt",
    "setTimeout",
    "setInterval",
    "structuredClone",
    "Atomics",
    "Function",
];

/// A bare global function used as a value (`xs.filter(Boolean)`, `xs.map(String)`): a
/// lambda calling it.
pub(crate) fn global_function_value(name: &str) -> Option<Node> {
    let x = var("%x");
    let body = match name {
        "String" => call("js.string", [x]),
        "Number" => call("js.number", [x]),
        "parseInt" => call("js.global", [Node::str(name), x, var("%y")]),
        _ if BARE_FUNCTIONS.contains(&name) => call("js.global", [Node::str(name), x]),
        _ => return None,
    };
    Some(call(
        "std.lambda",
        [Node::Array(vec![Node::str("%x"), Node::str("%y")]), body],
    ))
}

pub(crate) fn is_global_namespace(name: &str) -> bool {
    NAMESPACES.contains(&name) || UNSUPPORTED_GLOBALS.contains(&name)
}

/// Lowered call arguments: plain, or (with a spread) one list expression.
pub(crate) enum Args {
    Plain(Vec<Node>),
    Spread(Node),
}

impl Args {
    /// The arguments as one list expression.
    pub(crate) fn into_list(self) -> Node {
        match self {
            Args::Plain(args) => call("list.new", args),
            Args::Spread(list) => list,
        }
    }

    /// A call of the function value `f` with these arguments.
    pub(crate) fn apply_to(self, f: Node) -> Node {
        match self {
            Args::Plain(args) => call("std.apply", std::iter::once(f).chain(args)),
            Args::Spread(list) => call("js.apply", [f, list]),
        }
    }
}

impl Lowerer<'_> {
    pub(crate) fn lower_args(&mut self, args: &[ExprOrSpread]) -> Args {
        if args.iter().any(|a| a.spread.is_some()) {
            Args::Spread(
                self.lower_spread_list(args.iter().map(|a| (Some(&*a.expr), a.spread.is_some()))),
            )
        } else {
            Args::Plain(args.iter().map(|a| self.lower_expr(&a.expr)).collect())
        }
    }

    /// Plain arguments, or a diagnostic (and none) when a spread is used where Weft
    /// cannot spread.
    fn plain_args(&mut self, args: &[ExprOrSpread], what: &str) -> Vec<Node> {
        match self.lower_args(args) {
            Args::Plain(nodes) => nodes,
            Args::Spread(_) => {
                if let Some(spread) = args.iter().find_map(|a| a.spread) {
                    self.unsupported(&format!("a spread argument in a call of {what}"), spread);
                }
                Vec::new()
            }
        }
    }

    /// `ns.name` for a namespace that is not a local binding: its dotted name.
    /// `process.stdout.write` (not shadowed by a local `process`).
    fn is_process_stdout_write(&self, m: &MemberExpr) -> bool {
        let MemberProp::Ident(write) = &m.prop else {
            return false;
        };
        let Expr::Member(inner) = &*m.obj else {
            return false;
        };
        write.sym == "write"
            && self
                .namespace_member(inner)
                .is_some_and(|(ns, p)| ns == "process" && p == "stdout")
    }

    fn namespace_member(&self, m: &MemberExpr) -> Option<(String, String)> {
        let Expr::Ident(ns) = &*m.obj else {
            return None;
        };
        let MemberProp::Ident(prop) = &m.prop else {
            return None;
        };
        if self.lookup(ns.sym.as_str()).is_some() {
            return None;
        }
        Some((ns.sym.to_string(), prop.sym.to_string()))
    }

    /// `Math.PI` and the other constants of the global namespaces.
    pub(crate) fn global_member(&mut self, m: &MemberExpr) -> Option<Node> {
        let (ns, prop) = self.namespace_member(m)?;
        if !is_global_namespace(&ns) {
            return None;
        }
        let name = format!("{ns}.{prop}");
        if name == "process.argv" {
            // node's argv: the program, the script, then the script's arguments.
            self.uses_argv = true;
            return Some(call(
                "list.concat",
                [
                    call("list.new", [Node::str("weft"), Node::str("script")]),
                    var("%argv"),
                ],
            ));
        }
        match global_constant(&name) {
            Some(node) => Some(node),
            None => {
                let d = diagnostics::unknown_global_member(&name, self.range(m.span));
                self.error(d);
                Some(Node::Null)
            }
        }
    }

    pub(crate) fn lower_call(&mut self, c: &CallExpr) -> Node {
        let callee = match &c.callee {
            Callee::Expr(e) => &**e,
            Callee::Super(s) => {
                if self.classes.last().is_none() {
                    return self.unsupported("`super` outside a class", s.span);
                }
                return match self.lower_args(&c.args) {
                    Args::Plain(items) => self.super_call_node(Node::Array(items), false),
                    Args::Spread(list) => self.super_call_node(list, true),
                };
            }
            Callee::Import(i) => return self.unsupported("dynamic `import`", i.span),
        };
        let callee = strip_parens(callee);
        match callee {
            Expr::SuperProp(_) => {
                let f = self.lower_expr(callee);
                let this = self.lower_lexical(false);
                match self.lower_args(&c.args) {
                    Args::Plain(items) => {
                        call("std.apply_this", [f, this].into_iter().chain(items))
                    }
                    Args::Spread(list) => call("js.apply", [f, list, this]),
                }
            }
            Expr::Ident(id)
                if id.sym == "require"
                    && self.module.is_some()
                    && self.lookup("require").is_none() =>
            {
                match c.args.as_slice() {
                    [ExprOrSpread { spread: None, expr }] => match &**expr {
                        Expr::Lit(swc_ecma_ast::Lit::Str(s)) => {
                            self.lower_require(&s.value.to_string_lossy(), c.span)
                        }
                        _ => self.unsupported("`require` of a computed path", c.span),
                    },
                    _ => self.unsupported("`require` without one string argument", c.span),
                }
            }
            Expr::Member(m) if self.is_process_stdout_write(m) => {
                let args = self.plain_args(&c.args, "`process.stdout.write`");
                call(
                    "std.write",
                    args.into_iter().map(|a| call("js.string", [a])),
                )
            }
            Expr::Member(m) => {
                if let Some((ns, prop)) = self.namespace_member(m) {
                    if ns == "process" {
                        match prop.as_str() {
                            "hrtime" => {
                                let args = self.plain_args(&c.args, "`process.hrtime`");
                                return call(
                                    "js.global",
                                    [Node::str("hrtime"), call("time.now", [])]
                                        .into_iter()
                                        .chain(args),
                                );
                            }
                            "exit" => {
                                let args = self.plain_args(&c.args, "`process.exit`");
                                let code = args.into_iter().next().unwrap_or(Node::Int(0));
                                return call(
                                    "std.throw",
                                    [call(
                                        "str.concat",
                                        [
                                            Node::str("process.exit("),
                                            call("js.string", [code]),
                                            Node::str(")"),
                                        ],
                                    )],
                                );
                            }
                            _ => {}
                        }
                    }
                    return self.namespace_call(&ns, &prop, c);
                }
                let receiver = self.lower_expr(&m.obj);
                match &m.prop {
                    MemberProp::Ident(name) => {
                        let args = self.lower_args(&c.args);
                        self.method_call(receiver, name.sym.as_str(), args)
                    }
                    prop => {
                        let key = self.member_key(prop);
                        let args = self.lower_args(&c.args);
                        match key {
                            Node::Str(name) => self.method_call(receiver, &name, args),
                            key => args.apply_to(call("js.get", [receiver, key])),
                        }
                    }
                }
            }
            Expr::Ident(id) if self.lookup(id.sym.as_str()).is_none() => {
                self.bare_global_call(id.sym.as_str(), id.span, c)
            }
            _ => {
                let f = self.lower_expr(callee);
                let args = self.lower_args(&c.args);
                args.apply_to(f)
            }
        }
    }

    /// `f(args)` where `f` is not declared: a global function, or an error.
    fn bare_global_call(&mut self, name: &str, span: swc_common::Span, c: &CallExpr) -> Node {
        match name {
            _ if ERROR_CLASSES.contains(&name) => self.error_object(name, &c.args),
            "String" | "Number" => {
                let mut args = self.plain_args(&c.args, name);
                let op = if name == "String" {
                    "js.string"
                } else {
                    "js.number"
                };
                if args.is_empty() {
                    return if name == "String" {
                        Node::str("")
                    } else {
                        Node::Int(0)
                    };
                }
                args.truncate(1);
                call(op, args)
            }
            _ if BARE_FUNCTIONS.contains(&name) => {
                let args = self.plain_args(&c.args, name);
                call("js.global", std::iter::once(Node::str(name)).chain(args))
            }
            _ if UNSUPPORTED_GLOBALS.contains(&name) => {
                let d = diagnostics::unknown_global_member(name, self.range(span));
                self.error(d);
                Node::Null
            }
            _ => {
                let d = diagnostics::unknown_name(name, self.range(span));
                self.error(d);
                Node::Null
            }
        }
    }

    /// `ns.fn(args)` where `ns` is no local binding: `console`, a JavaScript global, or an
    /// SDK opcode.
    fn namespace_call(&mut self, ns: &str, prop: &str, c: &CallExpr) -> Node {
        let name = format!("{ns}.{prop}");
        if ns == "console" {
            let op = match prop {
                "log" | "info" | "debug" => "std.log",
                "error" | "warn" => "std.warn",
                _ => {
                    let d = diagnostics::unknown_global_member(&name, self.range(c.span));
                    self.error(d);
                    return Node::Null;
                }
            };
            return match self.lower_args(&c.args) {
                Args::Plain(args) => call(op, [call("js.format", args)]),
                Args::Spread(list) => call(
                    op,
                    [call(
                        "js.method",
                        [
                            call("js.method", [list, Node::str("map"), format_one()]),
                            Node::str("join"),
                            Node::str(" "),
                        ],
                    )],
                ),
            };
        }
        if is_global_namespace(ns) {
            if UNSUPPORTED_GLOBALS.contains(&ns) || !GLOBAL_FUNCTIONS.contains(&name.as_str()) {
                let d = diagnostics::unknown_global_member(&name, self.range(c.span));
                self.error(d);
                return Node::Null;
            }
            if let Some(node) = self.global_call_extras(&name, c) {
                return node;
            }
            return match self.lower_args(&c.args) {
                Args::Plain(args) => {
                    call("js.global", std::iter::once(Node::str(&name)).chain(args))
                }
                Args::Spread(list) => {
                    call("js.global", [Node::str("apply"), Node::str(&name), list])
                }
            };
        }
        // An SDK call: the opcode of that name.
        let Some((_, spec)) = self.registry.lookup(&name) else {
            let suggestion = self.registry.suggest(&name).map(str::to_owned);
            let d = diagnostics::unknown_opcode(&name, suggestion.as_deref(), self.range(c.span));
            self.error(d);
            return Node::Null;
        };
        let arity = spec.arity;
        let args = self.plain_args(&c.args, &format!("`{name}`"));
        if !arity.accepts(args.len()) {
            let expected = match arity.max {
                Some(max) if max == arity.min => format!("{max}"),
                Some(max) => format!("{} to {max}", arity.min),
                None => format!("at least {}", arity.min),
            };
            let d = diagnostics::sdk_arity(&name, expected, args.len(), self.range(c.span));
            self.error(d);
            return Node::Null;
        }
        call(&name, args)
    }

    /// Arguments of JavaScript globals that `js.global` does not take: `Array.from`'s map
    /// function is applied here (the result is the whole call); a `thisArg`, a
    /// `JSON.stringify` replacer and a `JSON.parse` reviver are reported.
    fn global_call_extras(&mut self, name: &str, c: &CallExpr) -> Option<Node> {
        let arg_span = |i: usize| c.args.get(i).map(|a| swc_common::Spanned::span(&*a.expr));
        match name {
            "Array.from" if c.args.len() >= 2 => {
                if let Some(span) = arg_span(2) {
                    self.unsupported("a `thisArg` argument of `Array.from`", span);
                }
                let mut args = self.plain_args(&c.args[..2], "`Array.from`");
                let (Some(f), Some(items)) = (args.pop(), args.pop()) else {
                    return Some(Node::Null);
                };
                let (mut out, items) = self.hold(items);
                let (held, f) = self.hold(f);
                out.extend(held);
                // The map function gets the element and its index, as in node.
                let map = call(
                    "std.lambda",
                    [
                        Node::Array(vec![Node::str("%v"), Node::str("%i")]),
                        call("std.apply", [f, var("%v"), var("%i")]),
                    ],
                );
                let list = call("js.global", [Node::str("Array.from"), items]);
                out.push(call("js.method", [list, Node::str("map"), map]));
                Some(super::seq(out))
            }
            "JSON.stringify" => {
                if let (Some(replacer), Some(span)) = (c.args.get(1), arg_span(1))
                    && !is_nullish_literal(&replacer.expr)
                {
                    self.unsupported("a replacer argument of `JSON.stringify`", span);
                }
                None
            }
            "JSON.parse" => {
                if let Some(span) = arg_span(1) {
                    self.unsupported("a reviver argument of `JSON.parse`", span);
                }
                None
            }
            _ => None,
        }
    }

    /// `receiver.name(args)`: a user object's function property is called with
    /// `std.call_method` (so `this` is the object); a built-in method of a string, array,
    /// number or object goes to `js.method`. When the name is a built-in method name and
    /// the receiver could be either, `js.has_fn` decides at run time.
    pub(crate) fn method_call(&mut self, receiver: Node, name: &str, args: Args) -> Node {
        if let ("call" | "apply" | "bind", Args::Plain(plain)) = (name, &args) {
            return self.function_method(receiver, name, plain.clone());
        }
        let builtin = BUILTIN_METHODS.contains(&name);
        let args = match args {
            Args::Plain(args) => args,
            Args::Spread(list) => {
                // Spread arguments: apply the user method, or the built-in one through
                // `js.global`'s `apply_method`.
                let (mut out, recv) = self.hold(receiver);
                let f = call("js.get", [recv.clone(), Node::str(name)]);
                out.push(call(
                    "std.if",
                    [
                        call("js.has_fn", [recv.clone(), Node::str(name)]),
                        call("js.apply", [f, list.clone()]),
                        call(
                            "js.global",
                            [Node::str("apply_method"), recv, Node::str(name), list],
                        ),
                    ],
                ));
                return super::seq(out);
            }
        };
        let literal_receiver = matches!(receiver, Node::Str(_) | Node::Int(_) | Node::Float(_))
            || receiver.head() == Some("list.new")
            || receiver.head() == Some("str.concat")
            || receiver.head() == Some("js.string");
        if builtin && literal_receiver {
            return call(
                "js.method",
                [receiver, Node::str(name)].into_iter().chain(args),
            );
        }
        if !builtin {
            return call(
                "std.call_method",
                [receiver, Node::str(name)].into_iter().chain(args),
            );
        }
        let (mut out, recv) = self.hold(receiver);
        let mut held = Vec::new();
        for arg in args {
            if is_simple(&arg) {
                held.push(arg);
            } else {
                let t = self.temp("arg");
                out.push(let_(&t, arg));
                held.push(var(&t));
            }
        }
        let user = call(
            "std.call_method",
            [recv.clone(), Node::str(name)]
                .into_iter()
                .chain(held.clone()),
        );
        let native = call(
            "js.method",
            [recv.clone(), Node::str(name)].into_iter().chain(held),
        );
        out.push(call(
            "std.if",
            [call("js.has_fn", [recv, Node::str(name)]), user, native],
        ));
        super::seq(out)
    }

    /// `f.call(this, ...)`, `f.apply(this, args)`, `f.bind(this, ...)`: on a function, the
    /// call with that `this` (a bound function is a closure holding the function, `this`
    /// and the leading arguments); an object with its own method of that name gets it.
    fn function_method(&mut self, receiver: Node, name: &str, args: Vec<Node>) -> Node {
        let mut out = Vec::new();
        let mut held = Vec::new();
        for value in std::iter::once(receiver).chain(args) {
            let t = self.temp("fn");
            out.push(let_(&t, value));
            held.push(var(&t));
        }
        let f = held[0].clone();
        let this = held.get(1).cloned().unwrap_or(Node::Null);
        let rest: Vec<Node> = held.iter().skip(2).cloned().collect();
        let native = match name {
            "call" => call("std.apply_this", [f.clone(), this].into_iter().chain(rest)),
            "apply" => {
                let list = rest.into_iter().next().unwrap_or(Node::Null);
                call(
                    "js.apply",
                    [
                        f.clone(),
                        call("bool.nullish", [list, call("list.new", [])]),
                        this,
                    ],
                )
            }
            _ => call(
                "std.lambda",
                [
                    Node::Array(Vec::new()),
                    call(
                        "js.apply",
                        [
                            f.clone(),
                            call(
                                "list.concat",
                                [call("list.new", rest), call("std.args", [])],
                            ),
                            this,
                        ],
                    ),
                ],
            ),
        };
        let user = call(
            "std.call_method",
            [f.clone(), Node::str(name)]
                .into_iter()
                .chain(held.iter().skip(1).cloned()),
        );
        out.push(call(
            "std.if",
            [call("js.has_fn", [f, Node::str(name)]), user, native],
        ));
        super::seq(out)
    }

    /// `new Error(message)` or `Error(message)` (and the other error classes).
    fn error_object(&mut self, class: &str, args: &[ExprOrSpread]) -> Node {
        let mut args = self.plain_args(args, "an error constructor");
        let message = if args.is_empty() {
            Node::str("")
        } else {
            call("js.string", [args.swap_remove(0)])
        };
        call(
            "obj.new",
            [
                Node::Array(vec![Node::str("name"), Node::str(class)]),
                Node::Array(vec![Node::str("message"), message]),
            ],
        )
    }

    /// `new G(args)` of a JavaScript global that is not an error class.
    fn new_global(&mut self, name: &str, args: &[ExprOrSpread], span: swc_common::Span) -> Node {
        match name {
            "Array" => {
                let args = self.plain_args(args, "`new Array`");
                call(
                    "js.global",
                    [Node::str("new_array")].into_iter().chain(args),
                )
            }
            "Object" if args.is_empty() => call("obj.new", []),
            "Map" | "Set" => {
                self.uses_collections = true;
                let args = self.plain_args(args, "`new Map` / `new Set`");
                call("std.new", [var(name)].into_iter().chain(args))
            }
            _ => self.unsupported(&format!("`new {name}`"), span),
        }
    }

    pub(crate) fn lower_new(&mut self, n: &NewExpr) -> Node {
        let args = n.args.as_deref().unwrap_or_default();
        match strip_parens(&n.callee) {
            Expr::Ident(id)
                if self.lookup(id.sym.as_str()).is_none()
                    && ERROR_CLASSES.contains(&id.sym.as_str()) =>
            {
                self.error_object(id.sym.as_str(), args)
            }
            Expr::Ident(id) if self.lookup(id.sym.as_str()).is_none() => {
                self.new_global(id.sym.as_str(), args, n.span)
            }
            callee => {
                let class = self.lower_expr(callee);
                match self.lower_args(args) {
                    Args::Plain(items) => call("std.new", [class].into_iter().chain(items)),
                    Args::Spread(_) => self.unsupported("`new` with spread arguments", n.span),
                }
            }
        }
    }
}

/// `(x) => js.format(x)`-like formatter for spread `console.log` arguments.
fn format_one() -> Node {
    call(
        "std.lambda",
        [
            Node::Array(vec![Node::str("%v")]),
            call("js.format", [var("%v")]),
        ],
    )
}

/// `null` or `undefined` written as such (an absent optional argument).
fn is_nullish_literal(e: &Expr) -> bool {
    match strip_parens(e) {
        Expr::Lit(swc_ecma_ast::Lit::Null(_)) => true,
        Expr::Ident(id) => id.sym == "undefined",
        _ => false,
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip_parens(&p.expr),
        Expr::TsAs(x) => strip_parens(&x.expr),
        Expr::TsNonNull(x) => strip_parens(&x.expr),
        other => other,
    }
}
