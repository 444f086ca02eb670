//! What native code knows about value types before each instruction.
//!
//! A forward dataflow over one function's bytecode finds, before every instruction, which
//! locals and operand-stack values have a known tag (integer, float, null, boolean). Native
//! code then skips those tag checks, and keeps only the payload word of a local whose tag
//! is known, which frees registers in loops.
//!
//! The facts hold because of how `codegen.rs` builds each entry, and the two must agree:
//!
//! - Arithmetic on two known integers gives an integer: its slow path (overflow, a zero
//!   divisor) never rejoins; the VM runs the instruction and carries on.
//! - In a direct entry every slow path gives up to the VM, so an instruction that
//!   continues natively took a fast path: a comparison or arithmetic with a known integer
//!   operand (or one that has only an integer path, such as `%` and `==`) proved both
//!   operands integers, and a local the operand was loaded from is known from then on.
//! - Only `Store` and `Scope` change a frame's locals; everything the VM runs for native
//!   code leaves them as they were.
//! - Where the VM enters compiled code (a function's start, a loop header), the facts at
//!   that point are checked on entry ([`Facts::guarded`]): when one fails, native code
//!   returns at once and the VM carries on. A function whose entry checks keep failing is
//!   compiled again without relying on them: its entries then count as arriving with
//!   nothing known.
//! - In a direct entry, a call with as many arguments as the function takes may be known to
//!   return an integer ([`Facts::returns`]). That holds when every `Return`
//!   of the function returns one, given that those calls do: a call of the function itself
//!   (its copies included) returns one by induction on the depth of calls, since it runs
//!   this same code, and the result of a call of any other closure is checked where it
//!   returns (a different tag gives up there, after the call, with the result on the
//!   stack).
//!
//! Alongside the tags, each local and operand has a [`Range`]: if it holds an integer,
//! the integer lies in it. Constants give exact ranges, arithmetic that cannot overflow
//! adds them up, and a comparison of two known integers narrows the locals it read on each
//! of its branch's edges (`i < 100` leaves `i <= 99` in the loop's body). Native code then
//! leaves out the overflow check of arithmetic whose result always fits ([`exact`]), such
//! as `i + 1` there. Where the VM enters native code with `guarded` facts, the entry
//! checks the ranges of the values it checks as integers, and no other value has one; at
//! loop heads a range that keeps growing is widened to the end it grows towards, so the
//! dataflow ends.

use weft_bytecode::Op;
use weft_bytecode::program::{BinOp, Func};
use weft_bytecode::verify::effect;

use crate::codegen::{TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_NULL, successors};

/// A value's tag when known.
pub(crate) type Tag = Option<i64>;

/// Where an integer lies, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Range {
    pub lo: i64,
    pub hi: i64,
}

impl Range {
    /// Any integer.
    pub const FULL: Range = Range {
        lo: i64::MIN,
        hi: i64::MAX,
    };

    fn of(c: i64) -> Range {
        Range { lo: c, hi: c }
    }

