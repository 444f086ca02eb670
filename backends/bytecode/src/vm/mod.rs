//! The virtual machine: frames, operand stack, locals, handlers and the heap of one run.
//!
//! A [`Vm`] borrows a verified [`Program`] and a [`Host`]. Its whole mutable state is plain
//! data ([`VmState`]), which is what a suspended run saves. The dispatch loop lives in
//! `dispatch.rs`; this file holds set-up, calls, unwinding, gas, garbage collection and the
//! [`Ctx`] implementation through which built-in opcodes reach the heap, the host, gas, and
//! (for `list.map` and friends) re-enter the VM with a nested dispatch loop.

mod dispatch;

use serde::{Deserialize, Serialize};
use weft_runtime::diagnostics as diag;
use weft_runtime::{Heap, HeapObj, Host, Limits, ObjMap, RuntimeError, Value};
use weft_stdlib::{BuiltinFn, Ctx};

use crate::program::{Data, Program};

/// One active call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub func: u32,
    /// For the top frame: the instruction to run next. For callers: the `Call` in progress.
    pub pc: u32,
    /// Index of slot 0 in `locals`.
    pub base: u32,
    /// Operand stack height when the frame was entered.
    pub stack_base: u32,
    pub closure: Value,
    pub this: Value,
    /// The call's arguments as a list, when the function reads `std.args`.
    pub args: Value,
}

/// An installed `std.try` handler.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handler {
    pub frame: u32,
    pub stack: u32,
    pub pc: u32,
    /// Whether the handler receives an error object (`std.try_error`) instead of the message.
    #[serde(default)]
    pub error_object: bool,
}

/// Everything a run changes: saved whole when it suspends.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct VmState {
    pub heap: Heap,
    pub stack: Vec<Value>,
    pub locals: Vec<Value>,
    pub frames: Vec<Frame>,
    pub handlers: Vec<Handler>,
    /// The program's string constants, allocated once.
    pub strings: Vec<Value>,
    pub script_args: Value,
    /// What `std.caller` reads (set by the host when the run starts).
    #[serde(default = "null")]
    pub caller: Value,
    pub gas_used: u64,
    pub instructions: u64,
    /// The values a frame returned with `std.return_values`, kept for its caller's
    /// `std.results`: the number of frames below the returning one (the caller's frame
    /// count) and the list (null for no values). See `Op::SetResults`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<(u32, Value)>,
}

/// How deeply callbacks from built-in opcodes may nest. Each level is a nested dispatch
/// loop on the native stack, so this stays well below what a 2 MiB thread stack holds.
pub const MAX_CALLBACK_DEPTH: u32 = 32;

/// How a dispatch loop ended without error.
#[derive(Debug)]
pub enum Exit {
    /// The frame the loop was started for returned this value.
    Done(Value),
    /// The run paused (`std.sleep` for this many milliseconds, or 0 for a host yield).
    Suspend(u64),
}

/// What running one instruction ([`Vm::step`]) did.
#[derive(Debug)]
pub enum Step {
    /// The same frame carries on at its new pc.
    Next,
    /// A backward jump was taken and its safe point passed: the frame is at a loop header.
    BackEdge,
    /// A call pushed a new frame (at pc 0) and its safe point passed.
    Entered,
    /// The frame returned to its caller, whose pc moved past the call.
    Left,
    /// The run ends or pauses here.
    Exit(Exit),
}

/// A faster tier the VM offers control to at function entries and loop headers.
///
/// **Architecture Invariant:** the VM only knows this trait; the JIT implements it. An
/// implementation may run any number of instructions, but must leave [`VmState`] exactly
/// as the VM would have after running them, so the VM can carry on from the top frame.
pub trait Tier {
    /// The top frame has just been entered (pc 0) or is at a loop header; `why` says
    /// which. Returns `Ok(None)` to let the VM carry on from the state as it is now.
    fn offer(
        &mut self,
        vm: &mut Vm<'_>,
        stop: usize,
        why: Offer,
    ) -> Result<Option<Exit>, RuntimeError>;
}

