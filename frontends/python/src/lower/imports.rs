//! `import` and `from ... import`: the script's own modules, and the standard modules
//! Weft provides on the runtime (`sys`, `time`, `math`, `abc`, `enum`).
//!
//! A module of the script is a function in the program (see `crate::modules`) that
//! `%import(name)` runs once and caches; its names become attributes of a module object
//! when its body has run. `from m import x` reads `x` from that object, or imports the
//! submodule `m.x` when the module has no such attribute.

use rustpython_parser::ast;
use weft_ir::Node;

use super::{Lowerer, call, let_, set, span, var};
use crate::diagnostics;

/// The program's import function and its module cache.
pub(crate) const IMPORT: &str = "%import";
pub(crate) const FROM: &str = "%from";
pub(crate) const MODULES: &str = "%modules";
pub(crate) const LOADERS: &str = "%loaders";
pub(crate) const MODULE_CLASS: &str = "%py.module";
pub(crate) const ENUM: &str = "%py.Enum";
pub(crate) const ARGV: &str = "%argv";

/// The modules Weft provides (no file is read for them).
pub(crate) fn is_builtin_module(name: &str) -> bool {
    matches!(name, "sys" | "time" | "math" | "abc" | "enum")
}

/// What the script's modules share: the module class, the cache, `%import`, `%from`.
pub(crate) fn prelude(script: &str) -> Vec<Node> {
    let name = || var("$name");
    let not_found = call(
        "py.raise",
        [call(
            "py.exception",
            [
                Node::str("ModuleNotFoundError"),
                call(
                    "list.new",
                    [call(
                        "str.concat",
                        [Node::str("No module named '"), name(), Node::str("'")],
                    )],
                ),
            ],
        )],
    );
    let import_body = call(
        "std.seq",
        [
            call(
                "std.if",
                [
                    call("obj.has", [var(MODULES), name()]),
                    call("std.return", [call("obj.get", [var(MODULES), name()])]),
                ],
            ),
            let_(
                "$loader",
                call("obj.get", [var(LOADERS), name(), Node::Null]),
            ),
            call(
                "std.if",
                [call("bool.eq", [var("$loader"), Node::Null]), not_found],
            ),
            let_("$m", call("obj.create", [var(MODULE_CLASS)])),
            call("py.setattr", [var("$m"), Node::str("__name__"), name()]),
            call("obj.set", [var(MODULES), name(), var("$m")]),
            call("std.apply", [var("$loader"), var("$m")]),
            var("$m"),
        ],
    );
    // `from m import x`: the attribute, else the submodule `m.x`.
    let from_body = call(
        "std.if",
        [
            call("obj.has", [var("$mod"), var("$attr")]),
            call("obj.get", [var("$mod"), var("$attr")]),
            call(
                "std.apply",
                [
                    var(IMPORT),
                    call("str.concat", [var("$name"), Node::str("."), var("$attr")]),
                ],
            ),
        ],
    );
    vec![
        argv(script),
        let_(
            MODULE_CLASS,
            call(
                "py.class",
                [
                    Node::str("module"),
                    call("list.new", []),
                    call("obj.new", []),
                    var(super::class::NEW),
                ],
            ),
        ),
        let_(MODULES, call("obj.new", [])),
        let_(LOADERS, call("obj.new", [])),
        let_(
            IMPORT,
            call(
                "std.lambda",
                [Node::Array(vec![Node::str("$name")]), import_body],
            ),
        ),
        let_(
            FROM,
            call(
                "std.lambda",
                [
                    Node::Array(vec![
                        Node::str("$mod"),
                        Node::str("$name"),
                        Node::str("$attr"),
                    ]),
                    from_body,
                ],
            ),
        ),
    ]
}

/// `sys.argv`: the script's name, then its arguments.
pub(crate) fn argv(script: &str) -> Node {
    let_(
        ARGV,
        call(
            "list.concat",
            [call("list.new", [Node::str(script)]), call("std.args", [])],
        ),
    )
}

/// `%py.Enum`, the base of enumerations.
pub(crate) fn enum_class() -> Node {
    let ns = call(
        "obj.new",
        [Node::Array(vec![Node::str("\u{1}enum"), Node::Bool(true)])],
    );
    let_(
        ENUM,
        call(
            "py.class",
            [
                Node::str("Enum"),
                call("list.new", []),
                ns,
                var(super::class::NEW),
            ],
        ),
    )
}

