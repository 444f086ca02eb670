//! Special forms and frame-touching opcodes: control flow, variables, closures, calls.
//!
//! Each `compile_*` here leaves one value on the stack like any expression. Loops record
//! the stack depth and `std.try` nesting at their head so `std.break` and `std.continue`
//! can cut the stack back and drop the handlers they leave before jumping.

use weft_ir::Node;
use weft_runtime::Truth;

use super::scope::Resolved;
use super::{Compiler, LoopCtx};
use crate::diagnostics;
use crate::program::{Op, PathSeg};

impl Compiler<'_> {
    /// Compiles `name` if it is a form this module handles; returns whether it did.
    pub(super) fn compile_form(&mut self, name: &str, items: &[Node], path: u32) -> bool {
        let argc = items.len() - 1;
        match name {
            "std.seq" => self.compile_seq(items, path),
            "std.if" => self.compile_if(items, path),
            "std.while" => self.compile_while(items, path),
            "std.for" => self.compile_for(items, path),
            "std.break" | "std.continue" => self.compile_jump_out(name == "std.break", path),
            "std.return" => {
                self.compile_arg(items, 0, path);
                self.emit(Op::Return);
                self.fs().depth += 1;
            }
            "std.let" => {
                self.compile_arg(items, 1, path);
                let name = name_arg(items, 0);
                let slot = self.declare(&name);
                self.emit(Op::Store(slot));
            }
            "std.var" => match self.resolve(&name_arg(items, 0)) {
                Resolved::Unbound => _ = self.emit(Op::Null),
                Resolved::Local(s) => _ = self.emit(Op::Load(s)),
                Resolved::Capture(c) => _ = self.emit(Op::LoadCap(c)),
                Resolved::Chain(c) => _ = self.emit(Op::LoadChain(c)),
            },
            "std.set" => {
                self.compile_arg(items, 1, path);
                let var = name_arg(items, 0);
                match self.resolve(&var) {
                    Resolved::Unbound => {
                        let id = self.string(&var);
                        self.emit(Op::Unbound(id));
                    }
                    Resolved::Local(s) => _ = self.emit(Op::Store(s)),
                    Resolved::Capture(c) => _ = self.emit(Op::StoreCap(c)),
                    Resolved::Chain(c) => _ = self.emit(Op::StoreChain(c)),
                }
            }
            "std.lambda" => self.compile_lambda(items, path),
            "std.apply" | "std.apply_this" | "std.apply_list" => {
                let clear = std::mem::take(&mut self.clear_results);
                (0..argc).for_each(|i| self.compile_arg(items, i, path));
                if clear {
                    self.emit(Op::ClearResults);
                }
                self.emit(match name {
                    "std.apply" => Op::Call(argc.saturating_sub(1) as u32),
                    "std.apply_this" => Op::CallThis(argc.saturating_sub(2) as u32),
                    _ => Op::CallList,
                });
            }
            "std.results" => {
                if !self.is_call_form(items.get(1)) {
                    let p = self.json_path(path);
                    self.error(diagnostics::cannot_compile(
                        &p,
                        "std.results of anything but a std.apply, std.apply_this or std.apply_list call",
                    ));
                }
                self.clear_results = true;
                self.compile_arg(items, 0, path);
                self.clear_results = false;
                self.emit(Op::TakeResults);
            }
            "std.return_values" => {
                match items.get(1) {
                    // Passing on what a call returned: nothing to gather.
                    Some(Node::Array(inner))
                        if self.canonical(&items[1]) == Some("std.results")
                            && self.is_call_form(inner.get(1)) =>
                    {
                        let p = self.child_path(path, PathSeg::I(1));
                        let gas = self
                            .registry
                            .lookup("std.results")
                            .map_or(0, |(_, s)| s.gas.base);
                        let saved = std::mem::replace(&mut self.path, p);
                        self.emit_gas(gas, p);
                        self.clear_results = true;
                        self.compile_arg(inner, 0, p);
                        self.clear_results = false;
                        self.emit(Op::ForwardResults);
                        self.path = saved;
                    }
                    // No values: nothing to allocate.
                    Some(Node::Array(inner))
                        if inner.len() == 1 && self.canonical(&items[1]) == Some("list.new") =>
                    {
                        let p = self.child_path(path, PathSeg::I(1));
                        let gas = self
                            .registry
                            .lookup("list.new")
                            .map_or(0, |(_, s)| s.gas.base);
                        self.emit_gas(gas, p);
                        self.emit(Op::Null);
                        self.emit(Op::SetResults);
                    }
                    _ => {
                        self.compile_arg(items, 0, path);
                        self.emit(Op::SetResults);
                    }
                }
                self.emit(Op::Return);
                self.fs().depth += 1;
            }
            "std.new" => {
                (0..argc).for_each(|i| self.compile_arg(items, i, path));
                let n = argc.saturating_sub(1) as u32;
                self.emit(Op::Construct(n));
                self.emit(Op::CallThis(n));
                self.emit(Op::CtorResult);
            }
            "std.call_method" => {
                (0..argc).for_each(|i| self.compile_arg(items, i, path));
                self.emit(Op::Method(argc.saturating_sub(2) as u32));
            }
            "std.quote" => match items.get(1) {
                Some(Node::Array(_) | Node::Object(_)) => {
                    let id = self.data(&items[1]);
                    self.emit(Op::Data(id));
                }
                _ => self.compile_arg(items, 0, path),
            },
            "std.try" => self.compile_try(items, path, false),
            "std.try_error" => self.compile_try(items, path, true),
            "std.arg" => {
                self.compile_arg(items, 0, path);
                self.emit(Op::Arg);
            }
            "std.args" => {
                self.fs().func.uses_args = true;
                self.emit(Op::Args);
            }
            "std.this" => _ = self.emit(Op::This),
            "std.caller" => _ = self.emit(Op::Caller),
            "std.sleep" => {
                self.compile_arg(items, 0, path);
                self.emit(Op::Sleep);
            }
            "obj.new" => {
                for i in 0..argc {
                    let pair_path = self.child_path(path, PathSeg::I(i as u32 + 1));
                    match &items[i + 1] {
                        Node::Array(pair) if pair.len() == 2 => {
                            for (j, part) in pair.iter().enumerate() {
                                let p = self.child_path(pair_path, PathSeg::I(j as u32));
                                self.compile_expr(part, p);
                            }
                        }
                        _ => {
                            self.internal(pair_path, "object entry is not a pair");
                            self.emit(Op::Null);
                        }
                    }
                }
                let per_item = self
                    .registry
                    .lookup("obj.new")
                    .map_or(0, |(_, s)| s.gas.per_item);
                let op = self.builtin("obj.new", per_item, None);
                self.emit(Op::Builtin {
                    op,
                    argc: (argc * 2) as u32,
                });
            }
            "bool.and" => self.compile_and_or(items, path, false),
            "bool.or" => self.compile_and_or(items, path, true),
            "bool.guard" => self.compile_pick(items, path, Some((Truth::Ir, false))),
            "bool.nullish" => self.compile_pick(items, path, None),
            "js.and" => self.compile_pick(items, path, Some((Truth::Js, false))),
            "js.or" => self.compile_pick(items, path, Some((Truth::Js, true))),
            "lua.and" => self.compile_pick(items, path, Some((Truth::Lua, false))),
            "lua.or" => self.compile_pick(items, path, Some((Truth::Lua, true))),
            "py.and" => self.compile_pick(items, path, Some((Truth::Py, false))),
            "py.or" => self.compile_pick(items, path, Some((Truth::Py, true))),
            _ => return false,
        }
        true
    }

    fn compile_seq(&mut self, items: &[Node], path: u32) {
        let body: Vec<&Node> = items[1..].iter().collect();
        self.push_scope_for(&[], &body);
        if body.is_empty() {
            self.emit(Op::Null);
        }
        for i in 0..body.len() {
            self.compile_arg(items, i, path);
            if i + 1 < body.len() {
                self.emit(Op::Pop);
            }
        }
        self.pop_scope();
    }

    fn compile_if(&mut self, items: &[Node], path: u32) {
        self.compile_arg(items, 0, path);
        let to_else = self.emit(Op::JumpIfNot(0));
        let depth = self.fs().depth;
        self.compile_scoped(items, 1, path);
        let to_end = self.emit(Op::Jump(0));
        let else_at = self.label();
        self.patch(to_else, else_at);
        self.fs().depth = depth;
        self.compile_scoped(items, 2, path);
        let end = self.label();
        self.patch(to_end, end);
    }

    fn compile_while(&mut self, items: &[Node], path: u32) {
        let depth = self.fs().depth;
        let head = self.label();
        let base = self
            .registry
            .lookup("std.while")
            .map_or(1, |(_, s)| s.gas.base);
        self.emit_gas(base, path);
        self.compile_arg(items, 0, path);
        let exit_jump = self.emit(Op::JumpIfNot(0));
        self.open_loop(depth, head);
        self.compile_scoped(items, 1, path);
        self.emit(Op::Pop);
        self.emit(Op::Jump(head));
        self.close_loop(exit_jump, depth);
        self.emit(Op::Null);
    }

    /// Starts a loop whose `std.continue` jumps to `head`; `depth` is the stack depth at entry.
    fn open_loop(&mut self, depth: u32, head: u32) {
        let tries = self.fs().tries;
        self.fs().loops.push(LoopCtx {
            depth,
            tries,
            continue_to: head,
            breaks: Vec::new(),
        });
    }

    /// Ends the innermost loop: the jump at `exit_jump` and every `std.break` land here.
    fn close_loop(&mut self, exit_jump: usize, depth: u32) {
        let lp = self.fs().loops.pop();
        let exit = self.label();
        self.patch(exit_jump, exit);
        for b in lp.map(|l| l.breaks).unwrap_or_default() {
            self.patch(b, exit);
        }
        self.fs().depth = depth;
    }

    fn compile_for(&mut self, items: &[Node], path: u32) {
        let var = name_arg(items, 0);
        self.compile_arg(items, 1, path);
        self.emit(Op::CheckList);
        self.emit(Op::Int(0));
        let depth = self.fs().depth;
        let head = self.label();
        let next = self.emit(Op::ForNext(0));
        self.open_loop(depth, head);
        let body: Vec<&Node> = items.get(3).into_iter().collect();
        self.push_scope_for(std::slice::from_ref(&var), &body);
        let slot = self.declare(&var);
        self.emit(Op::Store(slot));
        self.emit(Op::Pop);
        self.compile_arg(items, 2, path);
        self.emit(Op::Pop);
        self.pop_scope();
        self.emit(Op::Jump(head));
        self.close_loop(next, depth);
        self.emit(Op::Pop);
        self.emit(Op::Pop);
        self.emit(Op::Null);
    }

    fn compile_jump_out(&mut self, is_break: bool, path: u32) {
        let f = self.fs();
        let Some(lp) = f.loops.last() else {
            let p = self.json_path(path);
            self.error(diagnostics::outside_loop(&p, is_break));
            self.emit(Op::Null);
            return;
        };
        let (pops, try_pops, target) = (f.depth - lp.depth, f.tries - lp.tries, lp.continue_to);
        let depth = f.depth;
        for _ in 0..pops {
            self.emit(Op::Pop);
        }
        for _ in 0..try_pops {
            self.emit(Op::TryPop);
        }
        if is_break {
            let at = self.emit(Op::Jump(0));
            if let Some(lp) = self.fs().loops.last_mut() {
                lp.breaks.push(at);
            }
        } else {
            self.emit(Op::Jump(target));
        }
        // Unreachable from here; keep the books as if the form produced a value.
        self.fs().depth = depth + 1;
    }

    fn compile_lambda(&mut self, items: &[Node], path: u32) {
        let params: Vec<String> = match items.get(1) {
            Some(Node::Array(ps)) => ps
                .iter()
                .filter_map(|p| {
                    if let Node::Str(s) = p {
                        Some(s.clone())
                    } else {
                        None
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        let name = format!("<lambda {}>", self.json_path(path));
        let index = self.begin_func(&name, &params);
        let body: Vec<&Node> = items.get(2).into_iter().collect();
        self.push_scope_for(&[], &body);
        self.compile_arg(items, 1, path);
        self.pop_scope();
        self.emit(Op::Return);
        self.end_func();
        self.emit(Op::Closure(index));
    }

    fn compile_try(&mut self, items: &[Node], path: u32, error_object: bool) {
        let depth = self.fs().depth;
        let push = self.emit(if error_object {
            Op::TryPushError(0)
        } else {
            Op::TryPush(0)
        });
        self.fs().tries += 1;
        self.compile_scoped(items, 0, path);
        self.fs().tries -= 1;
        self.emit(Op::TryPop);
        let to_end = self.emit(Op::Jump(0));
        let handler = self.label();
        self.patch(push, handler);
        self.fs().depth = depth + 1;
        match items.get(2) {
            Some(Node::Str(var)) => {
                let body: Vec<&Node> = items.get(3).into_iter().collect();
                self.push_scope_for(std::slice::from_ref(var), &body);
                let slot = self.declare(var);
                self.emit(Op::Store(slot));
                self.emit(Op::Pop);
                self.compile_arg(items, 2, path);
                self.pop_scope();
            }
            _ => {
                self.emit(Op::Pop);
                self.emit(Op::Null);
            }
        }
        let end = self.label();
        self.patch(to_end, end);
    }

    /// `bool.and` / `bool.or`: a boolean, stopping at the first deciding argument.
    fn compile_and_or(&mut self, items: &[Node], path: u32, is_or: bool) {
        let n = items.len() - 1;
        let depth = self.fs().depth;
        let mut exits = Vec::new();
        for i in 0..n {
            self.compile_arg(items, i, path);
            let op = if is_or {
                Op::JumpKeep {
                    target: 0,
                    truth: Truth::Ir,
                    when: true,
                }
            } else {
                Op::JumpIfNot(0)
            };
            exits.push(self.emit(op));
        }
        self.emit(if is_or { Op::False } else { Op::True });
        let to_end = self.emit(Op::Jump(0));
        let decided = self.label();
        exits.iter().for_each(|e| self.patch(*e, decided));
        self.fs().depth = depth + usize::from(is_or) as u32;
        if is_or {
            self.emit(Op::Pop);
        }
        self.emit(if is_or { Op::True } else { Op::False });
        let end = self.label();
        self.patch(to_end, end);
    }

    /// Value-returning short-circuit: yields the first argument whose truthiness under
    /// `test.0` equals `test.1` (or, for `None`, the first non-null one), else the last.
    fn compile_pick(&mut self, items: &[Node], path: u32, test: Option<(Truth, bool)>) {
        let n = items.len() - 1;
        let mut exits = Vec::new();
        for i in 0..n {
            self.compile_arg(items, i, path);
            if i + 1 < n {
                let op = match test {
                    Some((truth, when)) => Op::JumpKeep {
                        target: 0,
                        truth,
                        when,
                    },
                    None => Op::JumpNotNull(0),
                };
                exits.push(self.emit(op));
            }
        }
        if n == 0 {
            self.emit(Op::Null);
        }
        let end = self.label();
        exits.iter().for_each(|e| self.patch(*e, end));
    }
}

/// The variable name at argument `i` (validated to be a string).
fn name_arg(items: &[Node], i: usize) -> String {
    match items.get(i + 1) {
        Some(Node::Str(s)) => s.clone(),
        _ => String::new(),
    }
}

impl Compiler<'_> {
    /// The canonical opcode name of a call node.
    fn canonical(&self, node: &Node) -> Option<&str> {
        let (_, spec) = self.registry.lookup(node.head()?)?;
        Some(spec.name.as_str())
    }

    /// Whether `node` is a call form whose values `std.results` can gather.
    fn is_call_form(&self, node: Option<&Node>) -> bool {
        node.and_then(|n| self.canonical(n))
            .is_some_and(|h| matches!(h, "std.apply" | "std.apply_this" | "std.apply_list"))
    }
}
