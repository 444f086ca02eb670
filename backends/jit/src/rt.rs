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
use crate::codegen::TrampolineFn;

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
/// Returned by a directly called function (see `codegen.rs`) that needs the VM: it and
/// every directly called frame below it saved themselves in [`JitCtx::deopt`], innermost
/// first; the function that made the first direct call turns them into VM frames.
pub(crate) const DEOPT: u64 = 6;
/// Returned by a function's VM entry when what its code relies on about types does not
/// hold where the VM entered it (see `types.rs`); nothing ran, and the VM carries on.
pub(crate) const GUARD: u64 = 7;

/// How many directly called native frames may be active at once (they live on the native
/// stack; the VM's call-depth limit applies as well).
pub(crate) const MAX_DIRECT_DEPTH: u64 = 256;

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
    /// How many more direct calls may nest: the VM's call-depth limit less its frames,
    /// at most [`MAX_DIRECT_DEPTH`].
    pub direct_left: u64,
    /// Room for one frame's locals and operand stack, where a directly called function
    /// writes them before [`jit_deopt`] copies them.
    pub scratch: *mut Value,
    vm: *mut (),
    compiled: *mut Compiled,
    stop: usize,
    depth: u32,
    pub ms: u64,
    pub done: Value,
    pub error: Option<RuntimeError>,
    /// Directly called frames that gave up, innermost first (see [`DEOPT`]).
    deopt: Vec<DeoptFrame>,
}

