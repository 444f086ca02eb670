//! Translates one bytecode function to Cranelift IR.
//!
//! The function's locals and operand stack become Cranelift variables (two 64-bit words
//! per value, exactly a [`Value`]'s bytes), so straight-line arithmetic stays in registers.
//! The operand stack height at every pc is static (the verifier's), which is what makes
//! that possible. Per instruction:
//!
//! - Constants, loads, stores, pops, jumps, string constants: native.
//! - `Gas`: native, from a register holding the gas left. When a group does not fit, native
//!   code writes back and hands the run to the VM at that `Gas`, which charges node by node
//!   and stops at the exact node.
//! - Conditional jumps: native for null, booleans and integers, a helper for other values.
//! - `Binary`: native for two ints (with overflow checks) and two floats where the result
//!   is the same IEEE operation; anything else runs the VM's own instruction.
//! - Backward jumps call the back-edge safe point (garbage collection, host yield).
//! - Everything else writes back and runs the VM's own code for that one instruction
//!   ([`jit_step`](crate::rt::jit_step)), then reloads and carries on at the pc it reports.
//!
//! Gas and the instruction count are kept exactly as the VM keeps them, so both tiers
//! agree on gas used and stop points.

use cranelift_codegen::ir::condcodes::{CondCode, FloatCC, IntCC};
use cranelift_codegen::ir::types::{F64, I8, I32, I64};
use cranelift_codegen::ir::{
    self, AbiParam, Block, FuncRef, InstBuilder, MemFlagsData, SigRef, Signature,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, Switch, Variable};
use weft_bytecode::Op;
use weft_bytecode::program::{BinOp, Func};
use weft_runtime::{Truth, Value};

use crate::rt::{CHAIN, DEOPT, GUARD, HANDBACK, JitCtx, LEFT, SAME, SUSPEND, truth_code};
use crate::types::{Facts, Range, Tag, exact, has_float_path, may_call_itself};

pub(crate) const TAG_NULL: i64 = 0;
pub(crate) const TAG_BOOL: i64 = 1;
pub(crate) const TAG_INT: i64 = 2;
pub(crate) const TAG_FLOAT: i64 = 3;
const TAG_CLOSURE: i64 = 7;

/// The bytes of a closure value's first word that say which closure it is: the tag and
/// the heap index (the bytes between them are padding).
const CLOSURE_WORD_MASK: i64 = 0xffff_ffff_0000_00ff_u64 as i64;

/// Direct entries take at most this many parameters (two registers each).
pub(crate) const MAX_DIRECT_PARAMS: u32 = 8;

/// The helpers native code calls, as imported into the function being built.
pub(crate) struct Helpers {
    pub step: FuncRef,
    pub sync: FuncRef,
    pub truthy: FuncRef,
    pub backedge: FuncRef,
    pub callee: FuncRef,
    pub load_cap: FuncRef,
    pub deopt: FuncRef,
    pub materialize: FuncRef,
    /// The function being built (in a direct entry, its own direct entry).
    pub this: FuncRef,
}

/// Addresses of the program's inline cache words (see `cache.rs`) for the function being
/// built.
#[derive(Clone, Copy)]
pub(crate) struct CacheAddrs {
    pub code_epoch: i64,
    pub cell_epoch: i64,
    /// The function's first site.
    pub sites: i64,
    /// False only to measure what gas checks cost (`Jit::without_gas_checks`).
    pub gas_checks: bool,
}

/// Which entry of a function is being built.
///
/// - `Vm`: entered from the VM (or from the VM's call code) on a frame the VM pushed;
///   `(ctx, entry pc) -> status`. It writes back and returns whenever it stops.
/// - `Direct`: called straight from native code with no VM frame at all;
///   see [`direct_signature`]; gas, the instruction count and the direct-frame budget
///   travel in registers.
///   Its callers' frames exist only in their registers too, so when it needs the VM (a
///   type guard fails, gas runs short, a safe point is due, an instruction only the VM
///   runs) it saves itself with `jit_deopt` and returns [`DEOPT`]; each caller does the
///   same at its call, up to the `Vm` entry that made the first direct call, which writes
///   back and has the saved frames pushed as VM frames (`jit_materialize`). The VM then
///   carries on exactly where the innermost one stopped. Only functions whose every
///   instruction native code handles have a direct entry ([`direct_callable`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Vm,
    Direct { index: u32 },
}

/// The calling convention of direct entries: Cranelift's `tail`, which passes the
/// counters and the result back in registers (the platform's C convention has two return
/// registers).
pub(crate) const DIRECT_CC: CallConv = CallConv::Tail;

/// The signature of a direct entry for `params` parameters:
/// `(gas left, instructions, arguments as word pairs, closure, direct frames left)
/// -> (status, gas left, instructions, result word 0, result word 1)`. The closure word
/// is the closure's heap index, with a capture operand plus one above bit 32 when the
/// caller knows that capture holds the closure itself (see [`Gen::load_cap`]). The counters and
/// the result mean something only when the status is [`LEFT`]. The context is in the
/// pinned register ([`Gen::ctx`]). The arguments come early so that a one-parameter
/// function gets all of its parameters in registers.
pub(crate) fn direct_signature(params: u32) -> Signature {
    let mut sig = Signature::new(DIRECT_CC);
    for _ in 0..4 + 2 * params {
        sig.params.push(AbiParam::new(I64));
    }
    for _ in 0..5 {
        sig.returns.push(AbiParam::new(I64));
    }
    sig
}

/// How many words a trampoline's `io` buffer needs for direct entries taking `params`
/// parameters (see [`build_trampoline`]).
pub(crate) const fn trampoline_words(params: u32) -> usize {
    4 + 2 * params as usize
}

/// The signature of a trampoline: `(ctx, entry, io) -> status`, in the platform's C
/// convention.
pub(crate) type TrampolineFn = unsafe extern "C" fn(*mut JitCtx, *const u8, *mut u64) -> u64;

/// Merges every block that only a jump leads to into the block that jumps there, after
/// the code generator built the function. The code generator ends a block at every
/// bytecode jump target and around every guard and call, and adds up the counters where
/// each block ends (see [`Gen::sync_counters`]); Cranelift's optimiser works within a
/// block, so it can fold the additions of a chain of blocks only once they are one.
pub(crate) fn merge_straight_blocks(func: &mut ir::Function) {
    let blocks: Vec<Block> = func.layout.blocks().collect();
    let mut preds = std::collections::HashMap::<Block, u32>::new();
    for &b in &blocks {
        if let Some(last) = func.layout.last_inst(b) {
            let dfg = &func.dfg;
            for call in dfg.insts[last].branch_destination(&dfg.jump_tables, &dfg.exception_tables)
            {
                *preds.entry(call.block(&dfg.value_lists)).or_default() += 1;
            }
        }
    }
    let entry = func.layout.entry_block();
    for &b in &blocks {
        if !func.layout.is_block_inserted(b) {
            continue;
        }
        while let Some(last) = func.layout.last_inst(b) {
            if func.dfg.insts[last].opcode() != ir::Opcode::Jump {
                break;
            }
            let dfg = &func.dfg;
            let call =
                dfg.insts[last].branch_destination(&dfg.jump_tables, &dfg.exception_tables)[0];
            let next = call.block(&dfg.value_lists);
            if next == b || Some(next) == entry || preds.get(&next) != Some(&1) {
                break;
            }
            let args: Vec<ir::Value> = call
                .args(&dfg.value_lists)
                .map(|a| match a {
                    ir::BlockArg::Value(v) => v,
                    _ => unreachable!("a jump passes plain values"),
                })
                .collect();
            let params = func.dfg.detach_block_params(next);
            let params = params.as_slice(&func.dfg.value_lists).to_vec();
            for (p, a) in params.into_iter().zip(args) {
                func.dfg.change_to_alias(p, a);
            }
            func.layout.remove_inst(last);
            while let Some(inst) = func.layout.first_inst(next) {
                func.layout.remove_inst(inst);
                func.layout.append_inst(inst, b);
            }
            func.layout.remove_block(next);
        }
    }
}

/// Builds the trampoline through which the VM's side calls a direct entry taking `params`
/// parameters ([`TrampolineFn`]; `b` has that signature with the platform's default
/// convention). `io` holds the direct entry's arguments in [`direct_signature`]'s order,
/// one word each: gas left, instructions, the parameters' word pairs, the closure, the
/// direct frames left. The trampoline puts the context in the pinned register (and gives
/// the caller its value back), calls `entry`, writes what it returned after the status
/// (gas left, instructions, result words) to `io[0..4]` and returns the status.
pub(crate) fn build_trampoline(
    mut b: FunctionBuilder<'_>,
    params: u32,
    target: cranelift_codegen::isa::TargetFrontendConfig,
) {
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let [ctx, callee, io] = b.block_params(entry).try_into().expect("three parameters");
    let saved = b.ins().get_pinned_reg(I64);
    b.ins().set_pinned_reg(ctx);
    let args: Vec<ir::Value> = (0..trampoline_words(params))
        .map(|i| b.ins().load(I64, flags(), io, 8 * i as i32))
        .collect();
    let sig = b.import_signature(direct_signature(params));
    let call = b.ins().call_indirect(sig, callee, &args);
    let rets = b.inst_results(call).to_vec();
    for (i, &r) in rets[1..].iter().enumerate() {
        b.ins().store(flags(), r, io, 8 * i as i32);
    }
    b.ins().set_pinned_reg(saved);
    b.ins().return_(&[rets[0]]);
    b.seal_all_blocks();
    b.finalize(target);
}

/// Whether `func` can have a direct entry, or why not.
pub(crate) fn direct_callable(func: &Func) -> Result<(), String> {
    if func.uses_args {
        return Err("reads its arguments as a list".into());
    }
    if !func.boxed_params.is_empty() {
        return Err("captures a parameter".into());
    }
    if func.params > MAX_DIRECT_PARAMS {
        return Err(format!("more than {MAX_DIRECT_PARAMS} parameters"));
    }
    match func.code.iter().enumerate().find(|(_, op)| {
        !is_native(func, **op)
            && !matches!(
                op,
                Op::Call(_) | Op::Return | Op::LoadCap(_) | Op::LoadChain(_)
            )
    }) {
        Some((pc, op)) => Err(format!("uses {op:?} (pc {pc}), which only the VM runs")),
        None => Ok(()),
    }
}

/// Byte offsets of the context fields native code uses.
struct Off;
impl Off {
    const LOCALS: i32 = std::mem::offset_of!(JitCtx, locals) as i32;
    const STACK: i32 = std::mem::offset_of!(JitCtx, stack) as i32;
    const STRINGS: i32 = std::mem::offset_of!(JitCtx, strings) as i32;
    const GAS: i32 = std::mem::offset_of!(JitCtx, gas_used) as i32;
    const LIMIT: i32 = std::mem::offset_of!(JitCtx, gas_limit) as i32;
    const INSTR: i32 = std::mem::offset_of!(JitCtx, instructions) as i32;
    const PC: i32 = std::mem::offset_of!(JitCtx, pc) as i32;
    const HEIGHT: i32 = std::mem::offset_of!(JitCtx, height) as i32;
    const SAFE_POINT: i32 = std::mem::offset_of!(JitCtx, safe_point) as i32;
    const DIRECT_LEFT: i32 = std::mem::offset_of!(JitCtx, direct_left) as i32;
    const SCRATCH: i32 = std::mem::offset_of!(JitCtx, scratch) as i32;
}

const VALUE_SIZE: i32 = std::mem::size_of::<Value>() as i32;

/// Pcs where native code may be entered: the function's start and every loop header.
pub(crate) fn entries(func: &Func) -> Vec<u32> {
    let mut out = vec![0];
    for (pc, op) in func.code.iter().enumerate() {
        if let Op::Jump(t) = *op
            && t as usize <= pc
            && !out.contains(&t)
        {
            out.push(t);
        }
    }
    out
}

/// What instruction `op` at `pc` does to control flow, for native code.
pub(crate) fn successors(op: Op, pc: u32) -> Vec<u32> {
    match op {
        Op::Jump(t) => vec![t],
        Op::JumpIfNot(t) | Op::JumpNotNull(t) | Op::ForNext(t) => vec![pc + 1, t],
        Op::JumpKeep { target, .. } => vec![pc + 1, target],
        Op::Return | Op::Sleep | Op::Unbound(_) | Op::NotImpl(_) => vec![],
        _ => vec![pc + 1],
    }
}

