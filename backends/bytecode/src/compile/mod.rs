//! IR → bytecode: `compile_*` functions walk the validated tree and emit instructions.
//!
//! Each IR node compiles to code that leaves exactly one value on the operand stack. Gas is
//! charged where a node's evaluation starts, before its arguments (pre-order), by a `Gas`
//! instruction naming the node; adjacent charges with no jump target between them share one
//! instruction and one group, which still stops at the exact node when the budget runs
//! short. Literals cost nothing. Special forms are compiled here (see `forms`); every other
//! strict opcode becomes a `Builtin` call into `weft_stdlib`, and an opcode with no
//! implementation becomes a `NotImpl` instruction that fails cleanly when reached.

mod forms;
mod scope;

use std::collections::HashMap;

use weft_ir::{IrError, JsonPath, Node, Registry};

use crate::diagnostics;
use crate::program::{
    BinOp, BuiltinRef, Data, Func, GasGroup, Op, PROGRAM_VERSION, PathEntry, PathSeg, Program,
};
use scope::ScopeState;

/// Per-function compile state; functions nest while a lambda body compiles.
#[derive(Debug)]
struct FnState {
    index: u32,
    func: Func,
    scopes: Vec<ScopeState>,
    /// Per slot: whether a closure captures it.
    boxed: Vec<bool>,
    loops: Vec<LoopCtx>,
    /// Operand stack depth at the current point.
    depth: u32,
    /// How many `std.try` bodies enclose the current point.
    tries: u32,
    /// Code position of the last jump target (gas charges never merge across one).
    last_label: usize,
}

#[derive(Debug)]
struct LoopCtx {
    depth: u32,
    tries: u32,
    continue_to: u32,
    breaks: Vec<usize>,
}

pub(crate) struct Compiler<'r> {
    registry: &'r Registry,
    prog: Program,
    fns: Vec<FnState>,
    strings: HashMap<String, u32>,
    builtins: HashMap<String, u16>,
    errors: Vec<IrError>,
    /// Path id of the node being compiled.
    path: u32,
    /// Set by `std.results` for the call form it wraps: emit `ClearResults` just before
    /// that call's instruction.
    clear_results: bool,
}

/// Compiles a validated tree. Errors are the few conditions validation cannot see
/// (`std.break` outside a loop, ...).
pub(crate) fn compile_program(ir: &Node, registry: &Registry) -> Result<Program, Vec<IrError>> {
    let mut c = Compiler {
        registry,
        prog: Program {
            version: PROGRAM_VERSION,
            funcs: Vec::new(),
            strings: Vec::new(),
            data: Vec::new(),
            builtins: Vec::new(),
            paths: vec![PathEntry {
                parent: u32::MAX,
                seg: None,
            }],
        },
        fns: Vec::new(),
        strings: HashMap::new(),
        builtins: HashMap::new(),
        errors: Vec::new(),
        clear_results: false,
        path: 0,
    };
    c.begin_func("<main>", &[]);
    c.push_scope_for(&[], &[ir]);
    c.compile_expr(ir, 0);
    c.pop_scope();
    c.emit(Op::Return);
    c.end_func();
    if c.errors.is_empty() {
        Ok(c.prog)
    } else {
        Err(c.errors)
    }
}

