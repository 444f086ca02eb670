//! Direct calls between compiled functions, and the types native code relies on: programs
//! built to reach the corners of the direct-call machinery (giving up mid-chain, functions
//! losing their direct entry, call caches across garbage collections, captured variables
//! changing between calls, deep recursion) and of the type facts (`src/types.rs`: checks
//! where the VM enters that fail, arithmetic on known integers that overflows, parameters
//! proven integers by a comparison) must run exactly as on the VM: same value or error
//! (and its path), output, gas, instruction count, and suspended states. Each program also
//! runs at a spread of gas budgets, since running out of gas inside a chain of direct calls
//! is a give-up too.

mod common;

use std::fmt::Write as _;

use weft_bytecode::{Limits, Outcome, Program, RunConfig, SuspendedState, TestHost};
use weft_jit::{Jit, Mode};

fn program(ir: &str) -> Program {
    let registry = weft_ir::Registry::standard();
    let node = weft_ir::parse_and_validate(ir, registry).expect("valid IR");
    weft_bytecode::compile(&node, registry).expect("compiles")
}

/// Everything observable about a run, resumed through JSON at every suspension.
fn trace(program: &Program, limits: Limits, jit: Option<&mut Jit>) -> String {
    let mut host = TestHost::new();
    let config = RunConfig {
        limits,
        ..Default::default()
    };
    let mut jit = jit;
    let mut outcome = match jit.as_deref_mut() {
        Some(j) => j.run(program, &config, &mut host),
        None => weft_bytecode::run(program, &config, &mut host),
    };
    let mut out = String::new();
    for _ in 0..1000 {
        if let Some(end) = common::ending(&outcome) {
            out.push_str(&end);
        }
        match outcome {
            Outcome::Finished { .. } | Outcome::Failed { .. } => break,
            Outcome::Suspended { state, stats, .. } => {
                let json = state.to_json().expect("state serialises");
                let _ = writeln!(out, "suspended gas {} state {json}", stats.gas_used);
                let state = SuspendedState::from_json(&json).expect("state reads back");
                outcome = match jit.as_deref_mut() {
                    Some(j) => j.resume(state, &limits, &mut host),
                    None => weft_bytecode::resume(state, &limits, &mut host),
                };
            }
        }
    }
    let _ = write!(out, "\nlog {:?}", host.logs);
    out
}

/// The trace of `ir` run on the VM under the default limits: what the JIT must give.
fn vm_trace(ir: &str) -> String {
    trace(&program(ir), Limits::default(), None)
}

/// The gas a finished or failed run's trace reports (on its ending line, after the
/// message, which may itself speak of gas).
fn gas_of(trace: &str) -> u64 {
    trace
        .lines()
        .find(|l| l.starts_with("finished ") || l.starts_with("failed "))
        .and_then(|l| l.rsplit_once(" gas "))
        .and_then(|(_, s)| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .expect("a gas figure")
}

/// Runs `ir` on the VM and the JIT (eager, and compiling after two offers), whole and at
/// gas budgets spread up to the total; returns the JIT's report after the whole run.
fn same_on_both(ir: &str, limits: Limits) -> weft_jit::Report {
    let program = program(ir);
    let vm = trace(&program, limits, None);
    let mut eager = Jit::new(Mode::Eager);
    assert_jit_gives(&vm, &program, limits, &mut eager, "eager JIT differs");
    let report = eager.report();
    let mut auto = Jit::new(Mode::Auto { threshold: 2 });
    assert_jit_gives(&vm, &program, limits, &mut auto, "auto JIT differs");

    let total = gas_of(&vm);
    same_at_budgets(
        &program,
        limits,
        (1..40).chain((1..=30).map(|i| total * i / 30)),
    );
    report
}

/// Asserts that `program` under `limits` on `jit` gives `vm`, the VM's trace.
fn assert_jit_gives(vm: &str, program: &Program, limits: Limits, jit: &mut Jit, what: &str) {
    assert_eq!(vm, trace(program, limits, Some(jit)), "{what}");
}

/// Runs `program` on the VM and on eager JITs at each gas budget of `budgets`: on one JIT
/// throughout (which compiles the top level from its second run on), and on a new JIT
/// each time (whose first run leaves a top level without loops to the VM, which enters
/// the functions it calls through their direct entries).
fn same_at_budgets(program: &Program, limits: Limits, budgets: impl Iterator<Item = u64>) {
    let mut jit = Jit::new(Mode::Eager);
    for gas in budgets {
        let at = Limits { gas, ..limits };
        let vm = trace(program, at, None);
        assert_jit_gives(&vm, program, at, &mut jit, &format!("differs at gas {gas}"));
        let what = format!("a first run differs at gas {gas}");
        assert_jit_gives(&vm, program, at, &mut Jit::new(Mode::Eager), &what);
    }
}

/// Runs `ir` as [`same_on_both`] does, asserts that each function named by a prefix in
/// `direct` is called directly, and compares the JIT with the VM at every gas budget up
/// to what the VM's run used (`vm`, its trace).
fn same_at_every_budget(ir: &str, vm: &str, direct: &[&str]) {
    let report = same_on_both(ir, Limits::default());
    assert_direct(&report, direct);
    same_at_budgets(&program(ir), Limits::default(), 1..=gas_of(vm));
}

/// Asserts that each function named by a prefix in `prefixes` is called directly.
fn assert_direct(report: &weft_jit::Report, prefixes: &[&str]) {
    for prefix in prefixes {
        let f = func_state(report, prefix);
        assert_eq!(f.direct, weft_jit::DirectState::Available, "{report:?}");
    }
}

fn func_state<'r>(report: &'r weft_jit::Report, prefix: &str) -> &'r weft_jit::FuncReport {
    report
        .funcs
        .iter()
        .find(|f| f.name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no function named {prefix}* in {report:?}"))
}

/// A program that defines `fib` (a closure reading itself through a captured variable),
/// then runs `rest`.
fn with_fib(rest: &str) -> String {
    format!(
        r#"["std.seq", ["std.let", "fib", null],
          ["std.set", "fib", ["std.lambda", ["n"], ["std.if", ["bool.lt", ["std.var", "n"], 2],
            ["std.var", "n"],
            ["math.add", ["std.apply", ["std.var", "fib"], ["math.sub", ["std.var", "n"], 1]],
                         ["std.apply", ["std.var", "fib"], ["math.sub", ["std.var", "n"], 2]]]]]],
          {rest}]"#
    )
}

