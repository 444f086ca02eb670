//! Weft's Cranelift JIT: native code for bytecode functions, on the VM's frames and gas.
//!
//! The JIT is a [`Tier`] of the bytecode VM. The VM offers it the top frame at function
//! entries and loop headers; the JIT runs that function's native code (compiling it first
//! when it is hot enough), and when native code cannot go on — gas would run out, a value
//! has a type native code has no fast path for and the instruction needs the VM, a host
//! asks to yield, the script sleeps, an error is raised — it writes its registers back into
//! the VM's frame and returns, and the VM carries on at the same instruction. Native code
//! is therefore never part of a suspended state, and a run gives the same result, output,
//! gas and stop point on either tier. See `codegen.rs` for what runs natively.
//!
//! **Architecture Invariant:** this crate builds on `weft_bytecode` (its instruction
//! format, frame layout and VM); the VM never depends on it.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use weft_bytecode::{Outcome, RunConfig, TestHost};
//! let registry = weft_ir::Registry::standard();
//! let ir = weft_ir::parse_and_validate(r#"["std.seq", ["std.let", "i", 0], ["std.let", "t", 0],
//!   ["std.while", ["bool.lt", ["std.var", "i"], 1000], ["std.seq",
//!     ["std.set", "t", ["math.add", ["std.var", "t"], ["std.var", "i"]]],
//!     ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
//!   ["std.var", "t"]]"#, registry).map_err(|e| format!("{e:?}"))?;
//! let program = weft_bytecode::compile(&ir, registry).map_err(|e| format!("{e:?}"))?;
//! let mut jit = weft_jit::Jit::new(weft_jit::Mode::Eager);
//! let outcome = jit.run(&program, &RunConfig::default(), &mut TestHost::default());
//! let Outcome::Finished { value, .. } = outcome else { panic!("{outcome:?}") };
//! assert_eq!(value, serde_json::json!(499500));
//! assert!(jit.report().native_instructions > 0);
//! # Ok(())
//! # }
//! ```

mod cache;
mod codegen;
mod rt;
mod types;

use std::panic::{AssertUnwindSafe, catch_unwind};

use cranelift_codegen::ir::types::{I32, I64};
use cranelift_codegen::ir::{AbiParam, Signature, UserFuncName};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{FuncId, Linkage, Module, default_libcall_names};
use weft_bytecode::{
    Exit, Host, Limits, Offer, Outcome, Program, RunConfig, SuspendedState, Tier, Vm,
};
use weft_runtime::RuntimeError;

use rt::NativeFn;

/// When functions are compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Every function the VM offers is compiled at once.
    Eager,
    /// A function is compiled once it has been offered this many times (calls plus loop
    /// iterations); until then the VM interprets it.
    Auto { threshold: u32 },
}

impl Mode {
    /// The default for `--backend auto`.
    pub const AUTO: Mode = Mode::Auto { threshold: 64 };
}

/// Functions larger than this stay interpreted (compile time grows with size).
pub const MAX_NATIVE_OPS: usize = 20_000;

/// Where one function stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FuncState {
    /// Not offered often enough to compile yet (`Mode::Auto`), or never offered.
    Cold,
    /// At least one of its entries is compiled: the one the VM enters (compiled when the
    /// VM offers the function) or the direct one (compiled when native code first calls
    /// it).
    Compiled,
    /// Compilation was refused or failed; the VM runs it.
    NotCompiled(String),
    /// The script's top level, which has no loops, so runs once per run: `Mode::Eager`
    /// leaves it to the VM on the program's first run and compiles it from the second.
    Once,
}

/// Whether compiled code calls a function directly, native to native, with no VM frame
/// (see `docs/jit.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectState {
    /// Not compiled (yet).
    NotCompiled,
    /// It has a direct entry.
    Available,
    /// It has none, for this reason (an instruction only the VM runs, for instance).
    Unavailable(String),
    /// It had one, but gave up to the VM this often, and is now reached through the VM.
    Dropped { give_ups: u32 },
}