/// Whether `func` has a backward jump (a loop).
pub(crate) fn has_loop(func: &Func) -> bool {
    (0..)
        .zip(&func.code)
        .any(|(pc, &op)| successors(op, pc).iter().any(|&s| s <= pc))
}

/// Whether native code does `op` itself (else it runs the VM's instruction).
fn is_native(func: &Func, op: Op) -> bool {
    if let Op::Scope(sc) = op {
        // Nulling plain slots; a scope that makes cells allocates, which is the VM's.
        return func
            .scopes
            .get(sc as usize)
            .is_some_and(|s| s.boxed.is_empty());
    }
    matches!(
        op,
        Op::Nop
            | Op::Null
            | Op::True
            | Op::False
            | Op::Int(_)
            | Op::Float(_)
            | Op::Str(_)
            | Op::Pop
            | Op::Load(_)
            | Op::Store(_)
            | Op::Jump(_)
            | Op::JumpIfNot(_)
            | Op::JumpKeep { .. }
            | Op::JumpNotNull(_)
            | Op::Gas(_)
            | Op::Binary { .. }
    )
}

/// Whether `op`'s code may fall through into the next instruction's code without a jump
/// (calls continue in a block of their own; in a direct entry, so do captured loads).
fn falls_through(func: &Func, op: Op, kind: Kind) -> bool {
    match op {
        Op::Call(_) => true,
        Op::LoadCap(_) | Op::LoadChain(_) => kind != Kind::Vm,
        Op::Jump(_) | Op::JumpIfNot(_) | Op::JumpKeep { .. } | Op::JumpNotNull(_) => false,
        _ => is_native(func, op),
    }
}

pub(crate) struct Gen<'a, 'b> {
    pub b: FunctionBuilder<'b>,
    pub func: &'a Func,
    pub depth: &'a [Option<u32>],
    pub helpers: Helpers,
    kind: Kind,
    /// In a direct entry: the closure it was called with (its heap index).
    closure: Option<ir::Value>,
    /// In a direct entry of a function that may call itself: the capture operand plus one
    /// its caller said holds the closure itself, or 0 (see [`direct_signature`]).
    hint: Option<ir::Value>,
    /// Imported direct-entry signatures by argument count.
    sigs: Vec<(u32, SigRef)>,
    /// What is known about types before each instruction (see `types.rs`).
    facts: Facts,
    /// Where the VM may enter ([`entries`]).
    entry_pcs: Vec<u32>,
    /// How many places control can come to each pc from: the instructions before it that
    /// lead there, plus one where the VM may enter.
    preds: Vec<u32>,
    cache: CacheAddrs,
    /// Each instruction's cache words, as an offset in words from `cache.sites`.
    site_of: Vec<Option<u32>>,
    avail: Variable,
    /// The instruction count, as of the last time it was set; the current path has
    /// counted `lag` more since (see [`Gen::count`]).
    instr: Variable,
    lag: i64,
    /// Gas charged on the current path since `avail` was last set, in the same way.
    spent: i64,
    /// In a `Vm` entry, whether a safe point could do something (`JitCtx::safe_point`):
    /// all ones if so, else zero. It changes only when the VM's state is brought up to
    /// date for native code, after which native code reloads it. Kept in a register, a
    /// loop's back-edge tests it without a load.
    safe: Variable,
    /// In a `Vm` entry: what the pinned register held when the entry was called (the
    /// caller's, restored on every return; see [`Gen::ctx`]).
    saved_pin: Option<ir::Value>,
    /// Where blocks start, and which of those are joins (see [`Gen::build`]).
    leaders: Vec<bool>,
    /// In a `Vm` entry with gas checks: the block starts a backward jump leads to.
    loop_heads: Vec<bool>,
    joins: Vec<bool>,
    /// In a direct entry: the function's leaf paths ([`Gen::leaf_region`]), which a
    /// self-call runs inline.
    leaf: Option<Vec<bool>>,
    /// Whether the function's first self-call has its copy of the whole frame.
    framed: bool,
    /// In a direct entry that makes calls: its check, where it starts, that enough direct
    /// frames may nest below it for every call its code makes, the copy's included (see
    /// [`Gen::direct_entry`]). Its bound is set once the code is built.
    nest_check: Option<ir::Inst>,
    /// The frame being built: the function's own, or while a copy is built, the copy's
    /// ([`Gen::enter_copy`]).
    frame: Frame,
}

/// What a frame being built keeps, which a copy of the function built inline replaces
/// with its own while it is built ([`Gen::enter_copy`], [`Gen::leave_copy`]).
struct Frame {
    blocks: Vec<Option<Block>>,
    locals: Vec<(Variable, Variable)>,
    stack: Vec<(Variable, Variable)>,
    /// The tag of each operand stack value where it is known statically, from `facts`
    /// before each instruction.
    known: Vec<Option<i64>>,
    /// Where each operand stack value lies if it is an integer, from `facts` before the
    /// current instruction.
    ranges: Vec<Range>,
    /// The tags of the locals before the current instruction, from `facts`.
    local_tags: Vec<Tag>,
    /// Gas checked ahead by an earlier group of the current straight line (or of the one
    /// whose branch alone leads here) and not yet charged (see `gas_run`).
    prepaid: u64,
    /// For each pc that starts a block reached only from the branch ending an earlier
    /// straight line: what that line left prepaid (see `gas_run`).
    entry_prepaid: Vec<u64>,
    /// For a loop head whose first instruction charges gas: the block after its check,
    /// and the gas checked there, where the loop's back-edges check for themselves
    /// (see [`Gen::back_edge`]).
    after_check: Vec<Option<(Block, u64)>>,
    /// In a direct entry: captured values already read on the current straight line, by
    /// capture operand (`LoadCap`'s, or `LoadChain`'s with [`CHAIN`]), as word pairs.
    caps: Vec<(u32, ir::Value, ir::Value)>,
    /// In a copy: how many entries at the start of `caps` it took over from its caller
    /// (see [`Gen::enter_copy`]); they hold on every path of the copy.
    caps_base: usize,
    /// In a direct entry: how many more direct frames may nest below this one.
    left: Option<ir::Value>,
    /// While a copy of the function is being built inline at one of its self-calls
    /// ([`Gen::inline_self_call`], [`Gen::inline_frame`]).
    inline: Option<Inline>,
    /// For each operand stack value read by `LoadCap` or `LoadChain` on the current
    /// straight line: its capture operand (as in `caps`).
    from_cap: Vec<Option<u32>>,
    /// In a copy of the whole frame: the capture operand its caller called it through,
    /// which therefore holds the closure being built on every path of the copy (see
    /// [`Gen::inline_frame`]).
    me_cap: Option<u32>,
}

/// A copy of the function being built inline at one of its self-calls.
#[derive(Clone, Copy)]
struct Inline {
    /// Where a `Return` of the copy goes, with (gas left, instructions, result words).
    done: Block,
    /// What the copy does where it cannot go on.
    short: Short,
}

#[derive(Clone, Copy)]
enum Short {
    /// A copy of the leaf paths goes back to the counters as the call found them (`avail`
    /// is the gas left then) and makes the real call at `bail`, which runs it all again.
    Retry { bail: Block, avail: ir::Value },
    /// A copy of the whole frame gives up as the real callee would: it saves its frame
    /// and goes to `gave_up`, where the caller saves itself at the call.
    GiveUp { gave_up: Block },
}

/// What a direct call calls ([`Gen::direct_call`]).
#[derive(Clone, Copy)]
enum Callee {
    /// The function being built, as its own closure.
    Itself,
    /// The direct entry at `entry` of closure `id`, which takes `argc` arguments.
    Entry {
        entry: ir::Value,
        id: ir::Value,
        argc: u32,
    },
}

/// At most this many instructions of a function are copied whole into its first
/// self-call (see [`Gen::inline_frame`]).
const MAX_FRAME_OPS: usize = 64;

