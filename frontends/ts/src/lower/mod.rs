//! Lowering of a parsed program to IR: the shared state ([`Lowerer`]: scopes, temporaries,
//! the loop/switch context, collected diagnostics) and small IR-building helpers. The
//! lowering itself is split by syntactic category: statements ([`stmt`]), expressions
//! ([`expr`]), functions ([`func`]), destructuring patterns ([`pattern`]) and calls of
//! globals, SDK opcodes and methods ([`builtins`]).

pub(crate) mod builtins;
mod class;
mod expr;
mod func;
mod jump;
mod loops;
pub(crate) mod modules;
mod pattern;
mod stmt;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use swc_common::Span;
use swc_ecma_ast::{ModuleItem, Program, Stmt};
use weft_ir::source_map::Marks;
use weft_ir::{Node, Registry, SourceDiagnostic, SourceMap};

use crate::{diagnostics, parse};

/// How deeply the lowering recurses before reporting the program as too deeply nested.
const MAX_DEPTH: usize = 400;

/// Whether a binding may be assigned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Binding {
    Const,
    Mutable,
}

/// What `break`, `continue` and `return` inside the statement being lowered pass through
/// or land on, innermost last (reset for each function body).
#[derive(Debug)]
pub(crate) enum Jump {
    /// A loop: `break`/`continue` are `std.break`/`std.continue`. `exit` (here and in
    /// `Switch`) is the `kind` variable of the `finally` that a `return` inside is on its way
    /// to: the return breaks out of the loop, so after the loop the lowering breaks again
    /// while that variable is set.
    Loop { exit: Option<String> },
    /// A `switch`, lowered as a loop that runs once: `break` leaves it, and a `continue`
    /// (of the enclosing loop) sets `flag` and leaves it, to continue after it.
    Switch {
        flag: String,
        used: bool,
        exit: Option<String>,
    },
    /// A `try` with `finally`: its statements run in a loop that runs once, and a jump that
    /// leaves them stores its kind in the variable `kind` (and a return value in `value`),
    /// then breaks out, so that the `finally` body runs before the jump is performed.
    Finally {
        kind: String,
        value: String,
        kinds: Vec<JumpKind>,
    },
}

/// A statement that jumps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JumpKind {
    Break,
    Continue,
    Return,
}

/// A function being lowered, for what `this` and `arguments` mean inside it.
#[derive(Debug)]
pub(crate) enum FnFrame {
    /// An arrow function: `this` and `arguments` are those of the enclosing function.
    Arrow,
    /// A function or the program: its own `this` and `arguments`, kept in the variables
    /// named here when an arrow function inside uses them.
    Function {
        this: Option<String>,
        args: Option<String>,
    },
}

pub(crate) struct Lowerer<'a> {
    source: &'a str,
    /// Added to every source range: the file's place among a program's modules.
    base: usize,
    registry: &'a Registry,
    diags: Vec<SourceDiagnostic>,
    scopes: Vec<HashMap<String, Binding>>,
    jumps: Vec<Jump>,
    frames: Vec<FnFrame>,
    temps: usize,
    depth: usize,
    too_deep: bool,
    /// Each statement's span, for the source map.
    marks: Marks,
    /// The classes whose bodies are being lowered, innermost last.
    classes: Vec<class::ClassCtx>,
    /// Field initialisers the next function lowered (a base class's constructor) runs first.
    ctor_prologue: Option<(Vec<class::FieldInit>, Vec<String>)>,
    /// Set when lowering a module of a multi-file program.
    pub(crate) module: Option<modules::ModuleCtx>,
    /// `process.argv` was read: the program keeps its arguments in `%argv`.
    pub(crate) uses_argv: bool,
    /// `Map` or `Set` was used: the program needs the collections prelude.
    pub(crate) uses_collections: bool,
}