    /// The smallest range holding both.
    fn hull(self, other: Range) -> Range {
        Range {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    /// `self` as it was at a loop head, then `grown`: an end that moved goes all the way.
    fn widen(self, grown: Range) -> Range {
        Range {
            lo: if grown.lo < self.lo {
                i64::MIN
            } else {
                self.lo
            },
            hi: if grown.hi > self.hi {
                i64::MAX
            } else {
                self.hi
            },
        }
    }

    fn within(self, bound: i64) -> bool {
        self.lo >= -bound && self.hi <= bound
    }
}

/// Where the result of integer arithmetic `kind` on operands in `a` and `b` lies, when the
/// native two-integer path always gives it without a slow path (no overflow, and for
/// JavaScript's operations everything within ±2^53 and no `-0`); `None` otherwise.
pub(crate) fn exact(kind: BinOp, a: Range, b: Range) -> Option<Range> {
    let ends = |f: fn(i64, i64) -> Option<i64>| -> Option<Range> {
        let v = [
            f(a.lo, b.lo)?,
            f(a.lo, b.hi)?,
            f(a.hi, b.lo)?,
            f(a.hi, b.hi)?,
        ];
        Some(Range {
            lo: *v.iter().min()?,
            hi: *v.iter().max()?,
        })
    };
    let safe = weft_bytecode::program::JS_SAFE;
    let js = |r: Range| (a.within(safe) && b.within(safe) && r.within(safe)).then_some(r);
    match kind {
        BinOp::Add | BinOp::LuaAdd => ends(i64::checked_add),
        BinOp::Sub | BinOp::LuaSub => ends(i64::checked_sub),
        BinOp::Mul | BinOp::LuaMul => ends(i64::checked_mul),
        BinOp::JsAdd => ends(i64::checked_add).and_then(js),
        BinOp::JsSub => ends(i64::checked_sub).and_then(js),
        // A zero product is `-0` when an operand is negative.
        BinOp::JsMul if a.lo >= 0 && b.lo >= 0 => ends(i64::checked_mul).and_then(js),
        _ => None,
    }
}

/// Where the remainder `kind` of integers in `a` by a divisor in `b` lies (when the
/// native path gives one), for a positive divisor; else anywhere.
fn remainder(kind: BinOp, a: Range, b: Range) -> Range {
    if b.lo < 1 {
        return Range::FULL;
    }
    let below = b.hi - 1;
    match kind {
        // Floored: the divisor's sign.
        BinOp::PyMod | BinOp::LuaMod => Range { lo: 0, hi: below },
        // Truncated: the dividend's sign.
        BinOp::Mod | BinOp::JsMod => Range {
            lo: if a.lo >= 0 { 0 } else { -below },
            hi: if a.hi <= 0 { 0 } else { below },
        },
        _ => Range::FULL,
    }
}

/// An operand of a comparison: the local it was loaded from (while that local still holds
/// it), and its range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Side {
    local: Option<u32>,
    range: Range,
}

/// What a boolean operand says when it is a comparison of two integers: `x < y`
/// (`strict`) or `x <= y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cond {
    x: Side,
    y: Side,
    strict: bool,
}

impl Cond {
    /// The comparison `kind` of integers `a` and `b`, when it orders them.
    fn of(kind: BinOp, a: Side, b: Side) -> Option<Cond> {
        let (x, y, strict) = match kind {
            BinOp::Lt => (a, b, true),
            BinOp::Lte => (a, b, false),
            BinOp::Gt => (b, a, true),
            BinOp::Gte => (b, a, false),
            _ => return None,
        };
        Some(Cond { x, y, strict })
    }

    /// The same comparison on both paths, its operands' ranges holding both.
    fn join(self, other: Cond) -> Option<Cond> {
        let side = |a: Side, b: Side| {
            (a.local == b.local).then_some(Side {
                local: a.local,
                range: a.range.hull(b.range),
            })
        };
        (self.strict == other.strict).then_some(Cond {
            x: side(self.x, other.x)?,
            y: side(self.y, other.y)?,
            strict: self.strict,
        })
    }

    /// The comparison that holds where this one does not: not `x < y` is `y <= x`.
    fn negated(self) -> Cond {
        Cond {
            x: self.y,
            y: self.x,
            strict: !self.strict,
        }
    }
}

/// The facts before one instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct State {
    pub locals: Vec<Tag>,
    pub stack: Vec<Tag>,
    /// For each operand, the local it was loaded from, while that local still holds it.
    src: Vec<Option<u32>>,
    /// Where each local lies if it holds an integer.
    pub local_ranges: Vec<Range>,
    /// Where each operand lies if it is an integer.
    pub ranges: Vec<Range>,
    /// For each operand, the comparison it is the outcome of, when known.
    conds: Vec<Option<Cond>>,
}