/// The VM's hostile set (`weft_bytecode::hostile`) ends the same way under the JIT: the
/// same error at the same node, with the same gas, whole and at gas budgets up to where it
/// stopped, and the programs that loop or call ran as native code before they were stopped.
#[test]
fn the_vms_hostile_programs_end_the_same_under_the_jit() {
    for hostile in weft_bytecode::hostile::PROGRAMS {
        let limits = hostile.limits();
        let vm = trace(&program(hostile.ir), limits, None);
        assert!(
            vm.starts_with(&format!("failed {}", hostile.code)),
            "{}: {vm}",
            hostile.ir
        );
        let report = same_on_both(hostile.ir, limits);
        if hostile.ir.contains("std.while") || hostile.ir.contains("std.lambda") {
            assert!(report.native_instructions > 0, "{}: {report:?}", hostile.ir);
        }
    }
}

#[test]
fn recursion_runs_as_direct_calls() {
    let report = same_on_both(
        &with_fib(r#"["std.apply", ["std.var", "fib"], 15]"#),
        Limits::default(),
    );
    assert_direct(&report, &["<lambda"]);
}

#[test]
fn a_function_that_keeps_giving_up_loses_its_direct_entry() {
    // `add` gets a float and an int every third call: its native addition (two ints or
    // two floats) gives up to the VM, whose builtin adds them; after enough give-ups
    // callers reach it through the VM's call code.
    let report = same_on_both(
        r#"["std.seq",
          ["std.let", "add", ["std.lambda", ["a", "b"], ["math.add", ["std.var", "a"], ["std.var", "b"]]]],
          ["std.let", "i", 0], ["std.let", "s", 0.5], ["std.let", "t", 0],
          ["std.while", ["bool.lt", ["std.var", "i"], 60], ["std.seq",
            ["std.if", ["bool.eq", ["math.mod", ["std.var", "i"], 3], 0],
              ["std.set", "s", ["std.apply", ["std.var", "add"], ["std.var", "s"], 1]],
              ["std.set", "t", ["std.apply", ["std.var", "add"], ["std.var", "t"], ["std.var", "i"]]]],
            ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
          ["std.log", ["std.var", "s"]],
          ["std.var", "t"]]"#,
        Limits::default(),
    );
    let add = func_state(&report, "<lambda");
    assert!(
        matches!(add.direct, weft_jit::DirectState::Dropped { give_ups } if give_ups >= 8),
        "{report:?}"
    );
}

#[test]
fn call_caches_survive_garbage_collection_reusing_closure_indexes() {
    // Each iteration makes a fresh closure of one of two functions (alternately), calls it
    // and drops it; every tenth also makes a large garbage list, so collections run and
    // freed indexes are handed out again, to closures of either function, while call sites
    // remember closures by index.
    let junk: Vec<String> = (0..2000).map(|i| i.to_string()).collect();
    let ir = format!(
        r#"["std.seq", ["std.let", "i", 0], ["std.let", "t", 0], ["std.let", "f", null],
          ["std.let", "junk", null],
          ["std.while", ["bool.lt", ["std.var", "i"], 1500], ["std.seq",
            ["std.if", ["bool.eq", ["math.mod", ["std.var", "i"], 10], 0],
              ["std.seq", ["std.set", "junk", ["std.quote", [{}]]], ["std.set", "junk", null]]],
            ["std.set", "f", ["std.if", ["bool.eq", ["math.mod", ["std.var", "i"], 2], 0],
              ["std.lambda", ["x"], ["math.add", ["std.var", "x"], 1]],
              ["std.lambda", ["x"], ["math.mul", ["std.var", "x"], 2]]]],
            ["std.set", "t", ["math.mod", ["math.add", ["std.var", "t"], ["std.apply", ["std.var", "f"], ["std.var", "i"]]], 1000003]],
            ["std.set", "f", null],
            ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
          ["std.var", "t"]]"#,
        junk.join(", ")
    );
    same_on_both(&ir, Limits::default());
}

#[test]
fn captured_variables_changed_between_direct_calls_are_read_fresh() {
    same_on_both(
        r#"["std.seq", ["std.let", "k", 1], ["std.let", "t", 0], ["std.let", "i", 0],
          ["std.let", "f", ["std.lambda", ["x"], ["math.add", ["std.var", "x"], ["std.var", "k"]]]],
          ["std.let", "g", ["std.lambda", ["x"], ["math.mul", ["std.apply", ["std.var", "f"], ["std.var", "x"]], ["std.var", "k"]]]],
          ["std.while", ["bool.lt", ["std.var", "i"], 50], ["std.seq",
            ["std.set", "t", ["math.add", ["std.var", "t"], ["std.apply", ["std.var", "g"], ["std.var", "i"]]]],
            ["std.set", "k", ["math.add", ["std.var", "k"], 1]],
            ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
          ["std.var", "t"]]"#,
        Limits::default(),
    );
}

#[test]
fn recursion_deeper_than_native_frames_allow_and_past_the_call_depth_limit() {
    let sum = |n: u32| {
        format!(
            r#"["std.seq", ["std.let", "sum", null],
              ["std.set", "sum", ["std.lambda", ["n"], ["std.if", ["bool.eq", ["std.var", "n"], 0], 0,
                ["math.add", ["std.var", "n"], ["std.apply", ["std.var", "sum"], ["math.sub", ["std.var", "n"], 1]]]]]],
              ["std.apply", ["std.var", "sum"], {n}]]"#
        )
    };
    let limits = Limits {
        max_call_depth: 1000,
        ..Limits::default()
    };
    same_on_both(&sum(700), limits);
    same_on_both(&sum(1200), limits);
}

#[test]
fn a_loop_whose_types_change_behind_native_code_is_compiled_again_without_them() {
    // Native code knows `s` is an integer at the loop header: every native path stores one
    // there. The handler, which only the VM runs, stores a float; from then on the checks
    // where the VM enters the loop fail, until the loop is compiled again without them.
    // Worked by hand: s = 0+1+2+3+4 = 10, then 0.5 at i = 5, then 0.5 + (6+...+39) = 765.5.
    let ir = r#"["std.seq", ["std.let", "i", 0], ["std.let", "s", 0],
      ["std.while", ["bool.lt", ["std.var", "i"], 40], ["std.seq",
        ["std.try", ["std.seq",
            ["std.if", ["bool.eq", ["std.var", "i"], 5], ["std.throw", "boom"], null],
            ["std.set", "s", ["math.add", ["std.var", "s"], ["std.var", "i"]]]],
          "e", ["std.set", "s", 0.5]],
        ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
      ["std.log", ["std.var", "s"]]]"#;
    let vm = vm_trace(ir);
    assert!(vm.contains(r#"log ["765.5"]"#), "{vm}");
    let report = same_on_both(ir, Limits::default());
    let main = func_state(&report, "<main>");
    assert_eq!(
        main.entry_checks_failed,
        weft_jit::MAX_ENTRY_CHECK_FAILS,
        "{report:?}"
    );
}

#[test]
fn arithmetic_on_known_integers_that_overflows_stops_where_the_vm_does() {
    // `s` and `i` are known integers in the loop, so their sum has no rejoining slow path:
    // on overflow the VM runs the addition and reports it (E5011 at the `math.add`).
    let ir = r#"["std.seq", ["std.let", "i", 0], ["std.let", "s", 9223372036854775000],
      ["std.while", ["bool.lt", ["std.var", "i"], 100], ["std.seq",
        ["std.set", "s", ["math.add", ["std.var", "s"], 100]],
        ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
      ["std.var", "s"]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("failed E5011"), "{vm}");
    assert!(vm.contains("at $[3][2][1][2]"), "{vm}");
    same_on_both(ir, Limits::default());
    // The same towards the negative end, with each form of constant operand native code
    // checks by comparing the other operand.
    for (start, step) in [
        (
            "-9223372036854775000",
            r#"["math.sub", ["std.var", "s"], 100]"#,
        ),
        (
            "-9223372036854775000",
            r#"["math.add", ["std.var", "s"], -100]"#,
        ),
        (
            "-9223372036854775000",
            r#"["math.add", -100, ["std.var", "s"]]"#,
        ),
        (
            "9223372036854775000",
            r#"["math.sub", ["std.var", "s"], -100]"#,
        ),
    ] {
        let ir = format!(
            r#"["std.seq", ["std.let", "i", 0], ["std.let", "s", {start}],
              ["std.while", ["bool.lt", ["std.var", "i"], 100], ["std.seq",
                ["std.set", "s", {step}],
                ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
              ["std.var", "s"]]"#
        );
        let vm = vm_trace(&ir);
        assert!(vm.starts_with("failed E5011"), "{ir}: {vm}");
        same_on_both(&ir, Limits::default());
    }
}

#[test]
fn arithmetic_bounded_by_a_comparison_skips_its_check_only_where_it_cannot_overflow() {
    // Below `i <= MAX - 1`, `i + 1` cannot overflow and is native without a check. In `f`,
    // `x - 1` runs where `x > MIN + 5` held and cannot overflow; `x - 10` runs where it
    // failed, and f(MIN + 5) overflows. Worked by hand: f(MIN + 6) = MIN + 5 and f(-20) =
    // -21.
    let ir = r#"["std.seq", ["std.let", "i", 9223372036854775802],
      ["std.while", ["bool.lte", ["std.var", "i"], 9223372036854775806],
        ["std.set", "i", ["math.add", ["std.var", "i"], 1]]],
      ["std.log", ["std.var", "i"]],
      ["std.let", "f", ["std.lambda", ["x"],
        ["std.if", ["bool.gt", ["std.var", "x"], -9223372036854775803],
          ["math.sub", ["std.var", "x"], 1], ["math.sub", ["std.var", "x"], 10]]]],
      ["std.log", ["std.apply", ["std.var", "f"], -9223372036854775802]],
      ["std.log", ["std.apply", ["std.var", "f"], -20]],
      ["std.log", ["std.apply", ["std.var", "f"], -9223372036854775803]]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("failed E5011"), "{vm}");
    let logs = r#"log ["9223372036854775807", "-9223372036854775803", "-21"]"#;
    assert!(vm.ends_with(logs), "{vm}");
    same_on_both(ir, Limits::default());
    // `g` adds where `x > 0` held and subtracts where it failed: both can overflow, at
    // g(MAX) and g(MIN), where each branch's facts bound `x` only on the side away from
    // the overflow. Worked by hand: g(5) = 6, g(-5) = -6.
    for last in ["9223372036854775807", "-9223372036854775808"] {
        let ir = format!(
            r#"["std.seq", ["std.let", "g", ["std.lambda", ["x"],
                ["std.if", ["bool.gt", ["std.var", "x"], 0],
                  ["math.add", ["std.var", "x"], 1], ["math.sub", ["std.var", "x"], 1]]]],
              ["std.let", "t", 0],
              ["std.while", ["bool.lt", ["std.var", "t"], 3], ["std.seq",
                ["std.log", ["std.apply", ["std.var", "g"], 5]],
                ["std.log", ["std.apply", ["std.var", "g"], -5]],
                ["std.set", "t", ["math.add", ["std.var", "t"], 1]]]],
              ["std.apply", ["std.var", "g"], {last}]]"#
        );
        let vm = vm_trace(&ir);
        assert!(vm.starts_with("failed E5011"), "{vm}");
        assert!(vm.ends_with(r#""6", "-6"]"#), "{vm}");
        same_on_both(&ir, Limits::default());
    }
    // `i < MAX` and `i <= MAX - 1` leave `i + 2` its check: MAX - 5, MAX - 3, MAX - 1,
    // then E5011.
    for test in [
        r#"["bool.lt", ["std.var", "i"], 9223372036854775807]"#,
        r#"["bool.lte", ["std.var", "i"], 9223372036854775806]"#,
    ] {
        let ir = format!(
            r#"["std.seq", ["std.let", "i", 9223372036854775802],
              ["std.while", {test}, ["std.set", "i", ["math.add", ["std.var", "i"], 2]]],
              ["std.var", "i"]]"#
        );
        let vm = vm_trace(&ir);
        assert!(vm.starts_with("failed E5011"), "{vm}");
        same_on_both(&ir, Limits::default());
    }
    // JavaScript's sum stays an int up to 2^53: in a function, from 2^53 - 3 (no VM entry
    // at the loop head, so `i` is known from below too), `i < 2^53` keeps `i + 1` within
    // it; `i <= 2^53` does not keep `i + 2` within it, and the sum past 2^53 is a double.
    // Expectations from node (`let i = 2**53 - 3; while (i < 2**53) i += 1`, and the same
    // with `<=` and `+= 2`).
    let up = |test: &str, last: &str, step: &str| {
        format!(
            r#"["std.lambda", [], ["std.seq", ["std.let", "i", 9007199254740989],
              ["std.while", ["{test}", ["std.var", "i"], {last}],
                ["std.set", "i", ["js.add", ["std.var", "i"], {step}]]],
              ["std.var", "i"]]]"#
        )
    };
    let ir = format!(
        r#"["std.seq", ["std.let", "once", {}], ["std.let", "twice", {}],
          ["std.log", ["std.apply", ["std.var", "once"]]],
          ["std.log", ["std.apply", ["std.var", "twice"]]]]"#,
        up("bool.lt", "9007199254740992", "1"),
        up("bool.lte", "9007199254740992", "2")
    );
    let ir = ir.as_str();
    let vm = vm_trace(ir);
    assert!(
        vm.ends_with(r#"log ["9007199254740992", "9007199254740994.0"]"#),
        "{vm}"
    );
    same_on_both(ir, Limits::default());
}

#[test]
fn an_integer_outside_its_known_range_fails_the_loops_entry_check() {
    // Every native path keeps `i` within 0..=40, so `i - 2` in the body (where `i <= 39`)
    // needs no overflow check. A suspended state is data, though: edited to hold MIN for
    // `i` while the script sleeps at i = 5, it resumes with MIN + 1 at the loop head,
    // which the entry check turns back; the VM's `i - 2` then overflows (E5011 at the
    // `math.sub`), as it does when the VM resumes the same state.
    let ir = r#"["std.seq", ["std.let", "i", 0], ["std.let", "t", 0],
      ["std.while", ["bool.lt", ["std.var", "i"], 40], ["std.seq",
        ["std.set", "t", ["math.sub", ["std.var", "i"], 2]],
        ["std.if", ["bool.eq", ["std.var", "i"], 5], ["std.sleep", 1], null],
        ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
      ["std.var", "t"]]"#;
    let program = program(ir);
    let limits = Limits::default();
    let config = RunConfig {
        limits,
        ..Default::default()
    };
    let Outcome::Suspended { state, .. } =
        weft_bytecode::run(&program, &config, &mut TestHost::new())
    else {
        panic!("the script sleeps at i = 5");
    };
    let json = state.to_json().expect("state serialises");
    let edited = json.replacen(
        r#""locals":[{"Int":5}"#,
        r#""locals":[{"Int":-9223372036854775808}"#,
        1,
    );
    assert_ne!(json, edited, "the state holds i = 5: {json}");
    let resume = |jit: Option<&mut Jit>| {
        let state = SuspendedState::from_json(&edited).expect("state reads back");
        let mut host = TestHost::new();
        let outcome = match jit {
            Some(j) => j.resume(state, &limits, &mut host),
            None => weft_bytecode::resume(state, &limits, &mut host),
        };
        common::ending(&outcome).expect("the run ends")
    };
    let vm = resume(None);
    assert!(vm.starts_with("failed E5011"), "{vm}");
    assert!(vm.contains("at $[3][2][1][2]"), "{vm}");
    let mut jit = Jit::new(Mode::Eager);
    assert_eq!(vm, resume(Some(&mut jit)));
    let report = jit.report();
    let main = func_state(&report, "<main>");
    assert_eq!(main.entry_checks_failed, 1, "{report:?}");
}

#[test]
fn a_parameter_proven_an_integer_stays_one_until_a_float_arrives() {
    // In `f`, `n * 2` proves `n` an integer for the `+ n` after it; from i = 10 on, `f`
    // gets floats, gives up at `n * 2`, and after 8 give-ups is no longer called directly.
    // Worked by hand: 3 * (0+...+9) + 3 * ((10+...+29) + 20 * 0.5) = 135 + 1200 = 1335.
    let ir = r#"["std.seq",
      ["std.let", "f", ["std.lambda", ["n"],
        ["math.add", ["math.mul", ["std.var", "n"], 2], ["std.var", "n"]]]],
      ["std.let", "t", 0], ["std.let", "i", 0],
      ["std.while", ["bool.lt", ["std.var", "i"], 30], ["std.seq",
        ["std.set", "t", ["math.add", ["std.var", "t"], ["std.apply", ["std.var", "f"],
          ["std.if", ["bool.lt", ["std.var", "i"], 10], ["std.var", "i"],
            ["math.add", ["std.var", "i"], 0.5]]]]],
        ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
      ["std.var", "t"]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("finished 1335"), "{vm}");
    let report = same_on_both(ir, Limits::default());
    let f = func_state(&report, "<lambda");
    assert!(
        matches!(f.direct, weft_jit::DirectState::Dropped { .. }),
        "{report:?}"
    );
}

#[test]
fn javascript_sums_crossing_two_to_the_53_leave_native_code_where_doubles_round() {
    // `js.add`/`js.sub` stay native while the result is within ±2^53; past it the double
    // rounds (2^53 + 1 is 2^53), which only the builtin does. Expectations from node:
    // 9007199254740980 + 1, thirty times, is 9007199254740992; the mirror image with
    // subtraction is -9007199254740992.
    for (start, op, expect) in [
        ("9007199254740980", "js.add", "9007199254740992"),
        ("-9007199254740980", "js.sub", "-9007199254740992"),
    ] {
        let ir = format!(
            r#"["std.seq", ["std.let", "i", 0], ["std.let", "s", {start}],
              ["std.while", ["bool.lt", ["std.var", "i"], 30], ["std.seq",
                ["std.set", "s", ["{op}", ["std.var", "s"], 1]],
                ["std.set", "i", ["js.add", ["std.var", "i"], 1]]]],
              ["std.var", "s"]]"#
        );
        let vm = vm_trace(&ir);
        assert!(vm.starts_with(&format!("finished {expect} ")), "{vm}");
        same_on_both(&ir, Limits::default());
    }
}

#[test]
fn a_function_reading_itself_through_a_late_bound_chain_is_called_directly() {
    // `f` refers to itself from its own initialiser, which reads through a late-bound
    // chain (`LoadChain`), as TypeScript's `function f` lowers. Replacing `f` between calls
    // must be seen by the next chain of direct calls. Worked by hand: f(50) counts down to
    // 50; then g (the old f) calls the new f once: 1 + 1000 = 1001; 50 * 10000 + 1001.
    let ir = r#"["std.seq",
      ["std.let", "f", ["std.lambda", ["n"], ["std.if", ["bool.lt", ["std.var", "n"], 1], 0,
        ["js.add", 1, ["std.apply", ["std.var", "f"], ["js.sub", ["std.var", "n"], 1]]]]]],
      ["std.let", "a", ["std.apply", ["std.var", "f"], 50]],
      ["std.let", "g", ["std.var", "f"]],
      ["std.set", "f", ["std.lambda", ["n"], 1000]],
      ["std.let", "b", ["std.apply", ["std.var", "g"], 50]],
      ["math.add", ["math.mul", ["std.var", "a"], 10000], ["std.var", "b"]]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("finished 501001 "), "{vm}");
    let report = same_on_both(ir, Limits::default());
    assert_direct(&report, &["<lambda $[1]"]);
}

#[test]
fn a_captured_variable_read_twice_around_a_call_keeps_its_closures_value() {
    // A direct entry reads `k` once per straight line and reuses it after the call, during
    // which another closure of the same function read its own `k` through the same cache
    // words. Worked by hand: `peer` is b, so b(m) = 200 + b(m - 1) + 2 = 202 * m;
    // a(5) = 100 + b(4) + 1 = 909 and a(1) = 100 + b(0) + 1 = 101.
    let ir = r#"["std.seq", ["std.let", "peer", null],
      ["std.let", "mk", ["std.lambda", ["k"], ["std.lambda", ["n"],
        ["std.if", ["bool.lt", ["std.var", "n"], 1], 0,
          ["math.add",
            ["math.add", ["math.mul", ["std.var", "k"], 100],
              ["std.apply", ["std.var", "peer"], ["math.sub", ["std.var", "n"], 1]]],
            ["std.var", "k"]]]]]],
      ["std.let", "a", ["std.apply", ["std.var", "mk"], 1]],
      ["std.let", "b", ["std.apply", ["std.var", "mk"], 2]],
      ["std.set", "peer", ["std.var", "b"]],
      ["std.log", ["std.apply", ["std.var", "a"], 5]],
      ["std.apply", ["std.var", "a"], 1]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("finished 101 "), "{vm}");
    assert!(vm.ends_with(r#"log ["909"]"#), "{vm}");
    let report = same_on_both(ir, Limits::default());
    assert_direct(&report, &["<lambda $[2][2][2]"]);
}

#[test]
fn javascript_products_and_remainders_and_python_remainders_match_the_vm_at_their_edges() {
    // `js.mul`, `js.mod` and `py.mod` on two ints are native; a -0 result, a zero divisor
    // or a product past 2^53 leaves it to the builtin. Expectations from node (a * b,
    // a % b) and python3 (a % b); then a loop over negative and positive operands.
    let ir = r#"["std.seq",
      ["std.let", "jm", ["std.lambda", ["a", "b"], ["js.mul", ["std.var", "a"], ["std.var", "b"]]]],
      ["std.let", "jr", ["std.lambda", ["a", "b"], ["js.mod", ["std.var", "a"], ["std.var", "b"]]]],
      ["std.let", "pr", ["std.lambda", ["a", "b"], ["py.mod", ["std.var", "a"], ["std.var", "b"]]]],
      ["std.log", ["std.apply", ["std.var", "jm"], 6, 7]],
      ["std.log", ["std.apply", ["std.var", "jm"], 0, -5]],
      ["std.log", ["std.apply", ["std.var", "jm"], 94906265, 94906265]],
      ["std.log", ["std.apply", ["std.var", "jm"], 94906267, 94906267]],
      ["std.log", ["std.apply", ["std.var", "jr"], -7, 3]],
      ["std.log", ["std.apply", ["std.var", "jr"], -4, 2]],
      ["std.log", ["std.apply", ["std.var", "jr"], 5, 0]],
      ["std.log", ["std.apply", ["std.var", "pr"], -7, 3]],
      ["std.log", ["std.apply", ["std.var", "pr"], 7, -3]],
      ["std.log", ["std.apply", ["std.var", "pr"], -9223372036854775808, -1]],
      ["std.let", "i", -20], ["std.let", "s", 0],
      ["std.while", ["bool.lt", ["std.var", "i"], 20], ["std.seq",
        ["std.set", "s", ["js.add", ["std.var", "s"], ["std.apply", ["std.var", "jm"], ["std.var", "i"], -3]]],
        ["std.set", "s", ["js.add", ["std.var", "s"], ["std.apply", ["std.var", "jr"], ["std.var", "i"], 6]]],
        ["std.set", "s", ["py.add", ["std.var", "s"], ["std.apply", ["std.var", "pr"], ["std.var", "i"], -7]]],
        ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
      ["std.var", "s"]]"#;
    let vm = vm_trace(ir);
    let logs = r#"log ["42", "-0.0", "9007199136250225", "9007199515875288.0", "-1", "-0.0", "NaN", "2", "-2", "0"]"#;
    assert!(vm.ends_with(logs), "{vm}");
    let report = same_on_both(ir, Limits::default());
    assert_direct(&report, &["<lambda $[1]", "<lambda $[2]", "<lambda $[3]"]);
}

#[test]
fn lua_arithmetic_wraps_and_falls_back_in_native_code_as_on_the_vm() {
    // `["lua.arith", "+", a, b]` (and `-`, `*`, `%`) is native on two ints (wrapping, as
    // lua5.4's integers do; `%` floored) and two floats (not `%`); a mixed pair or a
    // numeric string goes to `lua.arith`. Expectations from lua5.4 (`print(math.maxinteger
    // + 1)` and so on; the loop runs fifty times a 64-bit LCG, `x = x *
    // 6364136223846793005 + 1442695040888963407` from 1, `y = y * 0.5 + 1.0` from 0.0 and
    // `z = (z * 31 + i) % 1000003` from 1).
    let ir = r#"["std.seq",
      ["std.let", "la", ["std.lambda", ["a", "b"], ["lua.arith", "+", ["std.var", "a"], ["std.var", "b"]]]],
      ["std.let", "ls", ["std.lambda", ["a", "b"], ["lua.arith", "-", ["std.var", "a"], ["std.var", "b"]]]],
      ["std.let", "lm", ["std.lambda", ["a", "b"], ["lua.arith", "*", ["std.var", "a"], ["std.var", "b"]]]],
      ["std.let", "lr", ["std.lambda", ["a", "b"], ["lua.arith", "%", ["std.var", "a"], ["std.var", "b"]]]],
      ["std.log", ["std.apply", ["std.var", "la"], 9223372036854775807, 1]],
      ["std.log", ["std.apply", ["std.var", "ls"], -9223372036854775808, 1]],
      ["std.log", ["std.apply", ["std.var", "lm"], 3037000500, 3037000500]],
      ["std.log", ["std.apply", ["std.var", "la"], 1.5, 2.25]],
      ["std.log", ["std.apply", ["std.var", "lm"], 2, 0.5]],
      ["std.log", ["std.apply", ["std.var", "la"], "10", 1]],
      ["std.log", ["std.apply", ["std.var", "lr"], -7, 3]],
      ["std.log", ["std.apply", ["std.var", "lr"], 7, -3]],
      ["std.log", ["std.apply", ["std.var", "lr"], -9223372036854775808, -1]],
      ["std.log", ["std.apply", ["std.var", "lr"], 5.5, 2]],
      ["std.let", "x", 1], ["std.let", "y", 0.0], ["std.let", "z", 1], ["std.let", "i", 0],
      ["std.while", ["bool.lt", ["std.var", "i"], 50], ["std.seq",
        ["std.set", "x", ["std.apply", ["std.var", "la"],
          ["std.apply", ["std.var", "lm"], ["std.var", "x"], 6364136223846793005], 1442695040888963407]],
        ["std.set", "y", ["lua.arith", "+", ["lua.arith", "*", ["std.var", "y"], 0.5], 1.0]],
        ["std.set", "z", ["lua.arith", "%",
          ["lua.arith", "+", ["lua.arith", "*", ["std.var", "z"], 31], ["std.var", "i"]], 1000003]],
        ["std.set", "i", ["lua.arith", "+", ["std.var", "i"], 1]]]],
      ["list.new", ["std.var", "x"], ["std.var", "y"], ["std.var", "z"]]]"#;
    let vm = vm_trace(ir);
    assert!(
        vm.starts_with("finished [3362576235316672587,1.9999999999999982,569597]"),
        "{vm}"
    );
    let logs = r#"log ["-9223372036854775808", "9223372036854775807", "-9223372036709301616", "3.75", "1.0", "11", "2", "-2", "0", "1.5"]"#;
    assert!(vm.ends_with(logs), "{vm}");
    let report = same_on_both(ir, Limits::default());
    assert_direct(&report, &["<lambda $[1]", "<lambda $[2]", "<lambda $[3]"]);
}

#[test]
fn base_cases_run_inline_at_self_calls_as_the_vm_runs_them() {
    // A direct entry calling itself first runs a copy of the callee's leaf paths: `f`
    // has two (n < 1 and n < 3). A float argument fails the copy's integer comparison
    // and `g`'s base case overflows for n = 2: both make the real call instead, which
    // gives up to the VM. Worked by hand: f(n) = f(n - 1) + f(n - 3) from f(0), f(1),
    // f(2) = 0, 10, 20 gives 20, 30, 50, 70, 100, 150, 220, 320 for f(3) to f(10);
    // f(4.5) = f(3.5) + f(1.5) = (f(2.5) + f(0.5)) + 15.0 = 25.0 + 0 + 15.0 = 40.0.
    // g(4) = g(3) - g(2) needs g(2) = 2 * 2^62, which overflows.
    let ir = r#"["std.seq", ["std.let", "f", null],
      ["std.set", "f", ["std.lambda", ["n"],
        ["std.if", ["bool.lt", ["std.var", "n"], 1], 0,
          ["std.if", ["bool.lt", ["std.var", "n"], 3], ["math.mul", ["std.var", "n"], 10],
            ["math.add", ["std.apply", ["std.var", "f"], ["math.sub", ["std.var", "n"], 1]],
                         ["std.apply", ["std.var", "f"], ["math.sub", ["std.var", "n"], 3]]]]]]],
      ["std.let", "g", null],
      ["std.set", "g", ["std.lambda", ["n"],
        ["std.if", ["bool.lt", ["std.var", "n"], 3],
          ["math.mul", ["std.var", "n"], 4611686018427387904],
          ["math.sub", ["std.apply", ["std.var", "g"], ["math.sub", ["std.var", "n"], 1]],
                       ["std.apply", ["std.var", "g"], ["math.sub", ["std.var", "n"], 2]]]]]],
      ["std.log", ["std.apply", ["std.var", "f"], 10]],
      ["std.log", ["std.apply", ["std.var", "f"], 4.5]],
      ["std.apply", ["std.var", "g"], 4]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("failed E5011 "), "{vm}");
    assert!(vm.ends_with(r#"log ["320", "40.0"]"#), "{vm}");
    same_at_every_budget(ir, &vm, &["<lambda $[2][2]", "<lambda $[4][2]"]);
}

#[test]
fn a_self_calls_copy_that_gives_up_after_its_own_call_hands_the_vm_both_frames() {
    // `s` is copied whole into its first self-call, so frames alternate between real
    // direct frames and copies: s(6) runs as frames 6 (real), 5 (a copy), 4 (real), ...
    // and s(5) as 5 (real), 4 (a copy), .... By hand, with s(0) = 2^63 - 11:
    // s(1) = 2^63 - 10, s(2) = 2^63 - 8, s(3) = 2^63 - 5, s(4) = 2^63 - 1 (the largest
    // integer), and s(5) = s(4) + 5 overflows in frame 5, after its own call returned:
    // in the copy for s(6), in the real frame for s(5). Either way the VM must get every
    // frame from 5 up and report E5011 at frame 5's `math.add`.
    for top in [6, 5] {
        let ir = format!(
            r#"["std.seq", ["std.let", "s", null],
              ["std.set", "s", ["std.lambda", ["n"],
                ["std.if", ["bool.lt", ["std.var", "n"], 1], 9223372036854775797,
                  ["math.add", ["std.var", "n"],
                    ["std.apply", ["std.var", "s"], ["math.sub", ["std.var", "n"], 1]]]]]],
              ["std.log", ["std.apply", ["std.var", "s"], 4]],
              ["std.apply", ["std.var", "s"], {top}]]"#
        );
        let program = program(&ir);
        let vm = trace(&program, Limits::default(), None);
        assert!(vm.starts_with("failed E5011 "), "{vm}");
        assert!(vm.contains("at $[2][2][2][3]"), "{vm}");
        assert!(vm.ends_with(r#"log ["9223372036854775807"]"#), "{vm}");
        same_at_every_budget(&ir, &vm, &["<lambda $[2][2]"]);
    }
}

#[test]
fn a_call_known_to_return_an_integer_gives_up_where_another_closure_returns_something_else() {
    // `f` returns 0 or a call's result plus 1, so its direct entry takes the results of
    // its one-argument calls to be integers (`src/types.rs`): true of `f` itself by
    // induction, and checked where any other closure returns. `h` is `f` (5), then a
    // closure whose native code returns a float: f(5) = h(4) + 1 = 1.5 * 2.0 + 1 = 4.0,
    // where native code must give up after the call rather than add a float's bits; then
    // one returning an integer: f(5) = 4 * 2 + 1 = 9; then `f` again: f(6) = 6. Worked by
    // hand.
    let ir = r#"["std.seq", ["std.let", "h", null],
      ["std.let", "f", ["std.lambda", ["n"],
        ["std.if", ["bool.lt", ["std.var", "n"], 1], 0,
          ["math.add", ["std.apply", ["std.var", "h"], ["math.sub", ["std.var", "n"], 1]], 1]]]],
      ["std.set", "h", ["std.var", "f"]],
      ["std.log", ["std.apply", ["std.var", "f"], 5]],
      ["std.set", "h", ["std.lambda", ["n"], ["math.mul", 1.5, 2.0]]],
      ["std.log", ["std.apply", ["std.var", "f"], 5]],
      ["std.set", "h", ["std.lambda", ["n"], ["math.mul", ["std.var", "n"], 2]]],
      ["std.log", ["std.apply", ["std.var", "f"], 5]],
      ["std.set", "h", ["std.var", "f"]],
      ["std.apply", ["std.var", "f"], 6]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("finished 6 "), "{vm}");
    assert!(vm.ends_with(r#"log ["5", "4.0", "9"]"#), "{vm}");
    same_at_every_budget(ir, &vm, &["<lambda $[2][2]"]);
}

#[test]
fn a_self_calls_copy_tells_its_own_closure_from_another_captured_one() {
    // In the copy of `f` at its first self-call, the call through `f` needs no check that
    // it calls itself (its caller checked that capture), but the call through `g`, which
    // takes as many arguments, is another closure's. By hand: f(n) = f(n - 1) + 3n, f(0) = 0,
    // so f(4) = 3 * (1 + 2 + 3 + 4) = 30; with `g` swapped for `f` itself, f(n) = f(n - 1)
    // + f(n) never returns and runs out of call depth.
    let ir = r#"["std.seq", ["std.let", "f", null],
      ["std.let", "g", ["std.lambda", ["n"], ["math.mul", ["std.var", "n"], 3]]],
      ["std.set", "f", ["std.lambda", ["n"],
        ["std.if", ["bool.lt", ["std.var", "n"], 1], 0,
          ["math.add", ["std.apply", ["std.var", "f"], ["math.sub", ["std.var", "n"], 1]],
                       ["std.apply", ["std.var", "g"], ["std.var", "n"]]]]]],
      ["std.log", ["std.apply", ["std.var", "f"], 4]],
      ["std.set", "g", ["std.var", "f"]],
      ["std.apply", ["std.var", "f"], 4]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("failed E5004 call depth"), "{vm}");
    assert!(vm.ends_with(r#"log ["30"]"#), "{vm}");
    let report = same_on_both(ir, Limits::default());
    assert_direct(&report, &["<lambda $[2][2]", "<lambda $[3][2]"]);
}

#[test]
fn a_self_call_says_which_capture_holds_the_callee_and_no_other_call_does() {
    // A direct self-call tells the callee which of its captures holds the closure itself,
    // so the callee does not read it. `f` captures `g` then `f`, `g` captures `k` then
    // `g`: only `f`'s calls of `f` and `g`'s calls of `g` may say so, each of its own
    // capture. By hand: g(n) = k * (n + 1) = 5 * (n + 1) and f(n) = g(n) + f(n - 1),
    // f(0) = 0, so f(4) = 5 * (5 + 4 + 3 + 2) = 70.
    let ir = r#"["std.seq", ["std.let", "k", 5], ["std.let", "f", null], ["std.let", "g", null],
      ["std.set", "g", ["std.lambda", ["n"],
        ["std.if", ["bool.lt", ["std.var", "n"], 1], ["std.var", "k"],
          ["math.add", ["std.var", "k"],
            ["std.apply", ["std.var", "g"], ["math.sub", ["std.var", "n"], 1]]]]]],
      ["std.set", "f", ["std.lambda", ["n"],
        ["std.if", ["bool.lt", ["std.var", "n"], 1], 0,
          ["math.add", ["std.apply", ["std.var", "g"], ["std.var", "n"]],
            ["std.apply", ["std.var", "f"], ["math.sub", ["std.var", "n"], 1]]]]]],
      ["std.apply", ["std.var", "f"], 4]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("finished 70 "), "{vm}");
    let report = same_on_both(ir, Limits::default());
    assert_direct(&report, &["<lambda $[4][2]", "<lambda $[5][2]"]);
}

#[test]
fn gas_checked_ahead_of_a_branch_reaches_only_blocks_nothing_else_reaches() {
    // A branch's check also pays for the lines only that branch leads to. The loop's exit
    // in `f` is also reached by `break`, so it must check for itself: where the break path
    // arrives with nothing prepaid, a run ending there must stop where the VM does, at
    // every budget. By hand: f(n) sums i * (i + 3) (0, 4, 10, 18, 28) for i below
    // min(n, 5), plus 2n - 1: f(0..=6) = -1, 1, 7, 19, 39, 69, 71, total 205.
    let ir = r#"["std.seq", ["std.let", "f", ["std.lambda", ["n"],
       ["std.seq", ["std.let", "i", 0], ["std.let", "s", 0],
         ["std.while", ["bool.lt", ["std.var", "i"], 5], ["std.seq",
            ["std.if", ["bool.eq", ["std.var", "i"], ["std.var", "n"]], ["std.break"]],
            ["std.set", "s", ["math.add", ["std.var", "s"],
              ["math.mul", ["std.var", "i"], ["math.add", ["std.var", "i"], 3]]]],
            ["std.set", "i", ["math.add", ["std.var", "i"], 1]]]],
         ["math.add", ["math.add", ["std.var", "s"], ["std.var", "n"]],
           ["math.sub", ["std.var", "n"], 1]]]]],
      ["std.let", "t", 0], ["std.let", "j", 0],
      ["std.while", ["bool.lt", ["std.var", "j"], 7], ["std.seq",
         ["std.set", "t", ["math.add", ["std.var", "t"], ["std.apply", ["std.var", "f"], ["std.var", "j"]]]],
         ["std.set", "j", ["math.add", ["std.var", "j"], 1]]]],
      ["std.var", "t"]]"#;
    let vm = vm_trace(ir);
    assert!(vm.starts_with("finished 205 "), "{vm}");
    same_at_every_budget(ir, &vm, &["<lambda $[1][2]"]);
}

#[test]
fn a_base_case_inline_that_runs_out_of_gas_stops_where_the_vm_does() {
    // `h` calls itself last, so nothing after its self-call was checked ahead: only the
    // copy of its base case can find the gas short, (0 + 1) + (0 + 2) + (0 + 3) + (0 + 4)
    // = 10 by hand. A fresh JIT for every budget: running out of gas in a chain is a
    // give-up, and enough of them would stop `h` being called directly at all.
    let ir = r#"["std.seq", ["std.let", "h", null],
      ["std.set", "h", ["std.lambda", ["n"],
        ["std.if", ["bool.lt", ["std.var", "n"], 1],
          ["math.add",
            ["math.add", ["math.add", ["std.var", "n"], 1], ["math.add", ["std.var", "n"], 2]],
            ["math.add", ["math.add", ["std.var", "n"], 3], ["math.add", ["std.var", "n"], 4]]],
          ["std.apply", ["std.var", "h"], ["math.sub", ["std.var", "n"], 1]]]]],
      ["std.apply", ["std.var", "h"], 3]]"#;
    let program = program(ir);
    let vm = trace(&program, Limits::default(), None);
    assert!(vm.starts_with("finished 10 "), "{vm}");
    let mut called_directly = 0;
    for gas in 1..=gas_of(&vm) {
        let at = Limits {
            gas,
            ..Limits::default()
        };
        let vm = trace(&program, at, None);
        let mut jit = Jit::new(Mode::Eager);
        assert_jit_gives(
            &vm,
            &program,
            at,
            &mut jit,
            &format!("differs at gas {gas}"),
        );
        let report = jit.report();
        let h = func_state(&report, "<lambda $[2][2]");
        if h.state == weft_jit::FuncState::Compiled {
            assert_eq!(h.direct, weft_jit::DirectState::Available, "{report:?}");
            called_directly += 1;
        }
    }
    // Not compiled at the budgets that stop before h(3) starts.
    assert!(called_directly > 0);
}

#[test]
fn a_top_level_without_loops_stays_on_the_vm_and_calls_direct_entries() {
    // On a program's first run the top level (no loops) runs on the VM, and each call it
    // makes enters fib through fib's direct entry: fib's VM entry is never compiled. From
    // the second run on the top level is compiled too. (`recursion_runs_as_direct_calls`
    // compares both ways with the VM at every budget.)
    let program = program(&with_fib(
        r#"["std.log", ["std.apply", ["std.var", "fib"], 12]], ["std.apply", ["std.var", "fib"], 10]"#,
    ));
    let vm = trace(&program, Limits::default(), None);
    assert!(vm.starts_with("finished 55 "), "{vm}");
    assert!(vm.ends_with("log [\"144\"]"), "{vm}");
    let mut jit = Jit::new(Mode::Eager);
    assert_jit_gives(&vm, &program, Limits::default(), &mut jit, "first run");
    let report = jit.report();
    let (main, fib) = (&report.funcs[0], func_state(&report, "<lambda"));
    assert_eq!(main.state, weft_jit::FuncState::Once, "{report:?}");
    assert_eq!(fib.state, weft_jit::FuncState::Compiled, "{report:?}");
    assert_eq!(fib.direct, weft_jit::DirectState::Available, "{report:?}");
    assert!(!fib.vm_entry, "{report:?}");
    // All of fib's instructions but none of the top level's ran natively.
    assert!(report.native_instructions > 0, "{report:?}");
    assert!(
        report.native_instructions < report.total_instructions,
        "{report:?}"
    );

    assert_jit_gives(&vm, &program, Limits::default(), &mut jit, "second run");
    let report = jit.report();
    assert_eq!(
        report.funcs[0].state,
        weft_jit::FuncState::Compiled,
        "{report:?}"
    );
    assert!(report.funcs[0].vm_entry, "{report:?}");
}

#[test]
fn a_builtins_callback_runs_through_its_direct_entry() {
    // `list.map` calls the lambda from Rust (a nested run of the VM that stops when the
    // lambda returns); each call enters the lambda's direct entry. Every third element is
    // a float, whose product with an integer the lambda's native code leaves to the VM: a
    // give-up inside a callback. By hand: 3, 6, 10.5, 12, 15, 19.5, 21, 24, 28.5.
    let ir = r#"["list.map", ["std.quote", [1, 2, 3.5, 4, 5, 6.5, 7, 8, 9.5]],
      ["std.lambda", ["x"], ["math.mul", ["std.var", "x"], 3]]]"#;
    let vm = vm_trace(ir);
    assert!(
        vm.starts_with("finished [3,6,10.5,12,15,19.5,21,24,28.5] "),
        "{vm}"
    );
    let report = same_on_both(ir, Limits::default());
    let f = func_state(&report, "<lambda");
    assert_eq!(f.direct, weft_jit::DirectState::Available, "{report:?}");
    assert!(!f.vm_entry, "{report:?}");
}
