//! The `weft` command line: parse arguments, read files, call the library, render
//! diagnostics, map the outcome to an exit code (0 ok, 1 the input is wrong, 2 Weft failed).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use weft::ir::{Registry, docs};

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
    /// Run an IR file on the bytecode VM; log output goes to stdout.
    Run {
        /// The IR document (JSON).
        file: PathBuf,
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
    /// Print the bytecode an IR file compiles to.
    Disasm {
        /// The IR document (JSON).
        file: PathBuf,
    },
}

fn main() -> ExitCode {
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
                return ExitCode::from(2);
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
                return ExitCode::from(2);
            };
            print_or_report(&file, &text, weft::format_ir(&text))
        }
        Command::Run {
            file,
            opts,
            args,
            gas,
            max_heap,
        } => run_file(&file, &opts, &args, gas, max_heap),
        Command::Resume { state, opts, gas } => resume_file(&state, &opts, gas),
        Command::Disasm { file } => {
            let Some(text) = read(&file) else {
                return ExitCode::from(2);
            };
            print_or_report(
                &file,
                &text,
                weft::compile_ir(&text).map(|p| weft::disassemble(&p)),
            )
        }
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
}

fn run_file(
    file: &Path,
    opts: &RunOpts,
    args: &[String],
    gas: Option<u64>,
    max_heap: Option<usize>,
) -> ExitCode {
    let Some(text) = read(file) else {
        return ExitCode::from(2);
    };
    let name = file.display().to_string();
    let program = match weft::compile_ir(&text) {
        Ok(program) => program,
        Err(errors) => {
            eprint!("{}", weft::render::render(&name, &text, &errors));
            return ExitCode::from(1);
        }
    };
    let mut limits = weft::Limits::default();
    if let Some(gas) = gas {
        limits.gas = gas;
    }
    if let Some(max_heap) = max_heap {
        limits.max_heap_bytes = max_heap;
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
    };
    let mut host = CliHost::new();
    let outcome = weft::run(&program, &config, &mut host);
    drive(outcome, opts, &limits, &mut host, Some((&name, &text)))
}

fn resume_file(state_path: &Path, opts: &RunOpts, gas: Option<u64>) -> ExitCode {
    let Some(text) = read(state_path) else {
        return ExitCode::from(2);
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
    let mut host = CliHost::new();
    let outcome = weft::resume(state, &limits, &mut host);
    drive(outcome, opts, &limits, &mut host, None)
}

/// Follows a run through its sleeps (waiting, or writing the state and stopping) to the end.
fn drive(
    mut outcome: weft::Outcome,
    opts: &RunOpts,
    limits: &weft::Limits,
    host: &mut CliHost,
    source: Option<(&str, &str)>,
) -> ExitCode {
    loop {
        match outcome {
            weft::Outcome::Finished { value, stats } => {
                if opts.result {
                    out(&format!("{value}\n"));
                }
                print_stats(opts, &stats);
                return ExitCode::SUCCESS;
            }
            weft::Outcome::Failed { error, stats } => {
                eprint!("{}", weft::render::render_runtime(source, &error));
                print_stats(opts, &stats);
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
                    print_stats(opts, &stats);
                    return ExitCode::SUCCESS;
                }
                std::thread::sleep(std::time::Duration::from_millis(wake_after_ms));
                outcome = weft::resume(state, limits, host);
            }
        }
    }
}

fn print_stats(opts: &RunOpts, stats: &weft::Stats) {
    if opts.stats {
        eprintln!(
            "gas used: {}, instructions: {}",
            stats.gas_used, stats.instructions
        );
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
    fn log(&mut self, line: &str) {
        out(&format!("{line}\n"));
    }
    fn warn(&mut self, line: &str) {
        eprintln!("warning: {line}");
    }
    fn now_ms(&mut self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64)
    }
    fn random(&mut self) -> f64 {
        // xorshift64*: randomness for scripts, not for secrets.
        self.seed ^= self.seed >> 12;
        self.seed ^= self.seed << 25;
        self.seed ^= self.seed >> 27;
        (self.seed.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
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
