//! The `weft` binary on TypeScript: `compile` (to stdout and with `-o`), `run`, `eval
//! --lang ts` (with the REPL-style retry of `{...}` as an expression), and an unsupported
//! construct reported with its code and line:col.

use std::path::PathBuf;

mod common;

use common::{text, weft};

/// Writes `source` to a fresh temporary `.ts` file.
fn script(name: &str, source: &str) -> PathBuf {
    common::temp_file("ts", name, source)
}

const PROGRAM: &str = "function sq(x: number): number {\n  return x * x;\n}\nconst xs = [1, 2, 3].map(sq);\nconsole.log(\"squares\", xs, 7 / 2);\nxs.length\n";

#[test]
fn compile_prints_ir_that_checks() {
    let path = script("compile.ts", PROGRAM);
    let out = weft(&["compile", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ir = text(&out.stdout);
    assert!(ir.contains("js.method"), "{ir}");
    assert!(weft::check_ir(&ir).is_ok(), "compiled IR validates:\n{ir}");
}

#[test]
fn compile_writes_the_output_file() {
    let path = script("compile_o.ts", PROGRAM);
    let out_path = path.with_extension("json");
    let out = weft(&[
        "compile",
        path.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ir = std::fs::read_to_string(&out_path).expect("output written");
    assert!(weft::check_ir(&ir).is_ok());
    let run = weft(&["run", out_path.to_str().unwrap()]);
    assert_eq!(text(&run.stdout), "squares [ 1, 4, 9 ] 3.5\n");
}

#[test]
fn run_prints_console_output_like_node() {
    let path = script("run.ts", PROGRAM);
    let out = weft(&["run", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "squares [ 1, 4, 9 ] 3.5\n");
}

#[test]
fn eval_prints_the_completion_value() {
    let out = weft(&[
        "eval",
        "--lang",
        "ts",
        "const a = [1, 2, 3]; a.map((x) => x * 10)",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "[10,20,30]");
    let out = weft(&["eval", "--lang", "ts", "{a: 1, b: 'x'}"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), r#"{"a":1,"b":"x"}"#);
    let out = weft(&[
        "eval",
        "--lang",
        "typescript",
        "if (true) { return 7 / 2; }",
    ]);
    assert_eq!(text(&out.stdout).trim(), "3.5");
}

#[test]
fn unsupported_construct_fails_with_code_and_position() {
    let path = script(
        "bad.ts",
        "const x = 1;\nfunction* gen() {}\nconst r = /re/;\n",
    );
    let out = weft(&["run", path.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E2002]"), "{stderr}");
    assert!(stderr.contains("bad.ts:2:1"), "{stderr}");
    assert!(
        stderr.contains("bad.ts:3:11"),
        "both problems are reported:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let out = weft(&["compile", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let out = weft(&["eval", "--lang", "ts", "function* g() {}"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error[E2002]"));
}

#[test]
fn uncaught_throw_is_a_failed_run() {
    let out = weft(&["eval", "--lang", "ts", "throw new Error('nope')"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

/// `weft eval` gives a snippet ending in an `if` or a block the completion value
/// JavaScript's `eval` gives it (expected values from node's `eval`; its undefined is null).
#[test]
fn eval_gives_the_completion_value_of_if_and_block_statements() {
    for (code, expected) in [
        ("if (true) { 5 }", "5"),
        ("let x = 3; if (x > 5) { \"big\" } else { x * 2 }", "6"),
        ("{ let a = 1; a + 1 }", "2"),
        ("if (false) { 1 }", "null"),
        ("if (1) { if (0) { 2 } else { 3; 4 } }", "4"),
        ("{ let y = 2 }", "null"),
    ] {
        let out = weft(&["eval", "--lang", "ts", code]);
        assert!(out.status.success(), "{code}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout).trim(), expected, "{code}");
    }
}
