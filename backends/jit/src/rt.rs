//! The boundary between native code and the VM: the context native code reads and the
//! `extern "C"` helpers it calls.
//!
//! Native code keeps a function's locals, operand stack, remaining gas and instruction
//! count in registers. Before it calls a helper or returns, it writes them back: locals and
//! stack values into the VM's own vectors (through `locals`/`stack`), the counters and its
//! pc and stack height into [`JitCtx`]. The helper then brings [`VmState`] up to date
//! ([`sync_in`]), so whatever runs next (the VM's own instruction code, or the VM's dispatch
//! loop after a hand-back) sees exactly the state the VM would have had.
//!
//! [`VmState`]: weft_bytecode::VmState

use std::panic::{AssertUnwindSafe, catch_unwind};

use weft_bytecode::{Exit, Step, Vm};
use weft_runtime::diagnostics as diag;
use weft_runtime::{RuntimeError, Truth, Value};

use crate::Compiled;

/// Status word returned by native code and by [`jit_step`]: the kind in the low byte,
/// and for [`SAME`] the pc to carry on at in the bits above.
pub(crate) const SAME: u64 = 0;
/// The native function's frame returned to its caller.
pub(crate) const LEFT: u64 = 1;
/// Native code stopped; the VM carries on from the top frame.
pub(crate) const HANDBACK: u64 = 2;
/// The run finished with [`JitCtx::done`].
pub(crate) const DONE: u64 = 3;
/// The run suspends for [`JitCtx::ms`].
pub(crate) const SUSPEND: u64 = 4;
/// An error in [`JitCtx::error`] at the top frame's pc; the VM unwinds it.
pub(crate) const ERROR: u64 = 5;

/// How deeply native functions may call each other on the native stack before a call is
/// left to the VM.
pub(crate) const MAX_NATIVE_DEPTH: u32 = 48;

/// What native code and helpers share. The first fields are read and written by native
/// code at the offsets `offset_of!` gives; the rest are Rust's only.
#[repr(C)]
pub(crate) struct JitCtx {
    /// Slot 0 of the top frame in `VmState::locals`.
    pub locals: *mut Value,
    /// The top frame's first operand in `VmState::stack` (capacity for its whole stack).
    pub stack: *mut Value,
    /// `VmState::strings`, the program's string constants.
    pub strings: *const Value,
    pub gas_used: u64,
    pub gas_limit: u64,
    pub instructions: u64,
    /// Written by native code before a helper call or return: its pc and stack height.
    pub pc: u64,
    pub height: u64,
    /// Nonzero when loop back-edges must call [`jit_backedge`] (collection due, or a host
    /// that may yield); refreshed whenever the runtime has run.
    pub safe_point: u64,
    vm: *mut (),
    compiled: *mut Compiled,
    stop: usize,
    depth: u32,
    pub ms: u64,
    pub done: Value,
    pub error: Option<RuntimeError>,
}

/// The signature of a compiled function: `(ctx, entry pc) -> status`.
pub(crate) type NativeFn = unsafe extern "C" fn(*mut JitCtx, u32) -> u64;

