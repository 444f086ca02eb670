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

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::types::{F64, I32, I64};
use cranelift_codegen::ir::{self, Block, FuncRef, InstBuilder, MemFlagsData};
use cranelift_frontend::{FunctionBuilder, Switch, Variable};
use weft_bytecode::Op;
use weft_bytecode::program::{BinOp, Func};
use weft_runtime::{Truth, Value};

use crate::rt::{HANDBACK, JitCtx, SAME, SUSPEND, truth_code};

const TAG_NULL: i64 = 0;
const TAG_BOOL: i64 = 1;
const TAG_INT: i64 = 2;
const TAG_FLOAT: i64 = 3;

/// The helpers native code calls, as imported into the function being built.
pub(crate) struct Helpers {
    pub step: FuncRef,
    pub sync: FuncRef,
    pub truthy: FuncRef,
    pub backedge: FuncRef,
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
fn successors(op: Op, pc: u32) -> Vec<u32> {
    match op {
        Op::Jump(t) => vec![t],
        Op::JumpIfNot(t) | Op::JumpNotNull(t) | Op::ForNext(t) => vec![pc + 1, t],
        Op::JumpKeep { target, .. } => vec![pc + 1, target],
        Op::Return | Op::Sleep | Op::Unbound(_) | Op::NotImpl(_) => vec![],
        _ => vec![pc + 1],
    }
}

/// Whether native code does `op` itself (else it runs the VM's instruction).
fn is_native(op: Op) -> bool {
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

/// Whether `op` may fall through into the next instruction's code without a jump.
fn falls_through(op: Op) -> bool {
    is_native(op)
        && !matches!(
            op,
            Op::Jump(_) | Op::JumpIfNot(_) | Op::JumpKeep { .. } | Op::JumpNotNull(_)
        )
}

pub(crate) struct Gen<'a, 'b> {
    pub b: FunctionBuilder<'b>,
    pub func: &'a Func,
    pub depth: &'a [Option<u32>],
    pub helpers: Helpers,
    locals: Vec<(Variable, Variable)>,
    stack: Vec<(Variable, Variable)>,
    avail: Variable,
    instr: Variable,
    ctx: ir::Value,
    limit: ir::Value,
    blocks: Vec<Option<Block>>,
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl<'a, 'b> Gen<'a, 'b> {
    pub fn new(
        mut b: FunctionBuilder<'b>,
        func: &'a Func,
        depth: &'a [Option<u32>],
        helpers: Helpers,
    ) -> Gen<'a, 'b> {
        let pair = |b: &mut FunctionBuilder<'b>| (b.declare_var(I64), b.declare_var(I64));
        let locals = (0..func.slots).map(|_| pair(&mut b)).collect();
        let stack = (0..func.max_stack).map(|_| pair(&mut b)).collect();
        let avail = b.declare_var(I64);
        let instr = b.declare_var(I64);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let ctx = b.block_params(entry)[0];
        let limit = b.ins().load(I64, flags(), ctx, Off::LIMIT);
        Gen {
            b,
            func,
            depth,
            helpers,
            locals,
            stack,
            avail,
            instr,
            ctx,
            limit,
            blocks: Vec::new(),
        }
    }

    /// Builds the whole function.
    pub fn build(mut self, target: cranelift_codegen::isa::TargetFrontendConfig) {
        let code = &self.func.code;
        let n = code.len();
        let mut leader = vec![false; n];
        let entry_pcs = entries(self.func);
        for &e in &entry_pcs {
            leader[e as usize] = true;
        }
        for (pc, &op) in code.iter().enumerate() {
            for s in successors(op, pc as u32) {
                if (s as usize) < n && (s as usize != pc + 1 || !falls_through(op)) {
                    leader[s as usize] = true;
                }
            }
        }
        self.blocks = (0..n)
            .map(|pc| (leader[pc] && self.depth[pc].is_some()).then(|| self.b.create_block()))
            .collect();

        // The entry switch: reload state for the entry pc, or return at once.
        let entry_pc = self
            .b
            .block_params(self.b.current_block().expect("entry block"))[1];
        let mut switch = Switch::new();
        let otherwise = self.b.create_block();
        let mut landing = Vec::new();
        for &e in &entry_pcs {
            if let (Some(h), Some(target)) = (self.depth[e as usize], self.blocks[e as usize]) {
                let land = self.b.create_block();
                switch.set_entry(u128::from(e), land);
                landing.push((land, h, target));
            }
        }
        switch.emit(&mut self.b, entry_pc, otherwise);
        self.b.switch_to_block(otherwise);
        let st = self.b.ins().iconst(I64, HANDBACK as i64);
        self.b.ins().return_(&[st]);
        for (land, h, target) in landing {
            self.b.switch_to_block(land);
            self.reload(h);
            self.b.ins().jump(target, &[]);
        }

        let mut open = false;
        for (pc, &op) in code.iter().enumerate() {
            let Some(h) = self.depth[pc] else {
                open = false;
                continue;
            };
            if let Some(block) = self.blocks[pc] {
                if open {
                    self.b.ins().jump(block, &[]);
                }
                self.b.switch_to_block(block);
                open = true;
            }
            if !open {
                continue;
            }
            self.op(pc as u32, op, h);
            open = falls_through(op);
        }
        if open {
            // Falling off the end cannot happen in verified code; hand back if it does.
            self.exit_handback(n as u32, 0);
        }
        self.b.seal_all_blocks();
        self.b.finalize(target);
    }

    fn block(&self, pc: u32) -> Block {
        self.blocks[pc as usize].expect("a jump target has a block")
    }

    fn push(&mut self, h: u32, w0: ir::Value, w1: ir::Value) {
        let (a, b) = self.stack[h as usize];
        self.b.def_var(a, w0);
        self.b.def_var(b, w1);
    }

    fn slot(&mut self, i: u32) -> (ir::Value, ir::Value) {
        let (a, b) = self.stack[i as usize];
        (self.b.use_var(a), self.b.use_var(b))
    }

    fn push_const(&mut self, h: u32, tag: i64, payload: i64) {
        let w0 = self.b.ins().iconst(I64, tag);
        let w1 = self.b.ins().iconst(I64, payload);
        self.push(h, w0, w1);
    }

    fn count(&mut self) {
        let i = self.b.use_var(self.instr);
        let i = self.b.ins().iadd_imm_s(i, 1);
        self.b.def_var(self.instr, i);
    }

    /// Stores locals, the stack up to `h`, the counters, `pc` and `h` for the helpers.
    fn write_back(&mut self, pc: u32, h: u32) {
        let ctx = self.ctx;
        let lp = self.b.ins().load(I64, flags(), ctx, Off::LOCALS);
        for j in 0..self.locals.len() {
            let (a, b) = self.locals[j];
            let (a, b) = (self.b.use_var(a), self.b.use_var(b));
            let off = j as i32 * VALUE_SIZE;
            self.b.ins().store(flags(), a, lp, off);
            self.b.ins().store(flags(), b, lp, off + 8);
        }
        let sp = self.b.ins().load(I64, flags(), ctx, Off::STACK);
        for i in 0..h {
            let (a, b) = self.slot(i);
            let off = i as i32 * VALUE_SIZE;
            self.b.ins().store(flags(), a, sp, off);
            self.b.ins().store(flags(), b, sp, off + 8);
        }
        let avail = self.b.use_var(self.avail);
        let used = self.b.ins().isub(self.limit, avail);
        self.b.ins().store(flags(), used, ctx, Off::GAS);
        let instr = self.b.use_var(self.instr);
        self.b.ins().store(flags(), instr, ctx, Off::INSTR);
        let pcv = self.b.ins().iconst(I64, i64::from(pc));
        self.b.ins().store(flags(), pcv, ctx, Off::PC);
        let hv = self.b.ins().iconst(I64, i64::from(h));
        self.b.ins().store(flags(), hv, ctx, Off::HEIGHT);
    }

    /// Loads locals, the stack up to `h` and the counters from the VM.
    fn reload(&mut self, h: u32) {
        let ctx = self.ctx;
        let lp = self.b.ins().load(I64, flags(), ctx, Off::LOCALS);
        for j in 0..self.locals.len() {
            let off = j as i32 * VALUE_SIZE;
            let a = self.b.ins().load(I64, flags(), lp, off);
            let b = self.b.ins().load(I64, flags(), lp, off + 8);
            let (va, vb) = self.locals[j];
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
        let used = self.b.ins().load(I64, flags(), ctx, Off::GAS);
        let avail = self.b.ins().isub(self.limit, used);
        self.b.def_var(self.avail, avail);
        let instr = self.b.ins().load(I64, flags(), ctx, Off::INSTR);
        self.b.def_var(self.instr, instr);
    }

    /// Writes back and returns `status` after bringing the VM up to date.
    fn exit_with(&mut self, pc: u32, h: u32, status: u64) {
        self.write_back(pc, h);
        let ctx = self.ctx;
        self.b.ins().call(self.helpers.sync, &[ctx]);
        let st = self.b.ins().iconst(I64, status as i64);
        self.b.ins().return_(&[st]);
    }

    fn exit_handback(&mut self, pc: u32, h: u32) {
        self.exit_with(pc, h, HANDBACK);
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
                let sp = self.b.ins().load(I64, flags(), self.ctx, Off::STRINGS);
                let off = i as i32 * VALUE_SIZE;
                let a = self.b.ins().load(I64, flags(), sp, off);
                let b = self.b.ins().load(I64, flags(), sp, off + 8);
                self.push(h, a, b);
                self.count();
            }
            Op::Pop => self.count(),
            Op::Load(s) => {
                let (a, b) = self.locals[s as usize];
                let (a, b) = (self.b.use_var(a), self.b.use_var(b));
                self.push(h, a, b);
                self.count();
            }
            Op::Store(s) => {
                let (a, b) = self.slot(h - 1);
                let (va, vb) = self.locals[s as usize];
                self.b.def_var(va, a);
                self.b.def_var(vb, b);
                self.count();
            }
            Op::Jump(t) if t > pc => {
                self.count();
                let target = self.block(t);
                self.b.ins().jump(target, &[]);
            }
            Op::Jump(t) => self.back_edge(pc, t, h),
            Op::JumpIfNot(t) => {
                let (w0, w1) = self.slot(h - 1);
                let c = self.truthy(w0, w1, Truth::Ir);
                self.count();
                let (then, other) = (self.block(pc + 1), self.block(t));
                self.b.ins().brif(c, then, &[], other, &[]);
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
                    self.b.ins().brif(c, jump, &[], next, &[]);
                } else {
                    self.b.ins().brif(c, next, &[], jump, &[]);
                }
            }
            Op::JumpNotNull(t) => {
                let (w0, _) = self.slot(h - 1);
                let tag = self.b.ins().band_imm_s(w0, 0xff);
                self.count();
                let (jump, next) = (self.block(t), self.block(pc + 1));
                self.b.ins().brif(tag, jump, &[], next, &[]);
            }
            Op::Gas(g) => {
                let total = self.func.gas.get(g as usize).map_or(u64::MAX, |g| g.total);
                let avail = self.b.use_var(self.avail);
                let ok = if total > i64::MAX as u64 {
                    self.b.ins().iconst(cranelift_codegen::ir::types::I8, 0)
                } else {
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, avail, total as i64)
                };
                let (pay, short) = (self.b.create_block(), self.b.create_block());
                self.b.ins().brif(ok, pay, &[], short, &[]);
                self.b.switch_to_block(short);
                self.exit_handback(pc, h);
                self.b.switch_to_block(pay);
                let left = self
                    .b
                    .ins()
                    .iadd_imm_s(avail, -(total.min(i64::MAX as u64) as i64));
                self.b.def_var(self.avail, left);
                self.count();
            }
            Op::Binary { kind, .. } => self.binary(pc, op, kind, h),
            _ => self.slow(pc, op, h, None),
        }
    }