/// Lowers a whole program (whose result is its completion value), with where its
/// statements came from.
pub(crate) fn lower_program(
    source: &str,
    registry: &Registry,
    program: &Program,
    eval: bool,
) -> (Node, SourceMap, Vec<SourceDiagnostic>) {
    let unit = lower_unit(source, 0, registry, program, Marks::new(), None, eval);
    let (node, map) = unit.marks.finish(unit.node);
    let mut diags = unit.diags;
    // Statements lower to several levels of IR each, and some flat constructs (`switch`)
    // to nested IR: what the guard in `enter` let through may still be too deep for the IR.
    if diags.is_empty()
        && let Some(path) = weft_ir::nesting::path_too_deep(&node)
    {
        let at = map.span_of(&path).unwrap_or(0..source.len().min(1));
        diags.push(diagnostics::nesting_too_deep(at));
    }
    (node, map, diags)
}

/// One lowered file: its IR (still holding source-map markers), the markers' spans and
/// its diagnostics (ranges offset by the file's `base`).
pub(crate) struct Unit {
    pub(crate) node: Node,
    pub(crate) marks: Marks,
    pub(crate) diags: Vec<SourceDiagnostic>,
    /// Whether the file uses `Map` or `Set` (its program needs the collections prelude).
    pub(crate) uses_collections: bool,
    /// The modules the file requires (a module of a multi-file program only).
    pub(crate) requires: Vec<(String, Range<usize>, String)>,
}

/// Lowers one file. `base` is added to every source range (a module's place in the
/// program's sources, see `crate::modules`); `module` is set when the file is a module of a
/// multi-file program, so `require`, `import` and `export` resolve.
/// With `eval`, the file is a snippet for `weft eval`, whose result is its completion
/// value as JavaScript's `eval` gives it, also when it ends in an `if` or a block (the value
/// of the last expression statement run), not only in an expression statement.
pub(crate) fn lower_unit(
    source: &str,
    base: usize,
    registry: &Registry,
    program: &Program,
    marks: Marks,
    module: Option<modules::ModuleCtx>,
    eval: bool,
) -> Unit {
    let mut l = Lowerer {
        source,
        base,
        registry,
        diags: Vec::new(),
        scopes: vec![HashMap::new()],
        jumps: Vec::new(),
        frames: vec![FnFrame::Function {
            this: None,
            args: None,
        }],
        temps: 0,
        depth: 0,
        too_deep: false,
        marks,
        classes: Vec::new(),
        ctor_prologue: None,
        module,
        uses_argv: false,
        uses_collections: false,
    };
    if l.module.is_some() {
        l.declare("module", Binding::Mutable);
        l.declare("exports", Binding::Mutable);
    }
    // Borrowed, not cloned: cloning a syntax tree recurses as deeply as it nests.
    let mut stmts: Vec<Cow<'_, Stmt>> = Vec::new();
    let mut imports = Vec::new();
    let mut exported = Vec::new();
    match program {
        Program::Script(script) => stmts = script.body.iter().map(Cow::Borrowed).collect(),
        Program::Module(module) => {
            for item in &module.body {
                match item {
                    ModuleItem::Stmt(s) => stmts.push(Cow::Borrowed(s)),
                    ModuleItem::ModuleDecl(decl) => {
                        if let Some(s) = l.module_decl(decl, &mut imports, &mut exported) {
                            stmts.push(Cow::Owned(s));
                        }
                    }
                }
            }
        }
    };
    let stmts: Vec<&Stmt> = stmts.iter().map(|s| s.as_ref()).collect();
    let mut body = imports;
    let tail = eval && matches!(stmts.last(), Some(Stmt::If(_) | Stmt::Block(_)));
    if tail {
        body.extend(l.lower_with_completion(&stmts));
    } else {
        body.extend(l.lower_stmts(&stmts, true));
    }
    if l.module.is_some() {
        body.extend(l.export_assignments(&exported));
    }
    if let Some(frame) = l.frames.pop() {
        let mut lexical = FnFrame::prologue(frame);
        lexical.append(&mut body);
        body = lexical;
    }
    if l.uses_argv && l.module.is_none() {
        body.insert(0, let_("%argv", call("std.args", [])));
    }
    if l.uses_collections && l.module.is_none() {
        let prelude = collections_prelude();
        body.splice(0..0, prelude);
    }
    let ends_with_value = tail || matches!(stmts.last(), Some(Stmt::Expr(_) | Stmt::Return(_)));
    if !ends_with_value || l.module.is_some() {
        body.push(Node::Null);
    }
    let mut diags = l.diags;
    diags.sort_by_key(|d| (d.span.start, d.span.end));
    diags.dedup();
    Unit {
        node: call("std.seq", body),
        marks: l.marks,
        diags,
        uses_collections: l.uses_collections,
        requires: l.module.map(|m| m.requires).unwrap_or_default(),
    }
}

