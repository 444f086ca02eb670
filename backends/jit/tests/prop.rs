//! Property test: random valid IR runs identically on the VM and on the JIT.
//!
//! Programs come from the bytecode crate's registry-driven generator (`irgen.rs`, included
//! by path). Each program that compiles is run on the VM and on an eager JIT under small
//! limits, at a few tiny gas budgets, and with the host yielding at a poll; every
//! suspension is written to JSON, read back and resumed on the same backend. The two
//! traces — result or error code, message and path, gas used, instruction count, every
//! suspended state as JSON, output and warnings — must be the same text.

mod common;
#[path = "../../bytecode/src/tests/irgen.rs"]
mod irgen;

use std::cell::RefCell;
use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use weft_bytecode::{Limits, Outcome, Program, RunConfig, SuspendedState, TestHost, compile};
use weft_ir::{Node, Registry};
use weft_jit::{Jit, Mode};

/// Random programs per run; about ten seconds in a debug build (half of them loop).
const CASES: u32 = 1000;

/// Limits like the VM's own property test: small enough that loops and recursion stop soon.
const SMALL: Limits = Limits {
    gas: 2_000,
    max_heap_bytes: 256 << 10,
    max_call_depth: 40,
};

/// One way of running a program.
struct Setting {
    label: String,
    limits: Limits,
    /// The host yields on this poll of the first run (not after a resume).
    yield_at: Option<u64>,
}

fn settings() -> Vec<Setting> {
    let mut out = vec![Setting {
        label: "small limits".to_owned(),
        limits: SMALL,
        yield_at: None,
    }];
    for gas in [1, 7, 50] {
        out.push(Setting {
            label: format!("gas {gas}"),
            limits: Limits { gas, ..SMALL },
            yield_at: None,
        });
    }
    for poll in [1, 3] {
        out.push(Setting {
            label: format!("yield at poll {poll}"),
            limits: SMALL,
            yield_at: Some(poll),
        });
    }
    out
}

fn var(name: &str) -> Node {
    Node::call("std.var", vec![Node::str(name)])
}

/// Random expressions placed in a loop and a closure, so that native loop back-edges,
/// calls, safe points and handlers run with random values: `a` and `b` (names the
/// generator uses) start random, a 25-round loop on a private counter calls `f` (whose
/// random body sees `a` as its parameter) and stores the result in `a`, and every error the
/// opcodes can raise is caught and appended to `b`. The result is `[a, b]`.
fn looped() -> impl Strategy<Value = Node> {
    (irgen::ir(), irgen::ir(), irgen::ir(), irgen::ir()).prop_map(
        |(start_a, start_b, body, arg)| {
            let call = |name: &str, args: Vec<Node>| Node::call(name, args);
            let caught =
                |expr: Node, handler: Node| call("std.try", vec![expr, Node::str("err"), handler]);
            let append_error = call(
                "std.set",
                vec![Node::str("b"), call("list.new", vec![var("b"), var("err")])],
            );
            call(
                "std.seq",
                vec![
                    call("std.let", vec![Node::str("a"), caught(start_a, var("err"))]),
                    call("std.let", vec![Node::str("b"), caught(start_b, var("err"))]),
                    call(
                        "std.let",
                        vec![
                            Node::str("f"),
                            call(
                                "std.lambda",
                                vec![Node::Array(vec![Node::str("a")]), caught(body, var("a"))],
                            ),
                        ],
                    ),
                    call("std.let", vec![Node::str("round"), Node::Int(0)]),
                    call(
                        "std.while",
                        vec![
                            call("bool.lt", vec![var("round"), Node::Int(25)]),
                            call(
                                "std.seq",
                                vec![
                                    call(
                                        "std.set",
                                        vec![
                                            Node::str("round"),
                                            call("math.add", vec![var("round"), Node::Int(1)]),
                                        ],
                                    ),
                                    caught(
                                        call(
                                            "std.set",
                                            vec![
                                                Node::str("a"),
                                                call("std.apply", vec![var("f"), arg]),
                                            ],
                                        ),
                                        append_error,
                                    ),
                                ],
                            ),
                        ],
                    ),
                    call("list.new", vec![var("a"), var("b")]),
                ],
            )
        },
    )
}

/// The backend a trace runs on.
enum Backend<'a> {
    Vm,
    Jit(&'a mut Jit),
}

impl Backend<'_> {
    fn run(&mut self, program: &Program, config: &RunConfig, host: &mut TestHost) -> Outcome {
        match self {
            Backend::Vm => weft_bytecode::run(program, config, host),
            Backend::Jit(jit) => jit.run(program, config, host),
        }
    }

    fn resume(&mut self, state: SuspendedState, limits: &Limits, host: &mut TestHost) -> Outcome {
        match self {
            Backend::Vm => weft_bytecode::resume(state, limits, host),
            Backend::Jit(jit) => jit.resume(state, limits, host),
        }
    }
}

/// A run as text, and two facts the test uses to check that its cases mean something.
struct Trace {
    /// Everything observable about the run, resumed through JSON at every suspension.
    text: String,
    gas_used: u64,
    suspensions: u32,
}

