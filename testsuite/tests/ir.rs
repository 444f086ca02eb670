//! Snapshot of `weft check` / `weft fmt` on every IR fixture: canonical IR for valid
//! documents, rendered diagnostics for invalid ones.

use weft_testsuite::{fixture_name, ir_check_snapshot, snapshot_suffix};

#[test]
fn ir_fixtures() {
    insta::glob!("../fixtures", "ir/**/*.json", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let name = fixture_name(path);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(snapshot_suffix(path));
        settings.set_input_file(path);
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!("check", ir_check_snapshot(&name, &text)));
    });
}