/// The collections prelude's source: `Map` and `Set` written in JavaScript.
const COLLECTIONS: &str = include_str!("../prelude/collections.js");

/// `let Map = ...; let Set = ...`, the prelude's classes, lowered in a scope of their own
/// (so its helpers and temporaries stay private). Its IR carries no source ranges. It only
/// calls standard opcodes, so it is lowered once per process, against the standard registry.
pub(crate) fn collections_prelude() -> Vec<Node> {
    static PRELUDE: std::sync::OnceLock<Vec<Node>> = std::sync::OnceLock::new();
    PRELUDE.get_or_init(lower_collections).clone()
}

fn lower_collections() -> Vec<Node> {
    let Ok(program) = parse::parse(COLLECTIONS) else {
        return vec![call(
            "std.throw",
            [Node::str(
                "internal error: the collections prelude does not parse",
            )],
        )];
    };
    let registry = Registry::standard();
    let unit = lower_unit(
        COLLECTIONS,
        0,
        registry,
        &program,
        Marks::new(),
        None,
        false,
    );
    let Node::Array(mut items) = unit.marks.finish(unit.node).0 else {
        return Vec::new();
    };
    // `["std.seq", ...statements, null]`: end it with the two classes instead.
    items.pop();
    items.push(call("list.new", [var("Map"), var("Set")]));
    vec![
        let_("%collections", Node::Array(items)),
        let_("Map", call("list.get", [var("%collections"), Node::Int(0)])),
        let_("Set", call("list.get", [var("%collections"), Node::Int(1)])),
    ]
}

impl FnFrame {
    /// The statements that keep a function's `this` and `arguments` for its arrows.
    pub(crate) fn prologue(self) -> Vec<Node> {
        let mut out = Vec::new();
        if let FnFrame::Function { this, args } = self {
            if let Some(name) = this {
                out.push(let_(&name, call("std.this", [])));
            }
            if let Some(name) = args {
                out.push(let_(&name, call("std.args", [])));
            }
        }
        out
    }
}

impl<'a> Lowerer<'a> {
    /// `this` (or, with `arguments` true, `arguments`): the current function's own, or
    /// inside an arrow function the enclosing function's, kept in a variable.
    pub(crate) fn lower_lexical(&mut self, arguments: bool) -> Node {
        let op = if arguments { "std.args" } else { "std.this" };
        if !matches!(self.frames.last(), Some(FnFrame::Arrow)) {
            return call(op, []);
        }
        let hint = if arguments { "arguments" } else { "this" };
        let Some(index) = self
            .frames
            .iter()
            .rposition(|f| matches!(f, FnFrame::Function { .. }))
        else {
            return call(op, []);
        };
        let unset = match &self.frames[index] {
            FnFrame::Function { this, args } if arguments => args.is_none(),
            FnFrame::Function { this, .. } => this.is_none(),
            FnFrame::Arrow => false,
        };
        let fresh = unset.then(|| self.temp(hint));
        let FnFrame::Function { this, args } = &mut self.frames[index] else {
            return call(op, []);
        };
        let slot = if arguments { args } else { this };
        if let Some(fresh) = fresh {
            *slot = Some(fresh);
        }
        var(slot.as_deref().unwrap_or_default())
    }

