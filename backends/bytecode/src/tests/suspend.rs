//! Suspend and resume: `std.sleep`, host yields, the state's JSON round trip.

use super::{program, render};
use crate::{Outcome, RunConfig, Stats, SuspendedState, TestHost, resume, run};
use weft_runtime::{Host, Limits};

/// Runs to completion, resuming from JSON text after every suspension; returns the final
/// rendered outcome, stats, all log lines, and how many suspensions happened. When
/// `yield_at` is set, the host asks for a yield at that safe point, counted across the
/// whole run.
fn run_through(ir: &str, yield_at: Option<u64>) -> (String, Stats, Vec<String>, usize) {
    let prog = program(ir);
    let mut host = TestHost::new();
    host.yield_at_poll = yield_at;
    let mut outcome = run(&prog, &RunConfig::default(), &mut host);
    let mut polls = host.polls();
    let mut logs = host.logs.clone();
    let mut suspensions = 0;
    while let Outcome::Suspended { state, .. } = outcome {
        suspensions += 1;
        let text = state.to_json().unwrap();
        let state = SuspendedState::from_json(&text).unwrap();
        let mut fresh = TestHost::new();
        fresh.yield_at_poll = yield_at.filter(|k| *k > polls).map(|k| k - polls);
        outcome = resume(state, &Limits::default(), &mut fresh);
        polls += fresh.polls();
        logs.extend(fresh.logs);
    }
    let (text, stats) = render(outcome);
    (text, stats, logs, suspensions)
}

#[test]
fn sleep_suspends_and_resumes_from_json() {
    let ir = r#"["std.seq", ["std.log", "a"], ["std.sleep", 100], ["std.log", "b"], 42]"#;
    let prog = program(ir);
    let mut host = TestHost::new();
    let Outcome::Suspended {
        state,
        wake_after_ms,
        stats,
    } = run(&prog, &RunConfig::default(), &mut host)
    else {
        panic!("expected a suspension");
    };
    assert_eq!(wake_after_ms, 100);
    assert_eq!(host.logs, vec!["a".to_owned()]);
    // seq + log + sleep so far
    assert_eq!(stats.gas_used, 3);
    assert_eq!(state.version, crate::STATE_VERSION);
    let text = state.to_json().unwrap();
    let mut later = TestHost::new();
    let outcome = resume(
        SuspendedState::from_json(&text).unwrap(),
        &Limits::default(),
        &mut later,
    );
    let (got, stats) = render(outcome);
    assert_eq!(got, "42");
    assert_eq!(stats.gas_used, 4);
    assert_eq!(later.logs, vec!["b".to_owned()]);
}

/// A program with loops, closures, a try handler, nested frames and heap values.
const BUSY: &str = r#"["std.seq",
    ["std.let", "acc", ["list.new"]],
    ["std.let", "add", ["std.lambda", ["x"], ["list.push", ["std.var", "acc"], ["*", ["std.var", "x"], ["std.var", "x"]]]]],
    ["std.let", "i", 0],
    ["std.try", ["std.while", ["<", ["std.var", "i"], 6], ["std.seq",
        ["std.apply", ["std.var", "add"], ["std.var", "i"]],
        ["std.if", ["==", ["std.var", "i"], 3], ["std.sleep", 5]],
        ["std.log", ["std.var", "i"]],
        ["std.set", "i", ["+", ["std.var", "i"], 1]],
        ["std.if", ["==", ["std.var", "i"], 6], ["std.throw", "done"]]]],
      "e", ["list.push", ["std.var", "acc"], ["std.var", "e"]]],
    ["std.var", "acc"]]"#;

#[test]
fn sleeping_in_a_loop_gives_the_uninterrupted_result() {
    let (got, stats, logs, suspensions) = run_through(BUSY, None);
    assert_eq!(got, r#"[0,1,4,9,16,25,"done"]"#);
    assert_eq!(suspensions, 1);
    assert_eq!(logs, ["0", "1", "2", "3", "4", "5"]);
    assert!(stats.gas_used > 0);
}

#[test]
fn yielding_at_every_safe_point_gives_the_same_result_and_gas() {
    let (expect, expect_stats, expect_logs, _) = run_through(BUSY, None);
    let mut polls_seen = 0;
    for k in 1..200 {
        let (got, stats, logs, suspensions) = run_through(BUSY, Some(k));
        assert_eq!(got, expect, "yield at poll {k}");
        assert_eq!(stats.gas_used, expect_stats.gas_used, "yield at poll {k}");
        assert_eq!(logs, expect_logs, "yield at poll {k}");
        if suspensions == 1 {
            // Only the sleep suspended: k is past the last safe point.
            break;
        }
        polls_seen = k;
    }
    // Safe points: entering `add` in each of the 6 iterations, plus the back-edges after
    // the first 5 (the sixth iteration throws instead of jumping back).
    assert_eq!(polls_seen, 11);
}

#[test]
fn resume_refuses_other_versions() {
    let prog = program(r#"["std.sleep", 1]"#);
    let Outcome::Suspended { mut state, .. } =
        run(&prog, &RunConfig::default(), &mut TestHost::new())
    else {
        panic!("expected a suspension");
    };
    state.version += 1;
    let (got, _) = render(resume(state, &Limits::default(), &mut TestHost::new()));
    assert_eq!(got, "error E5023");
    assert_eq!(
        SuspendedState::from_json("{\"version\": 1}")
            .unwrap_err()
            .code,
        "E5023"
    );
}

#[test]
fn sleep_inside_a_builtin_callback_is_an_error() {
    let ir = r#"["list.map", ["list.new", 1], ["std.lambda", ["x"], ["std.sleep", 1]]]"#;
    let prog = program(ir);
    let (got, _) = render(run(&prog, &RunConfig::default(), &mut TestHost::new()));
    assert_eq!(got, "error E5024 at $[2][2]");
}

#[test]
fn gas_limit_counts_across_suspensions() {
    // seq 1 + sleep 1, then the add (1) after resuming: 3 in all.
    let prog = program(r#"["std.seq", ["std.sleep", 0], ["+", 1, 2]]"#);
    let Outcome::Suspended { state, .. } = run(&prog, &RunConfig::default(), &mut TestHost::new())
    else {
        panic!("expected a suspension");
    };
    let limits = Limits {
        gas: 2,
        ..Limits::default()
    };
    let (got, stats) = render(resume(state.clone(), &limits, &mut TestHost::new()));
    assert_eq!((got.as_str(), stats.gas_used), ("error E5002 at $[2]", 2));
    let (got, stats) = render(resume(state, &Limits::default(), &mut TestHost::new()));
    assert_eq!((got.as_str(), stats.gas_used), ("3", 3));
    let mut h = TestHost::new();
    assert!(!h.should_yield());
}