/// At most this many instructions of a function are copied to each of its self-calls.
const MAX_LEAF_OPS: usize = 32;

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl<'a, 'b> Gen<'a, 'b> {
    pub fn new(
        mut b: FunctionBuilder<'b>,
        func: &'a Func,
        depth: &'a [Option<u32>],
        helpers: Helpers,
        kind: Kind,
        cache: CacheAddrs,
        guarded: bool,
    ) -> Gen<'a, 'b> {
        let pair = |b: &mut FunctionBuilder<'b>| (b.declare_var(I64), b.declare_var(I64));
        let locals = (0..func.slots).map(|_| pair(&mut b)).collect();
        let stack = (0..func.max_stack).map(|_| pair(&mut b)).collect();
        let avail = b.declare_var(I64);
        let safe = b.declare_var(I64);
        let instr = b.declare_var(I64);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let direct = matches!(kind, Kind::Direct { .. });
        let saved_pin = (!direct).then(|| {
            let ctx = b.block_params(entry)[0];
            let saved = b.ins().get_pinned_reg(I64);
            b.ins().set_pinned_reg(ctx);
            saved
        });
        let entry_pcs = entries(func);
        let facts = Facts::of(func, depth, &entry_pcs, direct, guarded && !direct);
        Gen {
            b,
            func,
            depth,
            helpers,
            kind,
            closure: None,
            hint: None,
            sigs: Vec::new(),
            facts,
            entry_pcs,
            preds: Vec::new(),
            cache,
            site_of: crate::cache::sites(func).0,
            avail,
            safe,
            instr,
            lag: 0,
            spent: 0,
            saved_pin,
            leaders: Vec::new(),
            loop_heads: Vec::new(),
            joins: Vec::new(),
            leaf: None,
            framed: false,
            nest_check: None,
            frame: Frame {
                blocks: Vec::new(),
                locals,
                stack,
                known: vec![None; func.max_stack as usize + 1],
                ranges: vec![Range::FULL; func.max_stack as usize + 1],
                local_tags: vec![None; func.slots as usize],
                prepaid: 0,
                entry_prepaid: vec![0; func.code.len()],
                after_check: vec![None; func.code.len()],
                caps: Vec::new(),
                caps_base: 0,
                left: None,
                inline: None,
                from_cap: vec![None; func.max_stack as usize + 1],
                me_cap: None,
            },
        }
    }

    /// Builds the whole function.
    pub fn build(mut self, target: cranelift_codegen::isa::TargetFrontendConfig) {
        let code = &self.func.code;
        let n = code.len();
        // Blocks start at entries and jump targets, and after instructions whose code does
        // not fall through. A *join* is where control arrives other than from the
        // instruction before: an entry, a jump target, or an instruction that no live one
        // before it continues into.
        let mut leader = vec![false; n];
        let mut targeted = vec![false; n];
        let mut continued = vec![false; n];
        let mut preds = vec![0u32; n];
        let entry_pcs = self.entry_pcs.clone();
        for &e in &entry_pcs {
            leader[e as usize] = true;
            targeted[e as usize] = true;
            preds[e as usize] += 1;
        }
        for (pc, &op) in code.iter().enumerate() {
            for s in successors(op, pc as u32) {
                let s = s as usize;
                if s >= n {
                    continue;
                }
                if self.depth[pc].is_some() {
                    preds[s] += 1;
                }
                if s != pc + 1 {
                    leader[s] = true;
                    targeted[s] = true;
                } else {
                    continued[s] |= self.depth[pc].is_some();
                    leader[s] |= !falls_through(self.func, op, self.kind);
                }
            }
        }
        self.frame.blocks = (0..n)
            .map(|pc| (leader[pc] && self.depth[pc].is_some()).then(|| self.b.create_block()))
            .collect();
        self.joins = (0..n).map(|pc| targeted[pc] || !continued[pc]).collect();
        self.loop_heads = vec![false; n];
        if self.kind == Kind::Vm && self.cache.gas_checks {
            for (pc, &op) in code.iter().enumerate() {
                if let Op::Jump(t) = op
                    && (t as usize) <= pc
                    && self.depth[pc].is_some()
                    && self.frame.blocks[t as usize].is_some()
                {
                    self.loop_heads[t as usize] = true;
                }
            }
        }
        self.leaders = leader;
        self.preds = preds;

        match self.kind {
            Kind::Vm => self.vm_entry(&entry_pcs),
            Kind::Direct { .. } => {
                self.leaf = self.leaf_region();
                self.direct_entry();
            }
        }

        if self.emit(None) {
            // Falling off the end cannot happen in verified code; hand back if it does.
            self.exit_handback(n as u32, 0);
        }
        if let Some(check) = self.nest_check {
            // The copy of the whole frame counts as a frame: its calls nest one deeper.
            let left = self
                .frame
                .left
                .expect("a direct entry has its frame budget");
            let levels = 1 + i64::from(self.framed);
            self.b
                .func
                .replace(check)
                .icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, left, levels);
        }
        self.b.seal_all_blocks();
        if cfg!(debug_assertions) && self.kind == Kind::Vm {
            self.assert_returns_restore_the_pinned_register();
        }
        self.b.finalize(target);
    }

    /// Builds the code of every instruction, or with `region` of the instructions in it
    /// (a copy of the leaf paths: see [`Gen::inline_self_call`]). Returns whether the last
    /// one falls off the end.
    fn emit(&mut self, region: Option<&[bool]>) -> bool {
        let code = &self.func.code;
        let mut open = false;
        let mut fused = false;
        for (pc, &op) in code.iter().enumerate() {
            if let (Some(bail), Some(region)) = (self.retry_bail(), region)
                && !region[pc]
            {
                // Beyond the leaf paths: the real call.
                if open {
                    self.jump(bail, &[]);
                }
                open = false;
                continue;
            }
            let Some(h) = self.depth[pc] else {
                open = false;
                continue;
            };
            if let Some(block) = self.frame.blocks[pc] {
                if open {
                    self.jump(block, &[]);
                }
                self.switch_to(block);
                self.frame.known.fill(None);
                self.frame.from_cap.fill(None);
                self.frame.prepaid = self.frame.entry_prepaid[pc];
                if self.joins[pc] {
                    self.frame.caps.truncate(self.frame.caps_base);
                }
                open = true;
            }
            if std::mem::take(&mut fused) || !open {
                continue;
            }
            self.learn(pc, h);
            debug_assert!(region.is_none() || self.inlinable(pc as u32, op));
            if let Some(t) = self.fusable(pc as u32) {
                let Op::Binary { kind, .. } = op else {
                    unreachable!("only comparisons fuse")
                };
                self.binary(pc as u32, op, kind, h, Some(t));
                self.pass_prepaid(pc as u32);
                fused = true;
                open = false;
                continue;
            }
            self.op(pc as u32, op, h);
            self.pass_prepaid(pc as u32);
            open = falls_through(self.func, op, self.kind);
        }
        open
    }

    /// While a copy of the leaf paths is being built: where it makes the real call.
    fn retry_bail(&self) -> Option<Block> {
        match self.frame.inline?.short {
            Short::Retry { bail, .. } => Some(bail),
            Short::GiveUp { .. } => None,
        }
    }

    /// Whether a copy of the leaf paths runs `op` (at `pc`) itself: an instruction native
    /// code runs without the VM, the context's state or a backward jump, or a `Return`.
    fn inlinable(&self, pc: u32, op: Op) -> bool {
        op == Op::Return
            || (is_native(self.func, op)
                && successors(op, pc)
                    .iter()
                    .all(|&s| s > pc && (s as usize) < self.func.code.len()))
    }

    /// A direct entry's *leaf paths*: the instructions from which a `Return` can be
    /// reached from the function's start through [`Gen::inlinable`] ones alone, when the
    /// start is one of them and there are at most [`MAX_LEAF_OPS`]. fib's are its test
    /// and its base case.
    fn leaf_region(&self) -> Option<Vec<bool>> {
        let code = &self.func.code;
        let n = code.len();
        let mut reached = vec![false; n];
        let mut todo = vec![0u32];
        while let Some(pc) = todo.pop() {
            let i = pc as usize;
            if i < n && !reached[i] && self.depth[i].is_some() && self.inlinable(pc, code[i]) {
                reached[i] = true;
                todo.extend(successors(code[i], pc));
            }
        }
        // Every successor of an inlinable instruction lies ahead of it.
        let mut region = vec![false; n];
        for pc in (0..n).rev() {
            region[pc] = reached[pc]
                && (code[pc] == Op::Return
                    || successors(code[pc], pc as u32)
                        .iter()
                        .any(|&s| region[s as usize]));
        }
        let size = region.iter().filter(|&&r| r).count();
        (region[0] && size <= MAX_LEAF_OPS).then_some(region)
    }

    /// A direct entry calling itself with `args` (the caller's stack from `at + 1`): a copy
    /// of the function's leaf paths ([`Gen::leaf_region`]) runs first, on a frame of its
    /// own in registers. Where it returns, the result goes to `done` as a callee's would,
    /// and no call is made. Where it stops short (a path that calls, a guard or a gas
    /// check that fails), it goes back to the counters as they were and makes the real
    /// call in `go`, which runs those instructions again: they changed
    /// nothing but the copy's own frame and the counters. So the VM's gas, instruction
    /// count and stop points are kept exactly.
    fn inline_self_call(&mut self, at: u32, h: u32, go: Block, done: Block) {
        let Some(region) = self.leaf.clone() else {
            self.jump(go, &[]);
            return;
        };
        let (avail, instr) = (self.avail_now(), self.instr_now());
        let bail = self.cold_block();
        // Jumps out of the leaf paths go to the real call.
        let blocks: Vec<Option<Block>> = (0..region.len())
            .map(|pc| match (region[pc], self.leaders[pc]) {
                (true, true) => Some(self.b.create_block()),
                (true, false) => None,
                (false, _) => Some(bail),
            })
            .collect();
        let short = Short::Retry { bail, avail };
        let outer = self.enter_copy(at, h, blocks, Inline { done, short }, self.frame.left);
        let open = self.emit(Some(&region));
        debug_assert!(
            !open,
            "a leaf path ends in a jump, a return or the real call"
        );
        self.leave_copy(outer);
        self.switch_to(bail);
        self.set_avail(avail);
        self.set_instr(instr);
        self.jump(go, &[]);
    }

    /// A direct entry calling itself with `args` (the caller's stack from `at + 1`), with
    /// `left` direct frames allowed below the caller: unless this is already a copy, the
    /// function is short enough ([`MAX_FRAME_OPS`]) and this is its first self-call, a
    /// copy of the whole function runs here instead of the call, on a frame of its own in
    /// registers. It counts as a direct frame, so its own calls may nest one level less.
    /// Where it returns, the result goes to `done` as the callee's would. Where it gives
    /// up, it saves its frame as the callee would and goes to `gave_up`, where the caller
    /// saves itself at the call: the VM gets both frames, as after a real call. Returns
    /// whether it built the copy.
    fn inline_frame(
        &mut self,
        at: u32,
        h: u32,
        left: ir::Value,
        done: Block,
        gave_up: Block,
    ) -> bool {
        let starts = self.frame.blocks.first().copied().flatten().is_some();
        if self.frame.inline.is_some()
            || self.framed
            || self.func.code.len() > MAX_FRAME_OPS
            || !starts
        {
            return false;
        }
        self.framed = true;
        let below = self.b.ins().iadd_imm_s(left, -1);
        let blocks: Vec<Option<Block>> = (0..self.func.code.len())
            .map(|pc| (self.leaders[pc] && self.depth[pc].is_some()).then(|| self.b.create_block()))
            .collect();
        let short = Short::GiveUp { gave_up };
        let me = self.frame.from_cap[at as usize];
        let outer = self.enter_copy(at, h, blocks, Inline { done, short }, Some(below));
        self.frame.me_cap = me;
        if self.emit(None) {
            // As in `build`: falling off the end cannot happen in verified code.
            let n = self.func.code.len() as u32;
            self.deopt(n, 0, true);
        }
        self.leave_copy(outer);
        true
    }

    /// Starts building a copy of the function at a self-call with the caller's stack from
    /// `at + 1` to `h` as its arguments: counts the call (as on the way to the real call),
    /// gives the copy a frame of its own (parameters, then null, as the VM's call code
    /// sets them), its `blocks`, `inline` and `left`, and jumps to its start. Returns what
    /// [`Gen::leave_copy`] puts back.
    ///
    /// The captured values the caller read on its current straight line hold on every path
    /// of the copy: the copy is the same closure, and nothing in a chain of direct calls
    /// writes a captured variable.
    fn enter_copy(
        &mut self,
        at: u32,
        h: u32,
        blocks: Vec<Option<Block>>,
        inline: Inline,
        left: Option<ir::Value>,
    ) -> Frame {
        let args: Vec<_> = (at + 1..h).map(|i| self.slot(i)).collect();
        self.count();
        let locals = (0..self.func.slots as usize)
            .map(|j| {
                let (va, vb) = (self.b.declare_var(I64), self.b.declare_var(I64));
                let (a, b) = match args.get(j) {
                    Some(&arg) => arg,
                    None => {
                        let null = self.b.ins().iconst(I64, TAG_NULL);
                        (null, null)
                    }
                };
                self.b.def_var(va, a);
                self.b.def_var(vb, b);
                (va, vb)
            })
            .collect();
        let stack = (0..self.func.max_stack)
            .map(|_| (self.b.declare_var(I64), self.b.declare_var(I64)))
            .collect();
        let start = blocks[0].expect("a copy starts where the function does");
        let copy = Frame {
            blocks,
            locals,
            stack,
            known: self.frame.known.clone(),
            ranges: self.frame.ranges.clone(),
            local_tags: self.frame.local_tags.clone(),
            prepaid: 0,
            entry_prepaid: vec![0; self.func.code.len()],
            after_check: vec![None; self.func.code.len()],
            caps: self.frame.caps.clone(),
            caps_base: self.frame.caps.len(),
            left,
            inline: Some(inline),
            from_cap: vec![None; self.frame.known.len()],
            me_cap: None,
        };
        let outer = std::mem::replace(&mut self.frame, copy);
        self.jump(start, &[]);
        outer
    }

    /// Puts back what [`Gen::enter_copy`] replaced.
    fn leave_copy(&mut self, outer: Frame) {
        self.frame = outer;
    }

    /// Every return of a `Vm` entry must give its Rust caller the pinned register back
    /// ([`Gen::vm_return`]): a bare `return` would leave the context where the caller keeps
    /// a value of its own.
    fn assert_returns_restore_the_pinned_register(&self) {
        let func = &self.b.func;
        for block in func.layout.blocks() {
            let Some(last) = func.layout.last_inst(block) else {
                continue;
            };
            if func.dfg.insts[last].opcode() == ir::Opcode::Return {
                let before = func
                    .layout
                    .prev_inst(last)
                    .map(|i| func.dfg.insts[i].opcode());
                assert_eq!(
                    before,
                    Some(ir::Opcode::SetPinnedReg),
                    "a VM entry returns without restoring the pinned register"
                );
            }
        }
    }

    /// Takes what is known before the instruction at `pc` (with `h` operands).
    fn learn(&mut self, pc: usize, h: u32) {
        let h = h as usize;
        match self.facts.at.get(pc).cloned().flatten() {
            Some(st) => {
                self.frame.known[..h].copy_from_slice(&st.stack[..h]);
                self.frame.ranges[..h].copy_from_slice(&st.ranges[..h]);
                self.frame.local_tags = st.locals;
            }
            None => {
                self.frame.known[..h].fill(None);
                self.frame.ranges[..h].fill(Range::FULL);
                self.frame.local_tags.fill(None);
            }
        }
    }

    /// The first word of a value whose tag is `tag`, when that word is the tag alone (an
    /// integer, a float, null): a constant, so the variable holding it need not stay live.
    fn tag_word(&mut self, tag: Tag) -> Option<ir::Value> {
        match tag {
            Some(t @ (TAG_INT | TAG_FLOAT | TAG_NULL)) => Some(self.b.ins().iconst(I64, t)),
            _ => None,
        }
    }

    /// The first word of local `j`.
    fn local_w0(&mut self, j: usize) -> ir::Value {
        let tag = self.frame.local_tags.get(j).copied().flatten();
        match self.tag_word(tag) {
            Some(w0) => w0,
            None => self.b.use_var(self.frame.locals[j].0),
        }
    }

    /// At a VM entry with `guarded` facts: returns [`GUARD`] unless every local and
    /// operand known at `pc` has its known tag, and each known integer its range.
    fn guard_entry(&mut self, pc: u32, h: u32) {
        let Some(st) = self.facts.at.get(pc as usize).cloned().flatten() else {
            return;
        };
        let mut checks = Vec::new();
        let locals = st
            .locals
            .iter()
            .zip(&st.local_ranges)
            .zip(&self.frame.locals);
        let stack = st.stack.iter().zip(&st.ranges).zip(&self.frame.stack);
        for ((tag, range), vars) in locals.chain(stack.take(h as usize)) {
            if let Some(t) = tag {
                checks.push((*vars, *t, *range));
            }
        }
        for ((v0, v1), t, range) in checks {
            let w0 = self.b.use_var(v0);
            let ok = self.tag_is(w0, t);
            self.guard(ok);
            if t == TAG_INT && range != Range::FULL {
                // lo <= v <= hi as one unsigned compare: v - lo <= hi - lo.
                let v = self.b.use_var(v1);
                let off = self.b.ins().iadd_imm_s(v, range.lo.wrapping_neg());
                let span = range.hi.wrapping_sub(range.lo);
                let ok = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::UnsignedLessThanOrEqual, off, span);
                self.guard(ok);
            }
        }
    }

    /// Carries on where `ok` holds, else returns [`GUARD`] (an entry check failed).
    fn guard(&mut self, ok: ir::Value) {
        let (pass, fail) = (self.b.create_block(), self.cold_block());
        self.brif(ok, pass, &[], fail, &[]);
        self.switch_to(fail);
        let st = self.b.ins().iconst(I64, GUARD as i64);
        self.vm_return(st);
        self.switch_to(pass);
    }

    /// The entry from the VM: a switch on the entry pc that reloads the frame's state
    /// there, or returns at once for a pc that is not an entry.
    fn vm_entry(&mut self, entry_pcs: &[u32]) {
        let entry_pc = self
            .b
            .block_params(self.b.current_block().expect("entry block"))[1];
        let mut switch = Switch::new();
        let otherwise = self.b.create_block();
        let mut landing = Vec::new();
        for &e in entry_pcs {
            if let (Some(h), Some(target)) = (self.depth[e as usize], self.frame.blocks[e as usize])
            {
                let land = self.b.create_block();
                switch.set_entry(u128::from(e), land);
                landing.push((land, e, h, target));
            }
        }
        self.sync_counters();
        switch.emit(&mut self.b, entry_pc, otherwise);
        self.switch_to(otherwise);
        let st = self.b.ins().iconst(I64, HANDBACK as i64);
        self.vm_return(st);
        for (land, e, h, target) in landing {
            self.switch_to(land);
            self.reload(h);
            if self.facts.guarded {
                self.guard_entry(e, h);
            }
            self.jump(target, &[]);
        }
    }

    /// The direct entry: parameters from the arguments, other slots null (as the VM's
    /// call code sets them), counters from the caller's registers.
    fn direct_entry(&mut self) {
        let params = self
            .b
            .block_params(self.b.current_block().expect("entry block"))
            .to_vec();
        let n = params.len();
        self.set_avail(params[0]);
        self.set_instr(params[1]);
        let closure = params[n - 2];
        let index = self.b.ins().ireduce(I32, closure);
        self.closure = Some(self.b.ins().uextend(I64, index));
        // Only a function that calls itself is ever told anything (see `Gen::load_cap`).
        self.hint = may_call_itself(self.func).then(|| self.b.ins().ushr_imm_s(closure, 32));
        self.frame.left = Some(params[n - 1]);
        for j in 0..self.frame.locals.len() {
            let (a, b) = match (params.get(2 + 2 * j), params.get(3 + 2 * j)) {
                (Some(&a), Some(&b)) if (j as u32) < self.func.params => (a, b),
                _ => {
                    let null = self.b.ins().iconst(I64, TAG_NULL);
                    (null, null)
                }
            };
            let (va, vb) = self.frame.locals[j];
            self.b.def_var(va, a);
            self.b.def_var(vb, b);
        }
        let Some(start) = self.frame.blocks.first().copied().flatten() else {
            self.deopt(0, 0, true);
            return;
        };
        if !self.func.code.iter().any(|op| matches!(op, Op::Call(_))) {
            self.jump(start, &[]);
            return;
        }
        // One check here instead of one at every call: with fewer direct frames allowed
        // below this one than its calls nest (two with the copy of the whole frame), it
        // gives up before its first instruction, and the VM makes the calls. Giving up
        // there is always exact: nothing has run.
        let left = params[n - 1];
        let enough = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, left, 1);
        self.nest_check = Some(self.b.func.dfg.value_def(enough).unwrap_inst());
        let short = self.cold_block();
        self.brif(enough, start, &[], short, &[]);
        self.switch_to(short);
        self.deopt(0, 0, true);
    }

    /// Loads gas and the instruction count from the context into their registers. Native
    /// code keeps the gas left, not the limit (read from the context where needed, so it
    /// does not take a register).
    fn load_counters(&mut self) {
        let ctx = self.ctx();
        let used = self.b.ins().load(I64, flags(), ctx, Off::GAS);
        let limit = self.b.ins().load(I64, flags(), ctx, Off::LIMIT);
        let avail = self.b.ins().isub(limit, used);
        self.set_avail(avail);
        let instr = self.b.ins().load(I64, flags(), ctx, Off::INSTR);
        self.set_instr(instr);
    }

    /// In a `Vm` entry, loads the safe point flag (see [`Gen::safe`]).
    fn load_safe(&mut self) {
        if self.kind == Kind::Vm {
            let ctx = self.ctx();
            let safe = self.b.ins().load(I64, flags(), ctx, Off::SAFE_POINT);
            let mask = self.b.ins().ineg(safe);
            self.b.def_var(self.safe, mask);
        }
    }

    /// Stores gas and the instruction count from their registers into the context.
    fn store_counters(&mut self) {
        let avail = self.avail_now();
        let ctx = self.ctx();
        let limit = self.b.ins().load(I64, flags(), ctx, Off::LIMIT);
        let used = self.b.ins().isub(limit, avail);
        self.b.ins().store(flags(), used, ctx, Off::GAS);
        let instr = self.instr_now();
        self.b.ins().store(flags(), instr, ctx, Off::INSTR);
    }

    /// Gas group `g`'s total; an impossible total (no such group, or beyond what a
    /// register holds) never fits.
    fn group_total(&self, g: u32) -> u64 {
        self.func
            .gas
            .get(g as usize)
            .map_or(u64::MAX, |g| g.total)
            .min(i64::MAX as u64)
    }

    /// The gas of every group from the `Gas` at `pc` to the end of its straight line
    /// (the next jump target, or an instruction that does not fall through). One check
    /// for all of it is as good as one per group: when it fails, native code hands back at
    /// the first group and the VM charges node by node from there. Each group is still
    /// charged where it stands, so the counter is exact wherever it is observed.
    ///
    /// When the line ends in a branch, the check also covers the longest of the lines the
    /// branch leads to that nothing else leads to ([`Gen::ahead_of`]): they start with
    /// what this line left prepaid ([`Gen::pass_prepaid`]), so most paths through a
    /// function, or a loop's body, need one check. Checking for more than the path taken
    /// needs only hands back sooner, where the VM then charges node by node.
    fn gas_run(&self, pc: u32) -> u64 {
        let (line, end) = self.gas_line(pc);
        let ahead = end.map_or(0, |p| {
            self.ahead_of(p)
                .into_iter()
                .map(|s| self.gas_line(s).0)
                .max()
                .unwrap_or(0)
        });
        line.saturating_add(ahead).min(i64::MAX as u64)
    }

    /// The gas of the straight line from `pc` (see [`Gen::gas_run`]), and the pc of the
    /// instruction that ends it, when that ends it by branching.
    fn gas_line(&self, pc: u32) -> (u64, Option<u32>) {
        let code = &self.func.code;
        let mut total = 0u64;
        let mut p = pc as usize;
        while let Some(&op) = code.get(p) {
            if p != pc as usize && (self.frame.blocks[p].is_some() || self.depth[p].is_none()) {
                break;
            }
            if let Op::Gas(g) = op {
                total = total.saturating_add(self.group_total(g));
            }
            if !falls_through(self.func, op, self.kind) || self.fusable(p as u32).is_some() {
                return (total, Some(p as u32));
            }
            p += 1;
        }
        (total, None)
    }

    /// The pcs the branch at `pc` (a conditional jump native code makes, or a comparison
    /// fused with one) leads forward to that nothing else leads to, each the start of a
    /// block.
    fn ahead_of(&self, pc: u32) -> Vec<u32> {
        let code = &self.func.code;
        let (at, op) = match self.fusable(pc) {
            Some(_) => (pc + 1, code[pc as usize + 1]),
            None => (pc, code[pc as usize]),
        };
        if !matches!(
            op,
            Op::JumpIfNot(_) | Op::JumpKeep { .. } | Op::JumpNotNull(_)
        ) {
            return Vec::new();
        }
        successors(op, at)
            .into_iter()
            .filter(|&s| {
                let i = s as usize;
                s > at
                    && self.preds.get(i) == Some(&1)
                    && self.depth.get(i).copied().flatten().is_some()
                    && self.frame.blocks.get(i).copied().flatten().is_some()
            })
            .collect()
    }

    /// After the instruction at `pc`: when it is a branch, the blocks only it leads to
    /// start with what is left prepaid (see [`Gen::gas_run`]).
    fn pass_prepaid(&mut self, pc: u32) {
        for s in self.ahead_of(pc) {
            self.frame.entry_prepaid[s as usize] = self.frame.prepaid;
        }
    }

    /// Stops at `pc` (handing back, or giving up in a direct entry) unless `need` gas is
    /// left.
    fn check_gas(&mut self, need: u64, pc: u32, h: u32) {
        if !self.cache.gas_checks {
            return;
        }
        let avail = self.avail_now();
        let ok = if need >= i64::MAX as u64 {
            self.b.ins().iconst(I8, 0)
        } else {
            self.b
                .ins()
                .icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, avail, need as i64)
        };
        let (pay, short) = (self.b.create_block(), self.cold_block());
        self.brif(ok, pay, &[], short, &[]);
        self.switch_to(short);
        self.exit_handback(pc, h);
        self.switch_to(pay);
    }

    /// After the VM or a callee ran (and may have charged gas) in the middle of a
    /// straight line whose gas was checked ahead: check what is still owed, else stop at
    /// `pc`, the next instruction.
    fn recheck_gas(&mut self, pc: u32, h: u32) {
        if self.frame.prepaid > 0 {
            self.check_gas(self.frame.prepaid, pc, h);
        }
    }

    /// The `JumpIfNot` target when the comparison at `pc` can be fused with it: the next
    /// instruction is that jump, nothing else jumps to it, and both successors have code.
    fn fusable(&self, pc: u32) -> Option<u32> {
        let code = &self.func.code;
        let (Some(Op::Binary { kind, .. }), Some(&Op::JumpIfNot(t))) =
            (code.get(pc as usize), code.get(pc as usize + 1))
        else {
            return None;
        };
        let next = pc as usize + 1;
        let ok = kind.is_comparison()
            && self.frame.blocks[next].is_none()
            && self.depth[next].is_some()
            && self.frame.blocks.get(next + 1).copied().flatten().is_some()
            && self
                .frame
                .blocks
                .get(t as usize)
                .copied()
                .flatten()
                .is_some();
        ok.then_some(t)
    }

    /// A new block for a path taken rarely (an exit, a slow path, a cache miss), which
    /// Cranelift lays out after the hot code.
    fn cold_block(&mut self) -> Block {
        let block = self.b.create_block();
        self.b.set_cold_block(block);
        block
    }

    /// The run's context. Native code keeps it in Cranelift's pinned register, which no
    /// value is allocated to: it is never spilled, and direct entries need no argument for
    /// it. Rust code preserves the register across helper calls (it is callee-saved in the
    /// platform's convention); a `Vm` entry, called from Rust, sets it on entry and puts
    /// the caller's value back before it returns ([`Gen::vm_return`]).
    fn ctx(&mut self) -> ir::Value {
        self.b.ins().get_pinned_reg(I64)
    }

    /// Returns `status` from a `Vm` entry, giving the caller its pinned register back.
    fn vm_return(&mut self, status: ir::Value) {
        let saved = self
            .saved_pin
            .expect("only a VM entry returns a bare status");
        self.b.ins().set_pinned_reg(saved);
        self.return_with(&[status]);
    }

    fn block(&self, pc: u32) -> Block {
        self.frame.blocks[pc as usize].expect("a jump target has a block")
    }

    fn push(&mut self, h: u32, w0: ir::Value, w1: ir::Value) {
        self.frame.from_cap[h as usize] = None;
        let (a, b) = self.frame.stack[h as usize];
        self.b.def_var(a, w0);
        self.b.def_var(b, w1);
    }

    fn slot(&mut self, i: u32) -> (ir::Value, ir::Value) {
        let (a, b) = self.frame.stack[i as usize];
        (self.b.use_var(a), self.b.use_var(b))
    }

    fn push_const(&mut self, h: u32, tag: i64, payload: i64) {
        let w0 = self.b.ins().iconst(I64, tag);
        let w1 = self.b.ins().iconst(I64, payload);
        self.push(h, w0, w1);
    }

    /// Counts one more instruction run on the current path. No code is made here: the
    /// count is added to the register where it is read or where the block ends
    /// ([`Gen::instr_now`], [`Gen::sync_counters`]), once for a whole straight line.
    fn count(&mut self) {
        self.lag += 1;
    }

    /// The instruction count at this point of the current block.
    fn instr_now(&mut self) -> ir::Value {
        let i = self.b.use_var(self.instr);
        match self.lag {
            0 => i,
            lag => self.b.ins().iadd_imm_s(i, lag),
        }
    }

    /// Sets the instruction count at this point to `i`.
    fn set_instr(&mut self, i: ir::Value) {
        self.b.def_var(self.instr, i);
        self.lag = 0;
    }

    /// The gas left at this point of the current block.
    fn avail_now(&mut self) -> ir::Value {
        let a = self.b.use_var(self.avail);
        match self.spent {
            0 => a,
            spent => self.b.ins().iadd_imm_s(a, spent.wrapping_neg()),
        }
    }

    /// Sets the gas left at this point to `a`.
    fn set_avail(&mut self, a: ir::Value) {
        self.b.def_var(self.avail, a);
        self.spent = 0;
    }

    /// Brings the counters' registers up to date, as every block ends: a block reads the
    /// counters its predecessors left there.
    fn sync_counters(&mut self) {
        if self.lag != 0 {
            let i = self.instr_now();
            self.set_instr(i);
        }
        if self.spent != 0 {
            let a = self.avail_now();
            self.set_avail(a);
        }
    }

    /// Goes on building in `block`. Every block ends with the counters up to date (or
    /// returns), so none starts with instructions counted or gas charged and not yet added.
    fn switch_to(&mut self, block: Block) {
        debug_assert_eq!(
            (self.lag, self.spent),
            (0, 0),
            "a block ended without its counters"
        );
        self.b.switch_to_block(block);
    }

    /// Ends the current block with a jump to `to`.
    fn jump(&mut self, to: Block, args: &[ir::BlockArg]) {
        self.sync_counters();
        self.b.ins().jump(to, args);
    }

    /// Ends the current block with a branch on `c`.
    fn brif(
        &mut self,
        c: ir::Value,
        then: Block,
        then_args: &[ir::BlockArg],
        other: Block,
        other_args: &[ir::BlockArg],
    ) {
        self.sync_counters();
        self.b.ins().brif(c, then, then_args, other, other_args);
    }

    /// Ends the current block with a return of `vals` (which hold the counters, where
    /// the caller needs them): what the block counted goes nowhere else.
    fn return_with(&mut self, vals: &[ir::Value]) {
        self.b.ins().return_(vals);
        (self.lag, self.spent) = (0, 0);
    }

    /// Stores locals, the stack up to `h`, the counters, `pc` and `h` for the helpers.
    fn write_back(&mut self, pc: u32, h: u32) {
        self.write_frame(pc, h);
        self.store_counters();
    }

    /// Stores locals, the stack up to `h`, `pc` and `h` (not the counters).
    fn write_frame(&mut self, pc: u32, h: u32) {
        let ctx = self.ctx();
        let lp = self.b.ins().load(I64, flags(), ctx, Off::LOCALS);
        self.store_values(lp, h);
        let pcv = self.b.ins().iconst(I64, i64::from(pc));
        self.b.ins().store(flags(), pcv, ctx, Off::PC);
        let hv = self.b.ins().iconst(I64, i64::from(h));
        self.b.ins().store(flags(), hv, ctx, Off::HEIGHT);
    }

    /// Stores the locals at `lp` and the operands up to `h` after them, or with a `Vm`
    /// entry at the context's stack pointer.
    fn store_values(&mut self, lp: ir::Value, h: u32) {
        for j in 0..self.frame.locals.len() {
            let a = self.local_w0(j);
            let b = self.b.use_var(self.frame.locals[j].1);
            let off = j as i32 * VALUE_SIZE;
            self.b.ins().store(flags(), a, lp, off);
            self.b.ins().store(flags(), b, lp, off + 8);
        }
        let (sp, first) = match self.kind {
            Kind::Vm => {
                let ctx = self.ctx();
                (self.b.ins().load(I64, flags(), ctx, Off::STACK), 0)
            }
            Kind::Direct { .. } => (lp, self.frame.locals.len() as i32),
        };
        for i in 0..h {
            let (a, b) = self.slot(i);
            let off = (first + i as i32) * VALUE_SIZE;
            self.b.ins().store(flags(), a, sp, off);
            self.b.ins().store(flags(), b, sp, off + 8);
        }
    }

    /// In a direct entry, gives up at `pc` with `h` operands: saves this frame (and, for
    /// the frame that gives up first, the counters) and returns [`DEOPT`]. In a copy of
    /// the whole frame, saves it and goes on to the caller's give-up at the call; in a copy
    /// of the leaf paths, makes the real call instead.
    fn deopt(&mut self, pc: u32, h: u32, innermost: bool) {
        match self.frame.inline.map(|i| i.short) {
            Some(Short::Retry { bail, .. }) => {
                // A copy of the leaf paths stops short: the real call does it all.
                self.jump(bail, &[]);
            }
            Some(Short::GiveUp { gave_up }) => {
                // A copy of the whole frame: its caller saves itself next.
                self.save_frame(pc, h, innermost);
                self.jump(gave_up, &[]);
            }
            None => {
                self.save_frame(pc, h, innermost);
                let st = self.b.ins().iconst(I64, DEOPT as i64);
                let zero = self.b.ins().iconst(I64, 0);
                self.return_with(&[st, zero, zero, zero, zero]);
            }
        }
    }

    /// In a direct entry: saves this frame at `pc` with `h` operands (and, for the frame
    /// that gives up first, the counters) for the VM (`jit_deopt`).
    fn save_frame(&mut self, pc: u32, h: u32, innermost: bool) {
        let Kind::Direct { index } = self.kind else {
            unreachable!("only direct entries give up");
        };
        let ctx = self.ctx();
        let scratch = self.b.ins().load(I64, flags(), ctx, Off::SCRATCH);
        self.store_values(scratch, h);
        if innermost {
            self.store_counters();
        }
        let closure = self.closure.expect("a direct entry has its closure");
        let func = self.b.ins().iconst(I32, i64::from(index));
        let pcv = self.b.ins().iconst(I32, i64::from(pc));
        let hv = self.b.ins().iconst(I32, i64::from(h));
        let ctx = self.ctx();
        self.b
            .ins()
            .call(self.helpers.deopt, &[ctx, func, closure, pcv, hv]);
    }

    /// Loads locals, the stack up to `h`, the counters and the safe point flag from the
    /// VM, as it is when the VM's state was brought up to date for native code.
    fn reload(&mut self, h: u32) {
        self.reload_frame(h);
        self.load_safe();
    }

    /// [`Gen::reload`] but for the safe point flag.
    fn reload_frame(&mut self, h: u32) {
        let ctx = self.ctx();
        let lp = self.b.ins().load(I64, flags(), ctx, Off::LOCALS);
        for j in 0..self.frame.locals.len() {
            let off = j as i32 * VALUE_SIZE;
            let a = self.b.ins().load(I64, flags(), lp, off);
            let b = self.b.ins().load(I64, flags(), lp, off + 8);
            let (va, vb) = self.frame.locals[j];
            self.b.def_var(va, a);
            self.b.def_var(vb, b);
        }
        let sp = self.b.ins().load(I64, flags(), ctx, Off::STACK);
        for i in 0..h {
            let off = i as i32 * VALUE_SIZE;
            let a = self.b.ins().load(I64, flags(), sp, off);
            let b = self.b.ins().load(I64, flags(), sp, off + 8);
            self.push(i, a, b);
        }
        self.load_counters();
    }

    /// Writes back and returns `status` after bringing the VM up to date.
    fn exit_with(&mut self, pc: u32, h: u32, status: u64) {
        self.write_back(pc, h);
        let ctx = self.ctx();
        self.b.ins().call(self.helpers.sync, &[ctx]);
        let st = self.b.ins().iconst(I64, status as i64);
        self.vm_return(st);
    }

    /// Stops at `pc`: a hand-back to the VM, or in a direct entry a give-up.
    fn exit_handback(&mut self, pc: u32, h: u32) {
        match self.kind {
            Kind::Vm => self.exit_with(pc, h, HANDBACK),
            Kind::Direct { .. } => self.deopt(pc, h, true),
        }
    }

    fn op(&mut self, pc: u32, op: Op, h: u32) {
        match op {
            Op::Nop => self.count(),
            Op::Null => {
                self.push_const(h, TAG_NULL, 0);
                self.count();
            }
            Op::True | Op::False => {
                let w0 = TAG_BOOL | (i64::from(op == Op::True) << 8);
                self.push_const(h, w0, 0);
                self.count();
            }
            Op::Int(i) => {
                self.push_const(h, TAG_INT, i);
                self.count();
            }
            Op::Float(f) => {
                self.push_const(h, TAG_FLOAT, f.to_bits() as i64);
                self.count();
            }
            Op::Str(i) => {
                let ctx = self.ctx();
                let sp = self.b.ins().load(I64, flags(), ctx, Off::STRINGS);
                let off = i as i32 * VALUE_SIZE;
                let a = self.b.ins().load(I64, flags(), sp, off);
                let b = self.b.ins().load(I64, flags(), sp, off + 8);
                self.push(h, a, b);
                self.count();
            }
            Op::Pop => self.count(),
            Op::Scope(sc) if is_native(self.func, op) => {
                let plain = self.func.scopes.get(sc as usize).map(|s| s.plain.clone());
                for slot in plain.unwrap_or_default() {
                    let null = self.b.ins().iconst(I64, TAG_NULL);
                    let (a, b) = self.frame.locals[slot as usize];
                    self.b.def_var(a, null);
                    self.b.def_var(b, null);
                }
                self.count();
            }
            Op::Load(s) => {
                let a = self.local_w0(s as usize);
                let b = self.b.use_var(self.frame.locals[s as usize].1);
                self.push(h, a, b);
                self.count();
            }
            Op::Store(s) => {
                let (a, b) = self.slot(h - 1);
                let (va, vb) = self.frame.locals[s as usize];
                self.b.def_var(va, a);
                self.b.def_var(vb, b);
                self.count();
            }
            Op::Jump(t) if t > pc => {
                self.count();
                let target = self.block(t);
                self.jump(target, &[]);
            }
            Op::Jump(t) => self.back_edge(pc, t, h),
            Op::JumpIfNot(t) => {
                let (w0, w1) = self.slot(h - 1);
                let c = self.truthy(w0, w1, Truth::Ir);
                self.count();
                let (then, other) = (self.block(pc + 1), self.block(t));
                self.brif(c, then, &[], other, &[]);
            }
            Op::JumpKeep {
                target,
                truth,
                when,
            } => {
                let (w0, w1) = self.slot(h - 1);
                let c = self.truthy(w0, w1, truth);
                self.count();
                let (jump, next) = (self.block(target), self.block(pc + 1));
                if when {
                    self.brif(c, jump, &[], next, &[]);
                } else {
                    self.brif(c, next, &[], jump, &[]);
                }
            }
            Op::JumpNotNull(t) => {
                let (w0, _) = self.slot(h - 1);
                let tag = self.b.ins().band_imm_s(w0, 0xff);
                self.count();
                let (jump, next) = (self.block(t), self.block(pc + 1));
                self.brif(tag, jump, &[], next, &[]);
            }
            Op::Gas(g) => {
                let total = self.group_total(g);
                if self.retry_bail().is_some() {
                    // A copy of the leaf paths checks what it charged where it returns.
                } else if self.frame.prepaid >= total {
                    // Checked with an earlier group of this straight line.
                    self.frame.prepaid -= total;
                } else {
                    let run = self.gas_run(pc);
                    self.check_gas(run, pc, h);
                    if self.loop_heads[pc as usize] && (1..i64::MAX as u64).contains(&run) {
                        let after = self.b.create_block();
                        self.jump(after, &[]);
                        self.switch_to(after);
                        self.frame.after_check[pc as usize] = Some((after, run));
                    }
                    self.frame.prepaid = run - total;
                }
                // Wrapping, as the registers do: a total that can never fit (a group's
                // total is capped at i64::MAX) stops at its check before this runs.
                self.spent = self.spent.wrapping_add(total as i64);
                self.count();
            }
            Op::Binary { kind, .. } => self.binary(pc, op, kind, h, None),
            Op::Call(argc) => self.call(pc, op, argc, h),
            Op::Return if self.kind != Kind::Vm => self.ret(h),
            Op::LoadCap(c) if self.kind != Kind::Vm => self.load_cap(pc, c, h),
            Op::LoadChain(c) if self.kind != Kind::Vm => self.load_cap(pc, c | CHAIN, h),
            _ => self.slow(pc, op, h, None),
        }
    }

    /// IR truthiness of `(w0, w1)` under `truth` as an `I8` 0 or 1.
    fn truthy(&mut self, w0: ir::Value, w1: ir::Value, truth: Truth) -> ir::Value {
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        let (is_bool, not_bool) = (self.b.create_block(), self.b.create_block());
        let c = self.tag_is(w0, TAG_BOOL);
        self.brif(c, is_bool, &[], not_bool, &[]);

        self.switch_to(is_bool);
        let byte = self.b.ins().ushr_imm_s(w0, 8);
        let byte = self.b.ins().band_imm_s(byte, 0xff);
        self.jump(done, &[byte.into()]);

        self.switch_to(not_bool);
        let (is_int, other) = (self.b.create_block(), self.b.create_block());
        let c = self.tag_is(w0, TAG_INT);
        self.brif(c, is_int, &[], other, &[]);

        self.switch_to(is_int);
        let r = if truth == Truth::Lua {
            self.b.ins().iconst(I64, 1)
        } else {
            let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, w1, 0);
            self.b.ins().uextend(I64, nz)
        };
        self.jump(done, &[r.into()]);

        self.switch_to(other);
        let mode = self.b.ins().iconst(I32, i64::from(truth_code(truth)));
        let ctx = self.ctx();
        let call = self.b.ins().call(self.helpers.truthy, &[ctx, w0, w1, mode]);
        let r = self.b.inst_results(call)[0];
        self.jump(done, &[r.into()]);

        self.switch_to(done);
        self.b.block_params(done)[0]
    }

    fn back_edge(&mut self, pc: u32, target: u32, h: u32) {
        if let Kind::Direct { .. } = self.kind {
            // No safe point can be due in a chain of direct calls (see `Gen::call`).
            self.count();
            let t = self.block(target);
            self.jump(t, &[]);
            return;
        }
        // Only call the safe point when it could do something (see `JitCtx::safe_point`).
        // The jump is counted first, in one addition with the rest of its line; the poll
        // takes it back, as the jump has not run there.
        self.count();
        let needed = self.b.use_var(self.safe);
        let (poll, go, stop) = (self.cold_block(), self.b.create_block(), self.cold_block());
        // When the loop head starts by checking `run` gas, one unsigned compare asks both
        // whether that much is left and whether no safe point is due (with one due,
        // nothing is above the bound), and carries on after the head's check. Else the
        // poll, or the head's own check, sorts out which.
        if let Some((after, run)) = self.frame.after_check[target as usize] {
            let avail = self.avail_now();
            let bound = self.b.ins().bor_imm_s(needed, run as i64 - 1);
            let ok = self.b.ins().icmp(IntCC::UnsignedGreaterThan, avail, bound);
            let sort = self.cold_block();
            self.brif(ok, after, &[], sort, &[]);
            self.switch_to(sort);
        }
        self.brif(needed, poll, &[], go, &[]);
        // The frame goes to memory around the poll, so no value stays live across the
        // call (which would cost registers on the hot path).
        self.switch_to(poll);
        // Takes the jump's count back (see above).
        self.lag -= 1;
        self.write_back(pc, h);
        let ctx = self.ctx();
        let call = self.b.ins().call(self.helpers.backedge, &[ctx]);
        let r = self.b.inst_results(call)[0];
        // Every path on reads the frame back from memory, where the poll left it as
        // written: a value kept in a register across the call would have to be in a
        // callee-saved one (or spilled) on the hot path too. Not the safe point flag: the
        // poll does not change it, so a loop that calls nothing keeps it unchanged.
        self.reload_frame(h);
        // Cold as well: laid out in line, it would come between the hot path and the
        // jump back, which would then be one more taken branch per iteration.
        let resume = self.cold_block();
        self.brif(r, stop, &[], resume, &[]);
        self.switch_to(resume);
        self.count();
        self.jump(go, &[]);

        self.switch_to(go);
        let t = self.block(target);
        self.jump(t, &[]);

        // Collection due (1): hand back at the jump, which the VM then runs with its safe
        // point. Yield (2): the jump ran and the run suspends at its target.
        self.switch_to(stop);
        let (collect, yield_) = (self.b.create_block(), self.b.create_block());
        let is_collect = self.b.ins().icmp_imm_s(IntCC::Equal, r, 1);
        self.brif(is_collect, collect, &[], yield_, &[]);
        self.switch_to(collect);
        self.exit_handback(pc, h);
        self.switch_to(yield_);
        self.count();
        self.exit_with(target, h, SUSPEND);
    }

    /// `Binary`: native for two ints and (where IEEE gives the same result) two floats,
    /// else the VM's instruction. Operands pushed as integer constants need no tag check.
    /// With `fuse`, the comparison is followed by `JumpIfNot(fuse)` at `pc + 1`, which no
    /// jump targets: the fast paths branch on the comparison itself.
    fn binary(&mut self, pc: u32, op: Op, kind: BinOp, h: u32, fuse: Option<u32>) {
        let (a0, a1) = self.slot(h - 2);
        let (b0, b1) = self.slot(h - 1);
        let join = self.b.create_block();
        let slow = self.cold_block();
        let targets = fuse.map(|t| (self.block(pc + 2), self.block(t)));
        let (ka, kb) = (
            self.frame.known[h as usize - 2] == Some(TAG_INT),
            self.frame.known[h as usize - 1] == Some(TAG_INT),
        );
        let ints = self.b.create_block();
        if ka && kb {
            self.jump(ints, &[]);
        } else if ka || kb {
            // A known int operand: only the two-int path can apply.
            let other = if ka { b0 } else { a0 };
            let c = self.tag_is(other, TAG_INT);
            self.brif(c, ints, &[], slow, &[]);
        } else {
            let ta = self.b.ins().band_imm_s(a0, 0xff);
            let tb = self.b.ins().band_imm_s(b0, 0xff);
            let tb8 = self.b.ins().ishl_imm_s(tb, 8);
            let tags = self.b.ins().bor(ta, tb8);
            let not_ints = self.b.create_block();
            let c = self
                .b
                .ins()
                .icmp_imm_s(IntCC::Equal, tags, TAG_INT | (TAG_INT << 8));
            self.brif(c, ints, &[], not_ints, &[]);
            self.switch_to(not_ints);
            if has_float_path(kind) {
                let floats = self.b.create_block();
                let c = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, tags, TAG_FLOAT | (TAG_FLOAT << 8));
                self.brif(c, floats, &[], slow, &[]);
                self.switch_to(floats);
                self.float_op(kind, a1, b1, h, join, targets);
            } else {
                self.jump(slow, &[]);
            }
        }

        // Two ints.
        self.switch_to(ints);
        self.int_op(kind, a1, b1, h, join, slow, targets);

        // Anything else: the VM's instruction (the builtin decides). It counts the
        // instruction itself, so it rejoins after the fast paths' count.
        let after = self.b.create_block();
        self.switch_to(slow);
        // Only a `Vm` entry carries on natively after the VM ran the instruction, and not
        // after arithmetic on two known integers: its result is known to be an integer from
        // here on (see `types.rs`), so its slow path (overflow, a zero divisor) hands the
        // run to the VM. A direct entry gives up on every slow path.
        let rejoins = self.kind == Kind::Vm && !(ka && kb && !kind.is_comparison());
        if rejoins {
            self.slow(pc, op, h, Some(after));
        } else {
            self.exit_handback(pc, h);
        }

        match fuse {
            None => {
                self.switch_to(join);
                self.count();
                self.jump(after, &[]);
                self.switch_to(after);
            }
            Some(t) if rejoins => {
                // The VM ran the comparison; branch on its result as `JumpIfNot` does.
                self.switch_to(after);
                self.op(pc + 1, Op::JumpIfNot(t), h - 1);
            }
            // The fast paths branched already, and the slow path does not come back.
            Some(_) => {}
        }
    }

    /// The two-float path of `binary`.
    fn float_op(
        &mut self,
        kind: BinOp,
        a1: ir::Value,
        b1: ir::Value,
        h: u32,
        join: Block,
        targets: Option<(Block, Block)>,
    ) {
        let x = self.b.ins().bitcast(F64, MemFlagsData::new(), a1);
        let y = self.b.ins().bitcast(F64, MemFlagsData::new(), b1);
        let r = match kind {
            BinOp::Add | BinOp::LuaAdd => Some(self.b.ins().fadd(x, y)),
            BinOp::Sub | BinOp::LuaSub => Some(self.b.ins().fsub(x, y)),
            BinOp::Mul | BinOp::LuaMul => Some(self.b.ins().fmul(x, y)),
            _ => None,
        };
        match r {
            Some(r) => {
                let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), r);
                let tag = self.b.ins().iconst(I64, TAG_FLOAT);
                self.push(h - 2, tag, bits);
                self.jump(join, &[]);
            }
            None => {
                debug_assert!(kind.is_comparison(), "{kind:?} has no native float code");
                let cc = match kind {
                    BinOp::Lt => FloatCC::LessThan,
                    BinOp::Gt => FloatCC::GreaterThan,
                    BinOp::Lte => FloatCC::LessThanOrEqual,
                    _ => FloatCC::GreaterThanOrEqual,
                };
                // Fused with a branch, the complement (see `compared`): NaN operands make
                // every comparison false and its complement true.
                let cc = if targets.is_some() {
                    cc.complement()
                } else {
                    cc
                };
                let c = self.b.ins().fcmp(cc, x, y);
                self.compared(c, h, join, targets);
            }
        }
    }

    /// A comparison's outcome `c`: pushed as a boolean, or with `targets` (fused with the
    /// `JumpIfNot` after it) branched on, both instructions counted. Fused, `c` is the
    /// comparison's complement, true where the jump is taken: Cranelift lays out a
    /// branch's last target right after it, and the last should be the code that follows
    /// in the program (a loop's body rather than its exit), so that the common path runs
    /// straight on.
    fn compared(&mut self, c: ir::Value, h: u32, join: Block, targets: Option<(Block, Block)>) {
        match targets {
            Some((then, other)) => {
                self.count();
                self.count();
                self.brif(c, other, &[], then, &[]);
            }
            None => {
                self.push_bool(h - 2, c);
                self.jump(join, &[]);
            }
        }
    }

    /// `Call(argc)`: a closure with a direct entry for `argc` arguments is called natively
    /// (no VM frame; see [`Kind`]); any other call is the VM's (or, in a direct entry, a
    /// give-up at the call). Safe points at calls are the VM's too: while one could do
    /// something the call goes the VM's way.
    ///
    /// A chain of direct calls therefore starts only while no safe point is due, and none
    /// becomes due before it returns: the flag changes only when the VM's state is synced
    /// out to native code (`rt::sync_out`), which no helper a direct entry calls does, and
    /// direct entries allocate nothing. So direct entries do not look at the flag.
    fn call(&mut self, pc: u32, op: Op, argc: u32, h: u32) {
        let at = h - argc - 1;
        let (cw0, _) = self.slot(at);
        let (check, vm_way) = (self.b.create_block(), self.b.create_block());
        // The callee returned: (gas left, instructions, result words); or it gave up.
        let returned = self.b.create_block();
        let gave_up = self.cold_block();
        for _ in 0..4 {
            self.b.append_block_param(returned, I64);
        }
        // No room for another direct frame, or (in a `Vm` entry) a safe point due: the
        // VM's way.
        let left = match self.frame.left {
            // Checked where the direct entry starts.
            Some(left) if self.nest_check.is_some() => {
                self.jump(check, &[]);
                left
            }
            Some(left) => {
                self.brif(left, check, &[], vm_way, &[]);
                left
            }
            None => {
                let needed = self.b.use_var(self.safe);
                let ctx = self.ctx();
                let left = self.b.ins().load(I64, flags(), ctx, Off::DIRECT_LEFT);
                let full = self.b.ins().icmp_imm_s(IntCC::Equal, left, 0);
                let full = self.b.ins().uextend(I64, full);
                let no = self.b.ins().bor(needed, full);
                self.brif(no, vm_way, &[], check, &[]);
                left
            }
        };
        self.switch_to(check);
        let itself = argc == self.func.params && self.frame.me_cap.is_some();
        if itself && self.frame.from_cap[at as usize] == self.frame.me_cap {
            // In a copy, through the capture its caller called it through: the closure
            // being built, checked there.
            self.call_itself(pc, at, h, left, returned, gave_up);
        } else {
            self.call_closure(pc, argc, at, h, cw0, left, (returned, gave_up, vm_way));
        }

        let after = self.b.create_block();
        self.switch_to(returned);
        let r = self.b.block_params(returned).to_vec();
        self.set_avail(r[0]);
        self.set_instr(r[1]);
        self.push(at, r[2], r[3]);
        self.recheck_gas(pc + 1, at + 1);
        self.jump(after, &[]);

        // The callee gave up: this frame is at the call, without the callee and arguments
        // (as the VM keeps a caller), and the counters in the context are the callee's.
        self.switch_to(gave_up);
        match self.kind {
            Kind::Vm => {
                self.write_frame(pc, at);
                let ctx = self.ctx();
                let call = self.b.ins().call(self.helpers.materialize, &[ctx]);
                let st = self.b.inst_results(call)[0];
                self.vm_return(st);
            }
            Kind::Direct { .. } => self.deopt(pc, at, false),
        }

        self.switch_to(vm_way);
        self.slow(pc, op, h, Some(after));
        self.switch_to(after);
    }

    /// A direct entry calling itself (see [`Gen::call`]): a copy of the whole function
    /// ([`Gen::inline_frame`]), else a copy of its leaf paths and the real call.
    fn call_itself(
        &mut self,
        pc: u32,
        at: u32,
        h: u32,
        left: ir::Value,
        returned: Block,
        gave_up: Block,
    ) {
        if !self.inline_frame(at, h, left, returned, gave_up) {
            let go = self.b.create_block();
            self.inline_self_call(at, h, go, returned);
            self.switch_to(go);
            self.direct_call(pc, at, h, Callee::Itself, left, returned, gave_up, None);
        }
    }

    /// The callee of [`Gen::call`] (`cw0` its first word) when not known: a closure
    /// calling itself, or one with a direct entry for `argc` arguments (from the call
    /// site's cache, else `jit_callee`), else the VM's way. `exits` are the call's
    /// `(returned, gave_up, vm_way)` blocks.
    #[allow(clippy::too_many_arguments)]
    fn call_closure(
        &mut self,
        pc: u32,
        argc: u32,
        at: u32,
        h: u32,
        cw0: ir::Value,
        left: ir::Value,
        exits: (Block, Block, Block),
    ) {
        let (returned, gave_up, vm_way) = exits;
        let (check, lookup, go) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        // What a call of another closure must return to carry on here (see `types.rs`).
        let mut expect = None;
        if let Kind::Direct { .. } = self.kind
            && argc == self.func.params
        {
            // A direct entry calling its own closure with as many arguments as it takes
            // calls itself: the same closure is the same function, whose direct entry this
            // is. Its tag and index are checked at once (the bytes between them are
            // padding).
            expect = self.facts.returns;
            let itself = self.b.create_block();
            // A callee read from the capture the caller said holds this closure (the
            // hint, see `load_cap`) is this closure: one compare of the hint, where the
            // callee's word is only checked when the hint names another capture.
            if let (Some(hint), Some(c)) = (self.hint, self.frame.from_cap[at as usize]) {
                let by_hint = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, hint, i64::from(c) + 1);
                let by_word = self.b.create_block();
                self.brif(by_hint, itself, &[], by_word, &[]);
                self.switch_to(by_word);
            }
            let word = self.b.ins().band_imm_s(cw0, CLOSURE_WORD_MASK);
            let me = self.me_word();
            let same = self.b.ins().icmp(IntCC::Equal, word, me);
            self.brif(same, itself, &[], check, &[]);
            self.switch_to(itself);
            self.call_itself(pc, at, h, left, returned, gave_up);
        } else {
            self.jump(check, &[]);
        }

        self.switch_to(check);
        let is_closure = self.tag_is(cw0, TAG_CLOSURE);
        self.brif(is_closure, lookup, &[], vm_way, &[]);
        self.switch_to(lookup);
        let id = self.b.ins().ushr_imm_s(cw0, 32);
        self.b.append_block_param(go, I64);

        // The site's cache, else `jit_callee` (which fills it).
        let site = self.site(pc);
        let hit = self.cache_hit(site, self.cache.code_epoch, id);
        let (cached, miss) = (self.b.create_block(), self.cold_block());
        self.brif(hit, cached, &[], miss, &[]);
        self.switch_to(cached);
        let entry = self.b.ins().load(I64, flags(), site, 16);
        self.jump(go, &[entry.into()]);
        self.switch_to(miss);
        let n = self.b.ins().iconst(I32, i64::from(argc));
        let ctx = self.ctx();
        let call = self.b.ins().call(self.helpers.callee, &[ctx, id, n, site]);
        let entry = self.b.inst_results(call)[0];
        let found = self.b.create_block();
        self.brif(entry, found, &[], vm_way, &[]);
        self.switch_to(found);
        self.jump(go, &[entry.into()]);

        self.switch_to(go);
        let entry = self.b.block_params(go)[0];
        let call = Callee::Entry { entry, id, argc };
        self.direct_call(pc, at, h, call, left, returned, gave_up, expect);
    }

    /// The native call of `callee` from `Call` at `pc`, with the caller's stack from
    /// `at + 1` to `h` as its arguments and `left` direct frames allowed below the caller:
    /// counted here as the VM counts it, the counters handed over in registers. A call from
    /// a `Vm` entry starts a chain of direct calls: a new cell epoch. Goes on to `returned`
    /// with (gas left, instructions, result words), or to `gave_up`. With `expect`, a result
    /// with another tag gives up at `pc + 1` with the result on the stack, as a failed type
    /// guard there would.
    #[allow(clippy::too_many_arguments)]
    fn direct_call(
        &mut self,
        pc: u32,
        at: u32,
        h: u32,
        callee: Callee,
        left: ir::Value,
        returned: Block,
        gave_up: Block,
        expect: Tag,
    ) {
        if self.kind == Kind::Vm {
            let addr = self.b.ins().iconst(I64, self.cache.cell_epoch);
            let e = self.b.ins().load(I64, flags(), addr, 0);
            let e = self.b.ins().iadd_imm_s(e, 1);
            self.b.ins().store(flags(), e, addr, 0);
        }
        self.count();
        let avail = self.avail_now();
        let instr = self.instr_now();
        let below = self.b.ins().iadd_imm_s(left, -1);
        let mut args = vec![avail, instr];
        for i in at + 1..h {
            let (a, b) = self.slot(i);
            args.extend([a, b]);
        }
        let call = match callee {
            Callee::Itself => {
                let me = self.closure.expect("a direct entry has its closure");
                // The callee was read from a capture, and checked to be this closure.
                let me = match self.frame.from_cap[at as usize].map(|c| u64::from(c) + 1) {
                    Some(hint) if hint < 1 << 32 => self.b.ins().bor_imm_s(me, (hint << 32) as i64),
                    _ => me,
                };
                args.extend([me, below]);
                self.b.ins().call(self.helpers.this, &args)
            }
            Callee::Entry { entry, id, argc } => {
                args.extend([id, below]);
                let sig = self.direct_sig(argc);
                self.b.ins().call_indirect(sig, entry, &args)
            }
        };
        let rets = self.b.inst_results(call).to_vec();
        let ok = self.b.ins().icmp_imm_s(IntCC::Equal, rets[0], LEFT as i64);
        let back = rets[1..]
            .iter()
            .map(|&r| ir::BlockArg::from(r))
            .collect::<Vec<_>>();
        let Some(tag) = expect else {
            self.brif(ok, returned, &back, gave_up, &[]);
            return;
        };
        let check = self.b.create_block();
        self.brif(ok, check, &[], gave_up, &[]);
        self.switch_to(check);
        let same = self.tag_is(rets[3], tag);
        let wrong = self.cold_block();
        self.brif(same, returned, &back, wrong, &[]);
        self.switch_to(wrong);
        self.set_avail(rets[1]);
        self.set_instr(rets[2]);
        self.push(at, rets[3], rets[4]);
        self.deopt(pc + 1, at + 1, true);
    }

    /// The address of the cache words of the instruction at `pc`.
    fn site(&mut self, pc: u32) -> ir::Value {
        let off = self.site_of[pc as usize].expect("a cached instruction has cache words");
        self.b
            .ins()
            .iconst(I64, self.cache.sites + i64::from(off) * 8)
    }

    /// Whether the cache entry at `site` was filled for `key` in the current epoch (the
    /// word at `epoch`); see `cache.rs`.
    fn cache_hit(&mut self, site: ir::Value, epoch: i64, key: ir::Value) -> ir::Value {
        let epoch = self.b.ins().iconst(I64, epoch);
        let epoch = self.b.ins().load(I64, flags(), epoch, 0);
        let seen = self.b.ins().load(I64, flags(), site, 0);
        let filled_for = self.b.ins().load(I64, flags(), site, 8);
        let e_ok = self.b.ins().icmp(IntCC::Equal, epoch, seen);
        let k_ok = self.b.ins().icmp(IntCC::Equal, filled_for, key);
        self.b.ins().band(e_ok, k_ok)
    }

    /// The imported signature of direct entries taking `argc` arguments.
    fn direct_sig(&mut self, argc: u32) -> SigRef {
        if let Some((_, s)) = self.sigs.iter().find(|(n, _)| *n == argc) {
            return *s;
        }
        let s = self.b.import_signature(direct_signature(argc));
        self.sigs.push((argc, s));
        s
    }

    /// `Return` in a direct entry: the result and the counters back in registers.
    fn ret(&mut self, h: u32) {
        let (a, b) = self.slot(h - 1);
        self.count();
        let avail = self.avail_now();
        let instr = self.instr_now();
        if let Some(inline) = self.frame.inline {
            let rets = [avail, instr, a, b].map(ir::BlockArg::from);
            match inline.short {
                // When the path charged more than there was, the real call stops where
                // the VM would.
                Short::Retry { bail, avail: had } if self.cache.gas_checks => {
                    let charged = self.b.ins().isub(had, avail);
                    let ok = self
                        .b
                        .ins()
                        .icmp(IntCC::UnsignedGreaterThanOrEqual, had, charged);
                    self.brif(ok, inline.done, &rets, bail, &[]);
                }
                _ => {
                    self.jump(inline.done, &rets);
                }
            }
            return;
        }
        let st = self.b.ins().iconst(I64, LEFT as i64);
        self.return_with(&[st, avail, instr, a, b]);
    }

    /// `LoadCap(c)` in a direct entry, through `jit_load_cap` (or, with [`CHAIN`] set in
    /// `c`, `LoadChain`); or, when the caller said that capture holds the closure itself
    /// ([`direct_signature`]), that closure without a read.
    ///
    /// A second read of the same capture on one straight line reuses the first: directly
    /// called code never writes a captured variable, and the function it calls either
    /// returns having written none or gives up, taking this frame with it (see `cache.rs`).
    /// That is also why the caller's word holds for the whole call.
    fn load_cap(&mut self, pc: u32, c: u32, h: u32) {
        if let Some(&(_, a, b)) = self.frame.caps.iter().find(|(k, ..)| *k == c) {
            self.push(h, a, b);
            self.frame.from_cap[h as usize] = Some(c);
            self.count();
            return;
        }
        let closure = self.closure.expect("a direct entry has its closure");
        let (read, done) = (self.b.create_block(), self.b.create_block());
        self.b.append_block_param(done, I64);
        self.b.append_block_param(done, I64);
        match self.hint {
            Some(hint) => {
                let itself = self.b.create_block();
                let is_me = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, hint, i64::from(c) + 1);
                self.brif(is_me, itself, &[], read, &[]);
                self.switch_to(itself);
                let a = self.me_word();
                let b = self.b.ins().iconst(I64, 0);
                self.jump(done, &[a.into(), b.into()]);
            }
            None => {
                self.jump(read, &[]);
            }
        }

        self.switch_to(read);
        let site = self.site(pc);
        let hit = self.cache_hit(site, self.cache.cell_epoch, closure);
        let (cached, miss, fail) = (self.b.create_block(), self.cold_block(), self.cold_block());
        self.brif(hit, cached, &[], miss, &[]);
        self.switch_to(miss);
        let i = self.b.ins().iconst(I32, i64::from(c));
        let ctx = self.ctx();
        let call = self
            .b
            .ins()
            .call(self.helpers.load_cap, &[ctx, closure, i, site]);
        let ok = self.b.inst_results(call)[0];
        self.brif(ok, cached, &[], fail, &[]);
        self.switch_to(fail);
        self.deopt(pc, h, true);
        self.switch_to(cached);
        let a = self.b.ins().load(I64, flags(), site, 16);
        let b = self.b.ins().load(I64, flags(), site, 24);
        self.jump(done, &[a.into(), b.into()]);

        self.switch_to(done);
        let [a, b] = self.b.block_params(done).try_into().expect("two words");
        self.frame.caps.push((c, a, b));
        self.push(h, a, b);
        self.frame.from_cap[h as usize] = Some(c);
        self.count();
    }

    /// Whether the first word `w0` of a value has tag `tag` (its low byte), as an `I8` 0
    /// or 1. Compared as a byte: no copy and mask of the word first.
    fn tag_is(&mut self, w0: ir::Value, tag: i64) -> ir::Value {
        debug_assert!((0..128).contains(&tag), "a tag fits a signed byte");
        let byte = self.b.ins().ireduce(I8, w0);
        self.b.ins().icmp_imm_s(IntCC::Equal, byte, tag)
    }

    /// In a direct entry: the first word of its own closure as a value.
    fn me_word(&mut self) -> ir::Value {
        let closure = self.closure.expect("a direct entry has its closure");
        let index = self.b.ins().ishl_imm_s(closure, 32);
        self.b.ins().bor_imm_s(index, TAG_CLOSURE)
    }

    fn push_bool(&mut self, h: u32, c: ir::Value) {
        let c = self.b.ins().uextend(I64, c);
        let c = self.b.ins().ishl_imm_s(c, 8);
        let w0 = self.b.ins().bor_imm_s(c, TAG_BOOL);
        let w1 = self.b.ins().iconst(I64, 0);
        self.push(h, w0, w1);
    }

    /// 1 when any of `vs` is outside ±2^53 (JavaScript's exact integers), else 0, as an
    /// `I64`.
    fn outside_js_safe(&mut self, vs: &[ir::Value]) -> ir::Value {
        let safe = weft_bytecode::program::JS_SAFE;
        let mut any = None;
        for &v in vs {
            let shifted = self.b.ins().iadd_imm_s(v, safe);
            let far = self
                .b
                .ins()
                .icmp_imm_s(IntCC::UnsignedGreaterThan, shifted, 2 * safe);
            let far = self.b.ins().uextend(I64, far);
            any = Some(match any {
                Some(acc) => self.b.ins().bor(acc, far),
                None => far,
            });
        }
        any.expect("at least one value")
    }

    /// The value of `v` when it is an integer constant of this function.
    fn const_of(&self, v: ir::Value) -> Option<i64> {
        let dfg = &self.b.func.dfg;
        let inst = dfg.value_def(v).inst()?;
        match dfg.insts[inst] {
            ir::InstructionData::UnaryImm {
                opcode: ir::Opcode::Iconst,
                imm,
            } => Some(imm.bits()),
            _ => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn int_op(
        &mut self,
        kind: BinOp,
        x: ir::Value,
        y: ir::Value,
        h: u32,
        join: Block,
        slow: Block,
        targets: Option<(Block, Block)>,
    ) {
        let int_result = |g: &mut Self, r: ir::Value| {
            let tag = g.b.ins().iconst(I64, TAG_INT);
            g.push(h - 2, tag, r);
            g.b.ins().jump(join, &[]);
        };
        let checked = |g: &mut Self, r: ir::Value, overflow: ir::Value| {
            let ok = g.b.create_block();
            g.b.ins().brif(overflow, slow, &[], ok, &[]);
            g.b.switch_to_block(ok);
            int_result(g, r);
        };
        // Operands whose ranges (see `types.rs`) keep the result in bounds: no check.
        let (rx, ry) = (
            self.frame.ranges[h as usize - 2],
            self.frame.ranges[h as usize - 1],
        );
        if exact(kind, rx, ry).is_some() {
            let r = match kind {
                BinOp::Add | BinOp::LuaAdd | BinOp::JsAdd => self.b.ins().iadd(x, y),
                BinOp::Sub | BinOp::LuaSub | BinOp::JsSub => self.b.ins().isub(x, y),
                BinOp::Mul | BinOp::LuaMul | BinOp::JsMul => self.b.ins().imul(x, y),
                _ => unreachable!("`exact` covers only addition, subtraction and products"),
            };
            int_result(self, r);
            return;
        }
        // With a constant operand, overflow is one comparison of the other operand (which
        // a branch takes directly) rather than a flag to materialise and test.
        let (cx, cy) = (self.const_of(x), self.const_of(y));
        match (kind, cx, cy) {
            (BinOp::Add, _, Some(c)) | (BinOp::Add, Some(c), _) => {
                let v = if cy.is_some() { x } else { y };
                let of = if c >= 0 {
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::SignedGreaterThan, v, i64::MAX - c)
                } else {
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::SignedLessThan, v, i64::MIN - c)
                };
                let r = self.b.ins().iadd_imm_s(v, c);
                checked(self, r, of);
            }
            (BinOp::Sub, _, Some(c)) => {
                let of = if c > 0 {
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::SignedLessThan, x, i64::MIN + c)
                } else {
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::SignedGreaterThan, x, i64::MAX + c)
                };
                let c = self.b.ins().iconst(I64, c);
                let r = self.b.ins().isub(x, c);
                checked(self, r, of);
            }
            (BinOp::Add, ..) => {
                let (r, of) = self.b.ins().sadd_overflow(x, y);
                checked(self, r, of);
            }
            (BinOp::JsAdd, ..) => {
                // An int while the exact sum is within ±2^53.
                let (r, of) = self.b.ins().sadd_overflow(x, y);
                let far = self.outside_js_safe(&[r]);
                let of = self.b.ins().uextend(I64, of);
                let bad = self.b.ins().bor(of, far);
                checked(self, r, bad);
            }
            (BinOp::JsSub, ..) => {
                // Both operands and the difference within ±2^53 (so no overflow either).
                let r = self.b.ins().isub(x, y);
                let bad = self.outside_js_safe(&[x, y, r]);
                checked(self, r, bad);
            }
            (BinOp::Sub, ..) => {
                let (r, of) = self.b.ins().ssub_overflow(x, y);
                checked(self, r, of);
            }
            (BinOp::JsMul, ..) => {
                // Operands and product within ±2^53, and not -0 (zero, a negative operand).
                let (r, of) = self.b.ins().smul_overflow(x, y);
                let of = self.b.ins().uextend(I64, of);
                let far = self.outside_js_safe(&[x, y, r]);
                let zero = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
                let either = self.b.ins().bor(x, y);
                let negative = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, either, 0);
                let minus_zero = self.b.ins().band(zero, negative);
                let minus_zero = self.b.ins().uextend(I64, minus_zero);
                let bad = self.b.ins().bor(of, far);
                let bad = self.b.ins().bor(bad, minus_zero);
                checked(self, r, bad);
            }
            (BinOp::JsMod, ..) => {
                // Operands within ±2^53 (checked before `srem`, which traps on MIN % -1),
                // a nonzero divisor, and not -0 (zero, a negative dividend).
                let far = self.outside_js_safe(&[x, y]);
                let zero_div = self.b.ins().icmp_imm_s(IntCC::Equal, y, 0);
                let zero_div = self.b.ins().uextend(I64, zero_div);
                let bad = self.b.ins().bor(far, zero_div);
                let ok = self.b.create_block();
                self.brif(bad, slow, &[], ok, &[]);
                self.switch_to(ok);
                let r = self.b.ins().srem(x, y);
                let zero = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
                let negative = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
                let minus_zero = self.b.ins().band(zero, negative);
                checked(self, r, minus_zero);
            }
            (BinOp::Mul, ..) => {
                let (r, of) = self.b.ins().smul_overflow(x, y);
                checked(self, r, of);
            }
            // Lua's integers wrap around: no slow path.
            (BinOp::LuaAdd | BinOp::LuaSub | BinOp::LuaMul, ..) => {
                let r = match kind {
                    BinOp::LuaAdd => self.b.ins().iadd(x, y),
                    BinOp::LuaSub => self.b.ins().isub(x, y),
                    _ => self.b.ins().imul(x, y),
                };
                int_result(self, r);
            }
            (BinOp::Mod | BinOp::PyMod | BinOp::LuaMod, ..) => {
                // Zero divisor: the builtin reports it. -1: always 0 (and no trap on MIN).
                // Otherwise the truncated remainder; Python's and Lua's move to the
                // divisor's sign.
                let (nonzero, minus_one, rem) = (
                    self.b.create_block(),
                    self.b.create_block(),
                    self.b.create_block(),
                );
                self.brif(y, nonzero, &[], slow, &[]);
                self.switch_to(nonzero);
                let m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
                self.brif(m1, minus_one, &[], rem, &[]);
                self.switch_to(minus_one);
                let zero = self.b.ins().iconst(I64, 0);
                int_result(self, zero);
                self.switch_to(rem);
                let mut r = self.b.ins().srem(x, y);
                if matches!(kind, BinOp::PyMod | BinOp::LuaMod) {
                    let nonzero_r = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
                    let signs = self.b.ins().bxor(r, y);
                    let differ = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, signs, 0);
                    let adjust = self.b.ins().band(nonzero_r, differ);
                    let moved = self.b.ins().iadd(r, y);
                    r = self.b.ins().select(adjust, moved, r);
                }
                int_result(self, r);
            }
            _ => {
                let cc = match kind {
                    BinOp::Lt => IntCC::SignedLessThan,
                    BinOp::Gt => IntCC::SignedGreaterThan,
                    BinOp::Lte => IntCC::SignedLessThanOrEqual,
                    BinOp::Gte => IntCC::SignedGreaterThanOrEqual,
                    BinOp::Eq => IntCC::Equal,
                    _ => IntCC::NotEqual,
                };
                // Fused with a branch, the complement (see `compared`).
                let cc = if targets.is_some() {
                    cc.complement()
                } else {
                    cc
                };
                let c = self.b.ins().icmp(cc, x, y);
                self.compared(c, h, join, targets);
            }
        }
    }

    /// Runs the instruction at `pc` in the VM, then carries on natively at the pc the VM
    /// reports (one of the instruction's successors) or returns the status. With `then`,
    /// the only successor is `pc + 1` and native code carries on in block `then`.
    fn slow(&mut self, pc: u32, op: Op, h: u32, then: Option<Block>) {
        if let Kind::Direct { .. } = self.kind {
            self.deopt(pc, h, true);
            return;
        }
        self.write_back(pc, h);
        let ctx = self.ctx();
        let call = self.b.ins().call(self.helpers.step, &[ctx]);
        let st = self.b.inst_results(call)[0];
        let kind = self.b.ins().band_imm_s(st, 0xff);
        let (cont, exit) = (self.b.create_block(), self.b.create_block());
        let is_same = self.b.ins().icmp_imm_s(IntCC::Equal, kind, SAME as i64);
        self.brif(is_same, cont, &[], exit, &[]);
        self.switch_to(exit);
        self.vm_return(st);

        self.switch_to(cont);
        let next = self.b.ins().ushr_imm_s(st, 8);
        let succs = if then.is_some() {
            vec![pc + 1]
        } else {
            successors(op, pc)
        };
        for s in succs {
            let Some(hs) = self.depth.get(s as usize).copied().flatten() else {
                continue;
            };
            let Some(target) =
                then.or_else(|| self.frame.blocks.get(s as usize).copied().flatten())
            else {
                continue;
            };
            let (go, no) = (self.b.create_block(), self.b.create_block());
            let c = self.b.ins().icmp_imm_s(IntCC::Equal, next, i64::from(s));
            self.brif(c, go, &[], no, &[]);
            self.switch_to(go);
            self.reload(hs);
            if then.is_some() {
                self.recheck_gas(s, hs);
            }
            self.jump(target, &[]);
            self.switch_to(no);
        }
        // The VM went somewhere native code did not expect: it carries on from there.
        let st = self.b.ins().iconst(I64, HANDBACK as i64);
        self.vm_return(st);
    }
}
