//! Weft: a polyglot scripting toolchain and sandboxed runtime.
//!
//! This facade is what the `weft` CLI and embedding hosts call: lower TypeScript, Lua or
//! Python source to IR ([`compile_source`]), read and validate an IR document
//! ([`check_ir`]), print it canonically ([`format_ir`]), compile it ([`compile_ir`])
//! and run it on the bytecode VM ([`run`], [`resume`]) under [`Limits`] against a [`Host`],
//! and render problems as rustc-style diagnostics against the source text ([`render`]).
//!
//! **Architecture Invariant:** the library never touches files, stdout or exit codes; it
//! takes text and returns data. Only `src/main.rs` does I/O.

#![warn(missing_docs)]

mod backend;
mod engine;
pub mod render;
mod sdk;

pub use backend::{Backend, Runner};

pub use engine::{Engine, HostOp, Invocation, Script};
pub use sdk::sdk_typings;

pub use weft_bytecode::{
    Outcome, Program, RunConfig, Stats, SuspendedState, disassemble, resume, run,
};
pub use weft_ir as ir;
pub use weft_ir::SourceDiagnostic;
pub use weft_jit as jit;
pub use weft_runtime::{
    Capability, HandleData, Heap, HeapObj, Host, HostOps, HostValue, Limits, RuntimeError,
    TestHost, Value, capability, convert, diagnostics, xorshift_random,
};

/// The current time in milliseconds since the Unix epoch, for a host's `Host::now_ms`
/// (0 if the clock is before the epoch).
pub fn unix_time_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

use weft_ir::{IrError, Node, Registry};

/// Reads and validates an IR document against the standard registry.
///
/// ```
/// assert!(weft::check_ir(r#"["math.add", 1, 2]"#).is_ok());
/// let errors = weft::check_ir(r#"["math.nope", 1]"#).unwrap_err();
/// assert_eq!(errors[0].code, "E1012"); // unknown opcode
/// ```
pub fn check_ir(text: &str) -> Result<Node, Vec<IrError>> {
    weft_ir::parse_and_validate(text, Registry::standard())
}

/// Reads an IR document and prints it canonically (aliases resolved, stable layout).
///
/// Formatting needs readable JSON but not valid IR: unknown opcodes are printed as written.
///
/// ```
/// // Aliases become canonical names.
/// let text = weft::format_ir(r#"["+", 1, 2]"#).unwrap();
/// assert!(text.contains("math.add"));
/// ```
pub fn format_ir(text: &str) -> Result<String, Vec<IrError>> {
    let node = weft_ir::from_json(text).map_err(|e| vec![weft_ir::diagnostics::json_error(&e)])?;
    Ok(weft_ir::pretty(&node, Registry::standard()))
}

/// Reads, validates and compiles an IR document to bytecode.
///
/// ```
/// let program = weft::compile_ir(r#"["math.mul", 6, 7]"#).unwrap();
/// let mut host = weft::TestHost::new();
/// match weft::run(&program, &weft::RunConfig::default(), &mut host) {
///     weft::Outcome::Finished { value, .. } => assert_eq!(value, serde_json::json!(42)),
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn compile_ir(text: &str) -> Result<Program, Vec<IrError>> {
    // `weft_bytecode::compile` validates, so the tree is only read here.
    let node = weft_ir::from_json(text).map_err(|e| vec![weft_ir::diagnostics::json_error(&e)])?;
    weft_bytecode::compile(&node, Registry::standard())
}

/// A language Weft reads: IR itself or one of the SDK languages.
///
/// ```
/// use weft::Language;
/// assert_eq!(Language::from_name("python"), Some(Language::Python));
/// assert_eq!(Language::from_path("verb.lua".as_ref()), Some(Language::Lua));
/// assert_eq!(Language::TypeScript.extension(), "ts");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// The IR itself: a JSON document.
    Ir,
    /// TypeScript (types are checked by nothing, only stripped).
    TypeScript,
    /// Lua 5.4.
    Lua,
    /// Python 3.
    Python,
}

impl Language {
    /// Every language, IR first.
    ///
    /// ```
    /// assert_eq!(weft::Language::ALL.len(), 4);
    /// ```
    pub const ALL: [Language; 4] = [
        Language::Ir,
        Language::TypeScript,
        Language::Lua,
        Language::Python,
    ];

