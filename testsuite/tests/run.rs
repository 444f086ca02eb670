//! Runs every IR fixture on the VM: pins result, log output and gas by snapshot, checks the
//! hand-worked `.expect` file beside each fixture, and checks that every opcode in the
//! registry is exercised by some fixture.

use std::collections::BTreeSet;

use weft::ir::{ArgKind, Node, Registry};
use weft_testsuite::{fixture_name, run_fixtures, run_program, run_snapshot};

fn compile(path: &std::path::Path) -> (String, weft::Program) {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let program = weft::compile_ir(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    (text, program)
}

#[test]
fn run_fixtures_match_their_snapshots_and_expectations() {
    insta::glob!("../fixtures", "ir/**/*.json", |path| {
        let name = fixture_name(path);
        if name.starts_with("ir/invalid/") {
            return;
        }
        let (text, program) = compile(path);
        let record = run_program(&program, &mut weft::TestHost::new());

        // The hand-worked expectation: result (or that it fails) and, when given, the log.
        let expect_path = path.with_extension("expect");
        let expect: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&expect_path).unwrap_or_else(|_| {
                panic!("{name} needs a hand-worked {}", expect_path.display())
            }))
            .expect(".expect is JSON");
        if expect.get("error") == Some(&serde_json::Value::Bool(true)) {
            assert!(
                record.error.is_some(),
                "{name}: expected an error, got {:?}",
                record.result
            );
        } else {
            assert_eq!(record.error, None, "{name}");
            assert_eq!(
                record.result.as_ref(),
                expect.get("result"),
                "{name}: result"
            );
        }
        if let Some(log) = expect.get("log") {
            let want: Vec<String> =
                serde_json::from_value(log.clone()).expect("log is a list of strings");
            assert_eq!(record.log, want, "{name}: log");
        }

        let settings = weft_testsuite::fixture_settings(path);
        settings.bind(|| insta::assert_snapshot!("run", run_snapshot(&name, &text, &record)));
    });
}

/// Call heads in `node`, following the registry so quoted data is not counted.
fn collect_ops(node: &Node, registry: &Registry, out: &mut BTreeSet<String>) {
    let Some(head) = node.head() else { return };
    let Some((_, spec)) = registry.lookup(head) else {
        return;
    };
    out.insert(spec.name.clone());
    for (i, arg) in node.args().iter().enumerate() {
        match spec.arg_kind(i) {
            ArgKind::Expr | ArgKind::Lazy => collect_ops(arg, registry, out),
            ArgKind::Pair => {
                if let Node::Array(items) = arg {
                    items.iter().for_each(|n| collect_ops(n, registry, out));
                }
            }
            _ => {}
        }
    }
}

#[test]
fn every_opcode_has_a_run_fixture() {
    let registry = Registry::standard();
    let mut seen = BTreeSet::new();
    for path in run_fixtures() {
        let node = weft::ir::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        collect_ops(&node, registry, &mut seen);
    }
    let missing: Vec<&str> = registry
        .iter()
        .map(|(_, s)| s.name.as_str())
        .filter(|n| !seen.contains(*n))
        .collect();
    assert!(
        missing.is_empty(),
        "opcodes with no fixture in testsuite/fixtures/ir: {missing:?}"
    );
}

/// Suspends every fixture at every safe point (host-initiated yield) and at every
/// `std.sleep`, serialises the state to JSON text, resumes from that text in a fresh VM,
/// and requires the same result, log and gas as the run that never left memory.
#[test]
fn suspending_anywhere_and_resuming_from_json_gives_the_same_run() {
    let through_json = |state: weft::SuspendedState| {
        let text = state.to_json().expect("state serialises");
        weft::SuspendedState::from_json(&text).expect("state deserialises")
    };
    let mut checked = 0;
    for path in run_fixtures() {
        let name = fixture_name(&path);
        let (_, program) = compile(&path);
        let mut host = weft::TestHost::new();
        let reference = run_program(&program, &mut host);
        // Runs that burn their whole budget (the hostile fixtures) are checked once, at
        // their sleeps only: re-running 10M gas at every safe point proves nothing more.
        let polls = if reference.gas_used > 100_000 {
            0
        } else {
            host.polls()
        };
        let points: Vec<u64> = if polls <= 100 {
            (1..=polls).collect()
        } else {
            (0..100).map(|i| 1 + i * polls / 100).collect()
        };
        // Point 0: no host yield, only the script's own sleeps go through JSON.
        for point in std::iter::once(0).chain(points) {
            let mut host = weft::TestHost::new();
            host.yield_at_poll = (point > 0).then_some(point);
            let limits = weft::Limits::default();
            let config = weft::RunConfig {
                limits,
                ..Default::default()
            };
            let outcome = weft::run(&program, &config, &mut host);
            let record = weft_testsuite::finish(outcome, &mut host, &limits, 0, through_json);
            assert_eq!(
                record.result, reference.result,
                "{name} yielding at poll {point}: result"
            );
            assert_eq!(
                record.error, reference.error,
                "{name} yielding at poll {point}: error"
            );
            assert_eq!(
                record.log, reference.log,
                "{name} yielding at poll {point}: log"
            );
            assert_eq!(
                record.gas_used, reference.gas_used,
                "{name} yielding at poll {point}: gas"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 60,
        "only {checked} suspension points were exercised"
    );
}
