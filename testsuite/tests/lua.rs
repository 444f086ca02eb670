//! The Lua front-end: every fixture under `fixtures/lua` is lowered (IR or diagnostics
//! pinned by snapshot, with the program's output when it compiles), and the run corpus
//! `programs/lua` must print exactly what lua5.4 prints.

use std::path::Path;
use std::process::Command;

use weft::Language;
use weft_testsuite::{
    check_corpus, files_with_ext, fixture_name, fixtures_dir, frontend_snapshot, reference_output,
    run_source,
};

/// The snapshot of one fixture: source, IR (or diagnostics), then what running it printed.
fn snapshot(path: &Path) -> String {
    let source = std::fs::read_to_string(path).expect("fixture is readable");
    let name = fixture_name(path);
    let mut out = frontend_snapshot(Language::Lua, &name, &source);
    if let Ok(record) = run_source(Language::Lua, &source) {
        out.push_str("--- output\n");
        out.push_str(&record.stdout);
        if let Some(error) = &record.error {
            out.push_str("--- error\n");
            out.push_str(error);
            out.push('\n');
        }
    }
    out
}

#[test]
fn lua_fixtures() {
    insta::glob!("../fixtures", "lua/**/*.lua", |path| {
        let settings = weft_testsuite::fixture_settings(path);
        settings.bind(|| insta::assert_snapshot!("lua", snapshot(path)));
    });
}

#[test]
fn lua_fixture_counts() {
    let all = files_with_ext(&fixtures_dir().join("lua"), "lua");
    let unsupported = files_with_ext(&fixtures_dir().join("lua/unsupported"), "lua");
    assert!(
        all.len() >= 70,
        "at least 70 Lua fixtures, found {}",
        all.len()
    );
    assert!(
        unsupported.len() >= 10,
        "at least 10 unsupported-construct fixtures, found {}",
        unsupported.len()
    );
    // Each unsupported fixture is rejected with a Lua diagnostic code.
    for path in unsupported {
        let source = std::fs::read_to_string(&path).expect("readable");
        match weft::compile_source(Language::Lua, &source) {
            Err(weft::CompileError::Source(diags)) => assert!(
                diags.iter().all(|d| d.code.starts_with("E3")),
                "{}: {diags:?}",
                path.display()
            ),
            other => panic!("{} should be rejected, got {other:?}", path.display()),
        }
    }
}

#[test]
fn lua_corpus_matches_lua54() {
    let (checked, _) = check_corpus(Language::Lua, |path| {
        let dir = path.parent().unwrap_or(Path::new("."));
        let file = path.file_name().unwrap_or_default();
        reference_output(Command::new("lua5.4").arg(file).current_dir(dir))
    });
    assert!(
        checked >= 30,
        "at least 30 Lua corpus programs, found {checked}"
    );
}

mod robustness {
    use proptest::prelude::*;
    use weft::{CompileError, Language};

    const PIECES: &[&str] = &[
        "local ",
        "x",
        "y",
        "=",
        "1",
        "2.5",
        "\"s\"",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        ",",
        ".",
        ":",
        "..",
        "...",
        "+",
        "-",
        "#",
        "==",
        "and ",
        "or ",
        "not ",
        "function ",
        "end ",
        "if ",
        "then ",
        "else ",
        "while ",
        "do ",
        "for ",
        "in ",
        "return ",
        "break ",
        "nil ",
        "print",
        "string.format",
        "t",
        ";",
        "\n",
        "repeat ",
        "until ",
        "goto ",
        "::l::",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Any token soup either lowers to valid IR or is rejected with Lua diagnostics:
        /// never a panic, never IR that fails validation.
        #[test]
        fn lowering_never_panics_or_emits_invalid_ir(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let source: String = picks.iter().map(|&i| PIECES[i]).collect();
            match weft::compile_source(Language::Lua, &source) {
                Ok(_) => {}
                Err(CompileError::Source(diags)) => {
                    prop_assert!(diags.iter().all(|d| d.code.starts_with("E3")));
                    prop_assert!(diags.iter().all(|d| d.span.end <= source.len()));
                }
                Err(other) => prop_assert!(false, "{source:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn deep_nesting_is_a_diagnostic() {
        let source = format!("return {}1{}", "(".repeat(500), ")".repeat(500));
        match weft::compile_source(Language::Lua, &source) {
            Err(CompileError::Source(diags)) => assert!(diags.iter().any(|d| d.code == "E3023")),
            other => panic!("{other:?}"),
        }
    }
}