/// A directly called frame, saved so the VM can carry it on.
struct DeoptFrame {
    func: u32,
    pc: u32,
    closure: u32,
    locals: Vec<Value>,
    stack: Vec<Value>,
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
            direct_left: 0,
            scratch: compiled.scratch.as_mut_ptr(),
            vm: (vm as *mut Vm<'_>).cast(),
            compiled,
            stop,
            depth: 0,
            ms: 0,
            done: Value::Null,
            error: None,
            deopt: Vec::new(),
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
    let frames_left = vm.limits.max_call_depth.saturating_sub(vm.s.frames.len()) as u64;
    ctx.direct_left = frames_left.min(MAX_DIRECT_DEPTH);
    // SAFETY: `compiled` is the tier's own table, alive for the whole native call and not
    // otherwise borrowed while native code or a helper runs.
    if let Some(c) = unsafe { &mut (*ctx.compiled).caches } {
        c.observe_collections(vm.s.heap.collections());
    }
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

/// Runs a helper that returns a status: a panic returns [`ERROR`] with an internal error
/// in the context, never unwinding into native code.
fn guard(f: impl FnOnce() -> u64, ctx: *mut JitCtx) -> u64 {
    // A panic leaves `ERROR`, with the error `guard_void` recorded.
    let mut status = ERROR;
    guard_void(|| status = f(), ctx);
    status
}

/// Runs a helper with no status to return: a panic becomes the run's error, which
/// [`run_native`] and [`run_direct`] report when native code returns, whatever status it
/// returns (native code cannot tell that the helper failed). [`guard`] builds on it.
fn guard_void(f: impl FnOnce(), ctx: *mut JitCtx) {
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        // SAFETY: the context outlives every helper call made with it.
        let ctx = unsafe { &mut *ctx };
        ctx.error = Some(diag::internal("the JIT runtime failed"));
    }
}

/// The error a helper without a status recorded ([`guard_void`]), unless native code
/// returned [`ERROR`] itself (whose error is in the same place).
fn failed_helper(status: u64, ctx: &mut JitCtx) -> Option<RuntimeError> {
    if status & 0xff == ERROR {
        None
    } else {
        ctx.error.take()
    }
}

/// [`guard`] for a helper that runs the VM: `f` gets the VM, brought up to date with what
/// native code wrote back, and the context.
///
/// # Safety
/// `ctx` is the live context of the native call, and native code wrote back first.
unsafe fn synced(ctx: *mut JitCtx, f: impl FnOnce(&mut Vm<'_>, &mut JitCtx) -> u64) -> u64 {
    guard(
        || {
            // SAFETY: per the function contract.
            let c = unsafe { &mut *ctx };
            let vm = unsafe { c.vm() };
            unsafe { sync_in(vm, c) };
            f(vm, c)
        },
        ctx,
    )
}

/// Called by native code after writing back everything, before returning a status of its
/// own (a hand-back or a suspension it decided on).
///
/// # Safety
/// `ctx` is the live context of the native call.
pub(crate) unsafe extern "C" fn jit_sync(ctx: *mut JitCtx) {
    guard_void(
        || {
            // SAFETY: per the function contract.
            let c = unsafe { &mut *ctx };
            // SAFETY: native code wrote back before calling.
            unsafe { sync_in(c.vm(), c) };
        },
        ctx,
    );
}

/// Runs the instruction native code is at in the VM (everything but the native fast paths
/// goes through here) and tells native code where to go on.
///
/// # Safety
/// `ctx` is the live context of the native call, and native code wrote back first.
pub(crate) unsafe extern "C" fn jit_step(ctx: *mut JitCtx) -> u64 {
    // SAFETY: per the function contract.
    unsafe {
        synced(ctx, |vm, c| {
            let step = vm.step(c.stop);
            finish_step(vm, c, step)
        })
    }
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
    if !compiled.offered(vm.prog, func) {
        return HANDBACK;
    }
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

/// The direct entry of closure `closure` for a call with `argc` arguments, or 0 when the
/// call must go through the VM: the closure's function is not compiled for direct calls
/// (or cannot be) or takes another number of parameters.
/// A function first called from native code is compiled at once. A direct entry found is
/// remembered in the call site's cache words at `site` (see `cache.rs`).
///
/// # Safety
/// `ctx` is the live context of the native call; `site` is the call site's cache entry.
pub(crate) unsafe extern "C" fn jit_callee(
    ctx: *mut JitCtx,
    closure: u64,
    argc: u32,
    site: *mut u64,
) -> u64 {
    // A failure here only means the call goes the VM's way (0), which reports any error.
    catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: per the function contract.
        // Native code has checked that another direct frame fits (`direct_left`).
        let c = unsafe { &mut *ctx };
        let vm = unsafe { c.vm() };
        let Some(func) =
            vm.s.heap
                .closure(Value::Closure(closure as u32))
                .map(|c| c.func)
        else {
            return 0;
        };
        // SAFETY: as in `enter_native`.
        let compiled = unsafe { &mut *c.compiled };
        let Some(entry) = compiled.direct_for(vm.prog, func, argc) else {
            return 0;
        };
        if let Some(caches) = &compiled.caches {
            // SAFETY: `site` has `CALL_WORDS` words, per the function contract.
            unsafe {
                *site = *caches.word(crate::cache::CODE_EPOCH);
                *site.add(1) = closure;
                *site.add(2) = entry as u64;
            }
        }
        entry as u64
    }))
    .unwrap_or(0)
}

/// Set in [`jit_load_cap`]'s index for a late-bound chain (`LoadChain`) rather than one
/// captured cell.
pub(crate) const CHAIN: u32 = 1 << 31;

/// Reads captured cell `i` of closure `closure` (or, with [`CHAIN`] set, the first
/// initialised cell of the closure's function's chain `i`, as the VM's `LoadChain` does)
/// into the captured load's cache words at `site` (see `cache.rs`): 1, or 0 when that is
/// not possible (native code then leaves the instruction to the VM, which reports it).
///
/// # Safety
/// `ctx` is the live context of the native call; `site` is the load's cache entry.
pub(crate) unsafe extern "C" fn jit_load_cap(
    ctx: *mut JitCtx,
    closure: u64,
    i: u32,
    site: *mut u64,
) -> u64 {
    // A failure here only means the read goes the VM's way (0), which reports any error.
    // SAFETY: per the function contract.
    catch_unwind(AssertUnwindSafe(|| unsafe {
        load_cap(ctx, closure, i, site)
    }))
    .unwrap_or(0)
}

