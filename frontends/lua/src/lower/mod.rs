//! Lowering from full_moon's AST to IR: the shared state ([`Lowerer`]: scopes,
//! diagnostics, fresh temporaries) and the chunk entry point. Statements, expressions,
//! functions, the library and literals each have their own module.

pub(crate) mod builtins;
mod expr;
mod func;
mod literal;
pub(crate) mod modules;
mod stmt;

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use full_moon::ast::{self, Ast};
use full_moon::tokenizer::TokenReference;
use full_moon::visitors::Visitor;
use weft_ir::source_map::{Marks, peel};
use weft_ir::{Node, Registry, SourceDiagnostic, SourceMap};

use crate::diagnostics as diag;

pub(crate) type Span = Range<usize>;

pub(crate) use expr::string_token;

/// The variable holding a vararg function's extra arguments.
pub(crate) const VARARG: &str = "...";

/// Per-function lowering state.
#[derive(Debug, Default)]
struct FuncState {
    vararg: bool,
    loops: usize,
}

/// The lowering state for one chunk.
pub(crate) struct Lowerer<'a> {
    /// The chunk being lowered, and where it starts among the program's sources.
    source: &'a str,
    base: usize,
    /// Its name in `error` messages.
    chunk: String,
    registry: &'a Registry,
    diags: Vec<SourceDiagnostic>,
    /// Local names per open block, innermost last (across function boundaries).
    scopes: Vec<Vec<String>>,
    funcs: Vec<FuncState>,
    /// Names assigned as globals anywhere in the chunk: these are never library names.
    user_globals: HashSet<String>,
    /// Globals the chunk assigns, declared once at its top.
    globals: BTreeSet<String>,
    temps: usize,
    /// Each statement's span, for the source map.
    marks: Marks,
    /// Whether the chunk is a module (its `return` gives `require` its values) rather
    /// than the script (whose `return` gives the run's result).
    module: bool,
}

/// One chunk of a program: the script, or a module `require` can load.
pub(crate) struct Unit<'a> {
    pub text: &'a str,
    /// Where its text starts among the program's sources laid end to end.
    pub base: usize,
    pub ast: &'a Ast,
    /// The name `error` messages raised in it start with (`main.lua:3: ...`).
    pub chunk: String,
    /// For a module: the name `require` loads it by, and its path.
    pub module: Option<(String, String)>,
    /// A module offered for names computed at run time: if it does not compile,
    /// requiring it raises the first problem instead of the program not compiling.
    pub optional: bool,
}

/// A module that could be required by a name computed at run time but does not compile:
/// requiring it raises this message, as loading a broken file does in Lua.
pub(crate) struct Broken {
    pub name: String,
    pub message: String,
}

/// Lowers a parsed chunk as the whole script.
pub(crate) fn lower_chunk(
    source: &str,
    registry: &Registry,
    ast: &Ast,
    chunk: &str,
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
    let unit = Unit {
        text: source,
        base: 0,
        ast,
        chunk: chunk.to_owned(),
        module: None,
        optional: false,
    };
    lower_units(registry, &[unit], &[])
}

