//! The Lua standard library and the SDK as the lowering sees them: which free names are
//! library functions, how each call lowers (most become `lua.lib`, a few are IR:
//! `print`, `io.write`, `pcall`, `pairs`, `ipairs`, `string.gmatch`), library functions
//! used as values (wrapped in a lambda), SDK opcode calls, and the unsupported parts.

use full_moon::ast::{Expression, FunctionArgs};
use weft_ir::Node;

use super::expr::{Lowered, apply};
use super::{Lowerer, Span, let_, nth, var};
use crate::diagnostics as diag;

/// Base functions Weft provides.
const BASE: &[&str] = &[
    "print",
    "type",
    "tostring",
    "tonumber",
    "select",
    "next",
    "pairs",
    "ipairs",
    "error",
    "assert",
    "pcall",
    "xpcall",
    "rawequal",
    "rawlen",
    "rawget",
    "rawset",
    "require",
    "setmetatable",
    "getmetatable",
];

/// Global names that are part of Lua but not of Weft.
const UNSUPPORTED_GLOBALS: &[&str] = &[
    "load",
    "loadstring",
    "loadfile",
    "dofile",
    "collectgarbage",
    "_G",
    "_ENV",
];

/// Library tables.
const LUA_NAMESPACES: &[&str] = &[
    "string",
    "table",
    "math",
    "io",
    "os",
    "coroutine",
    "utf8",
    "debug",
    "package",
];

const STRING_FUNCTIONS: &[&str] = &[
    "len", "sub", "upper", "lower", "rep", "reverse", "byte", "char", "format", "find", "match",
    "gmatch", "gsub",
];

const TABLE_FUNCTIONS: &[&str] = &["insert", "remove", "concat", "sort", "unpack", "pack"];

const MATH_FUNCTIONS: &[&str] = &[
    "floor",
    "ceil",
    "abs",
    "max",
    "min",
    "sqrt",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "exp",
    "log",
    "fmod",
    "modf",
    "tointeger",
    "type",
    "ult",
];

const MATH_CONSTANTS: &[&str] = &["pi", "huge", "maxinteger", "mininteger"];

/// See [`crate::is_lua_library`]: every library namespace but `math` is Lua's own whole;
/// `math` is shared with the SDK, so only its Lua functions and constants are.
pub(crate) fn is_library(ns: &str, name: Option<&str>) -> bool {
    (ns != "math" && LUA_NAMESPACES.contains(&ns))
        || (ns == "math"
            && name.is_some_and(|f| {
                MATH_FUNCTIONS.contains(&f)
                    || MATH_CONSTANTS.contains(&f)
                    || f == "random"
                    || f == "randomseed"
            }))
}

/// What a qualified library name is.
enum Lib {
    /// A function lowered through `lua.lib` or IR.
    Function,
    /// A constant such as `math.pi`.
    Constant(Node),
    /// An SDK opcode, by canonical name.
    Sdk(String),
    /// Not supported: the diagnostic to report.
    Unsupported(fn(Span, &str) -> weft_ir::SourceDiagnostic),
    /// A name in a library namespace that does not exist.
    Unknown,
}