/// [`jit_load_cap`]'s work.
///
/// # Safety
/// As for [`jit_load_cap`].
unsafe fn load_cap(ctx: *mut JitCtx, closure: u64, i: u32, site: *mut u64) -> u64 {
    // SAFETY: per the function contract.
    let c = unsafe { &mut *ctx };
    let vm = unsafe { c.vm() };
    let heap = &vm.s.heap;
    let Some(f) = heap.closure(Value::Closure(closure as u32)) else {
        return 0;
    };
    let read = |k: u32| -> Option<Option<Value>> {
        let cell = f.captures.get(k as usize).copied()?;
        heap.cell(cell).ok()
    };
    let value = if i & CHAIN == 0 {
        read(i)
    } else {
        let chain = vm
            .prog
            .funcs
            .get(f.func as usize)
            .and_then(|func| func.chains.get((i & !CHAIN) as usize));
        chain.and_then(|chain| {
            let mut found = None;
            for &k in chain {
                if let Some(v) = read(k)? {
                    found = Some(v);
                    break;
                }
            }
            Some(found)
        })
    };
    match value {
        Some(v) => {
            let [w0, w1] = value_words(v.unwrap_or(Value::Null));
            // SAFETY: `compiled` as in `enter_native`; `site` has `CAP_WORDS` words.
            if let Some(caches) = unsafe { &(*c.compiled).caches } {
                unsafe {
                    *site = *caches.word(crate::cache::CELL_EPOCH);
                    *site.add(1) = closure;
                    *site.add(2) = w0;
                    *site.add(3) = w1;
                }
            }
            1
        }
        _ => 0,
    }
}

/// Saves a directly called frame that gives up at `pc` with `height` operands: native
/// code wrote its locals and then its operands into [`JitCtx::scratch`].
///
/// # Safety
/// `ctx` is the live context, and the scratch area holds the function's `slots` locals
/// followed by `height` operands, all written from real values.
pub(crate) unsafe extern "C" fn jit_deopt(
    ctx: *mut JitCtx,
    func: u32,
    closure: u64,
    pc: u32,
    height: u32,
) {
    // A failure loses the frame; the give-up then fails the run (see `guard_void`).
    guard_void(
        // SAFETY: per the function contract.
        || unsafe { save_frame(ctx, func, closure, pc, height) },
        ctx,
    );
}

/// [`jit_deopt`]'s work.
///
/// # Safety
/// As for [`jit_deopt`].
unsafe fn save_frame(ctx: *mut JitCtx, func: u32, closure: u64, pc: u32, height: u32) {
    // SAFETY: per the function contract.
    let c = unsafe { &mut *ctx };
    let vm = unsafe { c.vm() };
    let slots = vm
        .prog
        .funcs
        .get(func as usize)
        .map_or(0, |f| f.slots as usize);
    // SAFETY: the scratch area is sized for every function's slots and deepest stack, and
    // native code initialised this prefix.
    let saved = unsafe { std::slice::from_raw_parts(c.scratch, slots + height as usize) };
    let (locals, stack) = saved.split_at(slots);
    if c.deopt.is_empty() {
        // SAFETY: as in `enter_native`.
        unsafe { &mut *c.compiled }.note_deopt(func);
    }
    c.deopt.push(DeoptFrame {
        func,
        pc,
        closure: closure as u32,
        locals: locals.to_vec(),
        stack: stack.to_vec(),
    });
}

/// Called by the function that made the first direct call of a chain that gave up, after
/// it wrote back its own frame (at the call): pushes the saved frames as VM frames, so the
/// VM carries on in the innermost one exactly where it stopped. Gas and the instruction
/// count are the innermost frame's, already in the context.
///
/// # Safety
/// `ctx` is the live context of the native call, and native code wrote back first.
pub(crate) unsafe extern "C" fn jit_materialize(ctx: *mut JitCtx) -> u64 {
    // SAFETY: per the function contract.
    unsafe {
        synced(ctx, |vm, c| {
            push_saved_frames(vm, c);
            HANDBACK
        })
    }
}

