//! The dispatch loop: one `match` over [`Op`], the VM's hot path.
//!
//! The top frame's `pc` always names the instruction being run, so an error raised by any
//! arm is reported at that instruction's IR node. Safe points — where garbage is collected
//! and the host may ask the run to yield — are loop back-edges (after the jump) and
//! function entries (after the frame is pushed); resuming there re-runs nothing.

use weft_runtime::diagnostics as diag;
use weft_runtime::{HeapObj, RuntimeError, Truth, Value};

use super::{Exit, Offer, Step, Vm};
use crate::program::{CaptureSrc, Op};

impl Vm<'_> {
    /// Collects garbage if due; returns whether the host asked to yield here.
    fn safe_point(&mut self) -> bool {
        self.maybe_collect();
        self.native_depth == 0 && self.host.should_yield()
    }

    /// Runs the straight-line ops that cannot fail, leave the frame or reach a safe point
    /// (loads, stores, constants, forward jumps, affordable gas, two-int arithmetic) with
    /// the frame, code and pc held in locals, and writes the pc back. It stops, having
    /// changed nothing, at the first op that needs the general path below.
    #[inline]
    fn run_straight(&mut self) {
        let prog = self.prog;
        let Some(frame) = self.s.frames.last() else {
            return;
        };
        let (base, start) = (frame.base as usize, frame.pc);
        let Some(func) = prog.funcs.get(frame.func as usize) else {
            return;
        };
        let code = &func.code[..];
        let mut pc = start;
        let s = &mut self.s;
        while let Some(&op) = code.get(pc as usize) {
            let mut next = pc + 1;
            match op {
                Op::Load(slot) => match s.locals.get(base + slot as usize) {
                    Some(&v) => s.stack.push(v),
                    None => break,
                },
                Op::Store(slot) => match (s.stack.last(), s.locals.get_mut(base + slot as usize)) {
                    (Some(&v), Some(local)) => *local = v,
                    _ => break,
                },
                Op::Int(i) => s.stack.push(Value::Int(i)),
                Op::Null => s.stack.push(Value::Null),
                Op::Pop => {
                    if s.stack.pop().is_none() {
                        break;
                    }
                }
                Op::Jump(t) if t > pc => next = t,
                Op::JumpIfNot(t) => match s.stack.last() {
                    Some(&v @ (Value::Null | Value::Bool(_) | Value::Int(_))) => {
                        s.stack.pop();
                        if !s.heap.truthy(v, Truth::Ir) {
                            next = t;
                        }
                    }
                    _ => break,
                },
                Op::Gas(g) => match func.gas.get(g as usize) {
                    Some(group) if s.gas_used.saturating_add(group.total) <= self.limits.gas => {
                        s.gas_used += group.total;
                    }
                    _ => break,
                },
                Op::Binary { kind, .. } => {
                    if !kind.apply_on(&mut s.stack) {
                        break;
                    }
                }
                _ => break,
            }
            s.instructions += 1;
            pc = next;
        }
        if pc != start
            && let Some(frame) = s.frames.last_mut()
        {
            frame.pc = pc;
        }
    }

    /// Runs until the frame at index `stop` returns or the run suspends. With `offer`, the
    /// tier (if any) is offered the top frame before the first instruction; it is offered
    /// again after every call entry and loop back-edge.
    pub(super) fn dispatch(
        &mut self,
        stop: usize,
        mut offer: Option<Offer>,
    ) -> Result<Exit, RuntimeError> {
        loop {
            if let Some(why) = offer.take()
                && let Some(exit) = self.offer_tier(stop, why)?
            {
                return Ok(exit);
            }
            self.run_straight();
            match self.step(stop)? {
                Step::Next | Step::Left => {}
                Step::Entered => offer = self.tier.is_some().then_some(Offer::Call),
                Step::BackEdge => offer = self.tier.is_some().then_some(Offer::BackEdge),
                Step::Exit(exit) => return Ok(exit),
            }
        }
    }

    /// Runs the one instruction the top frame is at, as the dispatch loop does, but without
    /// offering control to a tier (see [`Step`]). `stop` is the frame index whose return
    /// ends the run (0 for the script).
    #[inline]
    pub fn step(&mut self, stop: usize) -> Result<Step, RuntimeError> {
        let prog = self.prog;
        {
            let (fi, pc) = {
                let f = self.frame()?;
                (f.func, f.pc)
            };
            let func = prog
                .funcs
                .get(fi as usize)
                .ok_or_else(|| diag::internal("bad function index"))?;
            let op = *func
                .code
                .get(pc as usize)
                .ok_or_else(|| diag::internal("pc out of range"))?;
            self.s.instructions += 1;
            let mut next = pc + 1;
            match op {
                Op::Nop => {}
                Op::Null => self.s.stack.push(Value::Null),
                Op::True => self.s.stack.push(Value::Bool(true)),
                Op::False => self.s.stack.push(Value::Bool(false)),
                Op::Int(i) => self.s.stack.push(Value::Int(i)),
                Op::Float(f) => self.s.stack.push(Value::Float(f)),
                Op::Str(i) => {
                    let v = *self
                        .s
                        .strings
                        .get(i as usize)
                        .ok_or_else(|| diag::internal("bad string index"))?;
                    self.s.stack.push(v);
                }
                Op::Data(i) => {
                    let v = self.build_data(i, 0)?;
                    self.s.stack.push(v);
                }
                Op::Pop => {
                    self.pop()?;
                }
                Op::Load(s) => {
                    let v = self.s.locals[self.slot_index(s)?];
                    self.s.stack.push(v);
                }
                Op::Store(s) => {
                    let i = self.slot_index(s)?;
                    self.s.locals[i] = self.top()?;
                }
                Op::LoadBox(s) => {
                    let cell = self.s.locals[self.slot_index(s)?];
                    let v = self.s.heap.cell(cell)?.unwrap_or(Value::Null);
                    self.s.stack.push(v);
                }
                Op::StoreBox(s) => {
                    let cell = self.s.locals[self.slot_index(s)?];
                    let v = self.top()?;
                    self.s.heap.set_cell(cell, v)?;
                }
                Op::LoadCap(c) => {
                    let cell = self.capture(c)?;
                    let v = self.s.heap.cell(cell)?.unwrap_or(Value::Null);
                    self.s.stack.push(v);
                }
                Op::StoreCap(c) => {
                    let cell = self.capture(c)?;
                    let v = self.top()?;
                    self.s.heap.set_cell(cell, v)?;
                }
                Op::LoadChain(ch) => {
                    let chain = func
                        .chains
                        .get(ch as usize)
                        .ok_or_else(|| diag::internal("bad chain"))?;
                    let mut found = Value::Null;
                    for c in chain {
                        if let Some(v) = self.s.heap.cell(self.capture(*c)?)? {
                            found = v;
                            break;
                        }
                    }
                    self.s.stack.push(found);
                }
                Op::StoreChain(ch) => {
                    let chain = func
                        .chains
                        .get(ch as usize)
                        .ok_or_else(|| diag::internal("bad chain"))?;
                    let v = self.top()?;
                    let mut stored = false;
                    for c in chain {
                        let cell = self.capture(*c)?;
                        if self.s.heap.cell(cell)?.is_some() {
                            self.s.heap.set_cell(cell, v)?;
                            stored = true;
                            break;
                        }
                    }
                    if !stored {
                        return Err(diag::unknown_variable("(a variable not yet declared)"));
                    }
                }
                Op::Scope(sc) => {
                    let info = func
                        .scopes
                        .get(sc as usize)
                        .ok_or_else(|| diag::internal("bad scope"))?;
                    for s in &info.plain {
                        let i = self.slot_index(*s)?;
                        self.s.locals[i] = Value::Null;
                    }
                    for s in &info.boxed {
                        let i = self.slot_index(*s)?;
                        let cell = self.s.heap.alloc(HeapObj::Cell(None))?;
                        self.s.locals[i] = Value::Cell(cell);
                    }
                }
                Op::Jump(t) => {
                    next = t;
                    if t <= pc {
                        self.frame_mut()?.pc = next;
                        if self.safe_point() {
                            return Ok(Step::Exit(Exit::Suspend(0)));
                        }
                        return Ok(Step::BackEdge);
                    }
                }
                Op::JumpIfNot(t) => {
                    let v = self.pop()?;
                    if !self.s.heap.truthy(v, Truth::Ir) {
                        next = t;
                    }
                }
                Op::JumpKeep {
                    target,
                    truth,
                    when,
                } => {
                    let v = self.top()?;
                    if self.s.heap.truthy(v, truth) == when {
                        next = target;
                    } else {
                        self.pop()?;
                    }
                }
                Op::JumpNotNull(t) => {
                    if self.top()? != Value::Null {
                        next = t;
                    } else {
                        self.pop()?;
                    }
                }
                Op::Gas(g) => self.charge_group(g)?,
                Op::Binary { kind, op } => {
                    if !kind.apply_on(&mut self.s.stack) {
                        let v = self.call_builtin_as(op, 2, kind.builtin())?;
                        self.s.stack.push(v);
                    }
                }
                Op::Builtin { op, argc } => {
                    let v = self.call_builtin(op, argc)?;
                    self.s.stack.push(v);
                }
                Op::Call(argc) | Op::CallThis(argc) => {
                    // `[f, args...]`, or `[f, this, args...]`.
                    let with_this = usize::from(matches!(op, Op::CallThis(_)));
                    let argc = argc as usize;
                    let at = self
                        .s
                        .stack
                        .len()
                        .checked_sub(argc + 1 + with_this)
                        .ok_or_else(|| diag::internal("call underflow"))?;
                    let f = self.s.stack[at];
                    let this = if with_this == 1 {
                        self.s.stack[at + 1]
                    } else {
                        Value::Null
                    };
                    self.enter(f, at + 1 + with_this, argc, at, this)?;
                    if self.safe_point() {
                        return Ok(Step::Exit(Exit::Suspend(0)));
                    }
                    return Ok(Step::Entered);
                }
                Op::CallList => {
                    // `[f, list]`: the list's items become the arguments.
                    let list = self.pop()?;
                    let items = match self.s.heap.list(list) {
                        Some(items) => items.to_vec(),
                        None => {
                            return Err(diag::type_error(
                                "std.apply_list",
                                "a list of arguments",
                                list.type_name(),
                            ));
                        }
                    };
                    let at = self
                        .s
                        .stack
                        .len()
                        .checked_sub(1)
                        .ok_or_else(|| diag::internal("call underflow"))?;
                    let f = self.s.stack[at];
                    let argc = items.len();
                    self.s.stack.extend(items);
                    self.enter(f, at + 1, argc, at, Value::Null)?;
                    if self.safe_point() {
                        return Ok(Step::Exit(Exit::Suspend(0)));
                    }
                    return Ok(Step::Entered);
                }
                Op::ClearResults => self.s.results = None,
                Op::SetResults => {
                    let list = self.pop()?;
                    let first = match list {
                        Value::Null => Value::Null,
                        _ => match self.s.heap.list(list) {
                            Some(items) => items.first().copied().unwrap_or(Value::Null),
                            None => {
                                return Err(diag::type_error(
                                    "std.return_values",
                                    "a list",
                                    list.type_name(),
                                ));
                            }
                        },
                    };
                    let below = self.s.frames.len().saturating_sub(1) as u32;
                    self.s.results = Some((below, list));
                    self.s.stack.push(first);
                }
                Op::TakeResults => {
                    let v = self.pop()?;
                    let here = self.s.frames.len() as u32;
                    let list = match self.s.results.take() {
                        Some((tag, Value::Null)) if tag == here => {
                            self.s.heap.alloc_list(Vec::new())?
                        }
                        Some((tag, list)) if tag == here => list,
                        _ => self.s.heap.alloc_list(vec![v])?,
                    };
                    self.s.stack.push(list);
                }
                Op::ForwardResults => {
                    let here = self.s.frames.len() as u32;
                    if let Some((tag, _)) = &mut self.s.results
                        && *tag == here
                    {
                        *tag = here.saturating_sub(1);
                    }
                }
                Op::Construct(argc) => self.construct(argc as usize)?,
                Op::CtorResult => {
                    let result = self.pop()?;
                    let instance = self.pop()?;
                    let v = match result {
                        Value::Obj(_) | Value::List(_) | Value::Closure(_) => result,
                        _ => instance,
                    };
                    self.s.stack.push(v);
                }
                Op::Method(argc) => {
                    if self.call_method(argc as usize)? {
                        if self.safe_point() {
                            return Ok(Step::Exit(Exit::Suspend(0)));
                        }
                        return Ok(Step::Entered);
                    }
                }
                Op::Closure(i) => {
                    let target = prog
                        .funcs
                        .get(i as usize)
                        .ok_or_else(|| diag::internal("bad function"))?;
                    let mut captures = Vec::with_capacity(target.captures.len());
                    for src in &target.captures {
                        captures.push(match *src {
                            CaptureSrc::Local(s) => self.s.locals[self.slot_index(s)?],
                            CaptureSrc::Capture(c) => self.capture(c)?,
                        });
                    }
                    let id = self.s.heap.alloc(HeapObj::Closure(weft_runtime::Closure {
                        func: i,
                        captures,
                    }))?;
                    self.s.stack.push(Value::Closure(id));
                }
                Op::Return => {
                    let v = self.pop()?;
                    if self.leave(v, stop)? {
                        return Ok(Step::Exit(Exit::Done(v)));
                    }
                    return Ok(Step::Left);
                }
                Op::TryPush(h) | Op::TryPushError(h) => {
                    let frame = (self.s.frames.len() - 1) as u32;
                    let stack = self.s.stack.len() as u32;
                    self.s.handlers.push(super::Handler {
                        frame,
                        stack,
                        pc: h,
                        error_object: matches!(op, Op::TryPushError(_)),
                    });
                }
                Op::TryPop => {
                    self.s.handlers.pop();
                }
                Op::CheckList => {
                    let v = self.top()?;
                    if self.s.heap.list(v).is_none() {
                        let found = weft_stdlib::describe(&self.s.heap, v);
                        return Err(diag::type_error("std.for", "a list", &found));
                    }
                }
                Op::ForNext(exit) => {
                    let n = self.s.stack.len();
                    let (list, idx) =
                        match (self.s.stack.get(n.wrapping_sub(2)), self.s.stack.last()) {
                            (Some(l), Some(Value::Int(i))) => (*l, *i),
                            _ => return Err(diag::internal("loop state missing")),
                        };
                    let items = self.s.heap.list(list).unwrap_or_default();
                    match items.get(idx as usize) {
                        Some(v) => {
                            let v = *v;
                            self.s.stack[n - 1] = Value::Int(idx + 1);
                            self.s.stack.push(v);
                        }
                        None => next = exit,
                    }
                }
                Op::Sleep => {
                    let ms = self.pop()?;
                    let ms = match ms {
                        Value::Int(i) => i.max(0) as u64,
                        Value::Float(f) if f.is_nan() => 0,
                        Value::Float(f) => f.max(0.0).min(u64::MAX as f64) as u64,
                        other => {
                            let found = weft_stdlib::describe(&self.s.heap, other);
                            return Err(diag::type_error("std.sleep", "a number", &found));
                        }
                    };
                    if self.native_depth > 0 {
                        return Err(diag::cannot_suspend_here());
                    }
                    self.s.stack.push(Value::Null);
                    self.frame_mut()?.pc = next;
                    return Ok(Step::Exit(Exit::Suspend(ms)));
                }
                Op::Arg => {
                    let i = self.pop()?;
                    let items = self.s.heap.list(self.s.script_args).unwrap_or_default();
                    let v = match i {
                        Value::Int(i) => {
                            usize::try_from(i).ok().and_then(|i| items.get(i).copied())
                        }
                        Value::Float(f) => weft_runtime::num::float_to_int_exact(f)
                            .and_then(|i| usize::try_from(i).ok())
                            .and_then(|i| items.get(i).copied()),
                        other => {
                            let found = weft_stdlib::describe(&self.s.heap, other);
                            return Err(diag::type_error("std.arg", "an integer", &found));
                        }
                    };
                    self.s.stack.push(v.unwrap_or(Value::Null));
                }
                Op::Args => {
                    let source = if self.s.frames.len() == 1 {
                        self.s.script_args
                    } else {
                        self.frame()?.args
                    };
                    let items = self.s.heap.list(source).unwrap_or_default().to_vec();
                    let v = self.s.heap.alloc_list(items)?;
                    self.s.stack.push(v);
                }
                Op::This => {
                    let v = self.frame()?.this;
                    self.s.stack.push(v);
                }
                Op::Caller => self.s.stack.push(self.s.caller),
                Op::Unbound(i) => {
                    let name = prog.strings.get(i as usize).map_or("?", String::as_str);
                    return Err(diag::unknown_variable(name));
                }
                Op::NotImpl(i) => {
                    let name = prog.strings.get(i as usize).map_or("?", String::as_str);
                    return Err(diag::not_implemented(name));
                }
            }
            self.frame_mut()?.pc = next;
            Ok(Step::Next)
        }
    }

    /// `std.new`'s first step, with `[class, args...]` on the stack (see `Op::Construct`).
    fn construct(&mut self, argc: usize) -> Result<(), RuntimeError> {
        let at = self
            .s
            .stack
            .len()
            .checked_sub(argc + 1)
            .ok_or_else(|| diag::internal("construct underflow"))?;
        let class = self.s.stack[at];
        let (init, proto) = match self.s.heap.class_of(class) {
            Some((_, init, proto)) => (init, proto),
            None if self.s.heap.closure(class).is_some() => (class, Value::Null),
            None => {
                let found = weft_stdlib::describe(&self.s.heap, class);
                return Err(diag::type_error("std.new", "a class or a function", &found));
            }
        };
        let instance = self.s.heap.alloc_obj(weft_runtime::ObjMap::new())?;
        if let (Value::Obj(id), Value::Obj(_)) = (instance, proto) {
            self.s.heap.set_proto(id, proto)?;
        }
        self.s.stack[at] = instance;
        self.s.stack.splice(at + 1..at + 1, [init, instance]);
        Ok(())
    }

    /// `std.call_method` with `[receiver, name, args...]` on the stack. Returns true when
    /// it entered a closure frame, false when it pushed a built-in method's result.
    fn call_method(&mut self, argc: usize) -> Result<bool, RuntimeError> {
        let n = self.s.stack.len();
        let at = n
            .checked_sub(argc + 2)
            .ok_or_else(|| diag::internal("method call underflow"))?;
        let (receiver, name_v) = (self.s.stack[at], self.s.stack[at + 1]);
        let Some(name) = self.s.heap.str(name_v).map(str::to_owned) else {
            let found = weft_stdlib::describe(&self.s.heap, name_v);
            return Err(diag::type_error(
                "std.call_method",
                "a method name string",
                &found,
            ));
        };
        if let Some(f @ Value::Closure(_)) = self.s.heap.lookup_data(receiver, &name) {
            self.enter(f, at + 2, argc, at, receiver)?;
            return Ok(true);
        }
        let mut buf = std::mem::take(&mut self.argbuf);
        buf.clear();
        buf.extend(self.s.stack.drain(at + 2..));
        self.s.stack.truncate(at);
        let result = weft_stdlib::call_method(self, receiver, &name, &buf);
        self.argbuf = buf;
        let v = result?;
        self.s.stack.push(v);
        Ok(false)
    }
}
