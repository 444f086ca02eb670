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

use weft_bytecode::Op;
use weft_bytecode::program::{BinOp, Func};
use weft_bytecode::verify::effect;

use crate::codegen::{TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_NULL, successors};

/// A value's tag when known.
pub(crate) type Tag = Option<i64>;

/// The facts before one instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct State {
    pub locals: Vec<Tag>,
    pub stack: Vec<Tag>,
    /// For each operand, the local it was loaded from, while that local still holds it.
    src: Vec<Option<u32>>,
}

impl State {
    fn unknown(slots: usize, height: usize) -> State {
        State {
            locals: vec![None; slots],
            stack: vec![None; height],
            src: vec![None; height],
        }
    }

    fn push(&mut self, tag: Tag, src: Option<u32>) {
        self.stack.push(tag);
        self.src.push(src);
    }

    fn pop(&mut self, n: usize) {
        let keep = self.stack.len().saturating_sub(n);
        self.stack.truncate(keep);
        self.src.truncate(keep);
    }

    /// What is known on every path: the facts both states agree on.
    fn meet(&self, other: &State) -> State {
        let pick = |a: &[Tag], b: &[Tag]| -> Vec<Tag> {
            a.iter()
                .zip(b)
                .map(|(x, y)| if x == y { *x } else { None })
                .collect()
        };
        State {
            locals: pick(&self.locals, &other.locals),
            stack: pick(&self.stack, &other.stack),
            src: self
                .src
                .iter()
                .zip(&other.src)
                .map(|(x, y)| if x == y { *x } else { None })
                .collect(),
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
}

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
        while let Some((pc, incoming)) = work.pop() {
            let Some(Some(h)) = depth.get(pc) else {
                continue;
            };
            if incoming.stack.len() != *h as usize {
                // Cannot happen in verified code; know nothing rather than guess.
                continue;
            }
            let merged = match &at[pc] {
                Some(old) => {
                    let m = old.meet(&incoming);
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
                let next = if out.stack.len() == d {
                    out.clone()
                } else if merged.stack.len() == d {
                    // A branch that keeps its operand (`JumpKeep`, `JumpNotNull`,
                    // `ForNext` when it is done).
                    State {
                        locals: out.locals.clone(),
                        ..merged.clone()
                    }
                } else {
                    let mut st = State::unknown(slots, d);
                    st.locals.clone_from(&out.locals);
                    st
                };
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
    match op {
        Op::Call(argc) if argc == func.params && returns.is_some() => {
            s.pop(argc as usize + 1);
            s.push(returns, None);
        }
        Op::Null => s.push(Some(TAG_NULL), None),
        Op::True | Op::False => s.push(Some(TAG_BOOL), None),
        Op::Int(_) => s.push(Some(TAG_INT), None),
        Op::Float(_) => s.push(Some(TAG_FLOAT), None),
        Op::Load(l) => {
            let tag = s.locals.get(l as usize).copied().flatten();
            s.push(tag, Some(l));
        }
        Op::Store(l) => {
            let top = s.stack.last().copied().flatten();
            if let Some(slot) = s.locals.get_mut(l as usize) {
                *slot = top;
            }
            // Operands loaded from `l` before no longer hold what it holds.
            let n = s.src.len();
            for (i, src) in s.src.iter_mut().enumerate() {
                if *src == Some(l) && i + 1 != n {
                    *src = None;
                }
            }
        }
        Op::Scope(sc) => {
            if let Some(scope) = func.scopes.get(sc as usize) {
                let changed = scope.plain.iter().map(|&p| (p, Some(TAG_NULL)));
                let changed = changed.chain(scope.boxed.iter().map(|&b| (b, None)));
                for (l, tag) in changed {
                    if let Some(slot) = s.locals.get_mut(l as usize) {
                        *slot = tag;
                    }
                    for src in &mut s.src {
                        if *src == Some(l) {
                            *src = None;
                        }
                    }
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
            s.pop(2);
            s.push(result, None);
        }
        _ => {
            let (pops, pushes) = effect(&op);
            s.pop(pops as usize);
            for _ in 0..pushes {
                s.push(None, None);
            }
        }
    }
    s
}