impl Compiler<'_> {
    fn fs(&mut self) -> &mut FnState {
        // `fns` is never empty while compiling: `compile_program` opens `<main>` first.
        self.fns.last_mut().expect("a function is being compiled")
    }

    fn begin_func(&mut self, name: &str, params: &[String]) -> u32 {
        let index = self.prog.funcs.len() as u32;
        self.prog.funcs.push(Func::default());
        let func = Func {
            name: name.to_owned(),
            params: params.len() as u32,
            ..Func::default()
        };
        self.fns.push(FnState {
            index,
            func,
            scopes: Vec::new(),
            boxed: Vec::new(),
            loops: Vec::new(),
            depth: 0,
            tries: 0,
            last_label: 0,
        });
        // Parameters are slots 0..n, bound from the start and never reset.
        self.push_scope(params, true, false);
        index
    }

    /// Finishes the innermost function: boxes captured slots and stores it.
    fn end_func(&mut self) {
        let Some(mut f) = self.fns.pop() else { return };
        for op in &mut f.func.code {
            *op = match *op {
                Op::Load(s) if f.boxed[s as usize] => Op::LoadBox(s),
                Op::Store(s) if f.boxed[s as usize] => Op::StoreBox(s),
                other => other,
            };
        }
        for info in &mut f.func.scopes {
            let (boxed, plain): (Vec<u32>, Vec<u32>) =
                info.plain.iter().partition(|s| f.boxed[**s as usize]);
            info.plain = plain;
            info.boxed = boxed;
        }
        f.func.boxed_params = (0..f.func.params)
            .filter(|s| f.boxed[*s as usize])
            .collect();
        self.prog.funcs[f.index as usize] = f.func;
    }

    /// Appends an instruction, tracking the stack depth of its fall-through path.
    fn emit(&mut self, op: Op) -> usize {
        let path = self.path;
        let f = self.fs();
        let (pops, pushes) = crate::verify::effect(&op);
        f.depth = f.depth.saturating_sub(pops) + pushes;
        f.func.code.push(op);
        f.func.paths.push(path);
        f.func.code.len() - 1
    }

    /// The current code position as a jump target.
    fn label(&mut self) -> u32 {
        let f = self.fs();
        f.last_label = f.func.code.len();
        f.func.code.len() as u32
    }

    /// Points the jump at `at` to `target`.
    fn patch(&mut self, at: usize, target: u32) {
        let op = &mut self.fs().func.code[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::JumpIfNot(_) => Op::JumpIfNot(target),
            Op::JumpKeep { truth, when, .. } => Op::JumpKeep {
                target,
                truth,
                when,
            },
            Op::JumpNotNull(_) => Op::JumpNotNull(target),
            Op::TryPush(_) => Op::TryPush(target),
            Op::TryPushError(_) => Op::TryPushError(target),
            Op::ForNext(_) => Op::ForNext(target),
            other => other,
        };
    }

    /// Charges `cost` for the node at `path`, merging with an adjacent charge.
    fn emit_gas(&mut self, cost: u64, path: u32) {
        if cost == 0 {
            return;
        }
        let f = self.fs();
        let at = f.func.code.len();
        if at > 0
            && f.last_label != at
            && let Some(Op::Gas(g)) = f.func.code.last()
        {
            let group = &mut f.func.gas[*g as usize];
            group.total = group.total.saturating_add(cost);
            group.nodes.push((cost, path));
            return;
        }
        let id = f.func.gas.len() as u32;
        f.func.gas.push(GasGroup {
            total: cost,
            nodes: vec![(cost, path)],
        });
        let saved = std::mem::replace(&mut self.path, path);
        self.emit(Op::Gas(id));
        self.path = saved;
    }

    fn child_path(&mut self, parent: u32, seg: PathSeg) -> u32 {
        self.prog.paths.push(PathEntry {
            parent,
            seg: Some(seg),
        });
        (self.prog.paths.len() - 1) as u32
    }

    fn string(&mut self, s: &str) -> u32 {
        if let Some(id) = self.strings.get(s) {
            return *id;
        }
        let id = self.prog.strings.len() as u32;
        self.prog.strings.push(s.to_owned());
        self.strings.insert(s.to_owned(), id);
        id
    }

    fn builtin(&mut self, name: &str, per_item: u64, capability: Option<String>) -> u16 {
        if let Some(id) = self.builtins.get(name) {
            return *id;
        }
        let id = self.prog.builtins.len() as u16;
        self.prog.builtins.push(BuiltinRef {
            name: name.to_owned(),
            per_item,
            capability,
        });
        self.builtins.insert(name.to_owned(), id);
        id
    }

    /// Stores `node` as quoted data, returning its index.
    fn data(&mut self, node: &Node) -> u32 {
        let d = match node {
            Node::Null => Data::Null,
            Node::Bool(b) => Data::Bool(*b),
            Node::Int(i) => Data::Int(*i),
            Node::Float(f) => Data::Float(*f),
            Node::Str(s) => Data::Str(s.clone()),
            Node::Array(items) => Data::List(items.iter().map(|i| self.data(i)).collect()),
            Node::Object(fields) => Data::Obj(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), self.data(v)))
                    .collect(),
            ),
        };
        self.prog.data.push(d);
        (self.prog.data.len() - 1) as u32
    }

    fn error(&mut self, e: IrError) {
        self.errors.push(e);
    }

    fn json_path(&self, id: u32) -> JsonPath {
        self.prog.path(id)
    }

    /// Compiles one expression at path id `path`, leaving one value on the stack.
    fn compile_expr(&mut self, node: &Node, path: u32) {
        let saved = std::mem::replace(&mut self.path, path);
        match node {
            Node::Null => _ = self.emit(Op::Null),
            Node::Bool(true) => _ = self.emit(Op::True),
            Node::Bool(false) => _ = self.emit(Op::False),
            Node::Int(i) => _ = self.emit(Op::Int(*i)),
            Node::Float(f) => _ = self.emit(Op::Float(*f)),
            Node::Str(s) => {
                let id = self.string(s);
                self.emit(Op::Str(id));
            }
            Node::Object(_) => {
                let id = self.data(node);
                self.emit(Op::Data(id));
            }
            Node::Array(items) => self.compile_call(items, path),
        }
        self.path = saved;
    }

    /// Compiles argument `i` (0-based, after the head) of the call at `path`.
    fn compile_arg(&mut self, items: &[Node], i: usize, path: u32) {
        match items.get(i + 1) {
            Some(arg) => {
                let p = self.child_path(path, PathSeg::I(i as u32 + 1));
                self.compile_expr(arg, p);
            }
            None => _ = self.emit(Op::Null),
        }
    }

    /// Compiles an argument in a block scope of its own.
    fn compile_scoped(&mut self, items: &[Node], i: usize, path: u32) {
        match items.get(i + 1) {
            Some(arg) => {
                self.push_scope_for(&[], &[arg]);
                self.compile_arg(items, i, path);
                self.pop_scope();
            }
            None => _ = self.emit(Op::Null),
        }
    }

    fn compile_call(&mut self, items: &[Node], path: u32) {
        let head = match items.first() {
            Some(Node::Str(h)) => h.as_str(),
            _ => return self.internal(path, "call without an opcode name"),
        };
        let Some((_, spec)) = self.registry.lookup(head) else {
            return self.internal(path, "unknown opcode after validation");
        };
        let name = spec.name.clone();
        let gas = spec.gas;
        let strict = spec.is_strict();
        if name != "std.while" {
            self.emit_gas(gas.base, path);
        }
        if self.compile_form(&name, items, path) {
            return;
        }
        if !strict {
            let id = self.string(&name);
            self.emit(Op::NotImpl(id));
            return;
        }
        // Not in the standard library: a host opcode, run by the host at run time.
        let capability = match weft_stdlib::lookup(&name) {
            Some(_) => None,
            None => spec.capability.clone(),
        };
        // `["lua.arith", "+", a, b]` with a literal operator that has a fast path: the
        // operator goes into the instruction, so only the operands are pushed (literals
        // cost no gas, so gas is the same either way).
        let lua = match (name.as_str(), items) {
            ("lua.arith", [_, Node::Str(symbol), _, _]) => BinOp::for_lua_arith(symbol),
            _ => None,
        };
        let first = usize::from(lua.is_some());
        for i in first..items.len() - 1 {
            self.compile_arg(items, i, path);
        }
        let argc = (items.len() - 1) as u32;
        let op = self.builtin(&name, gas.per_item, capability);
        match (lua, BinOp::for_opcode(&name)) {
            (Some(kind), _) => self.emit(Op::Binary { kind, op }),
            (None, Some(kind)) if argc == 2 => self.emit(Op::Binary { kind, op }),
            _ => self.emit(Op::Builtin { op, argc }),
        };
    }

    fn internal(&mut self, path: u32, what: &str) {
        let p = self.json_path(path);
        self.error(diagnostics::cannot_compile(&p, what));
        self.emit(Op::Null);
    }
}
