//! The `weft` binary on Lua source: compile, run, eval, and an unsupported construct.

mod common;

use common::{text, weft};

fn write_temp(name: &str, source: &str) -> std::path::PathBuf {
    common::temp_file("lua", name, source)
}

#[test]
fn compile_prints_ir() {
    let path = write_temp("compile.lua", "local x = 1 + 2\nprint(x)\n");
    let out = weft(&["compile", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ir = text(&out.stdout);
    assert!(ir.contains("\"lua.arith\""), "{ir}");
    assert!(weft::check_ir(&ir).is_ok(), "compiled IR validates");
}

#[test]
fn run_prints_like_lua() {
    let path = write_temp(
        "run.lua",
        "local t = {1, 2.0, 'x'}\nprint(#t, t[2], 7 // 2, 2^2)\nio.write('no newline')\n",
    );
    let out = weft(&["run", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "3\t2.0\t3\t4.0\nno newline");
}

#[test]
fn eval_takes_lua_code() {
    let out = weft(&[
        "eval",
        "--lang",
        "lua",
        "print(('abc'):upper(), select('#', 1, 2))",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("ABC\t2\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn unsupported_construct_fails_with_code_and_position() {
    let path = write_temp(
        "coro.lua",
        "local x = 1\nlocal t = coroutine.create(function() end)\n",
    );
    let out = weft(&["run", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("E3011"), "{err}");
    assert!(err.contains("coro.lua:2:11"), "{err}");
}

#[test]
fn runtime_error_exits_with_one() {
    let out = weft(&["eval", "--lang", "lua", "error('fatal')"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("script:1: fatal"),
        "{}",
        text(&out.stderr)
    );
}