/// Per-function report for `weft run --stats`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuncReport {
    pub name: String,
    pub state: FuncState,
    pub direct: DirectState,
    /// Whether the entry the VM enters at calls and loop headers is compiled. A function
    /// with a direct entry may do without: the VM calls that one (through a trampoline)
    /// where a call enters the function.
    pub vm_entry: bool,
    /// How many times the VM offered it (entries and loop back-edges).
    pub offers: u64,
    /// How many times the types its native code relies on did not hold where the VM
    /// entered it (see `docs/jit.md`); at [`MAX_ENTRY_CHECK_FAILS`] it is compiled again
    /// without relying on them.
    pub entry_checks_failed: u32,
}

/// What the JIT did over the runs it served.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub funcs: Vec<FuncReport>,
    /// Instructions executed while native code was in control (including the ones it ran
    /// through the VM's instruction code), out of all instructions of those runs.
    pub native_instructions: u64,
    pub total_instructions: u64,
}

struct FuncSlot {
    state: FuncState,
    /// The entry from the VM, once the VM has offered the function.
    code: Option<NativeFn>,
    /// The direct entry (see `codegen.rs`), while the function may be called directly.
    direct: Option<*const u8>,
    /// Whether the direct entry was compiled (or its compilation tried).
    direct_tried: bool,
    /// How many times the VM entry's type checks failed where the VM entered it; from
    /// [`MAX_ENTRY_CHECK_FAILS`] on, the VM entry is compiled without relying on them.
    guard_fails: u32,
    /// How many times a direct call chain gave up in this function.
    deopts: u32,
    offers: u64,
}

/// After this many give-ups a function is no longer called directly (its callers then
/// reach it through the VM's call code).
const MAX_DEOPTS: u32 = 8;

/// After this many failed type checks at its entries, a function's VM entry is compiled
/// again without relying on types there (see `types.rs`).
pub const MAX_ENTRY_CHECK_FAILS: u32 = 8;

/// The compiled code of one program and the Cranelift module that owns it.
pub(crate) struct Compiled {
    mode: Mode,
    /// Off only to measure what gas checks cost (see [`Jit::without_gas_checks`]).
    gas_checks: bool,
    program: Option<Program>,
    funcs: Vec<FuncSlot>,
    module: Option<Backend>,
    native_instructions: u64,
    total_instructions: u64,
    /// See [`rt::JitCtx::scratch`]: room for the largest frame of the program.
    scratch: Vec<weft_runtime::Value>,
    /// The program's inline caches (see `cache.rs`).
    caches: Option<cache::Caches>,
}

struct Backend {
    module: JITModule,
    helpers: [FuncId; 8],
    /// By parameter count, see [`Backend::trampoline`].
    trampolines: [Option<codegen::TrampolineFn>; codegen::MAX_DIRECT_PARAMS as usize + 1],
    ctx: cranelift_codegen::Context,
    fctx: FunctionBuilderContext,
}

/// A JIT for one program at a time; its compiled code is kept across runs of that program
/// (a different program resets it).
pub struct Jit {
    compiled: Compiled,
}

impl std::fmt::Debug for Jit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jit")
            .field("mode", &self.compiled.mode)
            .field("report", &self.report())
            .finish()
    }
}

impl Jit {
    pub fn new(mode: Mode) -> Jit {
        Jit {
            compiled: Compiled {
                mode,
                gas_checks: true,
                program: None,
                funcs: Vec::new(),
                module: None,
                native_instructions: 0,
                total_instructions: 0,
                scratch: Vec::new(),
                caches: None,
            },
        }
    }

    /// A JIT whose native code charges gas but never checks it against the limit: a
    /// measurement aid, to see what the checks cost. Runs must have no gas limit
    /// (`Limits::gas == u64::MAX`); native code refuses to run otherwise (error E5001).
    pub fn without_gas_checks(mut self) -> Jit {
        self.compiled.release();
        self.compiled.program = None;
        self.compiled.gas_checks = false;
        self
    }

    /// Runs `program` from the start, as [`weft_bytecode::run`] does, with this JIT.
    pub fn run(&mut self, program: &Program, config: &RunConfig, host: &mut dyn Host) -> Outcome {
        self.compiled.prepare(program);
        let outcome = weft_bytecode::run_with(program, config, host, Some(&mut self.compiled));
        self.compiled.count_run(&outcome, 0);
        outcome
    }

