//! The disassembler: a deterministic text listing of a program, for snapshots and debugging.
//!
//! One block per function: a header with its name, parameter, slot, capture and stack
//! counts, then one line per instruction with its position, mnemonic and operands, and a
//! comment resolving table references (string constants, gas groups with their nodes'
//! paths, builtin names, scope slots).

use std::fmt::Write;

use crate::program::{Func, Op, Program};

/// The listing of every function in `program`.
pub fn disassemble(program: &Program) -> String {
    let mut out = String::new();
    for (i, f) in program.funcs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "fn #{i} {}: params={} slots={} captures={:?} boxed_params={:?} max_stack={}{}",
            f.name,
            f.params,
            f.slots,
            f.captures,
            f.boxed_params,
            f.max_stack,
            if f.uses_args { " uses_args" } else { "" }
        );
        for (pc, op) in f.code.iter().enumerate() {
            let _ = writeln!(out, "  {pc:04}  {}", line(program, f, op));
        }
    }
    out
}

fn line(p: &Program, f: &Func, op: &Op) -> String {
    let string = |i: u32| {
        p.strings
            .get(i as usize)
            .map_or("?".to_owned(), |s| format!("{s:?}"))
    };
    match *op {
        Op::Str(i) => format!("str {i:<12} ; {}", string(i)),
        Op::Unbound(i) => format!("unbound {i:<8} ; {}", string(i)),
        Op::NotImpl(i) => format!("not_impl {i:<7} ; {}", string(i)),
        Op::Gas(g) => {
            let group = f.gas.get(g as usize);
            let nodes: Vec<String> = group
                .map(|gr| {
                    gr.nodes
                        .iter()
                        .map(|(cost, path)| format!("{cost}@{}", p.path(*path)))
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "gas {:<12} ; {}",
                group.map_or(0, |gr| gr.total),
                nodes.join(" ")
            )
        }
        Op::Binary { op, kind } => {
            let name = p.builtins.get(op as usize).map_or("?", |b| b.name.as_str());
            // The Lua kinds carry `lua.arith`'s operator.
            match kind.lua_symbol() {
                Some(symbol) => format!("binary {name} {symbol}"),
                None => format!("binary {name}"),
            }
        }
        Op::Builtin { op, argc } => {
            let name = p.builtins.get(op as usize).map_or("?", |b| b.name.as_str());
            format!("builtin {name} argc={argc}")
        }
        Op::Scope(s) => {
            let info = f.scopes.get(s as usize);
            format!(
                "scope {s:<10} ; plain={:?} boxed={:?}",
                info.map(|i| &i.plain).unwrap_or(&Vec::new()),
                info.map(|i| &i.boxed).unwrap_or(&Vec::new())
            )
        }
        Op::LoadChain(c) | Op::StoreChain(c) => {
            let name = if matches!(op, Op::LoadChain(_)) {
                "load_chain"
            } else {
                "store_chain"
            };
            format!(
                "{name} {c:<5} ; captures {:?}",
                f.chains.get(c as usize).unwrap_or(&Vec::new())
            )
        }
        Op::JumpKeep {
            target,
            truth,
            when,
        } => format!("jump_keep {target} if {truth:?} truthy={when}"),
        Op::Float(x) => format!("float {}", weft_runtime::format_float(x)),
        other => mnemonic(&other),
    }
}

/// `Load(3)` → `load 3`, `TryPush(9)` → `try_push 9`.
fn mnemonic(op: &Op) -> String {
    let debug = format!("{op:?}");
    let (name, rest) = match debug.find('(') {
        Some(i) => (&debug[..i], debug[i + 1..].trim_end_matches(')')),
        None => (debug.as_str(), ""),
    };
    let mut snake = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                snake.push('_');
            }
            snake.push(ch.to_ascii_lowercase());
        } else {
            snake.push(ch);
        }
    }
    if rest.is_empty() {
        snake
    } else {
        format!("{snake} {rest}")
    }
}