impl Lowerer<'_> {
    pub(crate) fn is_namespace(&self, name: &str) -> bool {
        LUA_NAMESPACES.contains(&name)
            || self
                .registry
                .iter()
                .any(|(_, spec)| spec.name.split('.').next() == Some(name))
    }

    pub(crate) fn is_library_function(&self, name: &str) -> bool {
        BASE.contains(&name)
    }

    pub(crate) fn is_unsupported_global(&self, name: &str) -> bool {
        UNSUPPORTED_GLOBALS.contains(&name)
    }

    pub(crate) fn is_string_method(&self, name: &str) -> bool {
        STRING_FUNCTIONS.contains(&name)
    }

    fn classify(&self, name: &str) -> Lib {
        if BASE.contains(&name) {
            return Lib::Function;
        }
        match name {
            "load" | "loadstring" | "loadfile" | "dofile" => return Lib::Unsupported(diag::load),
            "_G" | "_ENV" => return Lib::Unsupported(diag::environment),
            "_VERSION" => return Lib::Constant(Node::str("Lua 5.4")),
            "collectgarbage" => return Lib::Unsupported(diag::unsupported_library),
            _ => {}
        }
        let Some((ns, f)) = name.split_once('.') else {
            return Lib::Unknown;
        };
        match ns {
            "string" if STRING_FUNCTIONS.contains(&f) => Lib::Function,
            "table" if TABLE_FUNCTIONS.contains(&f) => Lib::Function,
            "math" if MATH_FUNCTIONS.contains(&f) => Lib::Function,
            "math" if MATH_CONSTANTS.contains(&f) => Lib::Constant(match f {
                "pi" => Node::Float(std::f64::consts::PI),
                "maxinteger" => Node::Int(i64::MAX),
                "mininteger" => Node::Int(i64::MIN),
                _ => Node::call("math.div", [Node::Float(1.0), Node::Float(0.0)]),
            }),
            "package" if f == "loaded" => Lib::Constant(var(super::modules::LOADED)),
            "package" if f == "preload" => Lib::Constant(var(super::modules::PRELOAD)),
            "package" if f == "path" => Lib::Constant(Node::str("./?.lua;./?/init.lua")),
            "io" if f == "write" => Lib::Function,
            "os" if f == "clock" || f == "exit" => Lib::Function,
            "io" | "os" => Lib::Unsupported(diag::io_os),
            "coroutine" => Lib::Unsupported(diag::coroutines),
            "string" | "table" | "utf8" | "debug" | "package" => {
                Lib::Unsupported(diag::unsupported_library)
            }
            "math" if f == "random" || f == "randomseed" => {
                Lib::Unsupported(diag::unsupported_library)
            }
            _ => match self.registry.lookup(name) {
                Some((_, spec)) => Lib::Sdk(spec.name.clone()),
                None if ns == "math" => Lib::Unsupported(diag::unsupported_library),
                None => Lib::Unknown,
            },
        }
    }

    /// A free name (or `ns.name`) read as a value.
    pub(crate) fn global_value(&mut self, name: &str, span: Span) -> Node {
        match self.classify(name) {
            // `error` called through a value (`pcall(error, msg)`) adds no position.
            Lib::Function if name == "error" => Node::call(
                "std.lambda",
                [
                    Node::Array(vec![]),
                    Node::call("lua.lib", [Node::str("error"), Node::call("std.args", [])]),
                ],
            ),
            Lib::Function if name == "require" => self.require_function(),
            Lib::Function => {
                let body = self
                    .library_call_list(name, Node::call("std.args", []), span.clone())
                    .list();
                Node::call(
                    "std.lambda",
                    [Node::Array(vec![]), Node::call("std.return_values", [body])],
                )
            }
            Lib::Constant(node) => node,
            Lib::Sdk(op) => {
                self.error(diag::bad_sdk_call(
                    span,
                    &op,
                    "SDK functions can only be called, not used as values",
                ));
                Node::Null
            }
            Lib::Unsupported(report) => {
                self.error(report(span, name));
                Node::Null
            }
            Lib::Unknown if name.contains('.') => {
                self.error(diag::bad_sdk_call(
                    span,
                    name,
                    "no such SDK or library function",
                ));
                Node::Null
            }
            Lib::Unknown => var(name),
        }
    }

    /// A call of a library function or SDK opcode with its source arguments.
    pub(crate) fn library_call(
        &mut self,
        name: &str,
        args: &FunctionArgs,
        span: Span,
        name_span: Span,
    ) -> Lowered {
        if name == "load"
            && let Some(chunk) = self.literal_string_arg(args)
        {
            return Lowered::many(self.load_literal(&chunk, span));
        }
        match self.classify(name) {
            Lib::Sdk(op) => return Lowered::one(self.sdk_call(&op, args, span)),
            Lib::Unsupported(report) => {
                self.error(report(name_span, name));
                return Lowered::one(Node::Null);
            }
            Lib::Function if name == "require" => {
                if let Some(m) = self.literal_string_arg(args)
                    && (m == "weft" || m == "sdk")
                {
                    return Lowered::one(Node::Null);
                }
                let f = self.require_function();
                let args = self.call_args(args);
                return Lowered::call(apply(f, args));
            }
            Lib::Function => {}
            Lib::Constant(_) | Lib::Unknown => {
                // Calling a constant or an unknown name: an ordinary call of its value.
                let f = self.global_value(name, name_span);
                let args = self.call_args(args);
                return Lowered::call(apply(f, args));
            }
        }
        let list = self.args(args);
        self.library_call_list(name, list, span)
    }

    fn literal_string_arg(&mut self, args: &FunctionArgs) -> Option<String> {
        match args {
            FunctionArgs::String(tok) => self.string_text(tok),
            FunctionArgs::Parentheses { arguments, .. } if arguments.len() == 1 => {
                match arguments.iter().next() {
                    Some(Expression::String(tok)) => self.string_text(tok),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// An SDK opcode call: each argument truncated to one value.
    fn sdk_call(&mut self, op: &str, args: &FunctionArgs, span: Span) -> Node {
        let values: Vec<Node> = match args {
            FunctionArgs::Parentheses { arguments, .. } => {
                arguments.iter().map(|e| self.single(e)).collect()
            }
            FunctionArgs::String(tok) => vec![self.string(tok)],
            FunctionArgs::TableConstructor(t) => vec![self.table(t)],
            _ => Vec::new(),
        };
        let Some((_, spec)) = self.registry.lookup(op) else {
            return Node::Null;
        };
        if !spec.is_strict() {
            self.error(diag::bad_sdk_call(
                span,
                op,
                "this opcode is a special form and cannot be called from Lua",
            ));
            return Node::Null;
        }
        if !spec.arity.accepts(values.len()) {
            let why = format!("takes {} argument(s), {} given", spec.arity, values.len());
            self.error(diag::bad_sdk_call(span, op, &why));
            return Node::Null;
        }
        Node::call(op, values)
    }

    /// A library function applied to a list of argument values.
    pub(crate) fn library_call_list(&mut self, name: &str, list: Node, span: Span) -> Lowered {
        let line = self.line_of(span.start);
        let lib = |name: &str, list: Node| Node::call("lua.lib", [Node::str(name), list]);
        match name {
            "print" => Lowered::one(Node::call("std.log", [nth(lib("print", list), 0)])),
            "io.write" => Lowered::one(Node::call("std.write", [nth(lib("io.write", list), 0)])),
            "error" => Lowered::many(Node::call(
                "lua.lib",
                [
                    Node::str("error"),
                    list,
                    Node::Int(line),
                    Node::str(self.chunk.clone()),
                ],
            )),
            "pcall" | "xpcall" => Lowered::many(self.protected_call(name == "xpcall", list)),
            // Seconds as a float, from the host clock (there is no processor clock in the
            // sandbox: this is wall time, so it includes time spent suspended).
            "os.clock" => Lowered::one(Node::call(
                "lua.arith",
                [
                    Node::str("/"),
                    Node::call("time.to_timestamp", [Node::call("time.now", [])]),
                    Node::Int(1000),
                ],
            )),
            // Ends the run with an error that names the exit code.
            "os.exit" => Lowered::one(Node::call(
                "std.throw",
                [Node::call(
                    "lua.concat",
                    [
                        Node::str("os.exit("),
                        Node::call("lua.lib", [Node::str("tostring"), list]),
                        Node::str(")"),
                    ],
                )],
            )),
            "ipairs" | "pairs" => {
                let p = self.temp("p");
                let (step, start) = if name == "ipairs" {
                    ("ipairs.step", Node::Int(0))
                } else {
                    ("next", Node::Null)
                };
                let iter = Node::call(
                    "std.lambda",
                    [
                        Node::Array(vec![Node::str("$t"), Node::str("$k")]),
                        Node::call(
                            "std.return_values",
                            [lib(step, Node::call("list.new", [var("$t"), var("$k")]))],
                        ),
                    ],
                );
                Lowered::many(Node::call(
                    "std.seq",
                    [
                        let_(&p, list),
                        Node::call("list.new", [iter, nth(var(&p), 0), start]),
                    ],
                ))
            }
            "string.gmatch" => {
                let p = self.temp("p");
                let st = self.temp("state");
                let step = lib(
                    "gmatch.step",
                    Node::call("list.new", [nth(var(&p), 0), nth(var(&p), 1), var(&st)]),
                );
                Lowered::one(Node::call(
                    "std.seq",
                    [
                        let_(&p, list),
                        let_(&st, Node::call("list.new", [Node::Int(0), Node::Int(-1)])),
                        Node::call(
                            "std.lambda",
                            [Node::Array(vec![]), Node::call("std.return_values", [step])],
                        ),
                    ],
                ))
            }
            "require" => {
                let f = self.require_function();
                Lowered::call(Node::call("std.apply_list", [f, list]))
            }
            _ => match self.classify(name) {
                Lib::Function => Lowered::many(lib(name, list)),
                Lib::Unsupported(report) => {
                    self.error(report(span, name));
                    Lowered::one(Node::Null)
                }
                _ => {
                    self.error(diag::unsupported_library(span, name));
                    Lowered::one(Node::Null)
                }
            },
        }
    }

    /// `load "chunk"` of a literal: the chunk compiled ahead of time as a vararg
    /// function, so `load` gives `(f)`; a chunk that does not parse gives `(nil, message)`
    /// when the script runs, as in Lua. The chunk sees globals only, not the locals around
    /// the call.
    fn load_literal(&mut self, chunk: &str, span: Span) -> Node {
        let ast = match crate::parse::parse(chunk) {
            Ok(ast) => ast,
            Err(ds) => {
                let first = ds.first().map(|d| d.message.clone()).unwrap_or_default();
                let short: String = chunk
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(40)
                    .collect();
                let message = format!("[string \"{short}\"]: {first}");
                return Node::call("list.new", [Node::Null, Node::str(message)]);
            }
        };
        let saved_scopes = std::mem::replace(&mut self.scopes, vec![Vec::new()]);
        let saved_base = self.base;
        // Positions inside the chunk point at the call.
        self.base = span.start;
        self.funcs.push(super::FuncState {
            vararg: true,
            loops: 0,
        });
        let mut body = vec![let_(super::VARARG, Node::call("std.args", []))];
        body.extend(self.block_stmts(ast.nodes()));
        if !matches!(
            ast.nodes().last_stmt(),
            Some(full_moon::ast::LastStmt::Return(_))
        ) {
            body.push(super::func::no_values());
        }
        self.funcs.pop();
        self.base = saved_base;
        self.scopes = saved_scopes;
        let f = Node::call(
            "std.lambda",
            [Node::Array(vec![]), Node::call("std.seq", body)],
        );
        Node::call("list.new", [f])
    }

    /// `pcall(f, ...)` / `xpcall(f, handler, ...)`: `true` and the results, or `false`
    /// and the error value (the thrown value, or a runtime error's message).
    fn protected_call(&mut self, with_handler: bool, list: Node) -> Node {
        let p = self.temp("p");
        let e = self.temp("err");
        let skip = if with_handler { 2 } else { 1 };
        let call = Node::call(
            "std.results",
            [Node::call(
                "std.apply_list",
                [
                    nth(var(&p), 0),
                    Node::call("list.slice", [var(&p), Node::Int(skip)]),
                ],
            )],
        );
        let ok = Node::call(
            "list.concat",
            [Node::call("list.new", [Node::Bool(true)]), call],
        );
        let field = |k: &str| Node::call("obj.get", [var(&e), Node::str(k)]);
        let value = Node::call(
            "std.if",
            [field("thrown"), field("value"), field("message")],
        );
        let failed = if with_handler {
            Node::call(
                "list.concat",
                [
                    Node::call("list.new", [Node::Bool(false)]),
                    Node::call(
                        "std.results",
                        [Node::call("std.apply", [nth(var(&p), 1), value])],
                    ),
                ],
            )
        } else {
            Node::call("list.new", [Node::Bool(false), value])
        };
        Node::call(
            "std.seq",
            [
                let_(&p, list),
                Node::call("std.try_error", [ok, Node::str(e), failed]),
            ],
        )
    }
}