    /// Continues a suspended run, as [`weft_bytecode::resume`] does, with this JIT.
    pub fn resume(
        &mut self,
        state: SuspendedState,
        limits: &Limits,
        host: &mut dyn Host,
    ) -> Outcome {
        self.compiled.prepare(&state.program);
        let before = state.vm.instructions;
        let outcome = weft_bytecode::resume_with(state, limits, host, Some(&mut self.compiled));
        self.compiled.count_run(&outcome, before);
        outcome
    }

    /// What was compiled, what was not and why, and how much ran natively.
    pub fn report(&self) -> Report {
        let c = &self.compiled;
        let names = c.program.as_ref().map(|p| &p.funcs);
        Report {
            funcs: c
                .funcs
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let func = names.and_then(|n| n.get(i));
                    FuncReport {
                        name: func.map_or_else(|| format!("#{i}"), |func| func.name.clone()),
                        state: f.state.clone(),
                        // Why a function has no direct entry by construction follows from its
                        // code.
                        direct: match (
                            &f.state,
                            func.and_then(|func| codegen::direct_callable(func).err()),
                            f.direct,
                        ) {
                            (FuncState::Compiled, Some(why), _) => DirectState::Unavailable(why),
                            (FuncState::Compiled, None, Some(_)) => DirectState::Available,
                            (FuncState::Compiled, None, None) if f.direct_tried => {
                                DirectState::Dropped { give_ups: f.deopts }
                            }
                            _ => DirectState::NotCompiled,
                        },
                        vm_entry: f.code.is_some(),
                        offers: f.offers,
                        entry_checks_failed: f.guard_fails,
                    }
                })
                .collect(),
            native_instructions: c.native_instructions,
            total_instructions: c.total_instructions,
        }
    }
}

impl Compiled {
    /// Keeps the compiled code when `program` is the one it was compiled for.
    fn prepare(&mut self, program: &Program) {
        if self.program.as_ref() == Some(program) {
            // A new run has a new heap.
            if let Some(c) = &mut self.caches {
                c.new_code_epoch();
            }
            return;
        }
        self.release();
        self.caches = Some(cache::Caches::new(&program.funcs));
        self.program = Some(program.clone());
        self.funcs = program
            .funcs
            .iter()
            .map(|_| FuncSlot {
                state: FuncState::Cold,
                code: None,
                direct: None,
                direct_tried: false,
                guard_fails: 0,
                deopts: 0,
                offers: 0,
            })
            .collect();
        let frame = program
            .funcs
            .iter()
            .map(|f| f.slots as usize + f.max_stack as usize)
            .max()
            .unwrap_or(0);
        self.scratch = vec![weft_runtime::Value::Null; frame];
    }

    /// Frees the native code.
    fn release(&mut self) {
        if let Some(b) = self.module.take() {
            // SAFETY: native code only runs inside `Jit::run`/`resume`, which borrow the
            // JIT mutably, so none is running here or can run once the memory is freed.
            unsafe { b.module.free_memory() };
        }
    }

    fn count_run(&mut self, outcome: &Outcome, before: u64) {
        let stats = match outcome {
            Outcome::Finished { stats, .. }
            | Outcome::Suspended { stats, .. }
            | Outcome::Failed { stats, .. } => stats,
        };
        self.total_instructions += stats.instructions.saturating_sub(before);
    }

    /// Counts an offer of function `func` by the VM and says whether native code may run
    /// it: it is compiled, or due to be.
    pub(crate) fn offered(&mut self, prog: &Program, func: u32) -> bool {
        let mode = self.mode;
        let Some(slot) = self.funcs.get_mut(func as usize) else {
            return false;
        };
        slot.offers += 1;
        if slot.code.is_some() || slot.direct.is_some() {
            return true;
        }
        match (&slot.state, mode) {
            (FuncState::NotCompiled(_), _) => false,
            (FuncState::Cold | FuncState::Once, Mode::Auto { threshold }) => {
                slot.offers >= u64::from(threshold)
            }
            // The script's top level without loops runs once per run: compiling it pays
            // only when the program runs again.
            (FuncState::Cold, Mode::Eager)
                if func == 0
                    && slot.offers == 1
                    && prog.funcs.first().is_some_and(|f| !codegen::has_loop(f)) =>
            {
                slot.state = FuncState::Once;
                false
            }
            _ => true,
        }
    }