    /// Imports are accepted and produce nothing (SDK namespaces are opcode prefixes);
    /// `export` around a declaration is dropped.
    /// The byte range of a span.
    pub(crate) fn range(&self, span: Span) -> Range<usize> {
        let r = parse::range(span, self.source.len());
        r.start + self.base..r.end + self.base
    }

    /// `nodes`, each recorded in the source map as coming from `span`.
    pub(crate) fn mark_all(&mut self, span: Span, mut nodes: Vec<Node>) -> Vec<Node> {
        let range = self.range(span);
        self.marks.mark_each(range, &mut nodes);
        nodes
    }

    pub(crate) fn error(&mut self, d: SourceDiagnostic) {
        self.diags.push(d);
    }

    pub(crate) fn unsupported(&mut self, what: &str, span: Span) -> Node {
        let d = diagnostics::unsupported(what, self.range(span));
        self.error(d);
        Node::Null
    }

    /// A fresh temporary name; `%` keeps it apart from every JavaScript identifier.
    pub(crate) fn temp(&mut self, hint: &str) -> String {
        self.temps += 1;
        format!("%{hint}{}", self.temps)
    }

    pub(crate) fn push_scope(&mut self) {
        self.scopes.push(HashMap::new());
    }

    pub(crate) fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    pub(crate) fn declare(&mut self, name: &str, binding: Binding) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name.to_owned(), binding);
        }
    }

    /// The binding a name resolves to, innermost scope first.
    pub(crate) fn lookup(&self, name: &str) -> Option<Binding> {
        self.scopes.iter().rev().find_map(|s| s.get(name).copied())
    }

    /// Guards recursion depth: false (after one diagnostic) when nesting is too deep.
    pub(crate) fn enter(&mut self, span: Span) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                let d = diagnostics::nesting_too_deep(self.range(span));
                self.error(d);
            }
            return false;
        }
        self.depth += 1;
        true
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

/// `[op, args...]`.
pub(crate) fn call(op: &str, args: impl IntoIterator<Item = Node>) -> Node {
    Node::call(op, args)
}

pub(crate) fn var(name: &str) -> Node {
    call("std.var", [Node::str(name)])
}

pub(crate) fn let_(name: &str, value: Node) -> Node {
    call("std.let", [Node::str(name), value])
}

pub(crate) fn set(name: &str, value: Node) -> Node {
    call("std.set", [Node::str(name), value])
}

/// `std.seq` of the nodes, or the node itself when there is exactly one.
pub(crate) fn seq(mut nodes: Vec<Node>) -> Node {
    if nodes.len() == 1 {
        nodes.pop().unwrap_or(Node::Null)
    } else {
        call("std.seq", nodes)
    }
}

/// Whether evaluating a node twice (or moving it) is harmless: literals and variable reads.
pub(crate) fn is_simple(node: &Node) -> bool {
    match node {
        Node::Array(_) => node.head() == Some("std.var"),
        Node::Object(_) => false,
        _ => true,
    }
}

/// A number literal: an int when it is an integer within ±2^53 (and not -0), else a float.
pub(crate) fn number(f: f64) -> Node {
    if f.is_finite()
        && f.fract() == 0.0
        && f.abs() <= 9_007_199_254_740_992.0
        && !(f == 0.0 && f.is_sign_negative())
    {
        Node::Int(f as i64)
    } else if f.is_finite() {
        Node::Float(f)
    } else {
        call(
            "js.number",
            [Node::str(if f.is_nan() {
                "NaN"
            } else if f > 0.0 {
                "Infinity"
            } else {
                "-Infinity"
            })],
        )
    }
}
