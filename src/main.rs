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
            match weft::format_ir(&text) {
                Ok(pretty) => {
                    out(&pretty);
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    eprint!(
                        "{}",
                        weft::render::render(&file.display().to_string(), &text, &errors)
                    );
                    ExitCode::from(1)
                }
            }
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