impl JitCtx {
    pub fn new(vm: &mut Vm<'_>, compiled: &mut Compiled, stop: usize) -> JitCtx {
        JitCtx {
            locals: std::ptr::null_mut(),
            stack: std::ptr::null_mut(),
            strings: vm.s.strings.as_ptr(),
            gas_limit: vm.limits.gas,
            // Filled in by `sync_out` before native code runs.
            gas_used: 0,
            instructions: 0,
            pc: 0,
            height: 0,
            safe_point: 1,
            vm: (vm as *mut Vm<'_>).cast(),
            compiled,
            stop,
            depth: 0,
            ms: 0,
            done: Value::Null,
            error: None,
        }
    }

    /// The VM. Native code holds no Rust reference to it while a helper runs.
    ///
    /// # Safety
    /// Only while the run that created this context is inside native code or a helper.
    unsafe fn vm<'v>(&self) -> &'v mut Vm<'v> {
        // SAFETY: `vm` came from the `&mut Vm` the tier was offered, which outlives the
        // native call, and nothing else touches the VM while a helper runs.
        unsafe { &mut *self.vm.cast::<Vm<'v>>() }
    }
}

/// Points the context at the top frame and copies the counters out of the VM, making room
/// on the operand stack for the frame's deepest point.
pub(crate) fn sync_out(vm: &mut Vm<'_>, ctx: &mut JitCtx) -> Result<(), RuntimeError> {
    let f =
        vm.s.frames
            .last()
            .ok_or_else(|| diag::internal("no active frame"))?;
    let func = vm
        .prog
        .funcs
        .get(f.func as usize)
        .ok_or_else(|| diag::internal("bad function"))?;
    let (base, stack_base) = (f.base as usize, f.stack_base as usize);
    if vm.s.locals.len() < base + func.slots as usize || vm.s.stack.len() < stack_base {
        return Err(diag::internal("frame outside the VM's vectors"));
    }
    let need = stack_base + func.max_stack as usize;
    let len = vm.s.stack.len();
    vm.s.stack.reserve(need.saturating_sub(len));
    // SAFETY: both offsets are within the vectors' lengths, checked above.
    unsafe {
        ctx.locals = vm.s.locals.as_mut_ptr().add(base);
        ctx.stack = vm.s.stack.as_mut_ptr().add(stack_base);
    }
    ctx.gas_used = vm.s.gas_used;
    ctx.instructions = vm.s.instructions;
    ctx.safe_point = u64::from(vm.safe_point_needed());
    Ok(())
}

/// Brings the VM's state up to date with what native code wrote back.
///
/// # Safety
/// Native code must have written `height` operand values through `ctx.stack`.
pub(crate) unsafe fn sync_in(vm: &mut Vm<'_>, ctx: &JitCtx) {
    if let Some(f) = vm.s.frames.last_mut() {
        f.pc = ctx.pc as u32;
        let len = f.stack_base as usize + ctx.height as usize;
        // SAFETY: `sync_out` reserved capacity for the frame's deepest stack, native code
        // never goes deeper (the verifier's bound), and it initialised these values.
        unsafe { vm.s.stack.set_len(len) };
    }
    vm.s.gas_used = ctx.gas_used;
    vm.s.instructions = ctx.instructions;
}

fn guard(f: impl FnOnce() -> u64, ctx: *mut JitCtx) -> u64 {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(status) => status,
        Err(_) => {
            // SAFETY: the context outlives every helper call made with it.
            let ctx = unsafe { &mut *ctx };
            ctx.error = Some(diag::internal("the JIT runtime failed"));
            ERROR
        }
    }
}

/// Called by native code after writing back everything, before returning a status of its
/// own (a hand-back or a suspension it decided on).
///
/// # Safety
/// `ctx` is the live context of the native call.
pub(crate) unsafe extern "C" fn jit_sync(ctx: *mut JitCtx) {
    // SAFETY: per the function contract.
    let c = unsafe { &mut *ctx };
    // SAFETY: native code wrote back before calling.
    unsafe { sync_in(c.vm(), c) };
}

/// Runs the instruction native code is at in the VM (everything but the native fast paths
/// goes through here) and tells native code where to go on.
///
/// # Safety
/// `ctx` is the live context of the native call, and native code wrote back first.
pub(crate) unsafe extern "C" fn jit_step(ctx: *mut JitCtx) -> u64 {
    guard(
        || {
            // SAFETY: per the function contract.
            let c = unsafe { &mut *ctx };
            let vm = unsafe { c.vm() };
            unsafe { sync_in(vm, c) };
            let step = vm.step(c.stop);
            finish_step(vm, c, step)
        },
        ctx,
    )
}

fn finish_step(vm: &mut Vm<'_>, c: &mut JitCtx, step: Result<Step, RuntimeError>) -> u64 {
    match step {
        Ok(Step::Next | Step::BackEdge) => same(vm, c),
        Ok(Step::Entered) => enter_native(vm, c),
        Ok(Step::Left) => LEFT,
        Ok(Step::Exit(Exit::Done(v))) => {
            c.done = v;
            DONE
        }
        Ok(Step::Exit(Exit::Suspend(ms))) => {
            c.ms = ms;
            SUSPEND
        }
        Err(e) => {
            c.error = Some(e);
            ERROR
        }
    }
}