    /// IR truthiness of `(w0, w1)` under `truth` as an `I8` 0 or 1.
    fn truthy(&mut self, w0: ir::Value, w1: ir::Value, truth: Truth) -> ir::Value {
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        let tag = self.b.ins().band_imm_s(w0, 0xff);
        let (is_bool, not_bool) = (self.b.create_block(), self.b.create_block());
        let c = self.b.ins().icmp_imm_s(IntCC::Equal, tag, TAG_BOOL);
        self.b.ins().brif(c, is_bool, &[], not_bool, &[]);

        self.b.switch_to_block(is_bool);
        let byte = self.b.ins().ushr_imm_s(w0, 8);
        let byte = self.b.ins().band_imm_s(byte, 0xff);
        self.b.ins().jump(done, &[byte.into()]);

        self.b.switch_to_block(not_bool);
        let (is_int, other) = (self.b.create_block(), self.b.create_block());
        let c = self.b.ins().icmp_imm_s(IntCC::Equal, tag, TAG_INT);
        self.b.ins().brif(c, is_int, &[], other, &[]);

        self.b.switch_to_block(is_int);
        let r = if truth == Truth::Lua {
            self.b.ins().iconst(I64, 1)
        } else {
            let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, w1, 0);
            self.b.ins().uextend(I64, nz)
        };
        self.b.ins().jump(done, &[r.into()]);