impl State {
    fn unknown(slots: usize, height: usize) -> State {
        State {
            locals: vec![None; slots],
            stack: vec![None; height],
            src: vec![None; height],
            local_ranges: vec![Range::FULL; slots],
            ranges: vec![Range::FULL; height],
            conds: vec![None; height],
        }
    }

    fn push(&mut self, tag: Tag, src: Option<u32>, range: Range) {
        self.stack.push(tag);
        self.src.push(src);
        self.ranges.push(range);
        self.conds.push(None);
    }

    fn pop(&mut self, n: usize) {
        let keep = self.stack.len().saturating_sub(n);
        self.stack.truncate(keep);
        self.src.truncate(keep);
        self.ranges.truncate(keep);
        self.conds.truncate(keep);
    }

    /// What is known on every path: the tags both states agree on, ranges holding both.
    fn meet(&self, other: &State) -> State {
        fn same<T: Copy + PartialEq>(a: &[Option<T>], b: &[Option<T>]) -> Vec<Option<T>> {
            a.iter()
                .zip(b)
                .map(|(x, y)| if x == y { *x } else { None })
                .collect()
        }
        let hull = |a: &[Range], b: &[Range]| -> Vec<Range> {
            a.iter().zip(b).map(|(x, y)| x.hull(*y)).collect()
        };
        State {
            locals: same(&self.locals, &other.locals),
            stack: same(&self.stack, &other.stack),
            src: same(&self.src, &other.src),
            local_ranges: hull(&self.local_ranges, &other.local_ranges),
            ranges: hull(&self.ranges, &other.ranges),
            conds: self
                .conds
                .iter()
                .zip(&other.conds)
                .map(|(x, y)| x.zip(*y).and_then(|(x, y)| x.join(y)))
                .collect(),
        }
    }

    /// At a loop head that knew `old` before: every range that grew, widened.
    fn widen_from(&mut self, old: &State) {
        let pairs = self.local_ranges.iter_mut().zip(&old.local_ranges);
        for (r, o) in pairs.chain(self.ranges.iter_mut().zip(&old.ranges)) {
            *r = o.widen(*r);
        }
    }

    /// Where the VM enters: a range is checked there only with its integer tag, so a
    /// value whose tag is not known an integer has no range; and no comparison is known.
    fn entered(&mut self) {
        let int = Some(TAG_INT);
        for (r, t) in self.local_ranges.iter_mut().zip(&self.locals) {
            if *t != int {
                *r = Range::FULL;
            }
        }
        for (r, t) in self.ranges.iter_mut().zip(&self.stack) {
            if *t != int {
                *r = Range::FULL;
            }
        }
        self.conds.fill(None);
    }

    /// Local `l` now holds something else: operands loaded from it, and comparisons that
    /// read it, no longer say anything about it. `keep_top` keeps the top operand's source
    /// (the value just stored in `l`).
    fn changed(&mut self, l: u32, keep_top: bool) {
        let n = self.src.len();
        for (i, src) in self.src.iter_mut().enumerate() {
            if *src == Some(l) && !(keep_top && i + 1 == n) {
                *src = None;
            }
        }
        for c in self.conds.iter_mut() {
            if c.is_some_and(|c| c.x.local == Some(l) || c.y.local == Some(l)) {
                *c = None;
            }
        }
    }

    /// Operand `i` is now known to be an integer, and so is the local it came from.
    fn refine_int(&mut self, i: usize) {
        self.stack[i] = Some(TAG_INT);
        if let Some(l) = self.src[i] {
            self.locals[l as usize] = Some(TAG_INT);
            for (t, s) in self.stack.iter_mut().zip(&self.src) {
                if *s == Some(l) {
                    *t = Some(TAG_INT);
                }
            }
        }
    }

