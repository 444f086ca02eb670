//! Snapshot of `weft check` / `weft fmt` on every IR fixture: canonical IR for valid
//! documents, rendered diagnostics for invalid ones.

use weft_testsuite::{fixture_name, ir_check_snapshot};

#[test]
fn ir_fixtures() {
    insta::glob!("../fixtures", "ir/**/*.json", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let name = fixture_name(path);
        let settings = weft_testsuite::fixture_settings(path);
        settings.bind(|| insta::assert_snapshot!("check", ir_check_snapshot(&name, &text)));
    });
}