impl Lowerer<'_> {
    /// The absolute name of a module named in the current module (`level` dots first).
    fn module_name(
        &mut self,
        at: std::ops::Range<usize>,
        level: u32,
        name: &str,
    ) -> Option<String> {
        if level == 0 {
            return Some(name.to_owned());
        }
        let mut parts: Vec<&str> = self.package.split('.').filter(|p| !p.is_empty()).collect();
        for _ in 1..level {
            if parts.pop().is_none() {
                self.error(diagnostics::syntax(
                    at,
                    "a relative import above the program's folder",
                ));
                return None;
            }
        }
        if !name.is_empty() {
            parts.push(name);
        }
        Some(parts.join("."))
    }

    fn import_call(&mut self, name: &str) -> Node {
        self.uses_modules = true;
        call("std.apply", [var(IMPORT), Node::str(name)])
    }

    /// Imports `a`, `a.b`, ... `name` in turn, each set on its parent as an attribute.
    fn import_chain(&mut self, name: &str, out: &mut Vec<Node>) {
        let parts: Vec<&str> = name.split('.').collect();
        for n in 1..=parts.len() {
            let prefix = parts[..n].join(".");
            let m = self.import_call(&prefix);
            if n == 1 {
                out.push(m);
            } else {
                let parent = self.import_call(&parts[..n - 1].join("."));
                out.push(call("py.setattr", [parent, Node::str(parts[n - 1]), m]));
            }
        }
    }

    pub fn lower_import(&mut self, i: &ast::StmtImport, out: &mut Vec<Node>) {
        for alias in &i.names {
            let name = alias.name.as_str();
            let top = name.split('.').next().unwrap_or_default();
            if top == "weft" {
                continue;
            }
            if is_builtin_module(top) {
                if alias.asname.is_some() {
                    self.error(diagnostics::syntax(
                        span(alias),
                        "`import ... as` of a module Weft provides",
                    ));
                }
                continue;
            }
            if !self.modules_allowed {
                self.error(diagnostics::import(span(alias), name));
                continue;
            }
            self.imported.push((name.to_owned(), span(alias), false));
            match &alias.asname {
                Some(a) => {
                    self.import_chain(name, out);
                    let m = self.import_call(name);
                    out.push(set(a, m));
                }
                None => {
                    // `import a.b` runs `a` and `a.b` and binds `a`.
                    self.import_chain(name, out);
                    let m = self.import_call(top);
                    out.push(set(top, m));
                }
            }
        }
    }

    pub fn lower_import_from(&mut self, i: &ast::StmtImportFrom, out: &mut Vec<Node>) {
        let module = i.module.as_ref().map_or("", |m| m.as_str());
        let level = i.level.as_ref().map_or(0, |l| l.to_u32());
        if level == 0 && is_builtin_module(module) {
            for alias in &i.names {
                let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                match builtin_value(module, alias.name.as_str()) {
                    Some(v) => out.push(set(bound, v)),
                    None => {
                        self.error(diagnostics::syntax(
                            span(alias),
                            &format!("`{}` from the `{module}` module", alias.name),
                        ));
                    }
                }
            }
            return;
        }
        if !self.modules_allowed {
            self.error(diagnostics::import(span(i), module));
            return;
        }
        let Some(name) = self.module_name(span(i), level, module) else {
            return;
        };
        self.imported.push((name.clone(), span(i), false));
        self.import_chain(&name, out);
        let t = self.temp();
        let m = self.import_call(&name);
        out.push(let_(&t, m));
        for alias in &i.names {
            if alias.name.as_str() == "*" {
                self.error(diagnostics::syntax(span(alias), "`from ... import *`"));
                continue;
            }
            self.imported
                .push((format!("{name}.{}", alias.name), span(alias), true));
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            let v = call(
                "std.apply",
                [
                    var(FROM),
                    var(&t),
                    Node::str(name.as_str()),
                    Node::str(alias.name.as_str()),
                ],
            );
            out.push(set(bound, v));
        }
    }

    /// `mod.attr` of a module Weft provides, when `mod` names one here.
    pub fn builtin_module_attr(&mut self, a: &ast::ExprAttribute) -> Option<Node> {
        let ast::Expr::Name(n) = &*a.value else {
            return None;
        };
        if self.is_local(&n.id) || !is_builtin_module(&n.id) {
            return None;
        }
        match builtin_value(&n.id, a.attr.as_str()) {
            Some(v) => Some(v),
            None => Some(self.error(diagnostics::syntax(
                span(a),
                &format!("`{}.{}`", n.id, a.attr),
            ))),
        }
    }
}

/// A name of a module Weft provides, as a value.
fn builtin_value(module: &str, name: &str) -> Option<Node> {
    let lambda = |params: &[&str], body: Node| {
        call(
            "std.lambda",
            [
                Node::Array(params.iter().map(|p| Node::str(*p)).collect()),
                body,
            ],
        )
    };
    let ms = || call("time.to_timestamp", [call("time.now", [])]);
    Some(match (module, name) {
        ("sys", "argv") => var(ARGV),
        ("sys", "maxsize") => Node::Int(i64::MAX),
        // The call depth is the host's limit (`weft run --max-call-depth`).
        ("sys", "setrecursionlimit") => lambda(&["$n"], Node::Null),
        ("sys", "exit") => lambda(
            &["$code"],
            call(
                "std.throw",
                [call(
                    "str.concat",
                    [
                        Node::str("sys.exit("),
                        call("py.str", [var("$code")]),
                        Node::str(")"),
                    ],
                )],
            ),
        ),
        // Wall time from the host clock, in milliseconds' resolution.
        ("time", "perf_counter_ns") | ("time", "time_ns") | ("time", "monotonic_ns") => {
            lambda(&[], call("math.mul", [ms(), Node::Int(1_000_000)]))
        }
        ("time", "perf_counter") | ("time", "time") | ("time", "monotonic") => {
            lambda(&[], call("py.truediv", [ms(), Node::Int(1000)]))
        }
        ("math", "pi") => Node::Float(std::f64::consts::PI),
        ("math", "e") => Node::Float(std::f64::consts::E),
        ("math", "inf") => call("py.float", [Node::str("inf")]),
        ("math", "sqrt" | "sin" | "cos" | "tan" | "exp" | "log" | "atan" | "asin" | "acos") => {
            lambda(
                &["$x"],
                call(&format!("math.{name}"), [call("py.float", [var("$x")])]),
            )
        }
        ("math", "floor" | "ceil") => lambda(
            &["$x"],
            call("py.int", [call(&format!("math.{name}"), [var("$x")])]),
        ),
        ("abc", "abstractmethod") => lambda(&["$f"], var("$f")),
        ("abc", "ABC") => Node::Null,
        ("enum", "Enum") => var(ENUM),
        _ => return None,
    })
}
