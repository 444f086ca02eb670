//! A proptest generator of random *valid* Weft IR, built from the opcode registry.
//!
//! Programs are generated opcode by opcode from the standard registry, respecting each
//! argument's kind and the opcode's arity, over a few variable names so that bindings,
//! closures and calls meet. Literals include the integer extremes, floats, and short
//! strings with a separator, a non-ASCII character, and Lua's arithmetic operators. The
//! tree validates against the registry by construction; it may still fail to compile (a
//! stray `std.break`, say), and callers skip those.
//!
//! This file depends only on `proptest` and `weft_ir`, so other crates' tests include it
//! with `#[path = ...] mod irgen;` (the JIT's VM-parity property test does).

use proptest::prelude::*;
use weft_ir::{ArgKind, Node, Registry};

const NAMES: [&str; 3] = ["a", "b", "f"];

fn literal() -> impl Strategy<Value = Node> {
    prop_oneof![
        Just(Node::Null),
        any::<bool>().prop_map(Node::Bool),
        (-3i64..20).prop_map(Node::Int),
        prop_oneof![Just(i64::MAX), Just(i64::MIN)].prop_map(Node::Int),
        (-4.0f64..4.0).prop_map(Node::Float),
        // `+`, `-` and `*` also make `lua.arith` calls take their fast path.
        prop_oneof![
            Just(""),
            Just("x"),
            Just("a,b"),
            Just("é"),
            Just("+"),
            Just("-"),
            Just("*")
        ]
        .prop_map(Node::str),
    ]
}

fn name() -> impl Strategy<Value = Node> {
    prop::sample::select(NAMES.to_vec()).prop_map(Node::str)
}

/// A call to a random registry opcode whose arguments come from `inner`.
fn call(inner: BoxedStrategy<Node>) -> impl Strategy<Value = Node> {
    let ops: Vec<usize> = (0..Registry::standard().len()).collect();
    (
        prop::sample::select(ops),
        prop::collection::vec(inner.clone(), 0..4),
        prop::collection::vec(name(), 0..3),
    )
        .prop_map(move |(i, pool, names)| {
            let (_, spec) = Registry::standard()
                .iter()
                .nth(i)
                .unwrap_or_else(|| Registry::standard().iter().next().unwrap());
            let max = spec
                .arity
                .max
                .unwrap_or(spec.arity.min + 2)
                .min(spec.arity.min + 3);
            let n = (spec.arity.min + pool.len() % (max - spec.arity.min + 1)).max(spec.arity.min);
            let mut args = Vec::new();
            for k in 0..n {
                let expr = pool
                    .get(k % pool.len().max(1))
                    .cloned()
                    .unwrap_or(Node::Int(1));
                let nm = names
                    .get(k % names.len().max(1))
                    .cloned()
                    .unwrap_or_else(|| Node::str("a"));
                args.push(match spec.arg_kind(k) {
                    ArgKind::Expr | ArgKind::Lazy => expr,
                    ArgKind::Name => nm,
                    ArgKind::Params => Node::Array(names.iter().take(1).cloned().collect()),
                    ArgKind::Quote => Node::Array(vec![expr]),
                    ArgKind::Pair => Node::Array(vec![nm, expr]),
                });
            }
            Node::call(&spec.name, args)
        })
}

/// Random valid IR: literals at the leaves, registry opcodes above, up to five levels deep.
pub fn ir() -> impl Strategy<Value = Node> {
    literal().prop_recursive(5, 64, 4, |inner| call(inner.boxed()))
}
