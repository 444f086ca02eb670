//! Property test: random valid IR built from the registry never panics the VM.
//!
//! Programs are generated opcode by opcode from the standard registry, respecting each
//! argument's kind and the opcode's arity, over a few variable names so that bindings,
//! closures and calls meet. Each runs under small limits, resuming through JSON whenever it
//! suspends; it must end finished or with a clean error, within its gas budget.

use proptest::prelude::*;
use weft_ir::{ArgKind, Node, Registry};
use weft_runtime::Limits;

use crate::{Outcome, RunConfig, SuspendedState, TestHost, compile, resume, run};

const NAMES: [&str; 3] = ["a", "b", "f"];

fn literal() -> impl Strategy<Value = Node> {
    prop_oneof![
        Just(Node::Null),
        any::<bool>().prop_map(Node::Bool),
        (-3i64..20).prop_map(Node::Int),
        prop_oneof![Just(i64::MAX), Just(i64::MIN)].prop_map(Node::Int),
        (-4.0f64..4.0).prop_map(Node::Float),
        prop_oneof![Just(""), Just("x"), Just("a,b"), Just("é")].prop_map(Node::str),
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

fn ir() -> impl Strategy<Value = Node> {
    literal().prop_recursive(5, 64, 4, |inner| call(inner.boxed()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_ir_never_panics(node in ir()) {
        let Ok(prog) = compile(&node, Registry::standard()) else { return Ok(()) };
        let limits = Limits { gas: 2_000, max_heap_bytes: 256 << 10, max_call_depth: 40 };
        let mut host = TestHost::new();
        let mut outcome = run(&prog, &RunConfig {
                limits,
                ..Default::default()
            }, &mut host);
        let mut rounds = 0;
        while let Outcome::Suspended { state, .. } = outcome {
            rounds += 1;
            prop_assert!(rounds < 1000);
            let text = state.to_json().unwrap();
            outcome = resume(SuspendedState::from_json(&text).unwrap(), &limits, &mut host);
        }
        match outcome {
            Outcome::Finished { stats, .. } | Outcome::Failed { stats, .. } => prop_assert!(stats.gas_used <= limits.gas),
            Outcome::Suspended { .. } => unreachable!(),
        }
        if let Outcome::Failed { error, .. } = &outcome {
            prop_assert!(error.code != "E5001", "internal error: {error}");
        }
    }
}
