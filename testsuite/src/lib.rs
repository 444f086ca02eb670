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

/// What one run of a fixture did, with every sleep resumed at once.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    /// The final value as JSON, or `None` when the run failed.
    pub result: Option<serde_json::Value>,
    /// The error code and message when the run failed.
    pub error: Option<String>,
    pub log: Vec<String>,
    pub warnings: Vec<String>,
    pub gas_used: u64,
    pub suspensions: usize,
}

/// Runs a program on the VM with a deterministic host, resuming through every suspension
/// from the in-memory state (no serialisation): the "uninterrupted" reference run.
pub fn run_program(program: &weft::Program, host: &mut weft::TestHost) -> RunRecord {
    let config = weft::RunConfig::default();
    let outcome = weft::run(program, &config, host);
    finish(outcome, host, &config.limits, 0, |state| state)
}

/// Drives an outcome to its end, passing each suspended state through `transfer`
/// (identity, or a JSON round trip) before resuming it.
pub fn finish(
    mut outcome: weft::Outcome,
    host: &mut weft::TestHost,
    limits: &weft::Limits,
    mut suspensions: usize,
    transfer: impl Fn(weft::SuspendedState) -> weft::SuspendedState,
) -> RunRecord {
    loop {
        match outcome {
            weft::Outcome::Finished { value, stats } => {
                return record(Some(value), None, host, stats.gas_used, suspensions);
            }
            weft::Outcome::Failed { error, stats } => {
                let text = format!("error[{}]: {}", error.code, error.message);
                let text = match &error.path {
                    Some(path) => format!("{text} at {path}"),
                    None => text,
                };
                return record(None, Some(text), host, stats.gas_used, suspensions);
            }
            weft::Outcome::Suspended { state, .. } => {
                suspensions += 1;
                if suspensions > 10_000 {
                    return record(
                        None,
                        Some("too many suspensions".into()),
                        host,
                        0,
                        suspensions,
                    );
                }
                host.yield_at_poll = None;
                outcome = weft::resume(transfer(state), limits, host);
            }
        }
    }
}

fn record(
    result: Option<serde_json::Value>,
    error: Option<String>,
    host: &weft::TestHost,
    gas_used: u64,
    suspensions: usize,
) -> RunRecord {
    RunRecord {
        result,
        error,
        log: host.logs.clone(),
        warnings: host.warnings.clone(),
        gas_used,
        suspensions,
    }
}

/// Snapshot text for running an IR fixture: the input, then result or error, log, gas.
pub fn run_snapshot(name: &str, text: &str, record: &RunRecord) -> String {
    let mut out = format!("--- input: {name}\n{}", ensure_newline(text));
    match (&record.result, &record.error) {
        (Some(value), _) => {
            out.push_str("--- result\n");
            out.push_str(&serde_json::to_string(value).unwrap_or_default());
            out.push('\n');
        }
        (None, Some(error)) => {
            out.push_str("--- error\n");
            out.push_str(error);
            out.push('\n');
        }
        (None, None) => out.push_str("--- no result\n"),
    }
    out.push_str("--- log\n");
    for line in &record.log {
        out.push_str(line);
        out.push('\n');
    }
    if !record.warnings.is_empty() {
        out.push_str("--- warnings\n");
        for line in &record.warnings {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&format!(
        "--- gas used: {}, suspensions: {}\n",
        record.gas_used, record.suspensions
    ));
    out
}

/// The fixtures that run (everything under `fixtures/ir` except `invalid/`).
pub fn run_fixtures() -> Vec<PathBuf> {
    files_with_ext(&fixtures_dir().join("ir"), "json")
        .into_iter()
        .filter(|p| !fixture_name(p).starts_with("ir/invalid/"))
        .collect()
}