/// Pushes the frames saved in [`JitCtx::deopt`] as VM frames, outermost first.
fn push_saved_frames(vm: &mut Vm<'_>, c: &mut JitCtx) {
    while let Some(d) = c.deopt.pop() {
        let base = vm.s.locals.len() as u32;
        vm.s.locals.extend_from_slice(&d.locals);
        let stack_base = vm.s.stack.len() as u32;
        vm.s.stack.extend_from_slice(&d.stack);
        vm.s.frames.push(weft_bytecode::Frame {
            func: d.func,
            pc: d.pc,
            base,
            stack_base,
            closure: Value::Closure(d.closure),
            this: Value::Null,
            args: Value::Null,
        });
    }
}

/// A direct entry the VM's side calls: see [`run_direct`].
pub(crate) struct DirectCall {
    /// The direct entry of the top frame's function.
    pub entry: *const u8,
    /// The trampoline for as many parameters as that function takes.
    pub trampoline: TrampolineFn,
    /// The top frame's closure.
    pub closure: u32,
}

/// Runs the top frame, which a call has just pushed (see `Offer::Call`), through its
/// function's direct entry, called by way of a trampoline (`call`): the VM does not need
/// the function's VM entry compiled for it. When it returns, its frame leaves as the VM's
/// `Return` leaves it. When the chain of direct calls it starts gives up, its own frame
/// is rewritten where it stopped and the frames it called are pushed above it, as
/// [`jit_materialize`] does for a chain started in native code, and the VM carries on in
/// the innermost.
pub(crate) fn run_direct(
    vm: &mut Vm<'_>,
    compiled: &mut Compiled,
    call: DirectCall,
    stop: usize,
) -> Result<Option<Exit>, RuntimeError> {
    let bad = || diag::internal("a direct entry ran on a frame it does not fit");
    let f = vm.s.frames.last().ok_or_else(bad)?;
    let (func, base, stack_base) = (f.func, f.base as usize, f.stack_base as usize);
    let params = vm.prog.funcs.get(func as usize).ok_or_else(bad)?.params as usize;
    let args = vm.s.locals.get(base..base + params).ok_or_else(bad)?;
    let mut io = [0u64; crate::codegen::trampoline_words(crate::codegen::MAX_DIRECT_PARAMS)];
    for (j, &a) in args.iter().enumerate() {
        let [w0, w1] = value_words(a);
        io[2 + 2 * j] = w0;
        io[3 + 2 * j] = w1;
    }
    if let Some(c) = &mut compiled.caches {
        c.new_cell_epoch();
    }
    let mut ctx = JitCtx::new(vm, compiled, stop);
    sync_out(vm, &mut ctx)?;
    io[0] = ctx.gas_limit.saturating_sub(ctx.gas_used);
    io[1] = ctx.instructions;
    io[2 + 2 * params] = u64::from(call.closure);
    // The frame itself is one of the direct frames.
    io[3 + 2 * params] = ctx.direct_left.min(MAX_DIRECT_DEPTH - 1);
    // SAFETY: `trampoline` calls direct entries of `params` parameters and `entry` is the
    // direct entry of the top frame's function, which takes that many; `io` holds its
    // arguments; the context points into this VM.
    let status = unsafe { (call.trampoline)(&mut ctx, call.entry, io.as_mut_ptr()) };
    if let Some(e) = failed_helper(status, &mut ctx) {
        return Err(e);
    }
    match status {
        LEFT => {
            vm.s.gas_used = ctx.gas_limit.saturating_sub(io[0]);
            vm.s.instructions = io[1];
            // SAFETY: a direct entry returns the two words of a real `Value`.
            let v = unsafe { std::mem::transmute::<[u64; 2], Value>([io[2], io[3]]) };
            drop(ctx);
            Ok(vm.leave(v, stop)?.then_some(Exit::Done(v)))
        }
        DEOPT => {
            // The innermost frame that gave up left the counters in the context.
            vm.s.gas_used = ctx.gas_used;
            vm.s.instructions = ctx.instructions;
            let own = ctx.deopt.pop().filter(|d| d.func == func).ok_or_else(bad)?;
            let frame = vm.s.frames.last_mut().ok_or_else(bad)?;
            frame.pc = own.pc;
            vm.s.locals
                .get_mut(base..base + own.locals.len())
                .ok_or_else(bad)?
                .copy_from_slice(&own.locals);
            vm.s.stack.truncate(stack_base);
            vm.s.stack.extend_from_slice(&own.stack);
            push_saved_frames(vm, &mut ctx);
            Ok(None)
        }
        _ => Err(diag::internal("a direct entry returned an unknown status")),
    }
}