fn trace(mut backend: Backend<'_>, program: &Program, setting: &Setting) -> Trace {
    let mut host = TestHost::new();
    host.yield_at_poll = setting.yield_at;
    let config = RunConfig {
        limits: setting.limits,
        ..Default::default()
    };
    let mut out = String::new();
    let mut outcome = backend.run(program, &config, &mut host);
    let mut suspensions = 0;
    let gas_used = loop {
        if let Some(end) = common::ending(&outcome) {
            let _ = writeln!(out, "{end}");
        }
        match outcome {
            Outcome::Finished { stats, .. } | Outcome::Failed { stats, .. } => {
                break stats.gas_used;
            }
            Outcome::Suspended {
                state,
                wake_after_ms,
                stats,
            } => {
                let json = match state.to_json() {
                    Ok(json) => json,
                    Err(e) => {
                        let _ = writeln!(out, "state does not serialise: {e}");
                        break stats.gas_used;
                    }
                };
                let _ = writeln!(
                    out,
                    "suspended {wake_after_ms} gas {} instr {} state {json}",
                    stats.gas_used, stats.instructions
                );
                suspensions += 1;
                if suspensions == 1_000 {
                    let _ = writeln!(out, "still suspending after {suspensions} resumes");
                    break stats.gas_used;
                }
                host.yield_at_poll = None;
                outcome = match SuspendedState::from_json(&json) {
                    Ok(state) => backend.resume(state, &setting.limits, &mut host),
                    Err(e) => {
                        let _ = writeln!(out, "state does not read back: {e}");
                        break stats.gas_used;
                    }
                };
            }
        }
    };
    let _ = write!(
        out,
        "stdout:\n{}\nwarnings: {:?}\n",
        host.stdout(),
        host.warnings
    );
    Trace {
        text: out,
        gas_used,
        suspensions,
    }
}

/// How many of the random programs exercised what.
#[derive(Default)]
struct Tally {
    compiled: u32,
    /// Ran some instructions under native code.
    native: u32,
    /// Used at least 100 gas under the small limits.
    long: u32,
    /// Suspended when the host yielded at a poll.
    yielded: u32,
}

/// Runs `node` on both backends under every setting; the first difference fails the case.
fn check(node: &Node, tally: &RefCell<Tally>) -> Result<(), TestCaseError> {
    let program = match compile(node, Registry::standard()) {
        Ok(program) => program,
        // Programs that do not compile for a reason of their own (a `std.break` outside a
        // loop, E5102) are skipped; an internal error means the compiler or the verifier is
        // wrong, and fails the case.
        Err(errors) => {
            if let Some(e) = errors.iter().find(|e| e.code == "E5103") {
                return Err(TestCaseError::fail(format!(
                    "internal compile error: {}\nprogram: {}",
                    e.message,
                    node.to_json()
                )));
            }
            return Ok(());
        }
    };
    let (mut long, mut yielded) = (false, false);
    // One JIT for all settings, so compiled code is also reused across runs.
    let mut jit = Jit::new(Mode::Eager);
    for setting in settings() {
        let vm = trace(Backend::Vm, &program, &setting);
        let native = trace(Backend::Jit(&mut jit), &program, &setting);
        let (a, b) = (&vm.text, &native.text);
        if a != b {
            let line = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or_else(|| a.lines().count().min(b.lines().count()));
            return Err(TestCaseError::fail(format!(
                "VM and JIT differ ({}, trace line {})\nprogram: {}\n--- vm ---\n{a}--- jit ---\n{b}",
                setting.label,
                line + 1,
                node.to_json()
            )));
        }
        if setting.yield_at.is_none() && setting.limits.gas == SMALL.gas && vm.gas_used >= 100 {
            long = true;
        }
        if setting.yield_at.is_some() && vm.suspensions > 0 {
            yielded = true;
        }
    }
    let mut t = tally.borrow_mut();
    t.compiled += 1;
    t.native += u32::from(jit.report().native_instructions > 0);
    t.long += u32::from(long);
    t.yielded += u32::from(yielded);
    Ok(())
}

#[test]
fn random_valid_ir_runs_identically_on_the_vm_and_the_jit() {
    let tally = RefCell::new(Tally::default());
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        // Failing cases are saved where `proptest!` would put them for a unit test (cargo
        // runs tests in the package's folder) and replayed first on later runs.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/tests/prop.txt",
        ))),
        ..Config::default()
    });
    let programs = prop_oneof![irgen::ir(), looped()];
    if let Err(e) = runner.run(&programs, |node| check(&node, &tally)) {
        panic!("{e}");
    }
    // The comparison means something only if the programs compiled, ran natively, and
    // enough of them ran long and were suspended by the host.
    let t = tally.take();
    eprintln!(
        "{} of {CASES} programs compiled; {} ran native code, {} used 100 gas or more, \
         {} were suspended by a host yield",
        t.compiled, t.native, t.long, t.yielded
    );
    assert!(t.compiled * 2 >= CASES, "too few programs compiled");
    assert!(t.native * 10 >= t.compiled * 9, "too few ran native code");
    assert!(t.long * 20 >= t.compiled, "too few ran long");
    assert!(t.yielded * 5 >= t.compiled, "too few were suspended");
}
