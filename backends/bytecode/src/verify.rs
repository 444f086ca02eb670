//! The bytecode verifier: checks every function before it runs.
//!
//! It follows every reachable path from the entry (and from each `TryPush` handler) and
//! checks that jump targets and table indices are in range, that the operand stack never
//! underflows, and that every path reaching an instruction arrives with the same stack
//! depth. It records each function's deepest stack in `Func::max_stack`. The VM relies on
//! these facts, and still reports an internal error instead of panicking if they fail.

use crate::program::{Func, Op, Program};

/// Stack effect of the fall-through path: (values popped, values pushed).
pub fn effect(op: &Op) -> (u32, u32) {
    match *op {
        Op::Nop
        | Op::Scope(_)
        | Op::Gas(_)
        | Op::Jump(_)
        | Op::TryPush(_)
        | Op::TryPushError(_)
        | Op::TryPop => (0, 0),
        Op::Null | Op::True | Op::False | Op::Int(_) | Op::Float(_) | Op::Str(_) | Op::Data(_) => {
            (0, 1)
        }
        Op::Load(_) | Op::LoadBox(_) | Op::LoadCap(_) | Op::LoadChain(_) => (0, 1),
        Op::Store(_) | Op::StoreBox(_) | Op::StoreCap(_) | Op::StoreChain(_) => (1, 1),
        Op::Pop | Op::JumpIfNot(_) | Op::JumpKeep { .. } | Op::JumpNotNull(_) | Op::Return => {
            (1, 0)
        }
        Op::Builtin { argc, .. } => (argc, 1),
        Op::Binary { .. } => (2, 1),
        Op::Call(argc) => (argc.saturating_add(1), 1),
        Op::CallList => (2, 1),
        Op::ClearResults => (0, 0),
        Op::SetResults | Op::TakeResults | Op::ForwardResults => (1, 1),
        Op::Method(argc) | Op::CallThis(argc) => (argc.saturating_add(2), 1),
        Op::Construct(argc) => (argc.saturating_add(1), argc.saturating_add(3)),
        Op::CtorResult => (2, 1),
        Op::Closure(_) | Op::Args | Op::This | Op::Caller => (0, 1),
        // `Unbound` stands where `std.set`'s store would be: it takes the value and (were it
        // not an error) leaves it, like `Store`.
        Op::CheckList | Op::Sleep | Op::Arg | Op::Unbound(_) => (1, 1),
        Op::ForNext(_) => (2, 3),
        Op::NotImpl(_) => (0, 1),
    }
}

/// Verifies every function, filling in `max_stack`.
pub fn verify(prog: &mut Program) -> Result<(), (String, String)> {
    for i in 0..prog.funcs.len() {
        let (max, _) =
            verify_func(prog, &prog.funcs[i]).map_err(|why| (prog.funcs[i].name.clone(), why))?;
        prog.funcs[i].max_stack = max;
    }
    Ok(())
}

/// The operand stack height before each instruction of `f` (`None` where unreachable), as
/// the verifier computes it. Native code relies on it being static.
pub fn stack_depths(prog: &Program, f: &Func) -> Result<Vec<Option<u32>>, String> {
    verify_func(prog, f).map(|(_, depths)| depths)
}

fn verify_func(prog: &Program, f: &Func) -> Result<(u32, Vec<Option<u32>>), String> {
    let n = f.code.len();
    if f.paths.len() != n {
        return Err("path table length differs from code length".into());
    }
    if f.params > f.slots {
        return Err("more parameters than slots".into());
    }
    let mut depth_at: Vec<Option<u32>> = vec![None; n];
    let mut work: Vec<(usize, u32)> = vec![(0, 0)];
    let mut max = 0;
    let target = |t: u32| -> Result<usize, String> {
        if (t as usize) < n {
            Ok(t as usize)
        } else {
            Err(format!("jump target {t} out of range"))
        }
    };
    while let Some((pc, depth)) = work.pop() {
        let Some(op) = f.code.get(pc) else {
            return Err(format!("falls off the end at {pc}"));
        };
        match depth_at[pc] {
            Some(d) if d == depth => continue,
            Some(d) => {
                return Err(format!(
                    "stack depth {depth} at {pc} differs from {d} on another path"
                ));
            }
            None => depth_at[pc] = Some(depth),
        }
        check_operands(prog, f, op)?;
        let (pops, pushes) = effect(op);
        if depth < pops {
            return Err(format!("stack underflow at {pc}"));
        }
        let next = depth - pops + pushes;
        max = max.max(next).max(depth);
        match *op {
            Op::Jump(t) => work.push((target(t)?, depth)),
            Op::Return => {}
            Op::JumpIfNot(t) => {
                work.push((target(t)?, next));
                work.push((pc + 1, next));
            }
            Op::JumpKeep { target: t, .. } | Op::JumpNotNull(t) => {
                work.push((target(t)?, depth));
                work.push((pc + 1, next));
            }
            Op::ForNext(t) => {
                if depth < 2 {
                    return Err(format!("stack underflow at {pc}"));
                }
                work.push((target(t)?, depth));
                work.push((pc + 1, next));
            }
            Op::TryPush(t) | Op::TryPushError(t) => {
                work.push((target(t)?, depth + 1));
                work.push((pc + 1, next));
            }
            _ => work.push((pc + 1, next)),
        }
    }
    Ok((max, depth_at))
}

fn check_operands(prog: &Program, f: &Func, op: &Op) -> Result<(), String> {
    let ok = match *op {
        Op::Str(i) | Op::Unbound(i) | Op::NotImpl(i) => (i as usize) < prog.strings.len(),
        Op::Data(i) => (i as usize) < prog.data.len(),
        Op::Load(s) | Op::Store(s) | Op::LoadBox(s) | Op::StoreBox(s) => s < f.slots,
        Op::LoadCap(c) | Op::StoreCap(c) => (c as usize) < f.captures.len(),
        Op::LoadChain(c) | Op::StoreChain(c) => f
            .chains
            .get(c as usize)
            .is_some_and(|ch| ch.iter().all(|i| (*i as usize) < f.captures.len())),
        Op::Scope(s) => f
            .scopes
            .get(s as usize)
            .is_some_and(|sc| sc.plain.iter().chain(&sc.boxed).all(|x| *x < f.slots)),
        Op::Gas(g) => (g as usize) < f.gas.len(),
        // A kind with a fallback of its own (Lua's) runs it under its builtin's name, which
        // must then be that builtin's.
        Op::Binary { op, kind } if kind.lua_symbol().is_some() => prog
            .builtins
            .get(op as usize)
            .is_some_and(|b| b.name == "lua.arith"),
        Op::Builtin { op, .. } | Op::Binary { op, .. } => (op as usize) < prog.builtins.len(),
        Op::Closure(i) => (i as usize) < prog.funcs.len(),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("operand of {op:?} out of range"))
    }
}
