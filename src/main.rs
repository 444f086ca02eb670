//! The `weft` command line: parse arguments, read files, call the library, render
//! diagnostics, map the outcome to an exit code (0 ok, 1 the input is wrong, 2 Weft failed).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use weft::ir::{Registry, docs};

mod heap;

#[derive(Parser, Debug)]
#[command(
    name = "weft",
    version,
    about = "Weft: compile TypeScript, Lua and Python scripts to one IR and run it sandboxed"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate an IR file and report every problem with its code and JSON path.
    Check {
        /// The IR document (JSON).
        file: PathBuf,
    },
    /// Print an IR file in canonical form: canonical opcode names, stable indentation.
    Fmt {
        /// The IR document (JSON).
        file: PathBuf,
    },
    /// List the opcode registry: names, aliases, signatures, gas costs and docs.
    Opcodes {
        /// Print the registry as JSON.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print the Markdown reference (the contents of docs/opcodes.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Lower a TypeScript, Lua or Python file to IR and print it (or write it with -o).
    Compile {
        /// The source file; its extension (.ts, .lua, .py, .json) names the language.
        file: PathBuf,
        /// The language, when the extension does not say: ts, lua, py or ir.
        #[arg(long)]
        lang: Option<String>,
        /// Write the IR here instead of printing it.
        #[arg(short, long, value_name = "OUT.json")]
        output: Option<PathBuf>,
    },
    /// Run a script (TypeScript, Lua, Python or IR) on the bytecode VM; log output goes to stdout.
    Run {
        /// The script; its extension (.ts, .lua, .py, .json) names the language.
        file: PathBuf,
        /// The language, when the extension does not say: ts, lua, py or ir.
        #[arg(long)]
        lang: Option<String>,
        #[command(flatten)]
        opts: RunOpts,
        /// A script argument, as JSON (repeatable; read with `std.arg`).
        #[arg(long = "arg", value_name = "JSON")]
        args: Vec<String>,
        /// Gas budget for the run.
        #[arg(long)]
        gas: Option<u64>,
        /// Heap limit in bytes.
        #[arg(long)]
        max_heap: Option<usize>,
        /// How many calls may be active at once (default 200).
        #[arg(long)]
        max_call_depth: Option<usize>,
        /// Script arguments after the file (or after `--`), each passed as a string after
        /// any `--arg` (JavaScript's `process.argv` from its third element on).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        rest: Vec<String>,
    },
    /// Compile and run a snippet, then print its completion value as JSON.
    Eval {
        /// The snippet's language: ts, lua, py or ir.
        #[arg(long)]
        lang: String,
        /// The code.
        code: String,
        /// Print gas used and instructions executed on stderr.
        #[arg(long)]
        stats: bool,
    },
    /// Resume a suspended script from a state file written by `--suspend-to`.
    Resume {
        /// The state file (JSON).
        state: PathBuf,
        #[command(flatten)]
        opts: RunOpts,
        /// Extra gas granted to the resumed run (on top of what it had left).
        #[arg(long)]
        gas: Option<u64>,
    },
    /// Print the bytecode a script compiles to.
    Disasm {
        /// The script; its extension (.ts, .lua, .py, .json) names the language.
        file: PathBuf,
        /// The language, when the extension does not say: ts, lua, py or ir.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Print SDK typings generated from the opcode registry, for editors: a `.d.ts`
    /// (ts), a `.pyi` stub of the module `weft` (python) or LuaLS annotations (lua).
    Sdk {
        /// The language: ts, python or lua.
        #[arg(long)]
        lang: String,
        /// Write the typings here instead of printing them.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    // First, so that every allocation comes from the huge pages (see `heap.rs`), the
    // command line parser's too: run after it, about 15 more 4 KB pages were touched.
    heap::prefer_huge_pages();
    let cli = Cli::parse();
    // A panic is a bug in Weft, never the user's fault: report it as such.
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(code) => code,
        Err(_) => {
            eprintln!(
                "error: internal error in weft (this is a bug; please report it with the input)"
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check { file } => {
            let Some(text) = read(&file) else {
                return ExitCode::from(1);
            };
            match weft::check_ir(&text) {
                Ok(_) => {
                    out(&format!("{}: ok\n", file.display()));
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    eprint!(
                        "{}",
                        weft::render::render(&file.display().to_string(), &text, &errors)
                    );
                    let n = errors.len();
                    eprintln!(
                        "error: {} found {n} problem{}",
                        file.display(),
                        if n == 1 { "" } else { "s" }
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Fmt { file } => {
            let Some(text) = read(&file) else {
                return ExitCode::from(1);
            };
            print_or_report(&file, &text, weft::format_ir(&text))
        }
        Command::Compile { file, lang, output } => compile_file(&file, lang.as_deref(), output),
        Command::Run {
            file,
            lang,
            opts,
            args,
            gas,
            max_heap,
            max_call_depth,
            rest,
        } => {
            let mut args = args;
            args.extend(
                rest.iter()
                    .map(|s| serde_json::Value::String(s.clone()).to_string()),
            );
            let limits = LimitArgs {
                gas,
                max_heap,
                max_call_depth,
            };
            run_file(&file, lang.as_deref(), &opts, &args, limits)
        }
        Command::Eval { lang, code, stats } => eval(&lang, &code, stats),
        Command::Resume { state, opts, gas } => resume_file(&state, &opts, gas),
        Command::Disasm { file, lang } => {
            let (language, text) = match read_source(&file, lang.as_deref()) {
                Ok(source) => source,
                Err(code) => return code,
            };
            match weft::compile_program(language, &text) {
                Ok(program) => {
                    out(&weft::disassemble(&program));
                    ExitCode::SUCCESS
                }
                Err(error) => report_compile_error(&file, &text, &error),
            }
        }
        Command::Sdk { lang, output } => sdk(&lang, output.as_deref()),
        Command::Opcodes { json, markdown } => {
            let registry = Registry::standard();
            if json {
                let specs: Vec<_> = registry.iter().map(|(_, spec)| spec).collect();
                match serde_json::to_string_pretty(&specs) {
                    Ok(text) => out(&format!("{text}\n")),
                    Err(e) => {
                        eprintln!("error: cannot encode the registry: {e}");
                        return ExitCode::from(2);
                    }
                }
            } else if markdown {
                out(&docs::opcodes_markdown(registry));
            } else {
                let mut text = String::new();
                for (_, spec) in registry.iter() {
                    let aliases = if spec.aliases.is_empty() {
                        String::new()
                    } else {
                        format!("  (also {})", spec.aliases.join(", "))
                    };
                    text += &format!(
                        "{}({}){aliases}\n    {}\n",
                        spec.name,
                        spec.signature(),
                        spec.doc
                    );
                }
                out(&text);
            }
            ExitCode::SUCCESS
        }
    }
}

fn sdk(lang: &str, output: Option<&Path>) -> ExitCode {
    let typings = weft::Language::from_name(lang)
        .and_then(|language| weft::sdk_typings(Registry::standard(), language));
    let Some(text) = typings else {
        eprintln!("error: no SDK typings for {lang:?} (expected ts, python or lua)");
        return ExitCode::from(2);
    };
    match output {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                ExitCode::from(2)
            }
        },
        None => {
            out(&text);
            ExitCode::SUCCESS
        }
    }
}

fn read(path: &Path) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            None
        }
    }
}

/// Writes to stdout; a closed pipe (`weft opcodes | head`) is not an error worth a panic.
fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Options shared by `run` and `resume`.
#[derive(clap::Args, Debug)]
struct RunOpts {
    /// Print the final value as JSON on stdout after the script's output.
    #[arg(long)]
    result: bool,
    /// Print gas used and instructions executed on stderr.
    #[arg(long)]
    stats: bool,
    /// When the script sleeps, write its state to this file and exit instead of waiting.
    #[arg(long, value_name = "FILE")]
    suspend_to: Option<PathBuf>,
    /// Which tier runs the script: vm (interpreter only), jit (compile every function when
    /// first entered) or auto (interpret first, compile what is hot).
    #[arg(long, value_name = "vm|jit|auto", default_value = "auto", value_parser = parse_backend)]
    backend: weft::Backend,
    /// For benchmarks: run without a gas limit, native code charging gas but skipping its
    /// checks, to measure what the checks cost.
    #[arg(long)]
    unchecked_gas: bool,
    /// For benchmarks: after the run, run the program N more times in this process on the
    /// same runner (compiled code reused), with output collected rather than printed, and
    /// print the best and median time per run on stderr.
    #[arg(long, value_name = "N", default_value_t = 0)]
    repeat: u32,
}

fn parse_backend(name: &str) -> Result<weft::Backend, String> {
    weft::Backend::from_name(name)
        .ok_or_else(|| format!("unknown backend {name:?} (expected vm, jit or auto)"))
}

/// Reads a script and works out its language from `--lang` or the file extension. The
/// error is the exit code: 1 when the file cannot be read (the input is wrong), 2 when the
/// command line does not say which language it is in.
fn read_source(file: &Path, lang: Option<&str>) -> Result<(weft::Language, String), ExitCode> {
    let language = match lang {
        Some(name) => match weft::Language::from_name(name) {
            Some(language) => language,
            None => {
                eprintln!("error: unknown language {name:?} (expected ts, lua, py or ir)");
                return Err(ExitCode::from(2));
            }
        },
        None => match weft::Language::from_path(file) {
            Some(language) => language,
            None => {
                eprintln!(
                    "error: cannot tell the language of {} from its extension (expected .ts, .lua, .py or .json); pass --lang",
                    file.display()
                );
                return Err(ExitCode::from(2));
            }
        },
    };
    let text = read(file).ok_or(ExitCode::from(1))?;
    Ok((language, text))
}

/// Prints a compile error and gives the exit code: 1 for the input's fault, 2 for Weft's.
fn report_compile_error(file: &Path, text: &str, error: &weft::CompileError) -> ExitCode {
    let name = file.display().to_string();
    eprint!("{}", weft::render::render_compile_error(&name, text, error));
    if error.is_internal() {
        return ExitCode::from(2);
    }
    let n = error.len();
    eprintln!(
        "error: {name} has {n} problem{}",
        if n == 1 { "" } else { "s" }
    );
    ExitCode::from(1)
}

/// The limits `weft run` was given on its command line (`None`: the default).
#[derive(Clone, Copy)]
struct LimitArgs {
    gas: Option<u64>,
    max_heap: Option<usize>,
    max_call_depth: Option<usize>,
}

/// A lowered script: its IR, its source map and, for a program of several files, the
/// files (the map's ranges then run over their texts laid end to end).
type Lowered = (
    weft::ir::Node,
    weft::ir::SourceMap,
    Option<Vec<weft::ModuleFile>>,
);

/// Lowers a script, with the modules it requires when it is a multi-file TypeScript or
/// JavaScript program; a failure is reported and becomes the exit code.
fn lower_script(file: &Path, language: weft::Language, text: &str) -> Result<Lowered, ExitCode> {
    let is_ts_program = language == weft::Language::TypeScript && weft::uses_modules(text);
    if !is_ts_program && !matches!(language, weft::Language::Lua | weft::Language::Python) {
        return weft::compile_source_mapped(language, text)
            .map(|(node, map)| (node, map, None))
            .map_err(|error| report_compile_error(file, text, &error));
    }
    let mut load = |path: &str| std::fs::read_to_string(path).ok();
    let entry = file.display().to_string();
    let compiled = if is_ts_program {
        weft::compile_ts_program(&entry, text, &mut load)
    } else if language == weft::Language::Python {
        // Only a program that imports by a computed name uses the list; the module that
        // does may be any of the program's files, so it is made for every script.
        let importable = if text.contains("import") {
            files_beside(file, ".py")
        } else {
            Vec::new()
        };
        weft::compile_python_program(&entry, text, &mut load, &importable)
    } else {
        let requirable = if text.contains("require") {
            files_beside(file, ".lua")
        } else {
            Vec::new()
        };
        weft::compile_lua_program(&entry, text, &mut load, &requirable)
    };
    match compiled {
        Ok(p) => Ok((p.node, p.map, Some(p.files))),
        Err((files, weft::CompileError::Source(diags))) if !files.is_empty() => {
            for f in &files {
                let mine: Vec<_> = diags
                    .iter()
                    .filter(|d| weft::ModuleFile::find(&files, d.span.start) == Some(f))
                    .map(|d| {
                        let mut d = d.clone();
                        d.span = f.local(&d.span);
                        d
                    })
                    .collect();
                if !mine.is_empty() {
                    eprint!("{}", weft::render::render_source(&f.path, &f.text, &mine));
                }
            }
            let n = diags.len();
            eprintln!(
                "error: {entry} has {n} problem{}",
                if n == 1 { "" } else { "s" }
            );
            Err(ExitCode::from(1))
        }
        Err((_, error)) => Err(report_compile_error(file, text, &error)),
    }
}

/// The files ending in `ext` in the folder of `entry` and its subfolders (a few levels
/// down), as paths relative to that folder: what a Lua `require` or a Python
/// `__import__` by a computed name may load.
fn files_beside(entry: &Path, ext: &str) -> Vec<String> {
    fn walk(dir: &Path, rel: &str, depth: usize, ext: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            if out.len() >= 1000 {
                return;
            }
            let name = e.file_name().to_string_lossy().into_owned();
            let path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            match e.file_type() {
                Ok(t) if t.is_dir() && depth < 3 && !name.starts_with('.') => {
                    walk(&e.path(), &path, depth + 1, ext, out)
                }
                Ok(t) if t.is_file() && name.ends_with(ext) => out.push(path),
                _ => {}
            }
        }
    }
    let dir = match entry.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut out = Vec::new();
    walk(dir, "", 0, ext, &mut out);
    out
}

fn compile_file(file: &Path, lang: Option<&str>, output: Option<PathBuf>) -> ExitCode {
    let (language, text) = match read_source(file, lang) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let node = match lower_script(file, language, &text) {
        Ok((node, _, _)) => node,
        Err(code) => return code,
    };
    let ir = weft::ir::pretty(&node, Registry::standard());
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, &ir) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        None => {
            out(&ir);
            ExitCode::SUCCESS
        }
    }
}