/// Why the VM offers the top frame to its [`Tier`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offer {
    /// A run starts or resumes at pc 0 of the top frame. Nothing more is known: a resumed
    /// frame at pc 0 may be at a loop header whose body already ran.
    Start,
    /// A call (or a built-in's callback) has just pushed the top frame: it is at pc 0,
    /// its parameters hold the arguments (or null), its other slots are null, its
    /// operand stack is empty, and none of its instructions has run.
    Call,
    /// A backward jump was taken: the top frame is at a loop header.
    BackEdge,
}

/// A running VM: the program, the mutable state and the host of one run.
pub struct Vm<'a> {
    pub prog: &'a Program,
    builtins: Vec<Option<BuiltinFn>>,
    builtin_names: Vec<&'static str>,
    pub s: VmState,
    pub limits: Limits,
    host: &'a mut dyn Host,
    /// How many nested dispatch loops (callbacks from built-ins) are running.
    native_depth: u32,
    argbuf: Vec<Value>,
    tier: Option<&'a mut dyn Tier>,
}

impl std::fmt::Debug for Vm<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vm")
            .field("frames", &self.s.frames.len())
            .field("gas_used", &self.s.gas_used)
            .finish_non_exhaustive()
    }
}

impl<'a> Vm<'a> {
    /// A VM for `prog` resuming `state` (or starting, when `state` is fresh).
    pub fn new(
        prog: &'a Program,
        state: VmState,
        limits: Limits,
        host: &'a mut dyn Host,
    ) -> Vm<'a> {
        let mut builtins = Vec::new();
        let mut builtin_names = Vec::new();
        for b in &prog.builtins {
            let found = weft_stdlib::lookup(&b.name);
            builtins.push(found.map(|f| f.func));
            builtin_names.push(found.map_or("<unknown>", |f| f.name));
        }
        Vm {
            prog,
            builtins,
            builtin_names,
            s: state,
            limits,
            host,
            native_depth: 0,
            argbuf: Vec::new(),
            tier: None,
        }
    }

    /// Lets `tier` take over at function entries and loop headers.
    pub fn with_tier(mut self, tier: Option<&'a mut dyn Tier>) -> Vm<'a> {
        self.tier = tier;
        self
    }

    /// Whether garbage collection is due at the next safe point.
    pub fn gc_due(&self) -> bool {
        self.native_depth == 0 && self.s.heap.should_collect()
    }

    /// Whether a safe point could do anything now: collect garbage, or poll a host that
    /// may yield. When false, skipping the safe point changes nothing.
    pub fn safe_point_needed(&self) -> bool {
        self.native_depth == 0 && (self.s.heap.should_collect() || self.host.may_yield())
    }

    /// The host poll of a safe point: whether the host asks the run to yield here.
    pub fn poll_yield(&mut self) -> bool {
        self.native_depth == 0 && self.host.should_yield()
    }

    /// Offers the top frame to the tier, if there is one.
    fn offer_tier(&mut self, stop: usize, why: Offer) -> Result<Option<Exit>, RuntimeError> {
        match self.tier.take() {
            Some(tier) => {
                let r = tier.offer(self, stop, why);
                self.tier = Some(tier);
                r
            }
            None => Ok(None),
        }
    }

    /// The initial state of a run: constants allocated, the script frame pushed.
    pub fn fresh_state(prog: &Program, config: &crate::RunConfig) -> Result<VmState, RuntimeError> {
        let mut heap = Heap::new(config.limits.max_heap_bytes);
        let strings = prog
            .strings
            .iter()
            .map(|s| heap.alloc_str(s.as_str()))
            .collect::<Result<Vec<_>, _>>()?;
        let mut arg_values = Vec::with_capacity(config.args.len() + config.grants.len());
        for a in &config.args {
            arg_values.push(weft_runtime::from_json(&mut heap, a)?);
        }
        for cap in &config.grants {
            let id = heap.alloc(weft_runtime::HeapObj::Capability(cap.clone()))?;
            arg_values.push(Value::Handle(id));
        }
        let this = config.this.alloc(&mut heap)?;
        let caller = config.caller.alloc(&mut heap)?;
        let script_args = heap.alloc_list(arg_values)?;
        let main = prog
            .funcs
            .first()
            .ok_or_else(|| diag::internal("program has no functions"))?;
        Ok(VmState {
            heap,
            stack: Vec::new(),
            locals: vec![Value::Null; main.slots as usize],
            frames: vec![Frame {
                func: 0,
                pc: 0,
                base: 0,
                stack_base: 0,
                closure: Value::Null,
                this,
                args: Value::Null,
            }],
            handlers: Vec::new(),
            strings,
            script_args,
            caller,
            gas_used: 0,
            instructions: 0,
            results: None,
        })
    }

    fn frame(&self) -> Result<&Frame, RuntimeError> {
        self.s
            .frames
            .last()
            .ok_or_else(|| diag::internal("no active frame"))
    }

    fn frame_mut(&mut self) -> Result<&mut Frame, RuntimeError> {
        self.s
            .frames
            .last_mut()
            .ok_or_else(|| diag::internal("no active frame"))
    }

    fn pop(&mut self) -> Result<Value, RuntimeError> {
        self.s
            .stack
            .pop()
            .ok_or_else(|| diag::internal("operand stack underflow"))
    }

    fn top(&self) -> Result<Value, RuntimeError> {
        self.s
            .stack
            .last()
            .copied()
            .ok_or_else(|| diag::internal("operand stack underflow"))
    }

    fn slot_index(&self, slot: u32) -> Result<usize, RuntimeError> {
        let i = self.frame()?.base as usize + slot as usize;
        if i < self.s.locals.len() {
            Ok(i)
        } else {
            Err(diag::internal("local slot out of range"))
        }
    }

    /// The captured cell `i` of the running closure.
    fn capture(&self, i: u32) -> Result<Value, RuntimeError> {
        let closure = self.frame()?.closure;
        self.s
            .heap
            .closure(closure)
            .and_then(|c| c.captures.get(i as usize).copied())
            .ok_or_else(|| diag::internal("capture out of range"))
    }

    /// Charges `gas` or fails with out-of-gas, charging nothing.
    fn charge_gas(&mut self, gas: u64) -> Result<(), RuntimeError> {
        match self.s.gas_used.checked_add(gas) {
            Some(total) if total <= self.limits.gas => {
                self.s.gas_used = total;
                Ok(())
            }
            _ => Err(diag::out_of_gas(self.limits.gas)),
        }
    }

    /// Charges gas group `g` of the current function, stopping at the exact node.
    fn charge_group(&mut self, g: u32) -> Result<(), RuntimeError> {
        let prog = self.prog;
        let func = prog
            .funcs
            .get(self.frame()?.func as usize)
            .ok_or_else(|| diag::internal("bad function"))?;
        let group = func
            .gas
            .get(g as usize)
            .ok_or_else(|| diag::internal("bad gas group"))?;
        if self.charge_gas(group.total).is_ok() {
            return Ok(());
        }
        for (cost, path) in &group.nodes {
            if self.charge_gas(*cost).is_err() {
                let p = prog.path(*path);
                return Err(diag::out_of_gas(self.limits.gas).at(|| p));
            }
        }
        Err(diag::internal("gas group total differs from its nodes"))
    }

    /// Builds a fresh value from quoted data `i`.
    fn build_data(&mut self, i: u32, depth: usize) -> Result<Value, RuntimeError> {
        let prog = self.prog;
        let d = prog
            .data
            .get(i as usize)
            .ok_or_else(|| diag::internal("bad data index"))?;
        if depth > weft_ir::MAX_DEPTH + 2 {
            return Err(diag::internal("quoted data nests too deeply"));
        }
        Ok(match d {
            Data::Null => Value::Null,
            Data::Bool(b) => Value::Bool(*b),
            Data::Int(n) => Value::Int(*n),
            Data::Float(f) => Value::Float(*f),
            Data::Str(s) => self.s.heap.alloc_str(s.as_str())?,
            Data::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.build_data(*item, depth + 1)?);
                }
                self.s.heap.alloc_list(out)?
            }
            Data::Obj(fields) => {
                let mut map = ObjMap::new();
                for (k, item) in fields {
                    let v = self.build_data(*item, depth + 1)?;
                    map.set(k, v);
                }
                self.s.heap.alloc_obj(map)?
            }
        })
    }

    /// Enters `closure` with `argc` arguments at `stack[args_at..]`, then cuts the stack
    /// back to `cut`. The caller's frame keeps its current pc (the call in progress).
    fn enter(
        &mut self,
        closure: Value,
        args_at: usize,
        argc: usize,
        cut: usize,
        this: Value,
    ) -> Result<(), RuntimeError> {
        if self.s.frames.len() >= self.limits.max_call_depth {
            return Err(diag::call_depth(self.limits.max_call_depth));
        }
        let (mut closure, mut argc) = (closure, argc);
        // A value that is not a closure may name one to call with a first argument of its
        // choosing (a Lua table with `__call`, a Python class or bound method).
        let mut hops = 0;
        let fi = loop {
            if let Some(c) = self.s.heap.closure(closure) {
                break c.func;
            }
            let handler = (hops < 100)
                .then(|| weft_stdlib::call_handler(&self.s.heap, closure))
                .flatten();
            let Some((handler, first)) = handler else {
                return Err(diag::not_callable(&weft_stdlib::describe(
                    &self.s.heap,
                    closure,
                )));
            };
            if args_at > self.s.stack.len() {
                return Err(diag::internal("call arguments missing"));
            }
            self.s.stack.insert(args_at, first);
            argc += 1;
            closure = handler;
            hops += 1;
        };
        let prog = self.prog;
        let f = prog
            .funcs
            .get(fi as usize)
            .ok_or_else(|| diag::internal("bad function index"))?;
        let args = self
            .s
            .stack
            .get(args_at..args_at + argc)
            .ok_or_else(|| diag::internal("call arguments missing"))?;
        let base = self.s.locals.len();
        self.s.locals.resize(base + f.slots as usize, Value::Null);
        let n = argc.min(f.params as usize);
        self.s.locals[base..base + n].copy_from_slice(&args[..n]);
        let args_list = if f.uses_args {
            let copy = args.to_vec();
            self.s.heap.alloc_list(copy)?
        } else {
            Value::Null
        };
        for p in &f.boxed_params {
            let i = base + *p as usize;
            let v = *self
                .s
                .locals
                .get(i)
                .ok_or_else(|| diag::internal("bad boxed parameter"))?;
            let cell = self.s.heap.alloc(HeapObj::Cell(Some(v)))?;
            self.s.locals[i] = Value::Cell(cell);
        }
        self.s.stack.truncate(cut);
        self.s.frames.push(Frame {
            func: fi,
            pc: 0,
            base: base as u32,
            stack_base: cut as u32,
            closure,
            this,
            args: args_list,
        });
        Ok(())
    }

    /// Leaves the top frame, returning `v` to its caller as `Return` does (a tier that ran
    /// the whole frame itself calls this); returns whether that frame was `stop` (a nested
    /// call's callee or the script itself), so the run should hand `v` back.
    pub fn leave(&mut self, v: Value, stop: usize) -> Result<bool, RuntimeError> {
        let frame = self
            .s
            .frames
            .pop()
            .ok_or_else(|| diag::internal("return without a frame"))?;
        self.s.stack.truncate(frame.stack_base as usize);
        self.s.locals.truncate(frame.base as usize);
        let depth = self.s.frames.len() as u32;
        while self.s.handlers.last().is_some_and(|h| h.frame >= depth) {
            self.s.handlers.pop();
        }
        if self.s.frames.len() <= stop {
            return Ok(true);
        }
        self.s.stack.push(v);
        let caller = self.frame_mut()?;
        caller.pc += 1;
        Ok(false)
    }

    /// Routes an error to the innermost handler of this dispatch loop, or gives it back.
    fn unwind(&mut self, e: RuntimeError, stop: usize) -> Result<(), RuntimeError> {
        if !e.is_catchable() {
            return Err(e);
        }
        let Some(h) = self.s.handlers.last().cloned() else {
            return Err(e);
        };
        if (h.frame as usize) < stop || h.frame as usize >= self.s.frames.len() {
            return Err(e);
        }
        self.s.handlers.pop();
        while self.s.frames.len() > h.frame as usize + 1 {
            if let Some(f) = self.s.frames.pop() {
                self.s.locals.truncate(f.base as usize);
            }
        }
        self.s.stack.truncate(h.stack as usize);
        let caught = if h.error_object {
            let mut map = weft_runtime::ObjMap::new();
            map.set("code", self.s.heap.alloc_str(e.code)?);
            map.set("message", self.s.heap.alloc_str(e.message)?);
            map.set("thrown", Value::Bool(e.value.is_some()));
            map.set("value", e.value.unwrap_or(Value::Null));
            self.s.heap.alloc_obj(map)?
        } else {
            self.s.heap.alloc_str(e.message)?
        };
        self.s.stack.push(caught);
        self.frame_mut()?.pc = h.pc;
        Ok(())
    }

    /// The JSON path of the instruction the top frame is at.
    fn current_path(&self) -> Option<weft_ir::JsonPath> {
        let f = self.s.frames.last()?;
        let func = self.prog.funcs.get(f.func as usize)?;
        let id = func.paths.get(f.pc as usize)?;
        Some(self.prog.path(*id))
    }

    /// Runs the dispatch loop until the frame at index `stop` returns or the run suspends.
    pub fn run_loop(&mut self, stop: usize) -> Result<Exit, RuntimeError> {
        self.run_loop_from(stop, Offer::Start)
    }

    /// [`Vm::run_loop`], offering the top frame first as `first` when it is at pc 0.
    fn run_loop_from(&mut self, stop: usize, first: Offer) -> Result<Exit, RuntimeError> {
        let mut offer = (self.tier.is_some() && self.s.frames.last().is_some_and(|f| f.pc == 0))
            .then_some(first);
        loop {
            match self.dispatch(stop, std::mem::take(&mut offer)) {
                Ok(exit) => return Ok(exit),
                Err(mut e) => {
                    if e.path.is_none() {
                        e.path = self.current_path();
                    }
                    self.unwind(e, stop)?;
                }
            }
        }
    }

    /// Collects garbage at a safe point when the heap asks for it.
    fn maybe_collect(&mut self) {
        if self.native_depth > 0 || !self.s.heap.should_collect() {
            return;
        }
        let s = &self.s;
        let roots = s
            .stack
            .iter()
            .chain(&s.locals)
            .chain(&s.strings)
            .copied()
            .chain([s.script_args, s.caller])
            .chain(s.results.map(|(_, v)| v))
            .chain(s.frames.iter().flat_map(|f| [f.closure, f.this, f.args]))
            .collect::<Vec<_>>();
        self.s.heap.collect(roots);
    }

    /// Calls built-in `op` on the top `argc` stack values.
    fn call_builtin(&mut self, op: u16, argc: u32) -> Result<Value, RuntimeError> {
        self.call_builtin_as(op, argc, None)
    }

    /// [`Vm::call_builtin`], running `func` instead of the builtin's own function when
    /// given (under the builtin's name, as `Binary`'s Lua kinds do; see `BinOp::builtin`).
    fn call_builtin_as(
        &mut self,
        op: u16,
        argc: u32,
        func: Option<weft_stdlib::BuiltinFn>,
    ) -> Result<Value, RuntimeError> {
        let f = func.or_else(|| self.builtins.get(op as usize).copied().flatten());
        let name = self
            .builtin_names
            .get(op as usize)
            .copied()
            .unwrap_or("<unknown>");
        let per_item = self
            .prog
            .builtins
            .get(op as usize)
            .map_or(0, |b| b.per_item);
        let at = self
            .s
            .stack
            .len()
            .checked_sub(argc as usize)
            .ok_or_else(|| diag::internal("builtin arguments missing"))?;
        // Most builtins take a few arguments: those are copied to the native stack, not
        // through the argument vector (a builtin may call back into the VM, which uses the
        // operand stack, so the arguments cannot stay there).
        const SMALL: usize = 4;
        let n = argc as usize;
        let invoke = |vm: &mut Self, args: &[Value]| match f {
            Some(f) => f(&mut weft_stdlib::Call {
                ctx: vm,
                args,
                name,
                per_item,
            }),
            None => vm.call_host_op(op, args),
        };
        if n <= SMALL {
            let mut small = [Value::Null; SMALL];
            small[..n].copy_from_slice(&self.s.stack[at..]);
            self.s.stack.truncate(at);
            return invoke(self, &small[..n]);
        }
        let mut buf = std::mem::take(&mut self.argbuf);
        buf.clear();
        buf.extend(self.s.stack.drain(at..));
        let result = invoke(self, &buf);
        self.argbuf = buf;
        result
    }

    /// Runs a host opcode after checking the capability its registry row requires.
    fn call_host_op(&mut self, op: u16, args: &[Value]) -> Result<Value, RuntimeError> {
        let prog = self.prog;
        let b = prog
            .builtins
            .get(op as usize)
            .ok_or_else(|| diag::internal("bad builtin index"))?;
        if let Some(cap) = &b.capability {
            let first = args.first().copied().unwrap_or(Value::Null);
            weft_runtime::capability::require(&self.s.heap, first, cap, &b.name)?;
        }
        self.host.call_op(&b.name, args, &mut self.s.heap)
    }
}

