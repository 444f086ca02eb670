//! Variable resolution: block scopes, slots, captures and late-bound chains.
//!
//! Every `std.let` name of a block scope gets its own frame slot, found by a pre-scan of
//! the scope's expressions that stops at nested scopes. Inside one function a reference
//! resolves by textual order: the nearest enclosing scope whose `std.let` of that name came
//! earlier. A reference from a closure to an enclosing function's variable also sees
//! bindings declared later in the enclosing scopes (so recursive and mutually recursive
//! functions work): it becomes a chain of captured cells tried innermost first at run time,
//! the first initialised one winning. A variable any closure captures is boxed: its slot
//! holds a shared cell, made fresh each time its scope is entered.

use weft_ir::{ArgKind, Node};

use super::Compiler;
use crate::program::{CaptureSrc, Op, ScopeInfo};

/// One binding in a scope.
#[derive(Debug)]
pub(super) struct Binding {
    pub name: String,
    pub slot: u32,
    /// Whether its `std.let` (or parameter) has been compiled yet: textual order.
    pub declared: bool,
}

#[derive(Debug, Default)]
pub(super) struct ScopeState {
    pub bindings: Vec<Binding>,
    /// Index into `Func::scopes` when the scope resets slots on entry.
    pub info: Option<u32>,
}

/// How a name resolves at one point.
pub(super) enum Resolved {
    /// No binding anywhere: reads are null, writes are an error.
    Unbound,
    Local(u32),
    Capture(u32),
    /// Captured cells to try in order; index into `Func::chains`.
    Chain(u32),
}

/// Whether argument `i` of `op` is evaluated in a scope of its own.
pub(super) fn opens_scope(op: &str, i: usize) -> bool {
    match op {
        "std.seq" | "std.try" | "std.lambda" => true,
        "std.if" => i >= 1,
        "std.while" => i == 1,
        "std.for" => i == 2,
        _ => false,
    }
}

impl Compiler<'_> {
    /// The `std.let` names declared directly in `node`'s scope (not in nested scopes).
    pub(super) fn prescan(&self, node: &Node, out: &mut Vec<String>) {
        let Node::Array(items) = node else { return };
        let Some((_, spec)) = node.head().and_then(|h| self.registry.lookup(h)) else {
            return;
        };
        if spec.name == "std.let"
            && let Some(Node::Str(name)) = items.get(1)
            && !out.contains(name)
        {
            out.push(name.clone());
        }
        for (i, arg) in items.iter().skip(1).enumerate() {
            match spec.arg_kind(i) {
                ArgKind::Expr => self.prescan(arg, out),
                ArgKind::Lazy if !opens_scope(&spec.name, i) => self.prescan(arg, out),
                ArgKind::Pair => {
                    if let Node::Array(pair) = arg {
                        pair.iter().for_each(|p| self.prescan(p, out));
                    }
                }
                _ => {}
            }
        }
    }

    /// Opens a scope binding `names` (already declared when `declared`), emitting the
    /// `Scope` instruction that resets them when there are any.
    pub(super) fn push_scope(&mut self, names: &[String], declared: bool, emit: bool) {
        let f = self.fs();
        let mut scope = ScopeState::default();
        for name in names {
            let slot = f.func.slots;
            f.func.slots += 1;
            f.boxed.push(false);
            scope.bindings.push(Binding {
                name: name.clone(),
                slot,
                declared,
            });
        }
        if emit && !scope.bindings.is_empty() {
            let id = f.func.scopes.len() as u32;
            f.func.scopes.push(ScopeInfo {
                plain: scope.bindings.iter().map(|b| b.slot).collect(),
                boxed: Vec::new(),
            });
            scope.info = Some(id);
            self.emit(Op::Scope(id));
        }
        self.fs().scopes.push(scope);
    }

    /// Opens a scope for `nodes` (pre-scanning their `std.let`s) plus `extra` names.
    pub(super) fn push_scope_for(&mut self, extra: &[String], nodes: &[&Node]) {
        let mut names: Vec<String> = extra.to_vec();
        for n in nodes {
            self.prescan(n, &mut names);
        }
        self.push_scope(&names, false, true);
    }

    pub(super) fn pop_scope(&mut self) {
        self.fs().scopes.pop();
    }

    /// The slot `std.let name` writes in the current scope, marking it declared.
    pub(super) fn declare(&mut self, name: &str) -> u32 {
        let f = self.fs();
        let scope_index = f.scopes.len() - 1;
        if let Some(b) = f.scopes[scope_index]
            .bindings
            .iter_mut()
            .find(|b| b.name == name)
        {
            b.declared = true;
            return b.slot;
        }
        // Not pre-scanned (should not happen): bind it here without a reset on entry.
        let slot = f.func.slots;
        f.func.slots += 1;
        f.boxed.push(false);
        f.scopes[scope_index].bindings.push(Binding {
            name: name.to_owned(),
            slot,
            declared: true,
        });
        slot
    }

    /// Resolves `name` at the current point of the current function.
    pub(super) fn resolve(&mut self, name: &str) -> Resolved {
        let level = self.fns.len() - 1;
        for scope in self.fns[level].scopes.iter().rev() {
            if let Some(b) = scope
                .bindings
                .iter()
                .rev()
                .find(|b| b.name == name && b.declared)
            {
                return Resolved::Local(b.slot);
            }
        }
        // Enclosing functions, innermost first; later declarations count but are not final.
        let mut chain = Vec::new();
        let mut definite = false;
        'outer: for owner in (0..level).rev() {
            for scope in self.fns[owner].scopes.iter().rev() {
                if let Some(b) = scope.bindings.iter().find(|b| b.name == name) {
                    chain.push((owner, b.slot));
                    if b.declared {
                        definite = true;
                        break 'outer;
                    }
                }
            }
        }
        if chain.is_empty() {
            return Resolved::Unbound;
        }
        let caps: Vec<u32> = chain
            .into_iter()
            .map(|(owner, slot)| self.capture(level, owner, slot))
            .collect();
        if definite && caps.len() == 1 {
            return Resolved::Capture(caps[0]);
        }
        let f = self.fs();
        let id = f.func.chains.len() as u32;
        f.func.chains.push(caps);
        Resolved::Chain(id)
    }

    /// The capture index in function `level` of slot `slot` of function `owner`.
    fn capture(&mut self, level: usize, owner: usize, slot: u32) -> u32 {
        let src = if owner + 1 == level {
            self.fns[owner].boxed[slot as usize] = true;
            CaptureSrc::Local(slot)
        } else {
            CaptureSrc::Capture(self.capture(level - 1, owner, slot))
        };
        let caps = &mut self.fns[level].func.captures;
        match caps.iter().position(|c| *c == src) {
            Some(i) => i as u32,
            None => {
                caps.push(src);
                (caps.len() - 1) as u32
            }
        }
    }
}
