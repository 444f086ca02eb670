//! The `weft` binary end to end: exit codes, diagnostics on stderr, formatting that
//! re-parses, and the registry listing.

use std::path::{Path, PathBuf};

mod common;

use common::{text, weft};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testsuite/fixtures/ir")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn check_reports_each_malformed_fixture_with_code_and_path() {
    let files = fixtures("invalid");
    assert!(
        files.len() >= 15,
        "at least 15 malformed fixtures, found {}",
        files.len()
    );
    for file in files {
        // Fixture names start with the code they must produce: `E1012-misspelt-opcode.json`.
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let code = &name[..5];
        let out = weft(&["check", file.to_str().unwrap()]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: exit code\n{stderr}");
        assert!(
            stderr.contains(&format!("error[{code}]")),
            "{name}: no error[{code}] in\n{stderr}"
        );
        assert!(
            stderr.contains("= at $"),
            "{name}: no JSON path in\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: panicked\n{stderr}");
    }
}

#[test]
fn check_reports_all_errors_not_just_the_first() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testsuite/fixtures/ir/invalid/E1012-several-problems.json");
    let stderr = text(&weft(&["check", file.to_str().unwrap()]).stderr);
    for (code, path) in [
        ("E1012", "$[2][2][2]"),
        ("E1013", "$[2][2][3]"),
        ("E1015", "$[3][1][0]"),
        ("E1011", "$[4]"),
    ] {
        assert!(
            stderr.contains(&format!("error[{code}]")),
            "missing {code}:\n{stderr}"
        );
        assert!(
            stderr.contains(&format!("= at {path}\n")),
            "missing {path}:\n{stderr}"
        );
    }
    assert!(stderr.contains("found 4 problems"), "{stderr}");
}

#[test]
fn check_accepts_valid_fixtures_and_fmt_output_reparses_to_the_same_ir() {
    let registry = weft_ir::Registry::standard();
    for file in fixtures("valid") {
        let path = file.to_str().unwrap();
        let out = weft(&["check", path]);
        assert_eq!(out.status.code(), Some(0), "{path}: {}", text(&out.stderr));

        let out = weft(&["fmt", path]);
        assert_eq!(out.status.code(), Some(0), "{path}: {}", text(&out.stderr));
        let formatted = text(&out.stdout);
        let original = weft_ir::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let reparsed = weft_ir::from_json(&formatted).expect("fmt output is JSON");
        assert_eq!(
            reparsed,
            weft_ir::canonicalize(&original, registry),
            "{path}"
        );
        assert!(
            weft_ir::validate(&reparsed, registry).is_empty(),
            "{path}: fmt output invalid"
        );
    }
}

#[test]
fn an_unreadable_input_file_is_bad_input_not_a_weft_failure() {
    let not_utf8 = common::temp_file("unreadable", "latin1.py", "");
    std::fs::write(&not_utf8, b"print('caf\xe9')\n").expect("written");
    let not_utf8 = not_utf8.to_str().unwrap();
    for args in [
        &["check", "/nonexistent/file.json"][..],
        &["fmt", "/nonexistent/file.json"],
        &["compile", "/nonexistent/file.py"],
        &["run", "/nonexistent/file.ts"],
        &["disasm", "/nonexistent/file.lua"],
        &["resume", "/nonexistent/state.json"],
        &["run", not_utf8],
    ] {
        let out = weft(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("error: cannot read "), "{args:?}: {stderr}");
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
    }
}

#[test]
fn every_subcommand_has_help() {
    for sub in [
        &["--help"][..],
        &["check", "--help"],
        &["fmt", "--help"],
        &["opcodes", "--help"],
    ] {
        let out = weft(sub);
        assert_eq!(out.status.code(), Some(0), "{sub:?}");
        assert!(text(&out.stdout).contains("Usage: weft"), "{sub:?}");
    }
}

