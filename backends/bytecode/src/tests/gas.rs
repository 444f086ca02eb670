//! The gas model: what each node costs and exactly where a run stops.

use super::run_with;
use weft_runtime::Limits;

fn gas_of(ir: &str) -> u64 {
    let (got, stats, _) = run_with(ir, Limits::default(), vec![]);
    assert!(!got.starts_with("error"), "{ir}: {got}");
    stats.gas_used
}

#[test]
fn each_evaluated_node_costs_its_base() {
    assert_eq!(gas_of("7"), 0);
    assert_eq!(gas_of(r#"["math.add", 1, 2]"#), 1);
    // seq + let + add + var
    assert_eq!(
        gas_of(r#"["std.seq", ["std.let", "x", 1], ["math.add", ["std.var", "x"], 2]]"#),
        4
    );
    // apply (2) + lambda (1) + var inside the body (1)
    assert_eq!(
        gas_of(r#"["std.apply", ["std.lambda", ["x"], ["std.var", "x"]], 1]"#),
        4
    );
    // for (1) + list.new (1) + one var per iteration (2)
    assert_eq!(
        gas_of(r#"["std.for", "x", ["list.new", 1, 2], ["std.var", "x"]]"#),
        4
    );
    // The branch not taken costs nothing: if (1) + the then-branch's add (1).
    assert_eq!(
        gas_of(r#"["std.if", true, ["+", 1, 1], ["+", ["+", 1, 1], 1]]"#),
        2
    );
    // Short-circuit: and (1) + nothing for the skipped add.
    assert_eq!(gas_of(r#"["bool.and", false, ["+", 1, 1]]"#), 1);
}

#[test]
fn while_pays_per_test() {
    // seq 1, let 1; four tests of (while 1 + lt 1 + var 1) = 12; three bodies of
    // (set 1 + add 1 + var 1) = 9. Total 23.
    let ir = r#"["std.seq", ["std.let", "i", 0],
        ["std.while", ["bool.lt", ["std.var", "i"], 3], ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]]"#;
    assert_eq!(gas_of(ir), 23);
}

#[test]
fn per_item_gas_is_added() {
    // repeat base 1 + 64 bytes / 16 = 4
    assert_eq!(gas_of(r#"["str.repeat", "abcd", 16]"#), 5);
    // map base 1 + 1 per element (2) + the lambda body's var per call (2) + lambda (1) + list.new (1)
    assert_eq!(
        gas_of(r#"["list.map", ["list.new", 1, 2], ["std.lambda", ["x"], ["std.var", "x"]]]"#),
        7
    );
}

#[test]
fn stops_before_the_first_unpayable_node() {
    let ir = r#"["std.seq", ["std.let", "x", 1], ["math.add", ["std.var", "x"], 2]]"#;
    let (got, stats, _) = run_with(
        ir,
        Limits {
            gas: 3,
            ..Limits::default()
        },
        vec![],
    );
    assert_eq!(got, "error E5002 at $[2][1]");
    assert_eq!(stats.gas_used, 3);
    let (got, stats, _) = run_with(
        ir,
        Limits {
            gas: 0,
            ..Limits::default()
        },
        vec![],
    );
    assert_eq!(got, "error E5002 at $");
    assert_eq!(stats.gas_used, 0);
}

#[test]
fn every_budget_stops_cleanly_and_the_full_budget_finishes() {
    let ir = r#"["std.seq",
        ["std.let", "f", ["std.lambda", ["n"], ["std.if", ["<", ["std.var", "n"], 1], 0, ["+", 1, ["std.apply", ["std.var", "f"], ["-", ["std.var", "n"], 1]]]]]],
        ["std.log", ["std.apply", ["std.var", "f"], 3]],
        ["str.repeat", "ab", 20]]"#;
    let total = gas_of(ir);
    for g in 0..total {
        let (got, stats, host) = run_with(
            ir,
            Limits {
                gas: g,
                ..Limits::default()
            },
            vec![],
        );
        assert!(got.starts_with("error E5002 at $"), "gas {g}: {got}");
        // The most expensive single charge here is std.apply (2) or str.repeat's items (3).
        assert!(
            stats.gas_used <= g && stats.gas_used + 3 > g,
            "gas {g}: used {}",
            stats.gas_used
        );
        assert!(host.logs.len() <= 1);
    }
    let (got, stats, host) = run_with(
        ir,
        Limits {
            gas: total,
            ..Limits::default()
        },
        vec![],
    );
    assert_eq!(got, r#""abababababababababababababababababababab""#);
    assert_eq!(stats.gas_used, total);
    assert_eq!(host.logs, vec!["3".to_owned()]);
}
