//! A small persistent, polyglot, MOO-like world built only on the public `weft` API.
//!
//! Entities are numbered (`#1`, `#2`, ...), have JSON properties and a parent (their
//! prototype). Verbs are scripts in TypeScript, Lua or Python, stored as Weft IR on an
//! entity; `world.call(target, verb, ...args)` finds a verb on the target or the nearest
//! ancestor that has it and runs it with `std.this()` = the target. Writing needs
//! capabilities: `world.set` takes an `entity.control` capability (scoped by `entity` and
//! optionally `prop`), `world.create` a `sys.create` one. A verb that sleeps is saved in
//! the world's SQLite file and finished by [`World::tick`], in this process or a later one.
//!
//! The host side is [`World`]: it owns the SQLite store and an [`Engine`] with the
//! world's opcodes registered, and is itself the [`Host`] every verb runs against.

mod host;
mod store;

use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use serde_json::json;
use weft::{
    Capability, CompileError, Engine, Host as _, HostOp, HostValue, Invocation, Language, Outcome,
    RuntimeError, Script, SuspendedState, diagnostics,
};

use host::db_error;
use store::Store;
pub use store::{Entity, StoredVerb, Task};

/// How deeply `world.call` may nest (each nested verb is a VM run on the native stack).
pub const MAX_NESTING: usize = 16;

/// Gas for one verb run (a verb's nested calls each get their own budget).
pub const GAS_PER_RUN: u64 = 1_000_000;

/// The verbs a new world starts with: (entity, verb, file name, source).
pub const INITIAL_VERBS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "look",
        "root_look.ts",
        include_str!("../verbs/root_look.ts"),
    ),
    (
        2,
        "greet",
        "thing_greet.lua",
        include_str!("../verbs/thing_greet.lua"),
    ),
    (
        2,
        "shout",
        "thing_shout.py",
        include_str!("../verbs/thing_shout.py"),
    ),
    (
        2,
        "decorate",
        "thing_decorate.ts",
        include_str!("../verbs/thing_decorate.ts"),
    ),
    (
        2,
        "rename",
        "thing_rename.ts",
        include_str!("../verbs/thing_rename.ts"),
    ),
    (
        2,
        "describe",
        "thing_describe.lua",
        include_str!("../verbs/thing_describe.lua"),
    ),
    (
        2,
        "delegate",
        "thing_delegate.py",
        include_str!("../verbs/thing_delegate.py"),
    ),
    (
        2,
        "make",
        "thing_make.py",
        include_str!("../verbs/thing_make.py"),
    ),
    (
        2,
        "ring",
        "thing_ring.lua",
        include_str!("../verbs/thing_ring.lua"),
    ),
];

/// The engine every world uses: the standard library plus the `world.*` opcodes.
pub fn engine() -> Engine {
    let mut engine = Engine::new().with_limits(weft::Limits {
        gas: GAS_PER_RUN,
        ..Default::default()
    });
    let ops = [
        HostOp::new("world.call", "target: int, verb: string, ...args: any -> any")
            .gas(10)
            .doc("Calls `verb` on entity `target` (found on it or its nearest ancestor) with the arguments; capabilities among them are passed on as capabilities. Returns the verb's result."),
        HostOp::new("world.get", "id: int, prop: string -> any")
            .gas(2)
            .doc("The property `prop` of entity `id`, inherited from its ancestors; null when none has it."),
        HostOp::new("world.set", "cap: any, id: int, prop: string, value: any -> any")
            .gas(5)
            .capability("entity.control")
            .doc("Sets property `prop` of entity `id` to `value` (JSON data) and returns it. The capability's scope must allow `entity` = id and `prop` = prop."),
        HostOp::new("world.create", "cap: any, name: string, parent?: int -> list")
            .gas(20)
            .capability("sys.create")
            .doc("Creates an entity called `name` whose prototype is `parent`; returns `[id, control]`, control being an `entity.control` capability scoped to the new entity."),
        HostOp::new("world.parent", "id: int -> any")
            .doc("The prototype of entity `id`, or null for a root."),
    ];
    for op in ops {
        engine
            .register(op)
            .expect("the world's opcodes are well-formed and new");
    }
    engine
}

/// What went wrong outside a script: the file, or a verb that does not compile.
#[derive(Debug)]
pub enum WorldError {
    Db(rusqlite::Error),
    /// A verb's source did not compile: the rendered diagnostics.
    Compile(String),
    /// A stored verb or task that cannot be read back.
    Corrupt(String),
}

impl std::fmt::Display for WorldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorldError::Db(e) => write!(f, "world file: {e}"),
            WorldError::Compile(text) => write!(f, "{text}"),
            WorldError::Corrupt(why) => write!(f, "world file is damaged: {why}"),
        }
    }
}

impl std::error::Error for WorldError {}

impl From<rusqlite::Error> for WorldError {
    fn from(e: rusqlite::Error) -> WorldError {
        WorldError::Db(e)
    }
}