impl Ctx for Vm<'_> {
    fn heap(&self) -> &Heap {
        &self.s.heap
    }

    fn heap_mut(&mut self) -> &mut Heap {
        &mut self.s.heap
    }

    fn host(&mut self) -> &mut dyn Host {
        self.host
    }

    fn host_and_heap(&mut self) -> (&mut dyn Host, &mut Heap) {
        (self.host, &mut self.s.heap)
    }

    fn charge(&mut self, gas: u64) -> Result<(), RuntimeError> {
        self.charge_gas(gas)
    }

    fn call_this(&mut self, f: Value, this: Value, args: &[Value]) -> Result<Value, RuntimeError> {
        if self.native_depth >= MAX_CALLBACK_DEPTH {
            return Err(diag::callback_depth(MAX_CALLBACK_DEPTH));
        }
        let saved = (
            self.s.stack.len(),
            self.s.locals.len(),
            self.s.frames.len(),
            self.s.handlers.len(),
        );
        let at = self.s.stack.len();
        self.s.stack.extend_from_slice(args);
        let stop = self.s.frames.len();
        let result = self.enter(f, at, args.len(), at, this).and_then(|()| {
            self.native_depth += 1;
            let r = self.run_loop_from(stop, Offer::Call);
            self.native_depth -= 1;
            r
        });
        match result {
            Ok(Exit::Done(v)) => Ok(v),
            Ok(Exit::Suspend(_)) => Err(diag::cannot_suspend_here()),
            Err(e) => {
                self.s.stack.truncate(saved.0);
                self.s.locals.truncate(saved.1);
                self.s.frames.truncate(saved.2);
                self.s.handlers.truncate(saved.3);
                Err(e)
            }
        }
    }
}

fn null() -> Value {
    Value::Null
}