/// Truthiness of a value native code has no inline rule for.
///
/// # Safety
/// `ctx` is the live context and `(w0, w1)` are the two words of a real [`Value`].
pub(crate) unsafe extern "C" fn jit_truthy(ctx: *mut JitCtx, w0: u64, w1: u64, mode: u32) -> u64 {
    let mut truth = 0;
    // A failure answers false and fails the run (see `guard_void`).
    guard_void(
        || {
            // SAFETY: the words were copied from a `Value` (see `Value`'s layout note).
            let v: Value = unsafe { std::mem::transmute::<[u64; 2], Value>([w0, w1]) };
            let rule = TRUTHS.get(mode as usize).copied().unwrap_or(Truth::Ir);
            // SAFETY: per the function contract.
            let vm = unsafe { (*ctx).vm() };
            truth = u64::from(vm.s.heap.truthy(v, rule));
        },
        ctx,
    );
    truth
}

/// The two words native code holds for `v` (per `Value`'s layout note; padding zero).
pub(crate) fn value_words(v: Value) -> [u64; 2] {
    let heap = |tag: u64, id: u32| [tag | (u64::from(id) << 32), 0];
    match v {
        Value::Null => [0, 0],
        Value::Bool(b) => [1 | (u64::from(b) << 8), 0],
        Value::Int(i) => [2, i as u64],
        Value::Float(f) => [3, f.to_bits()],
        Value::Str(id) => heap(4, id),
        Value::List(id) => heap(5, id),
        Value::Obj(id) => heap(6, id),
        Value::Closure(id) => heap(7, id),
        Value::Handle(id) => heap(8, id),
        Value::Cell(id) => heap(9, id),
    }
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
    let func = vm.s.frames.last().map(|f| f.func);
    let mut ctx = JitCtx::new(vm, compiled, stop);
    sync_out(vm, &mut ctx)?;
    // SAFETY: `code` is compiled for the top frame's function and `pc` is one of its
    // entries (others return at once); the context points into this VM.
    let status = unsafe { code(&mut ctx, pc) };
    if let Some(e) = failed_helper(status, &mut ctx) {
        return Err(e);
    }
    match status & 0xff {
        DONE => Ok(Some(Exit::Done(ctx.done))),
        SUSPEND => Ok(Some(Exit::Suspend(ctx.ms))),
        ERROR => Err(ctx
            .error
            .take()
            .unwrap_or_else(|| diag::internal("native code failed without an error"))),
        GUARD => {
            drop(ctx);
            if let Some(func) = func {
                compiled.note_guard_failure(func);
            }
            Ok(None)
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_words_read_back_as_the_same_value() {
        for v in [
            Value::Null,
            Value::Bool(false),
            Value::Bool(true),
            Value::Int(-7),
            Value::Float(-0.5),
            Value::Str(3),
            Value::List(4),
            Value::Obj(5),
            Value::Closure(u32::MAX),
            Value::Handle(6),
            Value::Cell(7),
        ] {
            // SAFETY: the words follow `Value`'s layout, which this test checks.
            let back = unsafe { std::mem::transmute::<[u64; 2], Value>(value_words(v)) };
            assert_eq!(back, v);
        }
    }
}