    /// Reads a `--lang` value: `ir`/`json`, `ts`/`typescript`, `lua`, `py`/`python`.
    ///
    /// ```
    /// assert_eq!(weft::Language::from_name("TS"), Some(weft::Language::TypeScript));
    /// assert_eq!(weft::Language::from_name("cobol"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Language> {
        Some(match name.to_ascii_lowercase().as_str() {
            "ir" | "json" => Language::Ir,
            "ts" | "typescript" => Language::TypeScript,
            "lua" => Language::Lua,
            "py" | "python" => Language::Python,
            _ => return None,
        })
    }

    /// The language a file name's extension says: `.json`, `.ts`, `.lua`, `.py`.
    ///
    /// ```
    /// use std::path::Path;
    /// assert_eq!(weft::Language::from_path(Path::new("a.py")), Some(weft::Language::Python));
    /// assert_eq!(weft::Language::from_path(Path::new("a.txt")), None);
    /// ```
    pub fn from_path(path: &std::path::Path) -> Option<Language> {
        match path.extension()?.to_str()? {
            "json" => Some(Language::Ir),
            "ts" | "js" | "mjs" | "cjs" => Some(Language::TypeScript),
            "lua" => Some(Language::Lua),
            "py" => Some(Language::Python),
            _ => None,
        }
    }

    /// The short name `--lang` accepts.
    ///
    /// ```
    /// assert_eq!(weft::Language::Python.name(), "py");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Language::Ir => "ir",
            Language::TypeScript => "ts",
            Language::Lua => "lua",
            Language::Python => "py",
        }
    }

    /// The usual file extension.
    ///
    /// ```
    /// assert_eq!(weft::Language::Ir.extension(), "json");
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            Language::Ir => "json",
            Language::TypeScript => "ts",
            Language::Lua => "lua",
            Language::Python => "py",
        }
    }
}

/// Why source text did not become a program.
///
/// ```
/// let err = weft::compile_source(weft::Language::Lua, "goto done").unwrap_err();
/// assert!(matches!(err, weft::CompileError::Source(_)));
/// assert!(!err.is_internal());
/// assert_eq!(err.len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum CompileError {
    /// The IR document is malformed or invalid.
    Ir(Vec<IrError>),
    /// The source program has problems (syntax, unsupported constructs, unknown SDK calls).
    Source(Vec<SourceDiagnostic>),
    /// A front-end produced IR that does not validate: a bug in Weft, not in the script.
    Internal(Vec<IrError>),
}

impl CompileError {
    /// Whether the fault is Weft's own (exit status 2 in the CLI) rather than the input's.
    pub fn is_internal(&self) -> bool {
        matches!(self, CompileError::Internal(_))
    }

    /// How many problems there are (at least one for an error Weft returns).
    pub fn len(&self) -> usize {
        match self {
            CompileError::Ir(e) | CompileError::Internal(e) => e.len(),
            CompileError::Source(d) => d.len(),
        }
    }

