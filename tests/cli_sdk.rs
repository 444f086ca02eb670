//! `weft sdk`: the generated typings cover the registry, and the sample scripts in
//! `examples/sdk/` type-check against them with the real checkers when installed (`tsc`
//! for the `.d.ts`, mypy for the `.pyi`, `luac5.4 -p` for the Lua file's syntax) and run in
//! Weft with output worked out by hand.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{temp_file, text, weft};
use weft::ir::Registry;

const LANGS: [(&str, &str); 3] = [("ts", "d.ts"), ("python", "pyi"), ("lua", "lua")];

fn typings(lang: &str) -> String {
    let out = weft(&["sdk", "--lang", lang]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/sdk")
        .join(name)
}

/// Writes the typings for `lang` and a copy of the sample next to them; returns the folder.
fn workspace(tag: &str, lang: &str, typings_name: &str, sample: &str, source: &str) -> PathBuf {
    let sample_path = temp_file(tag, sample, source);
    let dir = sample_path.parent().unwrap().to_path_buf();
    let out = weft(&[
        "sdk",
        "--lang",
        lang,
        "-o",
        dir.join(typings_name).to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    dir
}

fn have(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_opcode_is_declared_or_left_out_with_a_reason() {
    for (lang, _) in LANGS {
        let typings = typings(lang);
        for (_, spec) in Registry::standard().iter() {
            let declared = typings.contains(&format!("Opcode `{}`:", spec.name));
            let left_out = typings.contains(&format!("`{}` left out: ", spec.name));
            assert!(
                declared != left_out,
                "{lang}: `{}` declared: {declared}, left out: {left_out}",
                spec.name
            );
            if !spec.is_strict() {
                assert!(left_out, "{lang}: special form `{}` declared", spec.name);
            }
        }
    }
}

#[test]
fn sdk_writes_a_file_and_rejects_languages_without_typings() {
    let dir = workspace("sdk-out", "lua", "weft.lua", "unused.txt", "");
    let written = std::fs::read_to_string(dir.join("weft.lua")).unwrap();
    assert!(written.starts_with("---@meta weft\n"));
    assert_eq!(written, typings("lua"));
    for lang in ["ir", "cobol"] {
        let out = weft(&["sdk", "--lang", lang]);
        assert_eq!(out.status.code(), Some(2), "{lang}");
        assert!(
            text(&out.stderr).contains("no SDK typings"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn samples_run_in_weft() {
    // Worked out from docs/opcodes.md: [7,3,9]+[5] sorted is 3,5,7,9 (sum 24, clamped to
    // 20); the object's keys are ada and bob.
    let expected = [
        (
            "sample.ts",
            "3,5,7,9 2 ADA\n20 abab {\"n\":4}\narray true\n",
        ),
        (
            "sample.py",
            "3,5,7,9 2 ADA\n20 abab {\"n\":4}\narray true\n",
        ),
        (
            "sample.lua",
            "3,5,7,9\t2\tADA\n20\tab\t[\"ada\",\"bob\"]\narray true\n",
        ),
    ];
    for (name, want) in expected {
        let out = weft(&["run", example(name).to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), want, "{name}");
    }
}

#[test]
fn typescript_sample_type_checks_with_tsc() {
    if !have("tsc", &["--version"]) {
        eprintln!("skipped: tsc is not on PATH, so the .d.ts is not type-checked");
        return;
    }
    let source = std::fs::read_to_string(example("sample.ts")).unwrap();
    let dir = workspace("sdk-ts", "ts", "weft.d.ts", "sample.ts", &source);
    std::fs::write(
        dir.join("bad.ts"),
        "const n: string = list.len([1]);\nlist.len(5);\nstd.no_such(1);\n",
    )
    .unwrap();
    let tsc = |file: &str| {
        Command::new("tsc")
            .args(["--noEmit", "--strict", "--lib", "es2022,dom"])
            .args(["weft.d.ts", file])
            .current_dir(&dir)
            .output()
            .expect("tsc runs")
    };
    let ok = tsc("sample.ts");
    assert!(ok.status.success(), "{}", text(&ok.stdout));
    // The check can fail: wrong argument and result types and unknown functions.
    let bad = text(&tsc("bad.ts").stdout);
    for line in ["bad.ts(1,7)", "bad.ts(2,10)", "bad.ts(3,5)"] {
        assert!(bad.contains(line), "{line} in {bad}");
    }
}

#[test]
fn python_sample_type_checks_with_mypy() {
    if !have("python3", &["-m", "mypy", "--version"]) {
        eprintln!("skipped: mypy is not installed (python3 -m mypy), so the .pyi is not checked");
        return;
    }
    let source = std::fs::read_to_string(example("sample.py")).unwrap();
    let dir = workspace("sdk-py", "python", "weft.pyi", "sample.py", &source);
    std::fs::write(
        dir.join("bad.py"),
        "from weft import list, std\nn: str = list.len([1])\nlist.len(5)\nstd.no_such(1)\n",
    )
    .unwrap();
    let mypy = |file: &str| {
        Command::new("python3")
            .args(["-m", "mypy", "--strict", "--no-incremental", file])
            .env("MYPYPATH", &dir)
            .current_dir(&dir)
            .output()
            .expect("mypy runs")
    };
    let ok = mypy("sample.py");
    assert!(ok.status.success(), "{}", text(&ok.stdout));
    let bad = text(&mypy("bad.py").stdout);
    for line in ["bad.py:2:", "bad.py:3:", "bad.py:4:"] {
        assert!(bad.contains(line), "{line} in {bad}");
    }
}

#[test]
fn lua_annotations_are_valid_lua() {
    if !have("luac5.4", &["-v"]) {
        eprintln!("skipped: luac5.4 is not on PATH, so the Lua annotations are not parsed");
        return;
    }
    let dir = workspace("sdk-lua", "lua", "weft.lua", "unused.txt", "");
    let out = Command::new("luac5.4")
        .args(["-p", "weft.lua"])
        .current_dir(&dir)
        .output()
        .expect("luac runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
}
