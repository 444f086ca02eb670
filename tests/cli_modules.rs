//! Multi-file programs through the `weft` binary, on both backends, against the output
//! the real interpreter gave for the same files (`main.expected`, written by running it in
//! the program's folder; the tests re-run it when it is installed): TypeScript/JavaScript
//! with CommonJS (`require`, `exports`, `module.exports`, a cycle, a module that runs once)
//! and ES modules (`import`/`export`, default and namespace imports), and Lua with
//! `require` (sibling modules, packages with `init.lua`, `package.loaded` caching).

use std::path::{Path, PathBuf};
use std::process::Command;

fn program(name: &str) -> PathBuf {
    let (folder, name) = match name.split_once('/') {
        Some(("lua", rest)) => ("lua_modules", rest),
        Some(("python", rest)) => ("python_modules", rest),
        _ => ("ts_modules", name),
    };
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testsuite/programs")
        .join(folder)
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

/// A fresh folder holding `files` (name, text), for a program written by the test.
fn program_of(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("weft-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn check(name: &str, entry: &str) {
    let dir = program(name);
    let expected = std::fs::read_to_string(dir.join("main.expected")).expect("main.expected");
    let interpreter = if entry.ends_with(".lua") {
        "lua5.4"
    } else if entry.ends_with(".py") {
        "python3"
    } else {
        "node"
    };
    if let Ok(real) = Command::new(interpreter)
        .arg(entry)
        .current_dir(&dir)
        .output()
    {
        assert_eq!(
            String::from_utf8_lossy(&real.stdout),
            expected,
            "{name}: {interpreter}'s output differs from main.expected"
        );
    } else {
        eprintln!("skipped: re-checking {name}/main.expected with {interpreter} (not installed)");
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
fn a_lua_program_of_modules_and_packages_matches_lua54_on_both_backends() {
    check("lua/basic", "main.lua");
}

#[test]
fn a_python_program_of_modules_and_packages_matches_python3_on_both_backends() {
    check("python/basic", "main.py");
}

#[test]
fn a_missing_python_module_is_a_diagnostic_at_the_import() {
    let dir = program_of(
        "py-missing-module",
        &[("main.py", "import os.path\nfrom helpers import nothing\n")],
    );
    let (_, stderr, code) = run(&dir, "main.py", "vm");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[E4015]: no module named `os`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[E4015]: no module named `helpers`"),
        "{stderr}"
    );
    assert!(stderr.contains("main.py:2:1"), "{stderr}");
}

#[test]
fn a_runtime_error_in_a_lua_module_names_that_module() {
    let dir = program_of(
        "lua-module-error",
        &[
            ("main.lua", "local m = require 'm'\nm.boom()\n"),
            (
                "m.lua",
                "local M = {}\nfunction M.boom()\n  return nil + 1\nend\nreturn M\n",
            ),
        ],
    );
    let (_, stderr, code) = run(&dir, "main.lua", "vm");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("m.lua:3:3"), "{stderr}");
    assert!(
        stderr.contains("attempt to perform arithmetic on a nil value"),
        "{stderr}"
    );
}

#[test]
fn a_syntax_error_in_a_required_lua_module_is_a_diagnostic_in_that_file() {
    let dir = program_of(
        "lua-module-syntax",
        &[
            ("main.lua", "local m = require('m')\nprint(m)\n"),
            ("m.lua", "return {\n  x = ,\n}\n"),
        ],
    );
    let (_, stderr, code) = run(&dir, "main.lua", "vm");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[E3001]"), "{stderr}");
    assert!(stderr.contains("m.lua:2:"), "{stderr}");
}

/// A module required by a computed name is found among the files beside the entry; one of
/// those that does not compile fails only when it is required, with its problem.
#[test]
fn lua_require_by_a_computed_name_loads_files_beside_the_entry() {
    let dir = program_of(
        "lua-dynamic-require",
        &[
            (
                "main.lua",
                "local name = 'gr' .. 'eet'\nprint(require(name).hello('you'))\n\
                 print(pcall(require, 'missing'))\n\
                 local ok, err = pcall(require, 'broken')\nprint(ok, err:match('broken') ~= nil)\n",
            ),
            (
                "greet.lua",
                "return { hello = function(who) return 'hello, ' .. who end }\n",
            ),
            ("broken.lua", "goto nowhere\n"),
        ],
    );
    let (stdout, stderr, code) = run(&dir, "main.lua", "vm");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "hello, you\nfalse\tmodule 'missing' not found:\n\tno field package.preload['missing']\n\tno file 'missing.lua'\nfalse\ttrue\n"
    );
}

#[test]
fn a_missing_module_is_a_diagnostic_in_the_requiring_file() {
    let dir = program_of(
        "missing-module",
        &[
            (
                "main.js",
                "const ok = require('./ok');\nconsole.log(ok.x);\n",
            ),
            ("ok.js", "exports.x = 1;\nrequire('./nowhere');\n"),
        ],
    );
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
    let dir = program_of(
        "module-error",
        &[
            ("main.js", "const m = require('./m');\nm.boom();\n"),
            (
                "m.js",
                "exports.ok = 1;\nexports.boom = () => {\n  null.x;\n};\n",
            ),
        ],
    );
    let (_, stderr, code) = run(&dir, "main.js", "vm");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("m.js:3:3"), "{stderr}");
}

/// A script that sleeps inside a constructor and inside a method of a class from another
/// module finishes in later processes, on every backend, with the output worked out by
/// hand: the instance, its class and the suspended frames all travel in the state file.
#[test]
fn a_script_sleeping_inside_a_constructor_and_a_method_resumes_in_new_processes() {
    let dir = program_of(
        "sleepy-class",
        &[
            (
                "main.js",
                "const { Counter } = require('./counter');\nconst c = new Counter(10);\nconsole.log('made', c.n, c instanceof Counter);\nc.tick();\nconsole.log('after', c.n);\n",
            ),
            (
                "counter.js",
                "class Base { constructor(n) { this.n = n; } }\nclass Counter extends Base {\n  constructor(n) { super(n); std.sleep(5); this.n += 1; }\n  tick() { console.log('tick', this.n); std.sleep(5); this.n *= 2; }\n}\nmodule.exports = { Counter };\n",
            ),
        ],
    );
    let weft = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_weft"))
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("weft runs")
    };
    for backend in ["vm", "jit"] {
        let first = weft(&[
            "run",
            "--backend",
            backend,
            "--suspend-to",
            "s1.json",
            "main.js",
        ]);
        assert!(
            first.status.success(),
            "{}",
            String::from_utf8_lossy(&first.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&first.stdout), "");
        for resume_on in ["vm", "jit"] {
            let second = weft(&[
                "resume",
                "--backend",
                resume_on,
                "--suspend-to",
                "s2.json",
                "s1.json",
            ]);
            assert!(
                second.status.success(),
                "{}",
                String::from_utf8_lossy(&second.stderr)
            );
            assert_eq!(
                String::from_utf8_lossy(&second.stdout),
                "made 11 true\ntick 11\n",
                "{backend} then {resume_on}"
            );
            let third = weft(&["resume", "--backend", resume_on, "s2.json"]);
            assert!(
                third.status.success(),
                "{}",
                String::from_utf8_lossy(&third.stderr)
            );
            assert_eq!(String::from_utf8_lossy(&third.stdout), "after 22\n");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