/// The opcodes the foundation issue names, written out here independently of the registry.
const REQUIRED: &[&str] = &[
    "std.seq std.if std.while std.for std.break std.continue std.return std.let std.var std.set \
     std.lambda std.apply std.call_method std.quote std.typeof std.string std.number std.boolean \
     std.int std.float std.arg std.args std.log std.warn std.throw std.try std.this std.caller std.sleep",
    "math.add math.sub math.mul math.div math.mod math.pow math.neg math.floor math.ceil math.trunc \
     math.round math.sin math.cos math.tan math.asin math.acos math.atan math.atan2 math.log math.log2 \
     math.log10 math.exp math.sqrt math.abs math.sign math.min math.max math.clamp",
    "bool.eq bool.neq bool.lt bool.gt bool.lte bool.gte bool.and bool.or bool.not bool.guard bool.nullish",
    "list.new list.len list.empty list.get list.set list.push list.pop list.unshift list.shift list.slice \
     list.splice list.concat list.includes list.indexOf list.reverse list.sort list.join list.find \
     list.map list.filter list.flatMap list.reduce",
    "obj.new obj.get obj.set obj.has obj.del obj.keys obj.values obj.entries obj.merge obj.map \
     obj.filter obj.reduce obj.flatMap",
    "str.len str.concat str.split str.slice str.upper str.lower str.trim str.replace str.includes \
     str.join str.indexOf str.startsWith str.endsWith str.repeat",
    "json.stringify json.parse time.now time.format time.parse time.from_timestamp time.to_timestamp time.offset",
];

const SYMBOLIC: &[(&str, &str)] = &[
    ("+", "math.add"),
    ("-", "math.sub"),
    ("*", "math.mul"),
    ("/", "math.div"),
    ("%", "math.mod"),
    ("^", "math.pow"),
    ("==", "bool.eq"),
    ("!=", "bool.neq"),
    ("<", "bool.lt"),
    (">", "bool.gt"),
    ("<=", "bool.lte"),
    (">=", "bool.gte"),
    ("and", "bool.and"),
    ("or", "bool.or"),
    ("not", "bool.not"),
    ("guard", "bool.guard"),
    ("nullish", "bool.nullish"),
];

