//! VM/JIT parity: every IR fixture and every corpus program gives the same result, output,
//! gas, instruction count, stop point and suspended state on both backends — run to the
//! end, at many gas budgets, and suspended at host-yield points.

use std::fmt::Write as _;
use std::path::PathBuf;

use weft::{Backend, Language, Limits, Outcome, Program, RunConfig, Runner, TestHost};
use weft_testsuite::{
    SOURCE_LANGUAGES, corpus_folder, files_with_ext, fixture_name, programs_dir, run_fixtures,
};

/// Every program the parity tests run: IR fixtures, the three run corpora and the
/// scripts that fail with an uncaught error.
fn programs() -> Vec<(String, Program)> {
    let mut files: Vec<PathBuf> = run_fixtures();
    for root in [programs_dir(), programs_dir().join("errors")] {
        for language in SOURCE_LANGUAGES {
            let dir = root.join(corpus_folder(language));
            files.extend(files_with_ext(&dir, language.extension()));
        }
    }
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable fixture");
        let language = Language::from_path(&path).expect("known extension");
        // Fixtures that do not compile are the compile tests' business.
        if let Ok(program) = weft::compile_program(language, &text) {
            out.push((fixture_name(&path), program));
        }
    }
    assert!(
        out.len() > 150,
        "expected the fixture suite and corpora, found {}",
        out.len()
    );
    out
}

/// Everything observable about a run, resumed through every suspension on `runner`.
fn trace(runner: &mut Runner, program: &Program, limits: Limits, yield_at: Option<u64>) -> String {
    let mut host = TestHost::new();
    host.yield_at_poll = yield_at;
    let config = RunConfig {
        limits,
        ..Default::default()
    };
    let mut out = String::new();
    let mut outcome = runner.run(program, &config, &mut host);
    for _ in 0..10_000 {
        match outcome {
            Outcome::Finished { value, stats } => {
                let _ = writeln!(
                    out,
                    "finished {value} gas {} instr {}",
                    stats.gas_used, stats.instructions
                );
                break;
            }
            Outcome::Failed { error, stats } => {
                let path = error.path.map(|p| p.to_string()).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "failed {} {} at {path} gas {} instr {}",
                    error.code, error.message, stats.gas_used, stats.instructions
                );
                break;
            }
            Outcome::Suspended {
                state,
                wake_after_ms,
                stats,
            } => {
                let json = state.to_json().expect("state serialises");
                let _ = writeln!(
                    out,
                    "suspended {wake_after_ms} gas {} instr {} state {json}",
                    stats.gas_used, stats.instructions
                );
                host.yield_at_poll = None;
                let state = weft::SuspendedState::from_json(&json).expect("state reads back");
                outcome = runner.resume(state, &limits, &mut host);
            }
        }
    }
    let _ = write!(
        out,
        "stdout:\n{}warnings: {:?}\n",
        host.stdout(),
        host.warnings
    );
    out
}

fn compare(name: &str, what: &str, vm: &str, jit: &str, failures: &mut Vec<String>) {
    if vm != jit {
        let at = vm
            .char_indices()
            .zip(jit.chars())
            .find(|((_, a), b)| a != b)
            .map_or(vm.len().min(jit.len()), |((i, _), _)| i);
        let from = at.saturating_sub(80);
        let show = |s: &str| {
            s.get(from..(at + 120).min(s.len()))
                .unwrap_or("")
                .to_string()
        };
        failures.push(format!(
            "{name} ({what}): VM and JIT differ at byte {at}\n  vm:  {}\n  jit: {}",
            show(vm),
            show(jit)
        ));
    }
}

fn report(failures: Vec<String>, checked: usize) {
    assert!(
        failures.is_empty(),
        "{} of {checked} comparisons differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_program_runs_identically_on_the_vm_and_the_jit() {
    let mut failures = Vec::new();
    let mut native = 0;
    let programs = programs();
    for (name, program) in &programs {
        let vm = trace(
            &mut Runner::new(Backend::Vm),
            program,
            Limits::default(),
            None,
        );
        let mut jit_runner = Runner::new(Backend::Jit);
        let jit = trace(&mut jit_runner, program, Limits::default(), None);
        compare(name, "full run", &vm, &jit, &mut failures);
        // The first run leaves a top level without loops to the VM (the functions it calls
        // are entered through their direct entries); the second compiles it.
        let again = trace(&mut jit_runner, program, Limits::default(), None);
        compare(name, "second run", &vm, &again, &mut failures);
        let auto = trace(
            &mut Runner::new(Backend::Auto),
            program,
            Limits::default(),
            None,
        );
        compare(name, "auto", &vm, &auto, &mut failures);
        if jit_runner
            .jit_report()
            .is_some_and(|r| r.native_instructions > 0)
        {
            native += 1;
        }
    }
    report(failures, programs.len() * 3);
    // The comparison means something only if native code actually ran.
    assert!(
        native * 10 >= programs.len() * 9,
        "native code ran for only {native} of {} programs",
        programs.len()
    );
}

#[test]
fn runs_stop_at_the_same_node_with_the_same_state_at_every_budget() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, program) in programs() {
        let full = trace(
            &mut Runner::new(Backend::Vm),
            &program,
            Limits::default(),
            None,
        );
        let total: u64 = full
            .lines()
            .find_map(|l| l.split(" gas ").nth(1)?.split(' ').next()?.parse().ok())
            .unwrap_or(0);
        let mut budgets: Vec<u64> = (1..=50).collect();
        budgets.extend((1..=16).map(|k| total * k / 16));
        budgets.extend([total.saturating_sub(1), total + 1]);
        budgets.sort_unstable();
        budgets.dedup();
        // Two budgets a third and two thirds of the way (a new runner compiles again, which
        // makes every budget too slow; `backends/jit/tests/direct.rs` runs the first-run
        // path at every budget).
        let first_runs = [total * 5 / 16, total * 11 / 16];
        let (mut vm, mut jit) = (Runner::new(Backend::Vm), Runner::new(Backend::Jit));
        for gas in budgets {
            let limits = Limits {
                gas,
                ..Limits::default()
            };
            let a = trace(&mut vm, &program, limits, None);
            let b = trace(&mut jit, &program, limits, None);
            compare(&name, &format!("gas {gas}"), &a, &b, &mut failures);
            checked += 1;
            // `jit` compiled the top level on its second run; a program's first run on a
            // new runner leaves a top level without loops to the VM.
            if first_runs.contains(&gas) {
                let first = trace(&mut Runner::new(Backend::Jit), &program, limits, None);
                compare(
                    &name,
                    &format!("first run, gas {gas}"),
                    &a,
                    &first,
                    &mut failures,
                );
                checked += 1;
            }
        }
    }
    report(failures, checked);
}

#[test]
fn host_yields_suspend_both_backends_at_the_same_point_with_the_same_state() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, program) in programs() {
        let (mut vm, mut jit) = (Runner::new(Backend::Vm), Runner::new(Backend::Jit));
        for poll in [1, 2, 3, 5, 8, 13, 40, 100, 400] {
            let a = trace(&mut vm, &program, Limits::default(), Some(poll));
            let b = trace(&mut jit, &program, Limits::default(), Some(poll));
            compare(
                &name,
                &format!("yield at poll {poll}"),
                &a,
                &b,
                &mut failures,
            );
            checked += 1;
        }
    }
    report(failures, checked);
}
