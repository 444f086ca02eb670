//! The `weft` binary on Python: compile, run, eval, and a rejected construct.

use std::path::{Path, PathBuf};

mod common;

use common::{text, weft};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testsuite/fixtures/python")
        .join(rel)
}

#[test]
fn compile_prints_ir_that_checks() {
    let file = fixture("basics/tuple_swap.py");
    let out = weft(&["compile", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ir = text(&out.stdout);
    assert!(ir.starts_with("[\"std.seq\""), "{ir}");
    assert!(weft::check_ir(&ir).is_ok(), "the printed IR validates");
}

#[test]
fn run_prints_python_output() {
    let file = fixture("functions/defaults.py");
    let out = weft(&["run", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "[1, 10, 'x'] [1, 2, 'x'] [1, 10, 'y'] [0, 1, 'x']\n"
    );
}

#[test]
fn eval_runs_a_snippet() {
    let out = weft(&[
        "eval",
        "--lang",
        "py",
        "print(7 // 2, 7 / 2, f'{2/3:.3f}', (1,), None)",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("3 3.5 0.667 (1,) None\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn unsupported_construct_fails_with_code_and_position() {
    let file = fixture("unsupported/class_keyword.py");
    let out = weft(&["run", file.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E4010]"), "{stderr}");
    assert!(stderr.contains("class_keyword.py:1:9"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn uncaught_exception_is_a_runtime_error() {
    let out = weft(&["eval", "--lang", "py", "raise ValueError('boom')"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("ValueError: boom"), "{stderr}");
}
