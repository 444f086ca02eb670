//! The TypeScript front-end: a snapshot of the lowering (source, then pretty IR or the
//! rendered diagnostics) of every fixture in `fixtures/ts`, and the run corpus in
//! `programs/ts`, whose `.expected` files are node's output on the program with its types
//! stripped by the `typescript` package's `tsc`.

use std::path::Path;
use std::process::Command;

use weft_testsuite::{Reference, check_corpus, fixture_name, frontend_snapshot, reference_output};

#[test]
fn ts_fixtures() {
    insta::glob!("../fixtures", "ts/**/*.ts", |path| {
        let source = std::fs::read_to_string(path).expect("fixture is readable");
        let name = fixture_name(path);
        let settings = weft_testsuite::fixture_settings(path);
        settings.bind(|| {
            insta::assert_snapshot!(
                "ts",
                frontend_snapshot(weft::Language::TypeScript, &name, &source)
            )
        });
    });
}

/// Strips the types with `tsc` (into a fresh directory) and runs the result with node.
fn node_reference(path: &Path) -> Reference {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let out_dir = std::env::temp_dir().join(format!("weft-ts-ref-{}-{stem}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    let strip = reference_output(
        Command::new("tsc")
            .args([
                "--target",
                "es2022",
                "--module",
                "commonjs",
                "--noCheck",
                "--outDir",
            ])
            .arg(&out_dir)
            .arg(path),
    );
    let result = match strip {
        Reference::Output(_) => {
            reference_output(Command::new("node").arg(out_dir.join(format!("{stem}.js"))))
        }
        other => other,
    };
    let _ = std::fs::remove_dir_all(&out_dir);
    result
}

#[test]
fn ts_corpus_matches_node() {
    let (checked, _) = check_corpus(weft::Language::TypeScript, node_reference);
    assert!(
        checked >= 30,
        "the TypeScript corpus has only {checked} programs"
    );
}