    /// The native entry for function `func` (which [`Compiled::offered`] said is due),
    /// compiling it if it is not yet.
    pub(crate) fn entry_for(&mut self, prog: &Program, func: u32) -> Option<NativeFn> {
        let slot = self.funcs.get_mut(func as usize)?;
        if slot.code.is_some() || matches!(slot.state, FuncState::NotCompiled(_)) {
            return slot.code;
        }
        let guarded = slot.guard_fails < MAX_ENTRY_CHECK_FAILS;
        let result = self.compile(prog, func, false, guarded);
        let slot = self.funcs.get_mut(func as usize)?;
        match result {
            Ok(code) => {
                // SAFETY: built with the `NativeFn` signature in the platform's default
                // calling convention, which is `extern "C"`.
                let code = unsafe { std::mem::transmute::<*const u8, NativeFn>(code) };
                slot.code = Some(code);
                slot.state = FuncState::Compiled;
            }
            Err(why) => slot.state = FuncState::NotCompiled(why),
        }
        slot.code
    }

    /// The direct entry of function `func` for `argc` arguments, compiling it if it is not
    /// yet (it is called from native code, so it is hot).
    pub(crate) fn direct_for(&mut self, prog: &Program, func: u32, argc: u32) -> Option<*const u8> {
        let f = prog.funcs.get(func as usize)?;
        let slot = self.funcs.get_mut(func as usize)?;
        if !slot.direct_tried && !matches!(slot.state, FuncState::NotCompiled(_)) {
            slot.direct_tried = true;
            if codegen::direct_callable(f).is_ok() {
                let result = self.compile(prog, func, true, true);
                let slot = self.funcs.get_mut(func as usize)?;
                match result {
                    Ok(entry) => {
                        slot.direct = Some(entry);
                        slot.state = FuncState::Compiled;
                    }
                    Err(why) => slot.state = FuncState::NotCompiled(why),
                }
            }
        }
        let slot = self.funcs.get(func as usize)?;
        slot.direct.filter(|_| f.params == argc)
    }

    /// For a frame a call has just pushed: the direct entry of its function and the
    /// trampoline to call it with, when it has one (compiled now if it is not yet) and a
    /// chain of direct calls may start (no safe point is due, as at a native call site).
    fn direct_from_vm(&mut self, vm: &Vm<'_>, func: u32, why: Offer) -> Option<rt::DirectCall> {
        if why != Offer::Call || vm.safe_point_needed() {
            return None;
        }
        let weft_runtime::Value::Closure(closure) = vm.s.frames.last()?.closure else {
            return None;
        };
        let params = vm.prog.funcs.get(func as usize)?.params;
        let entry = self.direct_for(vm.prog, func, params)?;
        let backend = self.module.as_mut()?;
        let trampoline = catch_unwind(AssertUnwindSafe(|| backend.trampoline(params)));
        let trampoline = trampoline.ok()?.ok()?;
        Some(rt::DirectCall {
            entry,
            trampoline,
            closure,
        })
    }

    /// The VM entry of `func` found types other than its code relies on where the VM
    /// entered it; past [`MAX_ENTRY_CHECK_FAILS`] it is compiled again without relying on them.
    pub(crate) fn note_guard_failure(&mut self, func: u32) {
        if let Some(slot) = self.funcs.get_mut(func as usize) {
            slot.guard_fails += 1;
            // Once: code still running further up the native stack may fail again.
            if slot.guard_fails == MAX_ENTRY_CHECK_FAILS {
                // The old code stays in the module (freed with it); nothing refers to a
                // VM entry but this slot.
                slot.code = None;
            }
        }
    }

    /// A direct call chain gave up in `func`; past [`MAX_DEOPTS`] it is no longer called
    /// directly.
    pub(crate) fn note_deopt(&mut self, func: u32) {
        if let Some(slot) = self.funcs.get_mut(func as usize) {
            slot.deopts += 1;
            if slot.deopts >= MAX_DEOPTS && slot.direct.take().is_some() {
                // Call sites may hold the entry.
                if let Some(c) = &mut self.caches {
                    c.new_code_epoch();
                }
            }
        }
    }