#[test]
fn opcodes_json_lists_every_required_opcode_with_its_details() {
    let out = weft(&["opcodes", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let listing: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let ops = listing.as_array().expect("an array of opcodes");
    let find = |name: &str| ops.iter().find(|op| op["name"] == name);
    for name in REQUIRED.iter().flat_map(|group| group.split_whitespace()) {
        let op = find(name).unwrap_or_else(|| panic!("{name} missing from `weft opcodes --json`"));
        assert!(op["aliases"].is_array(), "{name}: aliases");
        assert!(op["arity"]["min"].is_u64(), "{name}: arity.min");
        assert!(op["arity"].get("max").is_some(), "{name}: arity.max");
        assert!(
            op["gas"]["base"].as_u64().is_some_and(|g| g > 0),
            "{name}: gas"
        );
        assert!(
            op["doc"].as_str().is_some_and(|d| !d.is_empty()),
            "{name}: doc"
        );
        assert!(op["params"].is_array(), "{name}: params");
    }
    for (alias, canonical) in SYMBOLIC {
        let op = find(canonical).unwrap();
        let aliases: Vec<&str> = op["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a.as_str())
            .collect();
        assert!(
            aliases.contains(alias),
            "{canonical} should have alias {alias}, has {aliases:?}"
        );
    }
    // Special forms say which arguments are unevaluated.
    let lazy = |name: &str| -> Vec<String> {
        find(name).unwrap()["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(lazy("std.if"), ["expr", "lazy", "lazy"]);
    assert_eq!(lazy("std.lambda"), ["params", "lazy"]);
    assert_eq!(lazy("std.quote"), ["quote"]);
    assert_eq!(lazy("bool.and"), ["lazy", "lazy"]);
    assert_eq!(lazy("obj.new"), ["pair"]);
}

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testsuite/fixtures/ir")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_sleeping_script_resumes_in_a_second_process() {
    let dir = std::env::temp_dir().join(format!("weft-cli-resume-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let first = dir.join("first.json");
    let second = dir.join("second.json");
    // Process 1 runs until the first sleep; process 2 until the second; process 3 finishes.
    let out = weft(&[
        "run",
        &fixture("std/sleep.json"),
        "--suspend-to",
        first.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "before\n");
    let out = weft(&[
        "resume",
        first.to_str().unwrap(),
        "--suspend-to",
        second.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "after\n");
    let out = weft(&["resume", second.to_str().unwrap(), "--result", "--stats"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "2\n");
    // Eight nodes of base cost 1, counted across all three processes.
    assert!(
        text(&out.stderr).contains("gas used: 8,"),
        "{}",
        text(&out.stderr)
    );

    // Without --suspend-to the CLI waits and carries on in one process: same output.
    let out = weft(&["run", &fixture("std/sleep.json"), "--result"]);
    assert_eq!(text(&out.stdout), "before\nafter\n2\n");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn hostile_scripts_end_with_a_clean_error_under_default_limits() {
    for (rel, code) in [
        ("std/infinite-loop-runs-out-of-gas.json", "E5002"),
        ("std/runaway-recursion-is-stopped.json", "E5004"),
        ("str/huge-repeat-hits-the-heap-limit.json", "E5003"),
    ] {
        let out = weft(&["run", &fixture(rel)]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{rel}: {stderr}");
        assert!(
            stderr.contains(&format!("error[{code}]")),
            "{rel}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{rel}: {stderr}");
    }
}

#[test]
fn a_corrupt_state_file_is_rejected_cleanly() {
    let path = std::env::temp_dir().join(format!("weft-bad-state-{}.json", std::process::id()));
    std::fs::write(&path, r#"{"version": 99}"#).unwrap();
    let out = weft(&["resume", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("not a Weft state file"));
    std::fs::remove_file(&path).ok();
}

#[test]
fn eval_prints_the_completion_value_after_the_output() {
    let out = weft(&[
        "eval",
        "--lang",
        "ir",
        r#"["std.seq", ["std.write", "a"], ["std.log", "b"], ["list.new", 1, 2.5]]"#,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ab\n[1,2.5]\n");
    let out = weft(&["eval", "--lang", "cobol", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown language"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn compile_and_run_choose_the_language_by_extension_or_lang() {
    let ir = common::temp_file("lang", "script.txt", r#"["math.add", 40, 2]"#);
    let dir = ir.parent().unwrap().to_path_buf();
    let path = ir.to_str().unwrap();
    let out = weft(&["run", path, "--result"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("pass --lang"),
        "{}",
        text(&out.stderr)
    );
    let out = weft(&["run", path, "--lang", "ir", "--result"]);
    assert_eq!(text(&out.stdout), "42\n", "{}", text(&out.stderr));
    let target = dir.join("out.json");
    let out = weft(&[
        "compile",
        path,
        "--lang",
        "ir",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written.trim(), r#"["math.add", 40, 2]"#);
    std::fs::remove_dir_all(&dir).ok();
}

/// `weft run` on a script that fails: the error points at the script's own line (the one
/// the real interpreter names, see `testsuite/tests/source_lines.rs`) on either backend.
#[test]
fn run_shows_where_in_the_script_a_runtime_error_happened() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testsuite/programs/errors");
    for (file, at, line) in [
        (
            "ts/uncaught_throw.ts",
            ":4:5",
            "throw new Error(\"too big: \" + n);",
        ),
        ("lua/index_nil.lua", ":5:3", "return people[name].age"),
        ("python/type_error.py", ":3:5", "return n + \" items\""),
    ] {
        let path = dir.join(file);
        for backend in ["vm", "jit"] {
            let out = weft(&["run", "--backend", backend, path.to_str().unwrap()]);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
            assert!(
                stderr.contains(&format!("{file}{at}")) && stderr.contains(line),
                "{file} on {backend}: {stderr}"
            );
        }
    }
}