    /// On a path where `cond` holds: the locals it read narrowed to what it allows.
    fn assume(&mut self, cond: Cond) {
        let d = i64::from(cond.strict);
        // x < y: x is at most y's largest less one, y at least x's smallest plus one.
        let (Some(x_hi), Some(y_lo)) = (
            cond.y.range.hi.checked_sub(d),
            cond.x.range.lo.checked_add(d),
        ) else {
            return;
        };
        self.narrow(cond.x.local, i64::MIN, x_hi);
        self.narrow(cond.y.local, y_lo, i64::MAX);
    }

    /// Local `l` (and operands loaded from it) within `lo..=hi` as well, unless that leaves
    /// nothing (a path that never runs; its facts do not matter).
    fn narrow(&mut self, l: Option<u32>, lo: i64, hi: i64) {
        let Some(l) = l else { return };
        let Some(r) = self.local_ranges.get_mut(l as usize) else {
            return;
        };
        let within = |r: &mut Range| {
            let n = Range {
                lo: r.lo.max(lo),
                hi: r.hi.min(hi),
            };
            if n.lo <= n.hi {
                *r = n;
            }
        };
        within(r);
        for (r, s) in self.ranges.iter_mut().zip(&self.src) {
            if *s == Some(l) {
                within(r);
            }
        }
    }
}

/// How many arrivals at a loop head after the first merge plainly (hull of the ranges)
/// before its ranges widen.
const SETTLE_ROUNDS: u32 = 2;

/// The facts of one entry of a function.
pub(crate) struct Facts {
    /// Before each instruction; `None` where native code never arrives natively (only
    /// after the VM, for instance at an exception handler).
    pub at: Vec<Option<State>>,
    /// Whether the VM's entries are checked against the facts (else they hold nothing).
    pub guarded: bool,
    /// In a direct entry: the tag every call with as many arguments as the function takes
    /// is known to return (see the module's doc), when there is one.
    pub returns: Tag,
}

impl Facts {
    /// The facts for a function's direct entry (`direct`) or its VM entry, whose entry
    /// pcs are `entries`; with `guarded`, those entries check the facts instead of
    /// counting as arriving with nothing known.
    pub fn of(
        func: &Func,
        depth: &[Option<u32>],
        entries: &[u32],
        direct: bool,
        guarded: bool,
    ) -> Facts {
        let plain = Facts::flow(func, depth, entries, direct, guarded, None);
        if !direct || !may_call_itself(func) {
            return plain;
        }
        // Assume the calls return an integer, and keep that only if then every return
        // gives one. (A path that returns such a call's result joins others where the
        // plain facts know nothing, so they cannot say which tag to try; and only integer
        // arithmetic gives a known tag.)
        let assumed = Facts::flow(func, depth, entries, direct, guarded, Some(TAG_INT));
        if assumed.return_tags(func).all(|t| t == Some(TAG_INT)) {
            assumed
        } else {
            plain
        }
    }

    /// The tags of the values the function's reachable `Return`s give.
    fn return_tags<'f>(&'f self, func: &'f Func) -> impl Iterator<Item = Tag> + 'f {
        func.code
            .iter()
            .zip(&self.at)
            .filter_map(|(op, st)| match (op, st) {
                (Op::Return, Some(st)) => Some(st.stack.last().copied().flatten()),
                _ => None,
            })
    }

