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

/// Snapshot settings for one fixture inside `insta::glob!`: the snapshot is named
/// `<stage>@<suffix>` (see [`snapshot_suffix`]) and records the fixture as its input.
pub fn fixture_settings(path: &Path) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_suffix(snapshot_suffix(path));
    settings.set_input_file(path);
    settings.set_prepend_module_to_snapshot(false);
    settings
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

/// Snapshot text for lowering a front-end fixture: the source, then the canonical IR or
/// the rendered diagnostics.
pub fn frontend_snapshot(language: weft::Language, name: &str, source: &str) -> String {
    let mut out = format!("--- input: {name}\n{}", ensure_newline(source));
    match weft::compile_source(language, source) {
        Ok(node) => {
            out.push_str("--- ir\n");
            out.push_str(&weft::ir::pretty(&node, weft::ir::Registry::standard()));
        }
        Err(error) => {
            out.push_str("--- diagnostics\n");
            out.push_str(&weft::render::render_compile_error(name, source, &error));
        }
    }
    out
}

/// `testsuite/programs`: the run corpora, one folder per language.
pub fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs")
}

/// The languages with run corpora, in the order the tests visit them.
pub const SOURCE_LANGUAGES: [weft::Language; 3] = [
    weft::Language::TypeScript,
    weft::Language::Lua,
    weft::Language::Python,
];

/// The folder a language's programs sit in, under `programs/` (and under
/// `programs/errors/` for the scripts that fail).
pub fn corpus_folder(language: weft::Language) -> &'static str {
    match language {
        weft::Language::TypeScript => "ts",
        weft::Language::Lua => "lua",
        weft::Language::Python => "python",
        weft::Language::Ir => "ir",
    }
}

/// Compiles source in `language` and runs it to the end on the VM with a [`weft::TestHost`].
pub fn run_source(language: weft::Language, source: &str) -> Result<RunRecord, String> {
    let program = weft::compile_program(language, source)
        .map_err(|e| weft::render::render_compile_error("<source>", source, &e))?;
    Ok(run_program(&program, &mut weft::TestHost::new()))
}

/// Compiles a corpus program as the file `name` (Lua's `error` messages start with the
/// script's name, as they do when lua5.4 runs the file), for [`run_program`].
pub fn compile_named(
    language: weft::Language,
    source: &str,
    name: &str,
) -> Result<weft::Program, String> {
    let (node, _) = weft::compile_source_named(language, source, name)
        .map_err(|e| weft::render::render_compile_error(name, source, &e))?;
    weft::compile_tree(language, &node)
        .map_err(|e| weft::render::render_compile_error(name, source, &e))
}

/// How a real interpreter ran a corpus program.
#[derive(Debug)]
pub enum Reference {
    /// The interpreter's stdout.
    Output(String),
    /// The interpreter is not installed; the string says which one.
    Missing(String),
    /// It ran but failed; the string has its stderr.
    Failed(String),
}

/// Runs a command for a corpus program and captures stdout: the reference output.
pub fn reference_output(command: &mut std::process::Command) -> Reference {
    let program = command.get_program().to_string_lossy().into_owned();
    match command.output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Reference::Missing(program),
        Err(e) => Reference::Failed(format!("{program}: {e}")),
        Ok(out) if !out.status.success() => Reference::Failed(format!(
            "{program} exited with {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )),
        Ok(out) => Reference::Output(String::from_utf8_lossy(&out.stdout).into_owned()),
    }
}

/// Checks a language's run corpus: every `programs/<lang>/*.<ext>` must have a
/// `<name>.expected` file (the real interpreter's stdout), and Weft's output must equal it.
/// `reference` re-runs the real interpreter on the program; its output must equal the
/// expected file too, and when it is missing the re-check is skipped and said so on stderr.
/// Returns (programs checked, programs whose re-check was skipped); panics listing every
/// mismatch.
pub fn check_corpus(
    language: weft::Language,
    reference: impl Fn(&Path) -> Reference,
) -> (usize, usize) {
    let dir = programs_dir().join(corpus_folder(language));
    let programs = files_with_ext(&dir, language.extension());
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    for path in &programs {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let Ok(source) = std::fs::read_to_string(path) else {
            failures.push(format!("{name}: cannot read"));
            continue;
        };
        let Ok(expected) = std::fs::read_to_string(path.with_extension("expected")) else {
            failures.push(format!("{name}: no .expected file"));
            continue;
        };
        let record = compile_named(language, &source, &name)
            .map(|program| run_program(&program, &mut weft::TestHost::new()));
        match record {
            Err(diagnostics) => failures.push(format!("{name}: does not compile\n{diagnostics}")),
            Ok(record) => {
                if let Some(error) = &record.error {
                    failures.push(format!(
                        "{name}: run failed: {error}\n--- output so far\n{}",
                        record.stdout
                    ));
                } else if record.stdout != expected {
                    failures.push(format!(
                        "{name}: output differs\n{}",
                        first_difference(&expected, &record.stdout)
                    ));
                }
            }
        }
        match reference(path) {
            Reference::Output(out) if out == expected => {}
            Reference::Output(out) => failures.push(format!(
                "{name}: the real interpreter's output differs from {name}'s .expected file\n{}",
                first_difference(&expected, &out)
            )),
            Reference::Missing(program) => skipped.push(program),
            Reference::Failed(why) => failures.push(format!("{name}: reference run failed: {why}")),
        }
    }
    if !skipped.is_empty() {
        eprintln!(
            "skipped: re-checking {} {} .expected files against the real interpreter ({} not installed); Weft was still checked against them",
            skipped.len(),
            language.name(),
            skipped[0]
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} {} corpus programs failed:\n\n{}",
        failures.len(),
        programs.len(),
        language.name(),
        failures.join("\n\n")
    );
    (programs.len(), skipped.len())
}

/// The first differing line of two outputs, for a readable failure.
pub fn first_difference(expected: &str, got: &str) -> String {
    let (e, g): (Vec<&str>, Vec<&str>) =
        (expected.split('\n').collect(), got.split('\n').collect());
    for i in 0..e.len().max(g.len()) {
        let (a, b) = (e.get(i), g.get(i));
        if a != b {
            return format!(
                "line {}:\n  expected: {}\n  got:      {}",
                i + 1,
                a.map_or("<end of output>".to_owned(), |s| format!("{s:?}")),
                b.map_or("<end of output>".to_owned(), |s| format!("{s:?}"))
            );
        }
    }
    "outputs are equal".to_owned()
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
    /// Everything written to the log's stream, exactly (lines and `std.write` text).
    pub stdout: String,
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
        stdout: host.stdout(),
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
