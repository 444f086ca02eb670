//! The Python front-end: a snapshot of the lowering (or the diagnostics) of every fixture
//! in `fixtures/python/`, and the run corpus in `programs/python/` checked against the
//! output python3 gave for the same files.

use weft_testsuite::{check_corpus, fixture_name, frontend_snapshot, reference_output};

#[test]
fn python_fixtures() {
    insta::glob!("../fixtures", "python/**/*.py", |path| {
        let source = std::fs::read_to_string(path).expect("fixture is readable");
        let name = fixture_name(path);
        let settings = weft_testsuite::fixture_settings(path);
        settings.bind(|| {
            insta::assert_snapshot!(
                "python",
                frontend_snapshot(weft::Language::Python, &name, &source)
            )
        });
    });
}

#[test]
fn python_fixture_counts() {
    let dir = weft_testsuite::fixtures_dir().join("python");
    let all = weft_testsuite::files_with_ext(&dir, "py");
    let unsupported = weft_testsuite::files_with_ext(&dir.join("unsupported"), "py");
    assert!(
        all.len() >= 70,
        "at least 70 Python fixtures, found {}",
        all.len()
    );
    assert!(
        unsupported.len() >= 10,
        "at least 10 unsupported-construct fixtures, found {}",
        unsupported.len()
    );
    for path in &unsupported {
        let source = std::fs::read_to_string(path).expect("fixture is readable");
        assert!(
            weft::compile_source(weft::Language::Python, &source).is_err(),
            "{} should be rejected",
            path.display()
        );
    }
}

/// The expected files come from CPython 3.11; some messages differ in other versions, so
/// the re-check runs only on a 3.11 interpreter (and says it skipped otherwise).
fn python311() -> Option<&'static str> {
    ["python3.11", "python3"].into_iter().find(|cmd| {
        std::process::Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).starts_with("Python 3.11."))
    })
}

#[test]
fn python_corpus_matches_python3() {
    let interpreter = python311();
    let (checked, _) = check_corpus(weft::Language::Python, |path| match interpreter {
        Some(cmd) => reference_output(std::process::Command::new(cmd).arg(path)),
        None => weft_testsuite::Reference::Missing("python3 3.11".to_owned()),
    });
    assert!(
        checked >= 30,
        "at least 30 corpus programs, found {checked}"
    );
}