    /// The dataflow, with `returns` the tag assumed for calls with as many arguments as
    /// the function takes.
    fn flow(
        func: &Func,
        depth: &[Option<u32>],
        entries: &[u32],
        direct: bool,
        guarded: bool,
        returns: Tag,
    ) -> Facts {
        let n = func.code.len();
        let slots = func.slots as usize;
        let mut at: Vec<Option<State>> = vec![None; n];
        // Where ranges widen: every cycle passes through the target of a backward edge.
        let mut heads = vec![false; n];
        let mut grown = vec![0u32; n];
        for (pc, &op) in (0u32..).zip(&func.code) {
            for s in successors(op, pc) {
                if s <= pc && (s as usize) < n {
                    heads[s as usize] = true;
                }
            }
        }
        // A call starts with the arguments and every other local null.
        let mut start = State::unknown(slots, 0);
        for (i, l) in start.locals.iter_mut().enumerate() {
            if i as u32 >= func.params {
                *l = Some(TAG_NULL);
            }
        }
        let mut work = vec![(0usize, start)];
        if !direct && !guarded {
            for &e in entries {
                if let Some(Some(h)) = depth.get(e as usize) {
                    work.push((e as usize, State::unknown(slots, *h as usize)));
                }
            }
        }
        while let Some((pc, mut incoming)) = work.pop() {
            let Some(Some(h)) = depth.get(pc) else {
                continue;
            };
            if incoming.stack.len() != *h as usize {
                // Cannot happen in verified code; know nothing rather than guess.
                continue;
            }
            if !direct && entries.contains(&(pc as u32)) {
                incoming.entered();
            }
            let merged = match &at[pc] {
                Some(old) => {
                    let mut m = old.meet(&incoming);
                    if heads[pc] {
                        // A few rounds as they come first: a range that settles (a
                        // remainder's) need not widen.
                        grown[pc] += 1;
                        if grown[pc] > SETTLE_ROUNDS {
                            m.widen_from(old);
                        }
                    }
                    if &m == old {
                        continue;
                    }
                    m
                }
                None => incoming,
            };
            at[pc] = Some(merged.clone());
            let op = func.code[pc];
            let out = transfer(func, op, &merged, direct, returns);
            for s in successors(op, pc as u32) {
                let Some(Some(d)) = depth.get(s as usize) else {
                    continue;
                };
                let d = *d as usize;
                let mut next = if out.stack.len() == d {
                    out.clone()
                } else if merged.stack.len() == d {
                    // A branch that keeps its operand (`JumpKeep`, `JumpNotNull`,
                    // `ForNext` when it is done).
                    State {
                        locals: out.locals.clone(),
                        local_ranges: out.local_ranges.clone(),
                        ..merged.clone()
                    }
                } else {
                    let mut st = State::unknown(slots, d);
                    st.locals.clone_from(&out.locals);
                    st.local_ranges.clone_from(&out.local_ranges);
                    st
                };
                // A comparison's branch: on each edge, what the comparison said there.
                if let (Op::JumpIfNot(t), Some(Some(cond))) = (op, merged.conds.last())
                    && t != pc as u32 + 1
                {
                    next.assume(if s == t { cond.negated() } else { *cond });
                }
                work.push((s as usize, next));
            }
        }
        Facts {
            at,
            guarded,
            returns,
        }
    }
}

/// Whether `func` has a call with as many arguments as it takes: the only calls that can
/// be of its own closure by way of its direct entry.
pub(crate) fn may_call_itself(func: &Func) -> bool {
    func.code
        .iter()
        .any(|op| matches!(op, Op::Call(argc) if *argc == func.params))
}

/// Whether `kind` has a two-float fast path in native code: the VM's, but for `%`
/// (`fmod` has no instruction; the VM's instruction runs it).
pub(crate) fn has_float_path(kind: BinOp) -> bool {
    kind.has_float_path() && kind != BinOp::Mod
}