/// How a run ended.
#[derive(Debug)]
pub enum RunResult {
    Finished(serde_json::Value),
    Failed(RuntimeError),
    /// The verb sleeps; it is saved as task `task` and may resume at `wake_at` (ms since
    /// the Unix epoch).
    Sleeping {
        task: i64,
        wake_at: i64,
    },
}

/// A run's output (everything the verbs printed) and how it ended.
#[derive(Debug)]
pub struct Report {
    pub output: String,
    pub result: RunResult,
}

/// A task `tick` resumed: its id, `#id:verb` label and what happened.
#[derive(Debug)]
pub struct TaskReport {
    pub task: i64,
    pub label: String,
    pub report: Report,
}

/// A world: its SQLite store, its engine, and the host state of the run in progress.
#[derive(Debug)]
pub struct World {
    store: Store,
    engine: Rc<Engine>,
    scripts: HashMap<(i64, String), Rc<Script>>,
    /// Entities whose verbs are running, innermost last.
    stack: Vec<i64>,
    output: String,
    seed: u64,
}

impl World {
    /// Opens the world in `path` (an SQLite file, created when missing).
    pub fn open(path: &Path) -> Result<World, WorldError> {
        Ok(World {
            store: Store::open(path)?,
            engine: Rc::new(engine()),
            scripts: HashMap::new(),
            stack: Vec::new(),
            output: String::new(),
            seed: 0x5EED,
        })
    }

    /// The engine verbs are compiled and run with (for SDK typings, say).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Empties the world and creates the starting one: `#1 root`, `#2 thing` (child of
    /// root), `#3 lamp` and `#4 box` (children of thing), with [`INITIAL_VERBS`].
    pub fn init(&mut self) -> Result<(), WorldError> {
        self.store.clear()?;
        self.scripts.clear();
        let props = |name: &str, description: Option<&str>| {
            let mut map = serde_json::Map::new();
            map.insert("name".into(), json!(name));
            if let Some(d) = description {
                map.insert("description".into(), json!(d));
            }
            map
        };
        let root = self
            .store
            .create_entity(None, &props("root", Some("nothing in particular")))?;
        let thing = self
            .store
            .create_entity(Some(root), &props("thing", Some("a thing")))?;
        self.store
            .create_entity(Some(thing), &props("lamp", Some("a brass lamp")))?;
        self.store.create_entity(Some(thing), &props("box", None))?;
        for (entity, verb, file, source) in INITIAL_VERBS {
            self.program(*entity, verb, file, source)?;
        }
        Ok(())
    }

    /// Compiles `source` (its language from `file_name`'s extension) and stores it as
    /// `verb` on `entity`, replacing any verb of that name there.
    pub fn program(
        &mut self,
        entity: i64,
        verb: &str,
        file_name: &str,
        source: &str,
    ) -> Result<(), WorldError> {
        let language = Language::from_path(Path::new(file_name)).ok_or_else(|| {
            WorldError::Compile(format!(
                "cannot tell the language of {file_name} (expected .ts, .lua, .py or .json)"
            ))
        })?;
        if self.store.entity(entity)?.is_none() {
            return Err(WorldError::Compile(format!("there is no entity #{entity}")));
        }
        let script = self
            .engine
            .compile(language, source)
            .map_err(|e: CompileError| {
                WorldError::Compile(weft::render::render_compile_error(file_name, source, &e))
            })?;
        self.store.put_verb(&StoredVerb {
            entity,
            name: verb.to_owned(),
            language: language.name().to_owned(),
            source: source.to_owned(),
            ir: script.ir().to_json(),
        })?;
        self.scripts.retain(|(_, name), _| name != verb);
        Ok(())
    }

    /// Runs `verb` on `target` as the world's operator: `args` are the verb's data
    /// arguments, `grants` the capabilities that follow them. A verb that sleeps is saved as
    /// a task.
    pub fn call(
        &mut self,
        target: i64,
        verb: &str,
        args: Vec<serde_json::Value>,
        grants: Vec<Capability>,
    ) -> Result<Report, WorldError> {
        self.output.clear();
        let result = match self.start(target, verb, args, grants, HostValue::Null) {
            Ok(outcome) => self.settle(outcome, target, &format!("#{target}:{verb}"))?,
            Err(error) => RunResult::Failed(error),
        };
        Ok(Report {
            output: std::mem::take(&mut self.output),
            result,
        })
    }

    /// Resumes every task due at `now_ms` (milliseconds since the Unix epoch), earliest
    /// first. A task that sleeps again is saved again.
    pub fn tick(&mut self, now_ms: i64) -> Result<Vec<TaskReport>, WorldError> {
        let mut reports = Vec::new();
        for task in self.store.tasks()? {
            // A task is run by whoever deletes its row, so two `tick`s never both run it.
            if task.wake_at > now_ms || !self.store.take_task(task.id)? {
                continue;
            }
            self.output.clear();
            let result = match SuspendedState::from_json(&task.state) {
                Ok(state) => {
                    self.stack.push(task.this);
                    let engine = Rc::clone(&self.engine);
                    let outcome = engine.resume(state, self);
                    self.stack.pop();
                    self.settle(outcome, task.this, &task.label)?
                }
                Err(error) => RunResult::Failed(error),
            };
            reports.push(TaskReport {
                task: task.id,
                label: task.label,
                report: Report {
                    output: std::mem::take(&mut self.output),
                    result,
                },
            });
        }
        Ok(reports)
    }