/// Lowers a program: the script (`units[0]`) and the modules it may require, with every
/// global any of them assigns declared first. Each module becomes a loader function in
/// `package.preload`, run by `require` the first time its name is required.
pub(crate) fn lower_units(
    registry: &Registry,
    units: &[Unit<'_>],
    broken: &[Broken],
) -> Result<(Node, SourceMap), Vec<SourceDiagnostic>> {
    let mut collect = GlobalNames::default();
    for u in units {
        collect.visit_ast(u.ast);
    }
    let uses_require = collect.require || units.len() > 1 || !broken.is_empty();
    // `arg`, the script's arguments, when a chunk reads it and none assigns it.
    let uses_arg = collect.arg && !collect.names.contains("arg");
    if uses_arg {
        collect.names.insert("arg".into());
    }
    let Some(first) = units.first() else {
        return Err(Vec::new());
    };
    let mut l = Lowerer {
        source: first.text,
        base: first.base,
        chunk: first.chunk.clone(),
        registry,
        diags: Vec::new(),
        scopes: vec![Vec::new()],
        funcs: Vec::new(),
        user_globals: collect.names,
        globals: BTreeSet::new(),
        temps: 0,
        marks: Marks::new(),
        module: false,
    };
    let mut body = Vec::new();
    if uses_arg {
        // `arg[0]` is the script's name, `arg[1]`... its arguments.
        body.push(let_(
            "arg",
            Node::call(
                "lua.table",
                [
                    Node::call("std.args", []),
                    Node::Int(0),
                    Node::str(first.chunk.clone()),
                ],
            ),
        ));
    }
    if uses_require {
        body.extend(modules::prelude());
    }
    for b in broken {
        body.push(modules::preload(
            &b.name,
            modules::failing_loader(b.message.clone()),
        ));
    }
    for u in units.iter().skip(1) {
        let Some((name, path)) = &u.module else {
            continue;
        };
        let before = l.diags.len();
        let chunk = l.unit_body(u);
        let loader = if u.optional && l.diags.len() > before {
            let first = l.diags[before].message.clone();
            l.diags.truncate(before);
            let message = format!("error loading module '{name}' from file '{path}':\n\t{first}");
            modules::failing_loader(message)
        } else {
            Node::call(
                "std.lambda",
                [Node::Array(vec![]), Node::call("std.seq", chunk)],
            )
        };
        body.push(modules::preload(name, loader));
    }
    body.extend(l.unit_body(first));
    if !l.diags.is_empty() {
        l.diags.sort_by_key(|d| (d.span.start, d.span.end));
        return Err(l.diags);
    }
    let mut out: Vec<Node> = l
        .globals
        .iter()
        .map(|g| Node::call("std.let", [Node::str(g.clone()), Node::Null]))
        .collect();
    out.extend(body);
    let (node, map) = l.marks.finish(Node::call("std.seq", out));
    if let Some(path) = weft_ir::nesting::path_too_deep(&node) {
        let at = map
            .span_of(&path)
            .unwrap_or(first.base..first.base + first.text.len().min(1));
        return Err(vec![diag::too_deep(at)]);
    }
    Ok((node, map))
}

impl<'a> Lowerer<'a> {
    /// The statements of one chunk: `...` bound to its arguments, then its body (a module
    /// that falls off its end returns no values).
    fn unit_body(&mut self, u: &Unit<'a>) -> Vec<Node> {
        self.source = u.text;
        self.base = u.base;
        self.chunk = u.chunk.clone();
        self.module = u.module.is_some();
        self.scopes = vec![Vec::new()];
        self.funcs = vec![FuncState {
            vararg: true,
            loops: 0,
        }];
        let mut body = vec![Node::call(
            "std.let",
            [Node::str(VARARG), Node::call("std.args", [])],
        )];
        body.extend(self.block_stmts(u.ast.nodes()));
        if self.module && !matches!(u.ast.nodes().last_stmt(), Some(ast::LastStmt::Return(_))) {
            body.push(func::no_values());
        }
        body
    }
}

/// Finds every plain name assigned or declared with `function name()` anywhere, so a
/// script's own `print` or `list` is never mistaken for the library's.
#[derive(Default)]
struct GlobalNames {
    names: HashSet<String>,
    /// Whether `require` is named anywhere.
    require: bool,
    /// Whether `arg` is read anywhere.
    arg: bool,
}

impl Visitor for GlobalNames {
    fn visit_assignment(&mut self, node: &ast::Assignment) {
        for var in node.variables() {
            if let ast::Var::Name(tok) = var {
                self.names.insert(tok.token().to_string());
            }
        }
    }

    fn visit_function_declaration(&mut self, node: &ast::FunctionDeclaration) {
        if let Some(first) = node.name().names().iter().next()
            && node.name().names().len() == 1
            && node.name().method_name().is_none()
        {
            self.names.insert(first.token().to_string());
        }
    }

    fn visit_prefix(&mut self, node: &ast::Prefix) {
        if let ast::Prefix::Name(tok) = node {
            match tok.token().to_string().as_str() {
                "require" | "package" => self.require = true,
                "arg" => self.arg = true,
                _ => {}
            }
        }
    }

    fn visit_var(&mut self, node: &ast::Var) {
        if let ast::Var::Name(tok) = node {
            match tok.token().to_string().as_str() {
                "require" => self.require = true,
                "arg" => self.arg = true,
                _ => {}
            }
        }
    }
}

impl Lowerer<'_> {
    pub(crate) fn error(&mut self, d: SourceDiagnostic) {
        self.diags.push(d);
    }

    /// The byte range of a token (without trivia).
    pub(crate) fn tok_span(&self, tok: &TokenReference) -> Span {
        let start = tok.token().start_position().bytes().min(self.source.len());
        let end = tok.token().end_position().bytes().min(self.source.len());
        self.base + start..self.base + end.max(start)
    }

    /// The byte range of any node (without leading and trailing trivia). Its tokens do not
    /// come in source order (a bracketed part yields its brackets first), so this is the
    /// smallest start and the largest end among them.
    pub(crate) fn span(&self, node: &impl full_moon::node::Node) -> Span {
        let len = self.source.len();
        // From the back: full_moon's token iterator takes from the front of a vector, which
        // makes a forward walk quadratic in the node's length.
        let range = node.tokens().rev().fold(None, |acc: Option<Span>, tok| {
            let start = tok.token().start_position().bytes().min(len);
            let end = tok.token().end_position().bytes().min(len).max(start);
            Some(match acc {
                Some(r) => r.start.min(start)..r.end.max(end),
                None => start..end,
            })
        });
        let local = match range {
            Some(range) => range,
            None => match node.range() {
                Some((a, b)) => a.bytes()..b.bytes(),
                None => 0..0,
            },
        };
        self.base + local.start..self.base + local.end
    }

    /// The 1-based line a byte offset (among the program's sources) is on.
    pub(crate) fn line_of(&self, offset: usize) -> i64 {
        let end = offset.saturating_sub(self.base).min(self.source.len());
        self.source.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as i64
            + 1
    }

    /// A fresh temporary variable name (never a Lua name: it starts with `$`).
    pub(crate) fn temp(&mut self, hint: &str) -> String {
        self.temps += 1;
        format!("${hint}{}", self.temps)
    }

    pub(crate) fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    pub(crate) fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    pub(crate) fn declare(&mut self, name: &str) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(name.to_owned());
        }
    }

    pub(crate) fn is_local(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.iter().any(|n| n == name))
    }

    /// Whether a free name refers to a variable of the script rather than the library.
    pub(crate) fn is_variable(&self, name: &str) -> bool {
        self.is_local(name) || self.user_globals.contains(name)
    }

    fn func(&mut self) -> &mut FuncState {
        if self.funcs.is_empty() {
            self.funcs.push(FuncState::default());
        }
        let last = self.funcs.len() - 1;
        &mut self.funcs[last]
    }
}

/// `["std.var", name]`.
pub(crate) fn var(name: &str) -> Node {
    Node::call("std.var", [Node::str(name)])
}

/// `["std.let", name, value]`.
pub(crate) fn let_(name: &str, value: Node) -> Node {
    Node::call("std.let", [Node::str(name), value])
}

/// `["std.set", name, value]`.
pub(crate) fn set(name: &str, value: Node) -> Node {
    Node::call("std.set", [Node::str(name), value])
}

/// `["std.seq", ...]`, or the one node itself when that cannot leak a binding.
pub(crate) fn seq(mut nodes: Vec<Node>) -> Node {
    if nodes.len() == 1 && peel(&nodes[0]).head() != Some("std.let") {
        nodes.pop().unwrap_or(Node::Null)
    } else {
        Node::call("std.seq", nodes)
    }
}

/// Element `i` (0-based) of a list-valued node.
pub(crate) fn nth(list: Node, i: i64) -> Node {
    Node::call("list.get", [list, Node::Int(i)])
}
