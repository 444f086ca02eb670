//! Lowering: Python AST → Weft IR, split by syntactic category.
//!
//! Python scopes are functions, Weft's are blocks, so every name a function (or the
//! module) assigns is declared once at its top with `std.let name null` and assigned with
//! `std.set` everywhere (see [`scope`]). Hidden temporaries are named `$t<n>`, which no
//! Python identifier can be.

mod call;
pub(crate) mod class;
mod expr;
mod func;
pub(crate) mod imports;
mod scope;
mod stmt;
mod target;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;

use rustpython_parser::ast::{self, Ranged};
use weft_ir::source_map::{Marks, peel};
use weft_ir::{MAX_DEPTH, Node, Registry, SourceDiagnostic, SourceMap};

use crate::diagnostics;

/// A function's parameters as call sites need them to place keyword arguments.
#[derive(Debug)]
pub(crate) struct Sig {
    pub name: String,
    /// Positional parameters with the node to pass when a call leaves one out.
    pub params: Vec<(String, Option<Node>)>,
    pub vararg: bool,
    pub kwonly: Vec<(String, Option<Node>)>,
    pub kwarg: bool,
}

/// One function's (or the module's) names.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    /// Names local to this function: parameters and everything it assigns.
    pub locals: HashSet<String>,
    /// Functions defined with `def` here, by name.
    pub funcs: HashMap<String, Rc<Sig>>,
    /// Hidden variables (default values) to declare at the top of the function.
    pub hidden: Vec<String>,
    /// Default expressions of the `def`s registered here, by the def's start offset,
    /// waiting for the `def` statement to evaluate them.
    pub pending_defaults: HashMap<usize, func::Hidden>,
}

/// A `try` with `finally` being lowered: `return`, `break` and `continue` inside it
/// throw a jump value (`{"\u0001jump": kind}`) that the `finally` catches, runs its body,
/// and then performs.
#[derive(Debug)]
pub(crate) struct Finally {
    /// Where a `return` inside stores its value.
    pub value: String,
    /// The jump kinds used inside, so the dispatch only tests those.
    pub kinds: Vec<&'static str>,
}

/// What a function's body is: statements (a module, a `def`), or the one expression a
/// `lambda` returns.
#[derive(Clone, Copy)]
pub(crate) enum Body<'a> {
    Stmts(&'a [ast::Stmt]),
    Lambda(&'a ast::ExprLambda),
}

/// The key marking a jump value thrown through a `finally`.
pub(crate) const JUMP: &str = "\u{1}jump";

/// A loop being lowered: the flag its `else` clause checks, if it has one.
#[derive(Debug)]
pub(crate) struct Loop {
    pub broke: Option<String>,
    /// How many `try`-with-`finally` blocks were open when the loop started.
    pub finally_depth: usize,
}

pub(crate) struct Lowerer<'s> {
    pub registry: &'s Registry,
    pub diags: Vec<SourceDiagnostic>,
    temps: usize,
    pub scopes: Vec<Scope>,
    pub loops: Vec<Loop>,
    /// Variables holding the exceptions of the enclosing `except` blocks (for bare `raise`).
    pub handlers: Vec<String>,
    /// Open `try` blocks with `finally` in the current function, innermost last.
    pub finally: Vec<Finally>,
    /// The signature of the function whose body is being entered (for its prologue).
    pub current_sig: Option<Rc<Sig>>,
    /// Each statement's span, for the source map.
    pub marks: Marks,
    /// How many expressions and statements are being lowered inside each other.
    depth: usize,
    /// Whether nesting too deep to lower has been reported (once is enough).
    too_deep: bool,
    /// The classes whose bodies are being lowered, innermost last.
    pub classes: Vec<class::ClassCtx>,
    /// The first parameter of each method being lowered (for `super()`), innermost last.
    pub self_names: Vec<Option<String>>,
    /// Whether the module defines a class (and needs the constructor).
    pub uses_classes: bool,
    /// Whether the module's text mentions classes at all: method calls then also try a
    /// class's attribute (a module without them keeps the built-in types' methods only).
    pub uses_classes_anywhere: bool,
    /// Whether this module is part of a program of files, so it may import modules.
    pub modules_allowed: bool,
    /// The package the module being lowered is in (`""` at the top), for relative imports.
    pub package: String,
    /// Every module name imported, with where (the program loads each).
    pub imported: Vec<(String, Range<usize>, bool)>,
    /// Whether the module calls `%import`, and whether it imports by a computed name.
    pub uses_modules: bool,
    pub dynamic_import: bool,
}