    /// Compiles one entry of function `func`: the one the VM enters, or with `direct` the
    /// direct one. Returns the code's address.
    fn compile(
        &mut self,
        prog: &Program,
        func: u32,
        direct: bool,
        guarded: bool,
    ) -> Result<*const u8, String> {
        let f = prog
            .funcs
            .get(func as usize)
            .ok_or_else(|| "no such function".to_string())?;
        if f.code.len() > MAX_NATIVE_OPS {
            return Err(format!(
                "too large ({} instructions; the limit is {MAX_NATIVE_OPS})",
                f.code.len()
            ));
        }
        let depths = weft_bytecode::verify::stack_depths(prog, f)?;
        if self.module.is_none() {
            self.module = Some(Backend::new()?);
        }
        let backend = self.module.as_mut().ok_or("no code generator")?;
        let caches = self.caches.as_ref().ok_or("no inline caches")?;
        let cache = codegen::CacheAddrs {
            code_epoch: caches.word(cache::CODE_EPOCH) as i64,
            cell_epoch: caches.word(cache::CELL_EPOCH) as i64,
            sites: caches.sites_of(func) as i64,
            gas_checks: self.gas_checks,
        };
        catch_unwind(AssertUnwindSafe(|| {
            backend.compile(f, func, &depths, direct, guarded, cache)
        }))
        .unwrap_or_else(|_| Err("the code generator failed".into()))
    }
}