    /// Whether there are no problems (never the case for an error Weft returns).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Lowers source text in `language` to a validated IR tree.
///
/// ```
/// let node = weft::compile_source(weft::Language::Python, "print(1 + 2)").unwrap();
/// assert!(node.to_json().contains("std.log"));
/// ```
pub fn compile_source(language: Language, source: &str) -> Result<Node, CompileError> {
    compile_source_mapped(language, source).map(|(node, _)| node)
}

/// [`compile_source`], with where in the source each statement's IR came from: runtime
/// errors name the failing node by its IR path, and the map turns that path back into a
/// byte range of the script (see [`render::render_runtime_mapped`]). For IR the map is
/// empty: the path locates the node in the IR text itself.
///
/// ```
/// let source = "x = 1\nprint(x + 'a')\n";
/// let (node, map) = weft::compile_source_mapped(weft::Language::Python, source).unwrap();
/// let program = weft::compile_tree(weft::Language::Python, &node).unwrap();
/// let mut host = weft::TestHost::new();
/// let weft::Outcome::Failed { error, .. } = weft::run(&program, &Default::default(), &mut host)
/// else {
///     panic!("adding a str to an int fails");
/// };
/// let span = map.span_of(error.path.as_ref().unwrap()).unwrap();
/// assert_eq!(&source[span], "print(x + 'a')");
/// ```
pub fn compile_source_mapped(
    language: Language,
    source: &str,
) -> Result<(Node, ir::SourceMap), CompileError> {
    lower(Registry::standard(), language, source)
}

/// Lowers and validates against `registry` (the standard one, or an engine's with host
/// opcodes), with the source map of a front-end's output.
pub(crate) fn lower(
    registry: &Registry,
    language: Language,
    source: &str,
) -> Result<(Node, ir::SourceMap), CompileError> {
    let lowered = match language {
        Language::Ir => {
            return weft_ir::parse_and_validate(source, registry)
                .map(|node| (node, ir::SourceMap::default()))
                .map_err(CompileError::Ir);
        }
        Language::TypeScript => weft_frontend_ts::compile_mapped(source, registry),
        Language::Lua => weft_frontend_lua::compile_mapped(source, registry),
        Language::Python => weft_frontend_py::compile_mapped(source, registry),
    };
    let (node, map) = lowered.map_err(CompileError::Source)?;
    Ok((front_end_output(node, registry)?, map))
}

/// A front-end's IR, validated: IR a front-end produced that the validator refuses is a
/// Weft bug (an internal error), not the script's fault.
fn front_end_output(node: Node, registry: &Registry) -> Result<Node, CompileError> {
    let errors = weft_ir::validate(&node, registry);
    if errors.is_empty() {
        Ok(node)
    } else {
        Err(CompileError::Internal(errors))
    }
}

/// A TypeScript/JavaScript program of several files: `entry` (read by the caller, with text
/// `text`) and every module it requires or imports, read through `load` (the facade does
/// no I/O itself). Use it when [`uses_modules`] says the entry file needs it; a file that
/// does not is an ordinary script for [`compile_source`]. On failure the files read so far
/// come back with the error, so each diagnostic can be shown in its own file
/// ([`ModuleFile::find`]).
pub fn compile_ts_program(
    entry: &str,
    text: &str,
    load: &mut weft_ir::modules::Loader<'_>,
) -> Result<ModuleProgram, (Vec<ModuleFile>, CompileError)> {
    let registry = Registry::standard();
    program_output(
        weft_frontend_ts::compile_program(entry, text, registry, load),
        registry,
    )
}

/// A Lua program of several files: `entry` (read by the caller, with text `text`) and the
/// modules it requires, read through `load`. `requirable` lists the files (relative to the
/// entry's folder) a `require` by a name computed at run time may load; a host that has
/// none passes an empty list. A single script compiles this way too, and its `error`
/// messages then name it by `entry`, as lua5.4 names a script by its path.
pub fn compile_lua_program(
    entry: &str,
    text: &str,
    load: &mut weft_ir::modules::Loader<'_>,
    requirable: &[String],
) -> Result<ModuleProgram, (Vec<ModuleFile>, CompileError)> {
    let registry = Registry::standard();
    program_output(
        weft_frontend_lua::compile_program(entry, text, registry, load, requirable),
        registry,
    )
}

/// A Python program of several files: `entry` (read by the caller, with text `text`) and
/// the modules it imports, read through `load`; `importable` lists the files (relative to
/// the entry's folder) `__import__` of a computed name may load. A single script compiles
/// this way too.
pub fn compile_python_program(
    entry: &str,
    text: &str,
    load: &mut weft_ir::modules::Loader<'_>,
    importable: &[String],
) -> Result<ModuleProgram, (Vec<ModuleFile>, CompileError)> {
    let registry = Registry::standard();
    program_output(
        weft_frontend_py::compile_program(entry, text, registry, load, importable),
        registry,
    )
}

/// A front-end's multi-file program, its IR validated.
fn program_output(
    lowered: Result<ModuleProgram, weft_ir::modules::ModuleErrors>,
    registry: &Registry,
) -> Result<ModuleProgram, (Vec<ModuleFile>, CompileError)> {
    let mut program = lowered.map_err(|e| (e.files, CompileError::Source(e.diagnostics)))?;
    let node = std::mem::replace(&mut program.node, Node::Null);
    match front_end_output(node, registry) {
        Ok(node) => Ok(ModuleProgram { node, ..program }),
        Err(e) => Err((program.files, e)),
    }
}

/// [`compile_source_mapped`] for a script with a name: a Lua script's `error` messages
/// start with it (`name:line:`); other languages ignore it.
pub fn compile_source_named(
    language: Language,
    source: &str,
    name: &str,
) -> Result<(Node, ir::SourceMap), CompileError> {
    if language != Language::Lua {
        return compile_source_mapped(language, source);
    }
    let registry = Registry::standard();
    let (node, map) =
        weft_frontend_lua::compile_named(source, name, registry).map_err(CompileError::Source)?;
    Ok((front_end_output(node, registry)?, map))
}

pub use weft_frontend_ts::uses_modules;
pub use weft_ir::modules::{ModuleFile, ModuleProgram};

/// Like [`compile_source`] for a snippet typed at a prompt: a TypeScript snippet that
/// starts with `{` and does not compile as a block is retried as an expression, so
/// `{a: 1}` is an object literal as a REPL would read it.
///
/// ```
/// use weft::Language;
/// let node = weft::compile_snippet(Language::TypeScript, "{a: 1}").unwrap();
/// let program = weft::compile_tree(Language::TypeScript, &node).unwrap();
/// let mut host = weft::TestHost::new();
/// match weft::run(&program, &Default::default(), &mut host) {
///     weft::Outcome::Finished { value, .. } => assert_eq!(value, serde_json::json!({"a": 1})),
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn compile_snippet(language: Language, code: &str) -> Result<Node, CompileError> {
    if language != Language::TypeScript {
        return compile_source(language, code);
    }
    let registry = Registry::standard();
    let eval = |code: &str| {
        let node = weft_frontend_ts::compile_eval(code, registry).map_err(CompileError::Source)?;
        front_end_output(node, registry)
    };
    let first = eval(code);
    if first.is_err()
        && code.trim_start().starts_with('{')
        && let Ok(node) = eval(&format!("({code})"))
    {
        return Ok(node);
    }
    first
}

/// Lowers source text and compiles the IR to bytecode.
///
/// ```
/// let program = weft::compile_program(weft::Language::Lua, "print('hi')").unwrap();
/// let mut host = weft::TestHost::new();
/// weft::run(&program, &Default::default(), &mut host);
/// assert_eq!(host.stdout(), "hi\n");
/// ```
pub fn compile_program(language: Language, source: &str) -> Result<Program, CompileError> {
    let node = compile_source(language, source)?;
    compile_tree(language, &node)
}

/// Compiles a tree [`compile_source`] or [`compile_snippet`] produced from `language`.
/// Bytecode compile errors (such as `std.break` outside a loop) are the input's fault for
/// IR and Weft's fault for a front-end's output.
///
/// ```
/// use weft::Language;
/// let node = weft::compile_source(Language::Ir, r#"["std.break"]"#).unwrap();
/// // Valid IR, but `std.break` outside a loop cannot compile: the input's fault.
/// let err = weft::compile_tree(Language::Ir, &node).unwrap_err();
/// assert!(matches!(err, weft::CompileError::Ir(_)));
/// ```
pub fn compile_tree(language: Language, node: &Node) -> Result<Program, CompileError> {
    to_program(Registry::standard(), language, node)
}

/// Compiles a tree lowered from `language` against `registry`, blaming the input for IR
/// and Weft for a front-end's output.
pub(crate) fn to_program(
    registry: &Registry,
    language: Language,
    node: &Node,
) -> Result<Program, CompileError> {
    weft_bytecode::compile(node, registry).map_err(|e| {
        if language == Language::Ir {
            CompileError::Ir(e)
        } else {
            CompileError::Internal(e)
        }
    })
}

/// Compiles an IR tree (validated again) to bytecode.
///
/// ```
/// let node = weft::check_ir(r#"["str.upper", "weft"]"#).unwrap();
/// let program = weft::compile_node(&node).unwrap();
/// assert!(weft::disassemble(&program).contains("str.upper"));
/// ```
pub fn compile_node(node: &Node) -> Result<Program, Vec<IrError>> {
    weft_bytecode::compile(node, Registry::standard())
}