fn eval(lang: &str, code: &str, stats: bool) -> ExitCode {
    let Some(language) = weft::Language::from_name(lang) else {
        eprintln!("error: unknown language {lang:?} (expected ts, lua, py or ir)");
        return ExitCode::from(2);
    };
    let program = match weft::compile_snippet(language, code)
        .and_then(|node| weft::compile_tree(language, &node))
    {
        Ok(program) => program,
        Err(error) => return report_compile_error(Path::new("<eval>"), code, &error),
    };
    let opts = RunOpts {
        result: true,
        stats,
        suspend_to: None,
        backend: weft::Backend::Auto,
        unchecked_gas: false,
        repeat: 0,
    };
    let limits = weft::Limits::default();
    let config = weft::RunConfig {
        limits,
        ..Default::default()
    };
    let mut host = CliHost::new();
    let mut runner = weft::Runner::new(opts.backend);
    let outcome = runner.run(&program, &config, &mut host);
    drive(&mut runner, outcome, &opts, &limits, &mut host, None)
}

fn run_file(
    file: &Path,
    lang: Option<&str>,
    opts: &RunOpts,
    args: &[String],
    wanted: LimitArgs,
) -> ExitCode {
    let LimitArgs {
        gas,
        max_heap,
        max_call_depth,
    } = wanted;
    let (language, text) = match read_source(file, lang) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let name = file.display().to_string();
    let (node, map, files) = match lower_script(file, language, &text) {
        Ok(lowered) => lowered,
        Err(code) => return code,
    };
    let program = match weft::compile_tree(language, &node) {
        Ok(program) => program,
        Err(error) => return report_compile_error(file, &text, &error),
    };
    let mut limits = weft::Limits::default();
    if let Some(gas) = gas {
        limits.gas = gas;
    }
    if let Some(max_heap) = max_heap {
        limits.max_heap_bytes = max_heap;
    }
    if let Some(depth) = max_call_depth {
        limits.max_call_depth = depth;
    }
    let mut script_args = Vec::new();
    for arg in args {
        match serde_json::from_str(arg) {
            Ok(value) => script_args.push(value),
            Err(e) => {
                eprintln!("error: --arg {arg:?} is not JSON: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let config = weft::RunConfig {
        limits,
        args: script_args,
        ..Default::default()
    };
    let mut host = CliHost::new();
    let mut runner = weft::Runner::new(opts.backend);
    let mut config = config;
    if opts.unchecked_gas {
        if gas.is_some() {
            eprintln!("error: --unchecked-gas runs without a gas limit; drop --gas");
            return ExitCode::from(2);
        }
        config.limits.gas = u64::MAX;
        runner = runner.without_gas_checks();
    }
    let start = std::time::Instant::now();
    let outcome = runner.run(&program, &config, &mut host);
    let first = start.elapsed();
    // Runtime errors point into the IR text, or through the source map into the script.
    let source = Source {
        name: &name,
        text: &text,
        map: (language != weft::Language::Ir).then_some(&map),
        files: files.as_deref(),
    };
    let code = drive(&mut runner, outcome, opts, &limits, &mut host, Some(source));
    if opts.repeat > 0 {
        return repeat(&mut runner, &program, &config, opts.repeat, first);
    }
    code
}

/// `--repeat`: runs `program` `times` more times on `runner`, checks that every run ends
/// the same way with the same output, and prints the times per run on stderr.
fn repeat(
    runner: &mut weft::Runner,
    program: &weft::Program,
    config: &weft::RunConfig,
    times: u32,
    first: std::time::Duration,
) -> ExitCode {
    let mut took = Vec::new();
    let mut seen = None;
    for _ in 0..times {
        let mut host = weft::TestHost::new();
        let start = std::time::Instant::now();
        let outcome = runner.run(program, config, &mut host);
        took.push(start.elapsed());
        let ending = match outcome {
            weft::Outcome::Finished { value, stats } => format!("{value} gas {}", stats.gas_used),
            other => format!("{other:?}"),
        };
        let this = (ending, host.logs, host.pending);
        if seen.as_ref().is_some_and(|s| *s != this) {
            eprintln!("error: --repeat: a run ended differently from the one before it");
            return ExitCode::from(1);
        }
        seen = Some(this);
    }
    took.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    eprintln!(
        "repeat: {times} more runs on the same runner: best {:.3} ms, median {:.3} ms \
         per run (the first run took {:.3} ms)",
        ms(took[0]),
        ms(took[took.len() / 2]),
        ms(first)
    );
    ExitCode::SUCCESS
}

fn resume_file(state_path: &Path, opts: &RunOpts, gas: Option<u64>) -> ExitCode {
    let Some(text) = read(state_path) else {
        return ExitCode::from(1);
    };
    let state = match weft::SuspendedState::from_json(&text) {
        Ok(state) => state,
        Err(e) => {
            eprintln!(
                "error: {} is not a Weft state file: {e}",
                state_path.display()
            );
            return ExitCode::from(1);
        }
    };
    let mut limits = weft::Limits::default();
    if let Some(gas) = gas {
        limits.gas = gas;
    }
    if opts.unchecked_gas {
        eprintln!("error: --unchecked-gas is for `weft run` only");
        return ExitCode::from(2);
    }
    let mut host = CliHost::new();
    let mut runner = weft::Runner::new(opts.backend);
    let outcome = runner.resume(state, &limits, &mut host);
    drive(&mut runner, outcome, opts, &limits, &mut host, None)
}

/// The file a run was compiled from, for its runtime errors: IR text, or a script and its
/// source map.
#[derive(Clone, Copy)]
struct Source<'a> {
    name: &'a str,
    text: &'a str,
    map: Option<&'a weft::ir::SourceMap>,
    /// The files of a multi-file program (the map's ranges run over their texts).
    files: Option<&'a [weft::ModuleFile]>,
}

impl Source<'_> {
    fn render(self, error: &weft::RuntimeError) -> String {
        if let (Some(files), Some(map)) = (self.files, self.map) {
            let file = error
                .path
                .as_ref()
                .and_then(|p| map.span_of(p))
                .and_then(|r| weft::ModuleFile::find(files, r.start));
            return match file {
                Some(f) => {
                    let local = map.restricted(f.base..f.base + f.text.len());
                    weft::render::render_runtime_mapped(&f.path, &f.text, &local, error)
                }
                None => weft::render::render_runtime(None, error),
            };
        }
        match self.map {
            Some(map) => weft::render::render_runtime_mapped(self.name, self.text, map, error),
            None => weft::render::render_runtime(Some((self.name, self.text)), error),
        }
    }
}

/// Follows a run through its sleeps (waiting, or writing the state and stopping) to the end.
fn drive(
    runner: &mut weft::Runner,
    mut outcome: weft::Outcome,
    opts: &RunOpts,
    limits: &weft::Limits,
    host: &mut CliHost,
    source: Option<Source>,
) -> ExitCode {
    loop {
        match outcome {
            weft::Outcome::Finished { value, stats } => {
                if opts.result {
                    out(&format!("{value}\n"));
                }
                print_stats(opts, &stats, runner);
                return ExitCode::SUCCESS;
            }
            weft::Outcome::Failed { error, stats } => {
                let text = match source {
                    Some(source) => source.render(&error),
                    None => weft::render::render_runtime(None, &error),
                };
                eprint!("{text}");
                print_stats(opts, &stats, runner);
                return ExitCode::from(1);
            }
            weft::Outcome::Suspended {
                state,
                wake_after_ms,
                stats,
            } => {
                if let Some(path) = &opts.suspend_to {
                    let text = match state.to_json() {
                        Ok(text) => text,
                        Err(e) => {
                            eprintln!("error: cannot encode the suspended state: {e}");
                            return ExitCode::from(2);
                        }
                    };
                    if let Err(e) = std::fs::write(path, text) {
                        eprintln!("error: cannot write {}: {e}", path.display());
                        return ExitCode::from(2);
                    }
                    eprintln!(
                        "suspended: state written to {} (wake after {wake_after_ms} ms); continue with `weft resume {}`",
                        path.display(),
                        path.display()
                    );
                    print_stats(opts, &stats, runner);
                    return ExitCode::SUCCESS;
                }
                std::thread::sleep(std::time::Duration::from_millis(wake_after_ms));
                outcome = runner.resume(state, limits, host);
            }
        }
    }
}

fn print_stats(opts: &RunOpts, stats: &weft::Stats, runner: &weft::Runner) {
    if !opts.stats {
        return;
    }
    eprintln!(
        "gas used: {}, instructions: {}",
        stats.gas_used, stats.instructions
    );
    let Some(report) = runner.jit_report() else {
        eprintln!("backend: vm (nothing compiled)");
        return;
    };
    let share = |part: u64, all: u64| {
        if all == 0 {
            0.0
        } else {
            part as f64 * 100.0 / all as f64
        }
    };
    eprintln!(
        "backend: {}; native code was in control for {} of {} instructions ({:.1}%)",
        runner.backend().name(),
        report.native_instructions,
        report.total_instructions,
        share(report.native_instructions, report.total_instructions)
    );
    for f in &report.funcs {
        let state = match &f.state {
            weft::jit::FuncState::Compiled if f.vm_entry => "compiled".to_string(),
            weft::jit::FuncState::Compiled => "compiled (direct entry only)".to_string(),
            weft::jit::FuncState::Cold if f.offers == 0 => {
                "not compiled: never entered".to_string()
            }
            weft::jit::FuncState::Cold => format!(
                "not compiled: not hot ({} entries and loop iterations)",
                f.offers
            ),
            weft::jit::FuncState::NotCompiled(why) => format!("not compiled: {why}"),
            weft::jit::FuncState::Once => {
                "not compiled: a top level without loops runs once (compiled when the \
                 program runs again)"
                    .to_string()
            }
        };
        let direct = match &f.direct {
            weft::jit::DirectState::NotCompiled => String::new(),
            weft::jit::DirectState::Available => "; called directly".to_string(),
            weft::jit::DirectState::Unavailable(why) => {
                format!("; not called directly: {why}")
            }
            weft::jit::DirectState::Dropped { give_ups } => {
                format!("; no longer called directly (gave up to the VM {give_ups} times)")
            }
        };
        let checks = match f.entry_checks_failed {
            0 => String::new(),
            n => format!(
                "; types did not hold where the VM entered it {n} times{}",
                if n >= weft::jit::MAX_ENTRY_CHECK_FAILS {
                    " (compiled again without relying on them)"
                } else {
                    ""
                }
            ),
        };
        let state = state + &direct + &checks;
        eprintln!("  {}: {state}", f.name);
    }
}

/// The CLI's host: log lines to stdout as they happen, warnings to stderr, the real clock.
struct CliHost {
    seed: u64,
}

impl CliHost {
    fn new() -> CliHost {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        CliHost { seed: nanos | 1 }
    }
}

impl weft::Host for CliHost {
    /// The CLI never asks a run to yield, so native loops skip the poll.
    fn may_yield(&self) -> bool {
        false
    }

    fn log(&mut self, line: &str) {
        out(&format!("{line}\n"));
    }
    fn write(&mut self, text: &str) {
        out(text);
    }
    fn warn(&mut self, line: &str) {
        eprintln!("warning: {line}");
    }
    fn now_ms(&mut self) -> i64 {
        weft::unix_time_ms()
    }
    fn random(&mut self) -> f64 {
        weft::xorshift_random(&mut self.seed)
    }
}

/// Prints a command's text output, or renders the IR problems that prevented it (exit 1).
fn print_or_report(
    file: &Path,
    text: &str,
    result: Result<String, Vec<weft::ir::IrError>>,
) -> ExitCode {
    match result {
        Ok(output) => {
            out(&output);
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprint!(
                "{}",
                weft::render::render(&file.display().to_string(), text, &errors)
            );
            ExitCode::from(1)
        }
    }
}
