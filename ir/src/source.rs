//! What front-ends report: problems in source text, located by byte span.
//!
//! Every front-end has the same entry point shape,
//! `compile(source: &str, registry: &Registry) -> Result<Node, Vec<SourceDiagnostic>>`
//! (and `compile_mapped`, which adds the [`crate::SourceMap`] for runtime errors),
//! and reports every problem it finds (not just the first) with a stable code from its
//! range (`E2xxx` TypeScript, `E3xxx` Lua, `E4xxx` Python; see `docs/diagnostics.md`).
//! The facade renders them with codespan-reporting against the source.

use std::ops::Range;

/// One problem in a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceDiagnostic {
    /// Stable code, e.g. `E2001`.
    pub code: &'static str,
    /// Lowercase, no trailing period: "`class` is not supported".
    pub message: String,
    /// Byte range in the source that the label points at (may be empty at end of file).
    pub span: Range<usize>,
    /// Short text under the span.
    pub label: String,
    /// Further lines, e.g. "help: use a function returning an object".
    pub notes: Vec<String>,
}

impl SourceDiagnostic {
    pub fn new(
        code: &'static str,
        message: impl Into<String>,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> SourceDiagnostic {
        SourceDiagnostic {
            code,
            message: message.into(),
            span,
            label: label.into(),
            notes: Vec::new(),
        }
    }

    /// Adds a `help:` note.
    pub fn help(mut self, help: impl Into<String>) -> SourceDiagnostic {
        self.notes.push(format!("help: {}", help.into()));
        self
    }

    /// Adds a plain note.
    pub fn note(mut self, note: impl Into<String>) -> SourceDiagnostic {
        self.notes.push(note.into());
        self
    }
}

impl std::fmt::Display for SourceDiagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "error[{}]: {} at bytes {}..{}",
            self.code, self.message, self.span.start, self.span.end
        )
    }
}

/// Runs `f` on a worker thread with a stack of `stack_bytes`: the front-ends' parsers and
/// lowerings recurse once per level of nesting, so they must not depend on the caller's
/// thread having a large stack. `None` when `f` panicked (a front-end bug, which its caller
/// reports as an internal error); when no thread can be started, `f` runs on this one.
pub fn on_large_stack<T: Send>(stack_bytes: usize, f: impl FnOnce() -> T + Send) -> Option<T> {
    let job = std::sync::Mutex::new(Some(f));
    let take = || job.lock().ok().and_then(|mut j| j.take());
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().stack_size(stack_bytes);
        match worker.spawn_scoped(scope, || take().map(|f| f())) {
            Ok(handle) => handle.join().ok().flatten(),
            // No thread available: run on this one.
            Err(_) => take().map(|f| f()),
        }
    })
}
