//! Helpers shared by the CLI test files: run the real `weft` binary, read its output, and
//! write scripts to a per-process temporary folder.

#![allow(dead_code)] // each test file uses its own subset

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the `weft` binary built for these tests.
pub fn weft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(args)
        .output()
        .expect("weft runs")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes `source` to `name` in a temporary folder for this test file (`tag`) and process.
pub fn temp_file(tag: &str, name: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("weft-cli-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, source).expect("temp file written");
    path
}