impl Backend {
    fn new() -> Result<Backend, String> {
        let mut flags = settings::builder();
        let set = |flags: &mut settings::Builder, k: &str, v: &str| {
            flags
                .set(k, v)
                .map_err(|e| format!("cranelift setting {k}: {e}"))
        };
        set(&mut flags, "use_colocated_libcalls", "false")?;
        set(&mut flags, "is_pic", "false")?;
        set(&mut flags, "opt_level", "speed")?;
        // Native code keeps the run's context in the pinned register (see `Gen::ctx`).
        set(&mut flags, "enable_pinned_reg", "true")?;
        // The IR verifier costs compile time; debug builds (and so the tests) keep it.
        let verify = if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        };
        set(&mut flags, "enable_verifier", verify)?;
        let isa = cranelift_native::builder()
            .map_err(|e| format!("this machine is not supported: {e}"))?
            .finish(settings::Flags::new(flags))
            .map_err(|e| format!("cranelift: {e}"))?;
        let mut jb = JITBuilder::with_isa(isa, default_libcall_names());
        jb.symbol("weft_jit_step", rt::jit_step as *const u8);
        jb.symbol("weft_jit_sync", rt::jit_sync as *const u8);
        jb.symbol("weft_jit_truthy", rt::jit_truthy as *const u8);
        jb.symbol("weft_jit_backedge", rt::jit_backedge as *const u8);
        jb.symbol("weft_jit_callee", rt::jit_callee as *const u8);
        jb.symbol("weft_jit_load_cap", rt::jit_load_cap as *const u8);
        jb.symbol("weft_jit_deopt", rt::jit_deopt as *const u8);
        jb.symbol("weft_jit_materialize", rt::jit_materialize as *const u8);
        let mut module = JITModule::new(jb);
        let cc = module.isa().default_call_conv();
        let sig = |params: &[cranelift_codegen::ir::Type], ret: bool| {
            let mut s = Signature::new(cc);
            s.params.extend(params.iter().map(|t| AbiParam::new(*t)));
            if ret {
                s.returns.push(AbiParam::new(I64));
            }
            s
        };
        let mut declare = |name: &str, s: Signature| {
            module
                .declare_function(name, Linkage::Import, &s)
                .map_err(|e| format!("cranelift: {e}"))
        };
        let helpers = [
            declare("weft_jit_step", sig(&[I64], true))?,
            declare("weft_jit_sync", sig(&[I64], false))?,
            declare("weft_jit_truthy", sig(&[I64, I64, I64, I32], true))?,
            declare("weft_jit_backedge", sig(&[I64], true))?,
            declare("weft_jit_callee", sig(&[I64, I64, I32, I64], true))?,
            declare("weft_jit_load_cap", sig(&[I64, I64, I32, I64], true))?,
            declare("weft_jit_deopt", sig(&[I64, I32, I64, I32, I32], false))?,
            declare("weft_jit_materialize", sig(&[I64], true))?,
        ];
        let ctx = module.make_context();
        Ok(Backend {
            module,
            helpers,
            trampolines: [None; codegen::MAX_DIRECT_PARAMS as usize + 1],
            ctx,
            fctx: FunctionBuilderContext::new(),
        })
    }

    /// Compiles `f` (function number `index`): its entry from the VM, or with `direct`
    /// its direct entry; `guarded` as for `types::Facts::of`. Returns the code's address.
    #[allow(clippy::too_many_arguments)]
    fn compile(
        &mut self,
        f: &weft_bytecode::program::Func,
        index: u32,
        depths: &[Option<u32>],
        direct: bool,
        guarded: bool,
        cache: codegen::CacheAddrs,
    ) -> Result<*const u8, String> {
        let sig = if direct {
            codegen::direct_signature(f.params)
        } else {
            let mut sig = self.module.make_signature();
            sig.params.push(AbiParam::new(I64));
            sig.params.push(AbiParam::new(I32));
            sig.returns.push(AbiParam::new(I64));
            sig
        };
        let id = self.begin(sig)?;
        {
            let b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            let [
                step,
                sync,
                truthy,
                backedge,
                callee,
                load_cap,
                deopt,
                materialize,
            ] = self.helpers;
            let mut import = |id| self.module.declare_func_in_func(id, b.func);
            let helpers = codegen::Helpers {
                step: import(step),
                sync: import(sync),
                truthy: import(truthy),
                backedge: import(backedge),
                callee: import(callee),
                load_cap: import(load_cap),
                deopt: import(deopt),
                materialize: import(materialize),
                this: import(id),
            };
            let mode = if direct {
                codegen::Kind::Direct { index }
            } else {
                codegen::Kind::Vm
            };
            codegen::Gen::new(b, f, depths, helpers, mode, cache, guarded)
                .build(self.module.target_config());
            codegen::merge_straight_blocks(&mut self.ctx.func);
        }
        let entry = if direct { "direct entry" } else { "VM entry" };
        self.define(id, &format!("{} ({entry})", f.name))
    }

    /// The trampoline through which Rust calls direct entries taking `params` parameters
    /// (see [`codegen::build_trampoline`]), built when first needed.
    fn trampoline(&mut self, params: u32) -> Result<codegen::TrampolineFn, String> {
        let slot = self
            .trampolines
            .get(params as usize)
            .ok_or("too many parameters for a trampoline")?;
        if let Some(t) = slot {
            return Ok(*t);
        }
        let mut sig = self.module.make_signature();
        sig.params.extend([AbiParam::new(I64); 3]);
        sig.returns.push(AbiParam::new(I64));
        let id = self.begin(sig)?;
        codegen::build_trampoline(
            FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx),
            params,
            self.module.target_config(),
        );
        let addr = self.define(id, &format!("trampoline for {params} parameters"))?;
        // SAFETY: built with `TrampolineFn`'s signature in the platform's default calling
        // convention, which is `extern "C"`.
        let t = unsafe { std::mem::transmute::<*const u8, codegen::TrampolineFn>(addr) };
        self.trampolines[params as usize] = Some(t);
        Ok(t)
    }

    /// Declares a new function with signature `sig` and makes `self.ctx` ready to build it.
    fn begin(&mut self, sig: Signature) -> Result<FuncId, String> {
        let id = self
            .module
            .declare_anonymous_function(&sig)
            .map_err(|e| format!("cranelift: {e}"))?;
        self.module.clear_context(&mut self.ctx);
        self.ctx.func.signature = sig;
        self.ctx.func.name = UserFuncName::user(0, id.as_u32());
        Ok(id)
    }

    /// Compiles the function built in `self.ctx` as `id` and returns its address (with
    /// `WEFT_JIT_DUMP` set, printing its code under the heading `what`).
    fn define(&mut self, id: FuncId, what: &str) -> Result<*const u8, String> {
        let err = |e: cranelift_module::ModuleError| format!("cranelift: {e}");
        let dump = std::env::var_os("WEFT_JIT_DUMP").is_some();
        self.ctx.set_disasm(dump);
        self.module
            .define_function(id, &mut self.ctx)
            .map_err(|e| format!("cranelift: {e:?}"))?;
        let size = self
            .ctx
            .compiled_code()
            .map_or(0, |c| c.code_buffer().len());
        if dump && let Some(code) = self.ctx.compiled_code() {
            eprintln!("; {what}");
            eprintln!("{}", code.vcode.as_deref().unwrap_or(""));
        }
        self.module.clear_context(&mut self.ctx);
        self.module.finalize_definitions().map_err(err)?;
        let addr = self.module.get_finalized_function(id);
        if dump {
            // SAFETY: Cranelift just finalized `size` bytes of code at `addr`, which stay
            // mapped until the module is freed.
            let bytes = unsafe { std::slice::from_raw_parts(addr, size) };
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            eprintln!("; at {addr:p}, {size} bytes: {hex}");
        }
        Ok(addr)
    }
}