/// The top frame is the native caller again: point the context at it and continue there.
fn same(vm: &mut Vm<'_>, c: &mut JitCtx) -> u64 {
    match sync_out(vm, c) {
        Ok(()) => {
            let pc = vm.s.frames.last().map_or(0, |f| f.pc);
            SAME | (u64::from(pc) << 8)
        }
        Err(e) => {
            c.error = Some(e);
            ERROR
        }
    }
}

/// A call pushed a frame: run the callee natively when it is compiled and the native stack
/// has room, else hand the whole run back to the VM at the callee's entry.
fn enter_native(vm: &mut Vm<'_>, c: &mut JitCtx) -> u64 {
    if c.depth >= MAX_NATIVE_DEPTH {
        return HANDBACK;
    }
    let Some(func) = vm.s.frames.last().map(|f| f.func) else {
        return HANDBACK;
    };
    // SAFETY: `compiled` is the tier's own table, alive for the whole native call and not
    // otherwise borrowed while a helper runs.
    let compiled = unsafe { &mut *c.compiled };
    let Some(code) = compiled.entry_for(vm.prog, func) else {
        return HANDBACK;
    };
    if let Err(e) = sync_out(vm, c) {
        c.error = Some(e);
        return ERROR;
    }
    c.depth += 1;
    // SAFETY: `code` was compiled for this program's function `func`, whose frame is on top.
    let status = unsafe { code(c, 0) };
    c.depth -= 1;
    if status & 0xff == LEFT {
        same(vm, c)
    } else {
        status
    }
}

/// The safe point of a loop back-edge: 0 to go on, 1 when garbage collection is due (native
/// code hands back at the jump, so the VM collects with every root in place), 2 when the
/// host asks the run to yield.
///
/// # Safety
/// `ctx` is the live context of the native call.
pub(crate) unsafe extern "C" fn jit_backedge(ctx: *mut JitCtx) -> u64 {
    guard(
        || {
            // SAFETY: per the function contract.
            let vm = unsafe { (*ctx).vm() };
            if vm.gc_due() {
                1
            } else if vm.poll_yield() {
                2
            } else {
                0
            }
        },
        ctx,
    )
}

/// Truthiness of a value native code has no inline rule for.
///
/// # Safety
/// `ctx` is the live context and `(w0, w1)` are the two words of a real [`Value`].
pub(crate) unsafe extern "C" fn jit_truthy(ctx: *mut JitCtx, w0: u64, w1: u64, mode: u32) -> u64 {
    // SAFETY: the words were copied from a `Value` (see `Value`'s layout note).
    let v: Value = unsafe { std::mem::transmute::<[u64; 2], Value>([w0, w1]) };
    let truth = TRUTHS.get(mode as usize).copied().unwrap_or(Truth::Ir);
    // SAFETY: per the function contract.
    let vm = unsafe { (*ctx).vm() };
    u64::from(vm.s.heap.truthy(v, truth))
}

/// The truthiness rules by the number native code passes to [`jit_truthy`].
const TRUTHS: [Truth; 4] = [Truth::Ir, Truth::Js, Truth::Lua, Truth::Py];

/// The number native code passes to [`jit_truthy`] for `truth`.
pub(crate) fn truth_code(truth: Truth) -> u32 {
    TRUTHS.iter().position(|t| *t == truth).unwrap_or(0) as u32
}

/// Runs compiled code for the top frame from `pc` and turns its status into what the VM's
/// dispatch loop expects.
pub(crate) fn run_native(
    vm: &mut Vm<'_>,
    compiled: &mut Compiled,
    code: NativeFn,
    pc: u32,
    stop: usize,
) -> Result<Option<Exit>, RuntimeError> {
    let mut ctx = JitCtx::new(vm, compiled, stop);
    sync_out(vm, &mut ctx)?;
    // SAFETY: `code` is compiled for the top frame's function and `pc` is one of its
    // entries (others return at once); the context points into this VM.
    let status = unsafe { code(&mut ctx, pc) };
    match status & 0xff {
        DONE => Ok(Some(Exit::Done(ctx.done))),
        SUSPEND => Ok(Some(Exit::Suspend(ctx.ms))),
        ERROR => Err(ctx
            .error
            .take()
            .unwrap_or_else(|| diag::internal("native code failed without an error"))),
        _ => Ok(None),
    }
}
