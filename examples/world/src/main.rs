//! `world`: a command line for the polyglot world in an SQLite file. Exit status 0 when the
//! command and its verb succeeded, 1 when the verb failed, 2 when the world itself did.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use weft::{Capability, Language};
use weft_world::{Report, RunResult, World, WorldError};

#[derive(Parser, Debug)]
#[command(
    name = "world",
    about = "A persistent world whose verbs are TypeScript, Lua and Python scripts run by Weft"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create (or reset) a world: #1 root, #2 thing, #3 lamp, #4 box, and their verbs.
    Init { db: PathBuf },
    /// Call a verb: `world call DB 3 greet ada`. Arguments are JSON, or else plain text.
    Call {
        db: PathBuf,
        /// The entity (`3` or `#3`).
        target: String,
        verb: String,
        args: Vec<String>,
        /// Grant a capability: `sys.create`, `entity.control`, `entity.control:ID` or
        /// `entity.control:ID:PROP` (repeatable). Granted ones follow the arguments.
        #[arg(long = "grant", value_name = "CAP")]
        grants: Vec<String>,
    },
    /// Resume the tasks whose sleep is over.
    Tick {
        db: PathBuf,
        /// When none is due yet, wait for the earliest one.
        #[arg(long)]
        wait: bool,
    },
    /// List the entities, their verbs and the sleeping tasks.
    Look { db: PathBuf },
    /// Store a verb from a .ts, .lua, .py or .json file on an entity.
    Program {
        db: PathBuf,
        entity: String,
        verb: String,
        file: PathBuf,
    },
    /// Print SDK typings for the world's verbs (the standard SDK plus `world.*`).
    Sdk {
        /// ts, python or lua.
        #[arg(long)]
        lang: String,
    },
    /// A scripted tour: dispatch across languages, a denied capability, and a verb that
    /// sleeps in this process and finishes in another one.
    Demo {
        /// The world file to use (default: a new one in the temporary folder).
        #[arg(long)]
        db: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, WorldError> {
    match command {
        Command::Init { db } => {
            World::open(&db)?.init()?;
            println!("created a world in {}", db.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Call {
            db,
            target,
            verb,
            args,
            grants,
        } => {
            let mut world = World::open(&db)?;
            call(&mut world, &db, &target, &verb, &args, &grants)
        }
        Command::Tick { db, wait } => tick(&mut World::open(&db)?, wait),
        Command::Look { db } => {
            print!("{}", World::open(&db)?.look()?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Program {
            db,
            entity,
            verb,
            file,
        } => {
            let source = std::fs::read_to_string(&file)
                .map_err(|e| WorldError::Compile(format!("cannot read {}: {e}", file.display())))?;
            let entity = entity_id(&entity)?;
            World::open(&db)?.program(entity, &verb, &file.display().to_string(), &source)?;
            println!("#{entity}:{verb} programmed from {}", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Sdk { lang } => {
            let engine = weft_world::engine();
            match Language::from_name(&lang).and_then(|l| weft::sdk_typings(engine.registry(), l)) {
                Some(text) => {
                    print!("{text}");
                    Ok(ExitCode::SUCCESS)
                }
                None => Err(WorldError::Compile(format!(
                    "no SDK typings for {lang:?} (expected ts, python or lua)"
                ))),
            }
        }
        Command::Demo { db } => demo(db),
    }
}

fn entity_id(text: &str) -> Result<i64, WorldError> {
    text.trim_start_matches('#')
        .parse()
        .map_err(|_| WorldError::Compile(format!("`{text}` is not an entity id such as 3 or #3")))
}

/// `sys.create`, `entity.control`, `entity.control:ID`, `entity.control:ID:PROP`.
fn parse_grant(text: &str) -> Result<Capability, WorldError> {
    let mut parts = text.split(':');
    let name = parts.next().unwrap_or_default();
    let mut cap = Capability::new(name);
    if let Some(id) = parts.next() {
        cap = cap.restrict("entity", serde_json::json!(entity_id(id)?));
    }
    if let Some(prop) = parts.next() {
        cap = cap.restrict("prop", serde_json::json!(prop));
    }
    if name.is_empty() || parts.next().is_some() {
        return Err(WorldError::Compile(format!(
            "cannot read the capability `{text}` (expected NAME, NAME:ID or NAME:ID:PROP)"
        )));
    }
    Ok(cap)
}

fn call(
    world: &mut World,
    db: &Path,
    target: &str,
    verb: &str,
    args: &[String],
    grants: &[String],
) -> Result<ExitCode, WorldError> {
    let target = entity_id(target)?;
    let args = args
        .iter()
        .map(|a| serde_json::from_str(a).unwrap_or_else(|_| serde_json::json!(a)))
        .collect();
    let grants = grants
        .iter()
        .map(|g| parse_grant(g))
        .collect::<Result<_, _>>()?;
    let report = world.call(target, verb, args, grants)?;
    Ok(print_report(&report, db))
}

fn print_report(report: &Report, db: &Path) -> ExitCode {
    print!("{}", report.output);
    match &report.result {
        RunResult::Finished(value) => {
            println!("=> {value}");
            ExitCode::SUCCESS
        }
        RunResult::Failed(error) => {
            print!("{}", weft::render::render_runtime(None, error));
            ExitCode::from(1)
        }
        RunResult::Sleeping { task, wake_at } => {
            let wait = wake_at - now_ms();
            println!(
                "task {task} is sleeping for {} ms, saved in {}; `world tick {}` finishes it",
                wait.max(0),
                db.display(),
                db.display()
            );
            ExitCode::SUCCESS
        }
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn tick(world: &mut World, wait: bool) -> Result<ExitCode, WorldError> {
    let mut now = now_ms();
    if wait && let Some(first) = world.tasks()?.first() {
        let ms = (first.wake_at - now).max(0);
        std::thread::sleep(std::time::Duration::from_millis(ms as u64));
        now = now_ms().max(first.wake_at);
    }
    let reports = world.tick(now)?;
    if reports.is_empty() {
        let pending = world.tasks()?.len();
        println!("no task is due ({pending} sleeping)");
    }
    let mut code = ExitCode::SUCCESS;
    for task in reports {
        println!("task {} ({}) resumed", task.task, task.label);
        if print_report(&task.report, Path::new("the world file")) != ExitCode::SUCCESS {
            code = ExitCode::from(1);
        }
    }
    Ok(code)
}

fn demo(db: Option<PathBuf>) -> Result<ExitCode, WorldError> {
    let db = db.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("weft-world-demo-{}.sqlite", std::process::id()))
    });
    let shown = db.display().to_string();
    let mut world = World::open(&db)?;
    world.init()?;
    println!("$ world init {shown}");
    let steps: &[(&str, &[&str], &[&str], &str)] = &[
        (
            "look",
            &[],
            &[],
            "#3 lamp: own name and description (TypeScript verb on #1 root)",
        ),
        (
            "look",
            &[],
            &[],
            "#4 box: its description is inherited from #2 thing",
        ),
        (
            "greet",
            &["ada"],
            &[],
            "Lua `greet` calls Python `shout`, which calls TypeScript `decorate`",
        ),
        ("rename", &["Lampy"], &[], "no capability: denied"),
        (
            "rename",
            &["Lampy"],
            &["entity.control:3"],
            "with control of #3",
        ),
        (
            "delegate",
            &["describe", "a shiny lamp"],
            &["entity.control:3"],
            "a Python verb narrows its capability to the description and delegates",
        ),
        (
            "delegate",
            &["rename", "Hacked"],
            &["entity.control:3"],
            "the narrowed capability cannot rename",
        ),
        (
            "ring",
            &["300"],
            &["entity.control:3"],
            "a Lua verb sleeps; the task is saved in SQLite",
        ),
    ];
    for (i, (verb, args, grants, what)) in steps.iter().enumerate() {
        let target = if i == 1 { "4" } else { "3" };
        let grant_text: String = grants.iter().map(|g| format!(" --grant {g}")).collect();
        println!("\n# {what}");
        println!(
            "$ world call {shown} {target} {verb}{}{grant_text}",
            args.iter()
                .map(|a| if a.contains(' ') {
                    format!(" {a:?}")
                } else {
                    format!(" {a}")
                })
                .collect::<String>()
        );
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let grants: Vec<String> = grants.iter().map(|g| (*g).to_owned()).collect();
        call(&mut world, &db, target, verb, &args, &grants)?;
    }
    drop(world);
    println!(
        "\n# this process has closed the world; a new process loads the task from SQLite and finishes it"
    );
    println!("$ world tick {shown} --wait");
    let exe = std::env::current_exe()
        .map_err(|e| WorldError::Corrupt(format!("cannot find the world binary: {e}")))?;
    let status = std::process::Command::new(exe)
        .args(["tick", &shown, "--wait"])
        .status()
        .map_err(|e| WorldError::Corrupt(format!("cannot start `world tick`: {e}")))?;
    if !status.success() {
        return Ok(ExitCode::from(1));
    }
    println!("\n$ world look {shown}");
    print!("{}", World::open(&db)?.look()?);
    Ok(ExitCode::SUCCESS)
}