impl Drop for Compiled {
    fn drop(&mut self) {
        self.release();
    }
}

impl Tier for Compiled {
    fn offer(
        &mut self,
        vm: &mut Vm<'_>,
        stop: usize,
        why: Offer,
    ) -> Result<Option<Exit>, RuntimeError> {
        let Some((func, pc)) = vm.s.frames.last().map(|f| (f.func, f.pc)) else {
            return Ok(None);
        };
        if !self.gas_checks && vm.limits.gas != u64::MAX {
            return Err(weft_runtime::diagnostics::internal(
                "native code without gas checks needs a run without a gas limit",
            ));
        }
        if !self.offered(vm.prog, func) {
            return Ok(None);
        }
        let before = vm.s.instructions;
        let r = if let Some(call) = self.direct_from_vm(vm, func, why) {
            rt::run_direct(vm, self, call, stop)
        } else if let Some(code) = self.entry_for(vm.prog, func) {
            rt::run_native(vm, self, code, pc, stop)
        } else {
            return Ok(None);
        };
        self.native_instructions += vm.s.instructions.saturating_sub(before);
        r
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    /// Calls a `Vm` entry as Rust code does, with a marker in the pinned register (`r15`,
    /// callee-saved in the C convention), and returns the status and what `r15` holds
    /// after the call.
    unsafe fn call_marked(f: NativeFn, pc: u32, marker: u64) -> (u64, u64) {
        let (status, r15): (u64, u64);
        // SAFETY: `f` follows the C convention (`NativeFn`); the caller passes a pc that
        // makes it return without reading the context.
        unsafe {
            std::arch::asm!(
                "call {f}",
                f = in(reg) f as usize,
                in("rdi") 0usize,
                in("esi") pc,
                inout("r15") marker => r15,
                lateout("rax") status,
                clobber_abi("C"),
            );
        }
        (status, r15)
    }

    #[test]
    fn a_vm_entry_gives_its_caller_the_pinned_register_back() {
        let registry = weft_ir::Registry::standard();
        let ir = weft_ir::parse_and_validate(r#"["math.add", 1, 2]"#, registry).expect("valid");
        let program = weft_bytecode::compile(&ir, registry).expect("compiles");
        let mut jit = Jit::new(Mode::Eager);
        // The first run leaves a top level without loops to the VM; the second compiles it.
        for _ in 0..2 {
            let outcome = jit.run(
                &program,
                &RunConfig::default(),
                &mut weft_bytecode::TestHost::default(),
            );
            assert!(matches!(outcome, Outcome::Finished { .. }), "{outcome:?}");
        }
        let entry = jit.compiled.funcs[0].code.expect("main was compiled");
        let marker = 0x5eed_f00d_cafe_b0b0;
        // Not an entry pc: the entry returns at once, before it reads the context.
        let (status, r15) = unsafe { call_marked(entry, u32::MAX, marker) };
        assert_eq!(status, rt::HANDBACK);
        assert_eq!(r15, marker);
    }
}