/// Lowers a module: the program's IR, where its statements came from, and every
/// diagnostic.
pub(crate) fn lower_module(
    source: &str,
    registry: &Registry,
    body: &[ast::Stmt],
) -> (Node, SourceMap, Vec<SourceDiagnostic>) {
    let mut unit = lower_unit(source, registry, body, Marks::new(), None);
    let mut diags = std::mem::take(&mut unit.diags);
    if source.contains("argv")
        && let Node::Array(items) = &mut unit.node
    {
        items.insert(1, imports::argv("script"));
    }
    if unit.uses_classes
        && let Node::Array(items) = &mut unit.node
    {
        items.insert(1, class::constructor());
        if unit.uses_enum {
            items.insert(2, imports::enum_class());
        }
    }
    let (node, map) = unit.marks.finish(unit.node);
    // Statements lower to several levels of IR each, and some flat constructs to nested
    // IR: what the guard in `enter` let through may still be deeper than the IR allows.
    if diags.is_empty()
        && let Some(path) = weft_ir::nesting::path_too_deep(&node)
    {
        let at = map.span_of(&path).unwrap_or(0..source.len().min(1));
        diags.push(diagnostics::nesting_too_deep(at));
    }
    (node, map, diags)
}

/// One lowered module of a program.
pub(crate) struct Unit {
    pub node: Node,
    pub marks: Marks,
    pub diags: Vec<SourceDiagnostic>,
    /// Every module name it imports, with where, and whether it may be an attribute
    /// instead (`from m import x` names `m.x`).
    pub imported: Vec<(String, Range<usize>, bool)>,
    pub dynamic_import: bool,
    pub uses_classes: bool,
    pub uses_enum: bool,
    /// The names it assigns at its top level (a module's attributes).
    pub globals: Vec<String>,
}

/// Lowers one module's statements (ranges already absolute among the program's files),
/// recording its marks in `marks`. `package` is `None` for a script compiled alone (no
/// imports but the SDK's and Weft's modules), else the package the module is in.
pub(crate) fn lower_unit(
    source: &str,
    registry: &Registry,
    body: &[ast::Stmt],
    marks: Marks,
    package: Option<&str>,
) -> Unit {
    let mut lw = Lowerer {
        registry,
        diags: Vec::new(),
        temps: 0,
        scopes: Vec::new(),
        loops: Vec::new(),
        handlers: Vec::new(),
        finally: Vec::new(),
        current_sig: None,
        marks,
        depth: 0,
        too_deep: false,
        classes: Vec::new(),
        self_names: Vec::new(),
        uses_classes: false,
        uses_classes_anywhere: source.contains("class"),
        modules_allowed: package.is_some(),
        package: package.unwrap_or_default().to_owned(),
        imported: Vec::new(),
        uses_modules: false,
        dynamic_import: false,
    };
    let mut node = lw.lower_function_body(Body::Stmts(body), &[], None);
    // A script's completion value (what `weft eval` prints and a run returns) is its last
    // statement's value when that is an expression statement, as at Python's prompt.
    if let Some(ast::Stmt::Expr(e)) = body.last()
        && !matches!(
            &*e.value,
            ast::Expr::Constant(ast::ExprConstant {
                value: ast::Constant::Str(_),
                ..
            })
        )
        && let Node::Array(items) = &mut node
        && items.last() == Some(&Node::Null)
    {
        items.pop();
    }
    let names = scope::collect(body);
    let globals = names
        .assigned
        .iter()
        .filter(|n| !names.globals.contains(n))
        .cloned()
        .collect();
    Unit {
        node,
        marks: lw.marks,
        diags: lw.diags,
        imported: lw.imported,
        dynamic_import: lw.dynamic_import,
        uses_classes: lw.uses_classes,
        uses_enum: source.contains("Enum"),
        globals,
    }
}

pub(crate) fn span(node: &impl Ranged) -> Range<usize> {
    let r = node.range();
    usize::from(r.start())..usize::from(r.end())
}

pub(crate) fn call(op: &str, args: impl IntoIterator<Item = Node>) -> Node {
    Node::call(op, args)
}

