//! The `weft` binary on deeply nested scripts (`weft_ir::hostile`) in every SDK language, at
//! every depth in `SIZES`: `weft compile` prints IR that validates (at 100 levels every
//! shape is a program that compiles) or exits 1 with the front-end's "nests too deeply"
//! diagnostic; `weft run` does the same or runs the program. Never a crash (a stack
//! overflow aborts the process), a panic or an internal error (exit 2).

use std::process::Output;

use weft_ir::hostile::{LUA, PYTHON, SIZES, Shape, TYPESCRIPT};

mod common;

use common::{text, weft};

/// Checks how one command on one script ended; `what` names the case for failures.
fn check_outcome(out: &Output, code: &str, compiled_expected: bool, what: &str) {
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("internal error") && !stderr.contains("panicked"),
        "{what}: {stderr}"
    );
    match out.status.code() {
        Some(0) => {}
        Some(1) if compiled_expected => {
            // A program that compiles may still fail when it runs (`a.b` on an int).
            assert!(
                !stderr.contains(&format!("error[{code}]")),
                "{what}: {stderr}"
            );
        }
        Some(1) => assert!(
            stderr.contains(&format!("error[{code}]")),
            "{what}: {stderr}"
        ),
        other => panic!("{what}: exit status {other:?} (a crash or an internal error): {stderr}"),
    }
}

fn check_language(shapes: &[Shape], extension: &str, code: &str) {
    for (i, shape) in shapes.iter().enumerate() {
        let sizes: Vec<usize> = SIZES.into_iter().filter(|&n| n <= shape.max).collect();
        let deepest = sizes.last().copied();
        for n in sizes {
            let what = format!("{} nested {n} deep", shape.name);
            let file = common::temp_file(
                &format!("hostile-{extension}"),
                &format!("shape{i}_{n}.{extension}"),
                &(shape.source)(n),
            );
            let path = file.to_str().expect("utf-8 path");
            let compiled = weft(&["compile", path]);
            check_outcome(&compiled, code, false, &format!("compile {what}"));
            let ok = compiled.status.code() == Some(0);
            if n == 100 {
                assert!(ok, "{what}: {}", text(&compiled.stderr));
            }
            if ok {
                let ir = text(&compiled.stdout);
                assert!(
                    weft::check_ir(&ir).is_ok(),
                    "{what}: the printed IR validates"
                );
            }
            // `weft run` compiles the same way; check that path at the deepest size too.
            if Some(n) == deepest {
                let ran = weft(&["run", path]);
                check_outcome(&ran, code, ok, &format!("run {what}"));
            }
            std::fs::remove_file(&file).ok();
        }
    }
}

#[test]
fn typescript_nested_too_deeply_is_refused_not_a_crash() {
    check_language(TYPESCRIPT, "ts", "E2005");
}

#[test]
fn lua_nested_too_deeply_is_refused_not_a_crash() {
    check_language(LUA, "lua", "E3023");
}

#[test]
fn python_nested_too_deeply_is_refused_not_a_crash() {
    check_language(PYTHON, "py", "E4024");
}
