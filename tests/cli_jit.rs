//! `weft run --backend`: the JIT through the CLI — suspending inside a compiled loop and
//! resuming in a fresh process on either backend, `--stats`, and hostile input.

mod common;

use common::{temp_file, text, weft};

/// A loop that sleeps on its third iteration. Worked out by hand: `total` after each
/// iteration is 1, 5, 14, 30, 55; the sleep comes after the third update and before its
/// print, so the first process prints two lines. A top-level `return v` makes `v` the
/// script's result (docs/frontends/lua.md).
const SLEEPY_LOOP: &str = "local total = 0
for i = 1, 5 do
  total = total + i * i
  if i == 3 then std.sleep(10) end
  print(i, total)
end
return total
";

#[test]
fn a_script_sleeping_in_a_compiled_loop_resumes_in_a_new_process_on_either_backend() {
    let script = temp_file("jit", "sleepy.lua", SLEEPY_LOOP);
    let state = script.with_file_name("sleepy.state.json");
    let first = weft(&[
        "run",
        "--backend",
        "jit",
        "--stats",
        "--suspend-to",
        state.to_str().unwrap(),
        script.to_str().unwrap(),
    ]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert_eq!(text(&first.stdout), "1\t1\n2\t5\n");
    // The loop really ran as native code before it slept.
    assert!(
        text(&first.stderr).contains("<main>: compiled"),
        "{}",
        text(&first.stderr)
    );
    for backend in ["vm", "jit", "auto"] {
        let second = weft(&[
            "resume",
            "--backend",
            backend,
            "--result",
            state.to_str().unwrap(),
        ]);
        assert!(
            second.status.success(),
            "{backend}: {}",
            text(&second.stderr)
        );
        assert_eq!(
            text(&second.stdout),
            "3\t14\n4\t30\n5\t55\n55\n",
            "resumed on {backend}"
        );
    }
}

#[test]
fn stats_say_what_was_compiled_and_how_much_ran_natively() {
    let script = temp_file(
        "jit",
        "stats.lua",
        "local function sq(x) return x * x end\nlocal t = 0\nfor i = 1, 100 do t = t + sq(i) end\nprint(t)\n",
    );
    let vm = weft(&[
        "run",
        "--backend",
        "vm",
        "--stats",
        script.to_str().unwrap(),
    ]);
    let jit = weft(&[
        "run",
        "--backend",
        "jit",
        "--stats",
        script.to_str().unwrap(),
    ]);
    // 1² + … + 100² = 100·101·201/6.
    assert_eq!(text(&vm.stdout), "338350\n");
    assert_eq!(text(&jit.stdout), "338350\n");
    let gas = |err: &str| err.lines().next().unwrap_or("").to_string();
    assert_eq!(
        gas(&text(&vm.stderr)),
        gas(&text(&jit.stderr)),
        "same gas and instructions"
    );
    let err = text(&jit.stderr);
    assert!(
        err.contains("backend: jit; native code was in control for"),
        "{err}"
    );
    assert!(err.contains("<main>: compiled"), "{err}");
    // Each function says whether compiled code calls it directly, or why not: the script
    // reads its arguments (`...`) as a list; `sq` is plain arithmetic on its parameter.
    assert!(
        err.contains("<main>: compiled; not called directly: reads its arguments as a list"),
        "{err}"
    );
    assert!(err.contains("called directly\n"), "{err}");
    assert!(
        text(&vm.stderr).contains("backend: vm"),
        "{}",
        text(&vm.stderr)
    );
}

#[test]
fn unchecked_gas_counts_the_same_gas_and_refuses_a_gas_limit() {
    let script = temp_file(
        "jit",
        "unchecked.lua",
        "local t = 0\nfor i = 1, 1000 do t = t + i end\nprint(t)\n",
    );
    let path = script.to_str().unwrap();
    let checked = weft(&["run", "--backend", "jit", "--stats", path]);
    let unchecked = weft(&[
        "run",
        "--backend",
        "jit",
        "--unchecked-gas",
        "--stats",
        path,
    ]);
    // 1 + … + 1000 = 1000·1001/2.
    assert_eq!(text(&checked.stdout), "500500\n");
    assert_eq!(text(&unchecked.stdout), "500500\n");
    let first = |err: &str| err.lines().next().unwrap_or("").to_string();
    assert_eq!(
        first(&text(&checked.stderr)),
        first(&text(&unchecked.stderr))
    );
    let limited = weft(&["run", "--unchecked-gas", "--gas", "100", path]);
    assert_eq!(limited.status.code(), Some(2));
    assert!(
        text(&limited.stderr).contains("--unchecked-gas runs without a gas limit"),
        "{}",
        text(&limited.stderr)
    );
}

#[test]
fn repeat_runs_the_program_again_on_the_same_runner_and_times_it() {
    // fib(12) = 144, printed by the first run only; the repeats compare their output with
    // each other. The top level (no loops) stays on the VM in the first run and is
    // compiled for the second.
    let script = temp_file(
        "jit",
        "repeat.ts",
        "function fib(n: number): number { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nconsole.log(fib(12));\n",
    );
    let path = script.to_str().unwrap();
    let out = weft(&["run", "--backend", "jit", "--repeat", "3", "--stats", path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "144\n");
    let err = text(&out.stderr);
    assert!(
        err.contains("<main>: not compiled: a top level without loops runs once"),
        "{err}"
    );
    assert!(
        err.contains("compiled (direct entry only); called directly"),
        "{err}"
    );
    assert!(
        err.lines().any(
            |l| l.starts_with("repeat: 3 more runs on the same runner: best ")
                && l.contains(" ms per run (the first run took ")
        ),
        "{err}"
    );
}

#[test]
fn an_unknown_backend_is_refused() {
    let script = temp_file("jit", "one.lua", "print(1)\n");
    let out = weft(&["run", "--backend", "llvm", script.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown backend \"llvm\""),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn hostile_scripts_stop_with_the_vms_errors_under_the_jit() {
    let cases = [
        ("spin.json", r#"["std.while", true, null]"#.to_string(), "E5002"),
        (
            "recurse.json",
            r#"["std.seq", ["std.let", "f", ["std.lambda", [], ["std.apply", ["std.var", "f"]]]], ["std.apply", ["std.var", "f"]]]"#
                .to_string(),
            "E5004",
        ),
        ("huge.json", r#"["str.repeat", "abc", 1000000000000]"#.to_string(), "E5003"),
        (
            "deep.json",
            format!("{}1{}", "[\"math.neg\", ".repeat(5000), "]".repeat(5000)),
            "E1003",
        ),
    ];
    for (name, source, code) in cases {
        let script = temp_file("jit", name, &source);
        for backend in ["vm", "jit"] {
            let out = weft(&["run", "--backend", backend, script.to_str().unwrap()]);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{name} on {backend}: {}",
                text(&out.stderr)
            );
            assert!(
                text(&out.stderr).contains(code),
                "{name} on {backend}: expected {code}, got {}",
                text(&out.stderr)
            );
        }
    }
}