pub(crate) fn var(name: &str) -> Node {
    call("std.var", [Node::str(name)])
}

pub(crate) fn set(name: &str, value: Node) -> Node {
    call("std.set", [Node::str(name), value])
}

pub(crate) fn let_(name: &str, value: Node) -> Node {
    call("std.let", [Node::str(name), value])
}

/// A block of statements: one node, `std.seq` unless it is a single expression.
pub(crate) fn block(mut nodes: Vec<Node>) -> Node {
    if nodes.len() == 1 && !matches!(peel(&nodes[0]).head(), Some("std.let")) {
        nodes.pop().unwrap_or(Node::Null)
    } else {
        call("std.seq", nodes)
    }
}

impl Lowerer<'_> {
    /// A fresh hidden variable name.
    pub fn temp(&mut self) -> String {
        self.temps += 1;
        format!("$t{}", self.temps)
    }

    pub fn error(&mut self, diag: SourceDiagnostic) -> Node {
        self.diags.push(diag);
        Node::Null
    }

    /// Guards the lowering's recursion: false (after one diagnostic at `at`) when the
    /// expressions and statements being lowered already nest as deep as the IR may.
    pub fn enter(&mut self, at: Range<usize>) -> bool {
        if self.depth >= MAX_DEPTH {
            self.nesting_too_deep(at);
            return false;
        }
        self.depth += 1;
        true
    }

    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Reports nesting too deep for the IR at `at`, the first time only.
    pub fn nesting_too_deep(&mut self, at: Range<usize>) -> Node {
        if !self.too_deep {
            self.too_deep = true;
            self.diags.push(diagnostics::nesting_too_deep(at));
        }
        Node::Null
    }

    /// Whether `name` is a variable of the program rather than a builtin.
    pub fn is_local(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.locals.contains(name))
    }

    /// The signature of the function `name` refers to here, if it is a `def`.
    pub fn sig(&self, name: &str) -> Option<Rc<Sig>> {
        for scope in self.scopes.iter().rev() {
            if let Some(sig) = scope.funcs.get(name) {
                return Some(sig.clone());
            }
            if scope.locals.contains(name) {
                return None;
            }
        }
        None
    }

    /// Lowers a function body (or the module, with `args` None): declarations of its
    /// locals first, then the statements, then `null` (falling off the end returns None).
    pub fn lower_function_body(
        &mut self,
        body: Body<'_>,
        params: &[String],
        args: Option<&ast::Arguments>,
    ) -> Node {
        let names = match body {
            Body::Stmts(stmts) => scope::collect(stmts),
            // A lambda's expression assigns nothing (`:=` is not supported).
            Body::Lambda(_) => scope::Names::default(),
        };
        let mut sc = Scope::default();
        sc.locals.extend(params.iter().cloned());
        for n in &names.assigned {
            if !names.globals.contains(n) && !names.nonlocals.contains(n) {
                sc.locals.insert(n.clone());
            }
        }
        self.scopes.push(sc);
        let mut prologue = Vec::new();
        if let Some(args) = args {
            prologue = self.lower_prologue(args);
        }
        for def in &names.defs {
            let sig = self.make_sig(def);
            if let Some(scope) = self.scopes.last_mut() {
                scope.funcs.insert(def.name.to_string(), Rc::new(sig));
            }
        }
        let saved_loops = std::mem::take(&mut self.loops);
        let saved_finally = std::mem::take(&mut self.finally);
        let saved_handlers = std::mem::take(&mut self.handlers);
        let mut stmts = Vec::new();
        match body {
            Body::Stmts(body) => {
                for stmt in body {
                    self.lower_stmt(stmt, &mut stmts);
                }
            }
            Body::Lambda(l) => self.lower_return(&l.body, span(l), &mut stmts),
        }
        self.loops = saved_loops;
        self.finally = saved_finally;
        self.handlers = saved_handlers;
        let sc = self.scopes.pop().unwrap_or_default();
        let mut declared: Vec<&String> = sc.locals.iter().filter(|n| !params.contains(n)).collect();
        declared.sort();
        let mut out = prologue;
        out.extend(declared.into_iter().map(|n| let_(n, Node::Null)));
        out.extend(sc.hidden.iter().map(|n| let_(n, Node::Null)));
        out.extend(stmts);
        out.push(Node::Null);
        call("std.seq", out)
    }
}