/// The facts after `op` (on its fall-through path) given `st` before it, with `returns`
/// the tag calls with as many arguments as the function takes are known to return.
fn transfer(func: &Func, op: Op, st: &State, direct: bool, returns: Tag) -> State {
    let mut s = st.clone();
    let full = Range::FULL;
    match op {
        Op::Call(argc) if argc == func.params && returns.is_some() => {
            s.pop(argc as usize + 1);
            s.push(returns, None, full);
        }
        Op::Null => s.push(Some(TAG_NULL), None, full),
        Op::True | Op::False => s.push(Some(TAG_BOOL), None, full),
        Op::Int(c) => s.push(Some(TAG_INT), None, Range::of(c)),
        Op::Float(_) => s.push(Some(TAG_FLOAT), None, full),
        Op::Load(l) => {
            let tag = s.locals.get(l as usize).copied().flatten();
            let range = s.local_ranges.get(l as usize).copied().unwrap_or(full);
            s.push(tag, Some(l), range);
        }
        Op::Store(l) => {
            let top = s.stack.last().copied().flatten();
            let range = s.ranges.last().copied().unwrap_or(full);
            if let (Some(slot), Some(r)) = (
                s.locals.get_mut(l as usize),
                s.local_ranges.get_mut(l as usize),
            ) {
                *slot = top;
                *r = range;
            }
            // Operands loaded from `l` before no longer hold what it holds.
            s.changed(l, true);
        }
        Op::Scope(sc) => {
            if let Some(scope) = func.scopes.get(sc as usize) {
                let changed = scope.plain.iter().map(|&p| (p, Some(TAG_NULL)));
                let changed = changed.chain(scope.boxed.iter().map(|&b| (b, None)));
                for (l, tag) in changed {
                    if let (Some(slot), Some(r)) = (
                        s.locals.get_mut(l as usize),
                        s.local_ranges.get_mut(l as usize),
                    ) {
                        *slot = tag;
                        *r = full;
                    }
                    s.changed(l, false);
                }
            }
        }
        Op::Binary { kind, .. } if s.stack.len() >= 2 => {
            let h = s.stack.len();
            let (a, b) = (s.stack[h - 2], s.stack[h - 1]);
            let int = Some(TAG_INT);
            let cmp = kind.is_comparison();
            let result = if a == int && b == int {
                Some(if cmp { TAG_BOOL } else { TAG_INT })
            } else if direct {
                if a == int || b == int || !has_float_path(kind) {
                    s.refine_int(h - 2);
                    s.refine_int(h - 1);
                    Some(if cmp { TAG_BOOL } else { TAG_INT })
                } else if cmp {
                    Some(TAG_BOOL)
                } else {
                    None
                }
            } else {
                None
            };
            // Both operands integers from here on: the two-integer path ran.
            let ints = s.stack[h - 2] == int && s.stack[h - 1] == int;
            let side = |i: usize| Side {
                local: s.src[i],
                range: s.ranges[i],
            };
            let (x, y) = (side(h - 2), side(h - 1));
            let range = if ints && !cmp {
                exact(kind, x.range, y.range).unwrap_or_else(|| remainder(kind, x.range, y.range))
            } else {
                full
            };
            let cond = if ints { Cond::of(kind, x, y) } else { None };
            s.pop(2);
            s.push(result, None, range);
            if let Some(c) = s.conds.last_mut() {
                *c = cond;
            }
        }
        _ => {
            let (pops, pushes) = effect(&op);
            s.pop(pops as usize);
            for _ in 0..pushes {
                s.push(None, None, full);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use weft_bytecode::Program;

    fn program(ir: &str) -> Program {
        let registry = weft_ir::Registry::standard();
        let node = weft_ir::parse_and_validate(ir, registry).expect("valid IR");
        weft_bytecode::compile(&node, registry).expect("compiles")
    }

    /// The operand ranges before the `n`th `Binary` of `kind` in function `f`'s `entry`.
    fn operands_at(prog: &Program, f: usize, kind: BinOp, n: usize, direct: bool) -> Vec<Range> {
        let func = &prog.funcs[f];
        let depth = weft_bytecode::verify::stack_depths(prog, func).expect("verified");
        let entries = crate::codegen::entries(func);
        let facts = Facts::of(func, &depth, &entries, direct, !direct);
        let pc = func
            .code
            .iter()
            .enumerate()
            .filter(|(_, op)| matches!(op, Op::Binary { kind: k, .. } if *k == kind))
            .nth(n)
            .expect("the instruction")
            .0;
        let st = facts.at[pc].as_ref().expect("reached");
        st.ranges[st.ranges.len() - 2..].to_vec()
    }

    fn range(lo: i64, hi: i64) -> Range {
        Range { lo, hi }
    }

    #[test]
    fn a_loop_counter_below_its_bound_is_known_below_it_in_the_body() {
        // `i + 1` in the body: `i < 100` held, so `i <= 99`; `i` starts at 0 and only
        // grows (the VM's entry at the loop head checks that it is at least 0).
        let prog = program(
            r#"["std.seq", ["std.let", "i", 0],
              ["std.while", ["bool.lt", ["std.var", "i"], 100],
                ["std.set", "i", ["math.add", ["std.var", "i"], 1]]],
              ["std.var", "i"]]"#,
        );
        let ops = operands_at(&prog, 0, BinOp::Add, 0, false);
        assert_eq!(ops, [range(0, 99), range(1, 1)]);
        assert_eq!(exact(BinOp::Add, ops[0], ops[1]), Some(range(1, 100)));
    }

    #[test]
    fn a_remainder_by_a_positive_constant_bounds_what_is_built_on_it() {
        // `x` is a remainder by 1000003 of a sum that is never negative (truncated, so of
        // the dividend's sign; 1 at first): `x * 31 + i` cannot overflow. A floored
        // remainder is never negative either.
        let prog = program(
            r#"["std.seq", ["std.let", "i", 0], ["std.let", "x", 1],
              ["std.while", ["bool.lt", ["std.var", "i"], 100], ["std.seq",
                ["std.set", "x", ["math.mod", ["math.add",
                  ["math.mul", ["std.var", "x"], 31], ["std.var", "i"]], 1000003]],
                ["std.set", "i", ["py.mod", ["math.add", ["std.var", "i"], ["std.var", "x"]], 7]]]],
              ["std.var", "x"]]"#,
        );
        let mul = operands_at(&prog, 0, BinOp::Mul, 0, false);
        assert_eq!(mul, [range(0, 1000002), range(31, 31)]);
        let add = operands_at(&prog, 0, BinOp::Add, 0, false);
        assert_eq!(add, [range(0, 31000062), range(0, 6)]);
        let mod_by = operands_at(&prog, 0, BinOp::Mod, 0, false);
        assert_eq!(mod_by, [range(0, 31000068), range(1000003, 1000003)]);
        let sum = operands_at(&prog, 0, BinOp::Add, 1, false);
        assert_eq!(sum, [range(0, 6), range(0, 1000002)]);
        assert_eq!(remainder(BinOp::PyMod, sum[0], range(7, 7)), range(0, 6));
        assert_eq!(remainder(BinOp::Mod, range(0, 9), range(7, 7)), range(0, 6));
        assert_eq!(
            remainder(BinOp::Mod, range(-9, 0), range(1, 7)),
            range(-6, 0)
        );
        assert_eq!(remainder(BinOp::Mod, range(0, 9), range(0, 7)), Range::FULL);
    }

    #[test]
    fn each_edge_of_a_comparison_narrows_its_operands_its_own_way() {
        // fib's `n - 1` and `n - 2` run where `n < 2` failed: `n >= 2`. In the base case
        // (`n + 0`), `n <= 1`.
        let prog = program(
            r#"["std.seq", ["std.let", "f", null], ["std.set", "f", ["std.lambda", ["n"],
              ["std.if", ["bool.lt", ["std.var", "n"], 2], ["math.add", ["std.var", "n"], 0],
                ["math.add", ["std.apply", ["std.var", "f"], ["math.sub", ["std.var", "n"], 1]],
                  ["std.apply", ["std.var", "f"], ["math.sub", ["std.var", "n"], 2]]]]]],
              ["std.apply", ["std.var", "f"], 10]]"#,
        );
        let sub = operands_at(&prog, 1, BinOp::Sub, 0, true);
        assert_eq!(sub, [range(2, i64::MAX), range(1, 1)]);
        let sub = operands_at(&prog, 1, BinOp::Sub, 1, true);
        assert_eq!(sub, [range(2, i64::MAX), range(2, 2)]);
        let base = operands_at(&prog, 1, BinOp::Add, 0, true);
        assert_eq!(base, [range(i64::MIN, 1), range(0, 0)]);
        // Not strict, and the constant on the left: `10 >= n` leaves `n <= 10` and, where
        // it fails, `n >= 11`.
        let prog = program(
            r#"["std.lambda", ["n"], ["std.if", ["bool.gte", 10, ["std.var", "n"]],
              ["math.mul", ["std.var", "n"], 3], ["math.sub", ["std.var", "n"], 5]]]"#,
        );
        let mul = operands_at(&prog, 1, BinOp::Mul, 0, true);
        assert_eq!(mul, [range(i64::MIN, 10), range(3, 3)]);
        let sub = operands_at(&prog, 1, BinOp::Sub, 0, true);
        assert_eq!(sub, [range(11, i64::MAX), range(5, 5)]);
    }

    #[test]
    fn a_range_growing_around_a_loop_widens_and_a_comparison_of_an_overwritten_value_narrows_nothing()
     {
        // In a direct entry (no VM entry at the head), `i` starts at 0 and only grows: at
        // the head it is widened to 0..=MAX. Below `i < n`, `i` is less than some integer,
        // so `i + 1` cannot overflow even though `n` is unknown.
        let prog = program(
            r#"["std.lambda", ["n"], ["std.seq", ["std.let", "i", 0], ["std.let", "j", 5],
              ["std.while", ["bool.lt", ["std.var", "i"], ["std.var", "n"]],
                ["std.set", "i", ["math.add", ["std.var", "i"], 1]]],
              ["std.if", ["bool.lt", ["std.var", "j"], ["std.seq", ["std.set", "j", ["std.var", "n"]], 10]],
                ["math.add", ["std.var", "j"], 1], null]]]"#,
        );
        let inc = operands_at(&prog, 1, BinOp::Add, 0, true);
        assert_eq!(inc, [range(0, i64::MAX - 1), range(1, 1)]);
        assert_eq!(exact(BinOp::Add, inc[0], inc[1]), Some(range(1, i64::MAX)));
        // `j < 10` compared the 5 `j` held before it was set to `n`: it says nothing
        // about the `j` that the branch's `j + 1` reads.
        let j = operands_at(&prog, 1, BinOp::Add, 1, true);
        assert_eq!(j, [Range::FULL, range(1, 1)]);
    }

    #[test]
    fn exact_arithmetic_is_only_what_cannot_leave_its_bounds() {
        let (small, one) = (range(-5, 7), range(1, 1));
        assert_eq!(exact(BinOp::Add, small, one), Some(range(-4, 8)));
        assert_eq!(exact(BinOp::Sub, one, small), Some(range(-6, 6)));
        assert_eq!(exact(BinOp::Mul, small, small), Some(range(-35, 49)));
        assert_eq!(exact(BinOp::Add, range(0, i64::MAX), one), None);
        assert_eq!(exact(BinOp::Sub, range(i64::MIN, 0), one), None);
        assert_eq!(
            exact(BinOp::Mul, range(0, 1 << 32), range(0, 1 << 31)),
            None
        );
        // JavaScript's: everything within ±2^53, and no product that could be -0.
        let safe = weft_bytecode::program::JS_SAFE;
        assert_eq!(
            exact(BinOp::JsAdd, range(0, safe - 1), one),
            Some(range(1, safe))
        );
        assert_eq!(exact(BinOp::JsAdd, range(0, safe), one), None);
        assert_eq!(exact(BinOp::JsSub, range(0, safe + 1), range(2, 2)), None);
        assert_eq!(
            exact(BinOp::JsMul, range(0, 9), range(0, 9)),
            Some(range(0, 81))
        );
        assert_eq!(exact(BinOp::JsMul, small, one), None);
        // Operations with a slow path for other reasons than their bounds never are.
        assert_eq!(exact(BinOp::Mod, small, one), None);
        assert_eq!(exact(BinOp::Lt, small, one), None);
    }
}