        self.b.switch_to_block(other);
        let mode = self.b.ins().iconst(I32, i64::from(truth_code(truth)));
        let call = self
            .b
            .ins()
            .call(self.helpers.truthy, &[self.ctx, w0, w1, mode]);
        let r = self.b.inst_results(call)[0];
        self.b.ins().jump(done, &[r.into()]);

        self.b.switch_to_block(done);
        self.b.block_params(done)[0]
    }

    fn back_edge(&mut self, pc: u32, target: u32, h: u32) {
        // Only call the safe point when it could do something (see `JitCtx::safe_point`).
        let needed = self.b.ins().load(I64, flags(), self.ctx, Off::SAFE_POINT);
        let (poll, go, stop) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        self.b.ins().brif(needed, poll, &[], go, &[]);
        self.b.switch_to_block(poll);
        let call = self.b.ins().call(self.helpers.backedge, &[self.ctx]);
        let r = self.b.inst_results(call)[0];
        self.b.ins().brif(r, stop, &[], go, &[]);

        self.b.switch_to_block(go);
        self.count();
        let t = self.block(target);
        self.b.ins().jump(t, &[]);

        // Collection due (1): hand back at the jump, which the VM then runs with its safe
        // point. Yield (2): the jump ran and the run suspends at its target.
        self.b.switch_to_block(stop);
        let (collect, yield_) = (self.b.create_block(), self.b.create_block());
        let is_collect = self.b.ins().icmp_imm_s(IntCC::Equal, r, 1);
        self.b.ins().brif(is_collect, collect, &[], yield_, &[]);
        self.b.switch_to_block(collect);
        self.exit_handback(pc, h);
        self.b.switch_to_block(yield_);
        self.count();
        self.exit_with(target, h, SUSPEND);
    }

    fn binary(&mut self, pc: u32, op: Op, kind: BinOp, h: u32) {
        let (a0, a1) = self.slot(h - 2);
        let (b0, b1) = self.slot(h - 1);
        let join = self.b.create_block();
        let slow = self.b.create_block();
        let ta = self.b.ins().band_imm_s(a0, 0xff);
        let tb = self.b.ins().band_imm_s(b0, 0xff);
        let tb8 = self.b.ins().ishl_imm_s(tb, 8);
        let tags = self.b.ins().bor(ta, tb8);
        let (ints, not_ints) = (self.b.create_block(), self.b.create_block());
        let c = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tags, TAG_INT | (TAG_INT << 8));
        self.b.ins().brif(c, ints, &[], not_ints, &[]);

        // Two ints.
        self.b.switch_to_block(ints);
        self.int_op(kind, a1, b1, h, join, slow);

        // Two floats.
        self.b.switch_to_block(not_ints);
        let float_op = !matches!(kind, BinOp::Mod | BinOp::Eq | BinOp::Neq);
        if float_op {
            let floats = self.b.create_block();
            let c = self
                .b
                .ins()
                .icmp_imm_s(IntCC::Equal, tags, TAG_FLOAT | (TAG_FLOAT << 8));
            self.b.ins().brif(c, floats, &[], slow, &[]);
            self.b.switch_to_block(floats);
            let x = self.b.ins().bitcast(F64, MemFlagsData::new(), a1);
            let y = self.b.ins().bitcast(F64, MemFlagsData::new(), b1);
            let r = match kind {
                BinOp::Add => Some(self.b.ins().fadd(x, y)),
                BinOp::Sub => Some(self.b.ins().fsub(x, y)),
                BinOp::Mul => Some(self.b.ins().fmul(x, y)),
                _ => None,
            };
            match r {
                Some(r) => {
                    let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), r);
                    let tag = self.b.ins().iconst(I64, TAG_FLOAT);
                    self.push(h - 2, tag, bits);
                }
                None => {
                    let cc = match kind {
                        BinOp::Lt => FloatCC::LessThan,
                        BinOp::Gt => FloatCC::GreaterThan,
                        BinOp::Lte => FloatCC::LessThanOrEqual,
                        _ => FloatCC::GreaterThanOrEqual,
                    };
                    let c = self.b.ins().fcmp(cc, x, y);
                    self.push_bool(h - 2, c);
                }
            }
            self.b.ins().jump(join, &[]);
        } else {
            self.b.ins().jump(slow, &[]);
        }

        // Anything else: the VM's instruction (the builtin decides). It counts the
        // instruction itself, so it rejoins after the fast paths' count.
        let after = self.b.create_block();
        self.b.switch_to_block(slow);
        self.slow(pc, op, h, Some(after));

        self.b.switch_to_block(join);
        self.count();
        self.b.ins().jump(after, &[]);
        self.b.switch_to_block(after);
    }

    fn push_bool(&mut self, h: u32, c: ir::Value) {
        let c = self.b.ins().uextend(I64, c);
        let c = self.b.ins().ishl_imm_s(c, 8);
        let w0 = self.b.ins().bor_imm_s(c, TAG_BOOL);
        let w1 = self.b.ins().iconst(I64, 0);
        self.push(h, w0, w1);
    }

    fn int_op(
        &mut self,
        kind: BinOp,
        x: ir::Value,
        y: ir::Value,
        h: u32,
        join: Block,
        slow: Block,
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
        match kind {
            BinOp::Add => {
                let (r, of) = self.b.ins().sadd_overflow(x, y);
                checked(self, r, of);
            }
            BinOp::Sub => {
                let (r, of) = self.b.ins().ssub_overflow(x, y);
                checked(self, r, of);
            }
            BinOp::Mul => {
                let (r, of) = self.b.ins().smul_overflow(x, y);
                checked(self, r, of);
            }
            BinOp::Mod => {
                // Zero divisor: the builtin reports it. -1: always 0 (and no trap on MIN).
                let (nonzero, minus_one, rem) = (
                    self.b.create_block(),
                    self.b.create_block(),
                    self.b.create_block(),
                );
                self.b.ins().brif(y, nonzero, &[], slow, &[]);
                self.b.switch_to_block(nonzero);
                let m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
                self.b.ins().brif(m1, minus_one, &[], rem, &[]);
                self.b.switch_to_block(minus_one);
                let zero = self.b.ins().iconst(I64, 0);
                int_result(self, zero);
                self.b.switch_to_block(rem);
                let r = self.b.ins().srem(x, y);
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
                let c = self.b.ins().icmp(cc, x, y);
                self.push_bool(h - 2, c);
                self.b.ins().jump(join, &[]);
            }
        }
    }

    /// Runs the instruction at `pc` in the VM, then carries on natively at the pc the VM
    /// reports (one of the instruction's successors) or returns the status. With `then`,
    /// the only successor is `pc + 1` and native code carries on in block `then`.
    fn slow(&mut self, pc: u32, op: Op, h: u32, then: Option<Block>) {
        self.write_back(pc, h);
        let call = self.b.ins().call(self.helpers.step, &[self.ctx]);
        let st = self.b.inst_results(call)[0];
        let kind = self.b.ins().band_imm_s(st, 0xff);
        let (cont, exit) = (self.b.create_block(), self.b.create_block());
        let is_same = self.b.ins().icmp_imm_s(IntCC::Equal, kind, SAME as i64);
        self.b.ins().brif(is_same, cont, &[], exit, &[]);
        self.b.switch_to_block(exit);
        self.b.ins().return_(&[st]);

        self.b.switch_to_block(cont);
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
            let Some(target) = then.or_else(|| self.blocks.get(s as usize).copied().flatten())
            else {
                continue;
            };
            let (go, no) = (self.b.create_block(), self.b.create_block());
            let c = self.b.ins().icmp_imm_s(IntCC::Equal, next, i64::from(s));
            self.b.ins().brif(c, go, &[], no, &[]);
            self.b.switch_to_block(go);
            self.reload(hs);
            self.b.ins().jump(target, &[]);
            self.b.switch_to_block(no);
        }
        // The VM went somewhere native code did not expect: it carries on from there.
        let st = self.b.ins().iconst(I64, HANDBACK as i64);
        self.b.ins().return_(&[st]);
    }
}
