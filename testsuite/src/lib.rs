//! Shared helpers for Weft's data-driven tests: finding fixtures, naming their snapshots,
//! and rendering what a stage does with a fixture as snapshot text.
//!
//! Fixtures live in `testsuite/fixtures/<lang>/<feature>/<case>.<ext>`; each has one
//! snapshot per stage, whose suffix is the fixture's path below `fixtures/` with `/`
//! written as `__`, so adding a folder never renames existing snapshots.

use std::path::{Path, PathBuf};

/// `testsuite/fixtures`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// `testsuite/tests/snapshots`.
pub fn snapshots_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("snapshots")
}

/// The fixture's path below `fixtures/`, with forward slashes.
pub fn fixture_name(path: &Path) -> String {
    let rel = path.strip_prefix(fixtures_dir()).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The snapshot suffix for a fixture: its name with `/` written as `__`.
pub fn snapshot_suffix(path: &Path) -> String {
    fixture_name(path).replace('/', "__")
}

/// The fixture a snapshot suffix names (the inverse of [`snapshot_suffix`]).
pub fn fixture_for_suffix(suffix: &str) -> PathBuf {
    fixtures_dir().join(suffix.replace("__", "/"))
}

/// Every file below `dir` with extension `ext`, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Snapshot text for checking an IR fixture: the input, then its canonical form or the
/// rendered diagnostics.
pub fn ir_check_snapshot(name: &str, text: &str) -> String {
    let mut out = format!("--- input: {name}\n{}", ensure_newline(text));
    match weft::check_ir(text) {
        Ok(node) => {
            out.push_str("--- canonical\n");
            out.push_str(&weft::ir::pretty(&node, weft::ir::Registry::standard()));
        }
        Err(errors) => {
            out.push_str("--- diagnostics\n");
            out.push_str(&weft::render::render(name, text, &errors));
        }
    }
    out
}

fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    }
}