    /// The suspended tasks, earliest first.
    pub fn tasks(&self) -> Result<Vec<Task>, WorldError> {
        Ok(self.store.tasks()?)
    }

    /// Entity `id` as stored, or `None`.
    pub fn entity(&self, id: i64) -> Result<Option<Entity>, WorldError> {
        Ok(self.store.entity(id)?)
    }

    /// A listing of every entity (parent, own properties, own verbs) and pending task.
    pub fn look(&self) -> Result<String, WorldError> {
        let mut out = String::new();
        for entity in self.store.entities()? {
            let parent = entity
                .parent
                .map_or("no parent".to_owned(), |p| format!("parent #{p}"));
            out += &format!(
                "#{} ({parent}) {}\n",
                entity.id,
                serde_json::Value::Object(entity.props)
            );
            let verbs = self.store.verbs_of(entity.id)?;
            if !verbs.is_empty() {
                let list: Vec<String> = verbs.iter().map(|(n, l)| format!("{n} ({l})")).collect();
                out += &format!("    verbs: {}\n", list.join(", "));
            }
        }
        for task in self.store.tasks()? {
            out += &format!(
                "task {}: {} sleeping until {} ms\n",
                task.id, task.label, task.wake_at
            );
        }
        Ok(out)
    }

    /// Starts `verb` on `target`: finds it along the prototype chain and runs it.
    fn start(
        &mut self,
        target: i64,
        verb: &str,
        args: Vec<serde_json::Value>,
        grants: Vec<Capability>,
        caller: HostValue,
    ) -> Result<Outcome, RuntimeError> {
        let script = self.find_verb(target, verb)?;
        if self.stack.len() >= MAX_NESTING {
            return Err(diagnostics::invalid_argument(
                "world.call",
                format!("verbs nest deeper than {MAX_NESTING} calls"),
            ));
        }
        let invocation = Invocation {
            args,
            grants,
            this: HostValue::Json(json!(target)),
            caller,
        };
        self.stack.push(target);
        let engine = Rc::clone(&self.engine);
        let outcome = engine.run(&script, &invocation, self);
        self.stack.pop();
        Ok(outcome)
    }

    /// What a top-level run's outcome means for the world: a sleeping run becomes a task.
    fn settle(
        &mut self,
        outcome: Outcome,
        this: i64,
        label: &str,
    ) -> Result<RunResult, WorldError> {
        Ok(match outcome {
            Outcome::Finished { value, .. } => RunResult::Finished(value),
            Outcome::Failed { error, .. } => RunResult::Failed(error),
            Outcome::Suspended {
                state,
                wake_after_ms,
                ..
            } => {
                let text = state
                    .to_json()
                    .map_err(|e| WorldError::Corrupt(e.to_string()))?;
                let wake_at = self
                    .now_ms()
                    .saturating_add(i64::try_from(wake_after_ms).unwrap_or(i64::MAX));
                let task = self.store.add_task(wake_at, this, label, &text)?;
                RunResult::Sleeping { task, wake_at }
            }
        })
    }

    /// The verb `name` of `target` or its nearest ancestor, compiled.
    fn find_verb(&mut self, target: i64, name: &str) -> Result<Rc<Script>, RuntimeError> {
        let mut at = self.entity_or_error("world.call", target)?;
        for _ in 0..1000 {
            let key = (at.id, name.to_owned());
            if let Some(script) = self.scripts.get(&key) {
                return Ok(Rc::clone(script));
            }
            if let Some(stored) = self.store.verb(at.id, name).map_err(db_error)? {
                let script = self.engine.compile(Language::Ir, &stored.ir).map_err(|e| {
                    diagnostics::internal(format!("stored verb #{}:{name}: {e:?}", at.id))
                })?;
                let script = Rc::new(script);
                self.scripts.insert(key, Rc::clone(&script));
                return Ok(script);
            }
            match at.parent {
                Some(parent) => at = self.entity_or_error("world.call", parent)?,
                None => break,
            }
        }
        Err(diagnostics::invalid_argument(
            "world.call",
            format!("#{target} has no verb `{name}` (nor do its ancestors)"),
        ))
    }

    fn entity_or_error(&self, op: &str, id: i64) -> Result<Entity, RuntimeError> {
        self.store
            .entity(id)
            .map_err(db_error)?
            .ok_or_else(|| diagnostics::invalid_argument(op, format!("there is no entity #{id}")))
    }
}
