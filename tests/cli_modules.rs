//! Multi-file TypeScript/JavaScript programs through the `weft` binary: CommonJS
//! (`require`, `exports`, `module.exports`, a cycle, a module that runs once) and ES
//! modules (`import`/`export`, default and namespace imports), on both backends, against
//! the output node gave for the same files (`main.expected`, written by running node in
//! the program's folder; the tests re-run node when it is installed).

use std::path::{Path, PathBuf};
use std::process::Command;

fn program(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testsuite/programs/ts_modules")
        .join(name)
}

fn run(dir: &Path, entry: &str, backend: &str) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(["run", "--backend", backend, entry])
        .current_dir(dir)
        .output()
        .expect("weft runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn check(name: &str, entry: &str) {
    let dir = program(name);
    let expected = std::fs::read_to_string(dir.join("main.expected")).expect("main.expected");
    if let Ok(node) = Command::new("node").arg(entry).current_dir(&dir).output() {
        assert_eq!(
            String::from_utf8_lossy(&node.stdout),
            expected,
            "{name}: node's output differs from main.expected"
        );
    } else {
        eprintln!("skipped: re-checking {name}/main.expected with node (not installed)");
    }
    for backend in ["vm", "jit"] {
        let (stdout, stderr, code) = run(&dir, entry, backend);
        assert_eq!(code, 0, "{name} on {backend}: {stderr}");
        assert_eq!(stdout, expected, "{name} on {backend}");
    }
}

#[test]
fn a_commonjs_program_with_a_cycle_matches_node_on_both_backends() {
    check("cjs", "main.js");
}

#[test]
fn an_es_module_program_matches_node_on_both_backends() {
    check("esm", "main.mjs");
}

#[test]
fn a_missing_module_is_a_diagnostic_in_the_requiring_file() {
    let dir = std::env::temp_dir().join(format!("weft-missing-module-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.js"),
        "const ok = require('./ok');\nconsole.log(ok.x);\n",
    )
    .unwrap();
    std::fs::write(dir.join("ok.js"), "exports.x = 1;\nrequire('./nowhere');\n").unwrap();
    let (_, stderr, code) = run(&dir, "main.js", "vm");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[E2009]: cannot find module `./nowhere`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ok.js:2:1"),
        "the error names the requiring file and line: {stderr}"
    );
}

#[test]
fn a_runtime_error_in_a_module_names_that_module() {
    let dir = std::env::temp_dir().join(format!("weft-module-error-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.js"),
        "const m = require('./m');\nm.boom();\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("m.js"),
        "exports.ok = 1;\nexports.boom = () => {\n  null.x;\n};\n",
    )
    .unwrap();
    let (_, stderr, code) = run(&dir, "main.js", "vm");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("m.js:3:3"), "{stderr}");
}
