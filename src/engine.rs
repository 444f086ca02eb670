//! The embedding API: an [`Engine`] holds the opcode registry (standard plus the host's
//! own opcodes) and the limits every run gets; it compiles scripts in any language to a
//! [`Script`] and runs or resumes them against a [`Host`].

use weft_ir::{Gas, Node, OpSpec, Registry, RegistryError, SourceMap};
use weft_runtime::{Capability, Host, HostValue, Limits};

use crate::{CompileError, Language, Outcome, Program, RunConfig, SuspendedState};

/// A compiled script: its IR (the stable, storable form) and its bytecode.
#[derive(Clone, Debug)]
pub struct Script {
    ir: Node,
    program: Program,
    source_map: SourceMap,
}

impl Script {
    /// The IR the script was compiled from; store it with `ir().to_json()` and compile it
    /// again later with `Engine::compile(Language::Ir, ...)`.
    ///
    /// ```
    /// let engine = weft::Engine::new();
    /// let script = engine.compile(weft::Language::Ir, r#"["math.add", 1, 2]"#).unwrap();
    /// assert_eq!(script.ir().to_json(), r#"["math.add",1,2]"#);
    /// ```
    pub fn ir(&self) -> &Node {
        &self.ir
    }

    /// The bytecode the VM runs.
    ///
    /// ```
    /// let engine = weft::Engine::new();
    /// let script = engine.compile(weft::Language::Ir, r#"["math.add", 1, 2]"#).unwrap();
    /// assert!(weft::disassemble(script.program()).contains("math.add"));
    /// ```
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// Where in the source each statement's IR came from (empty for a script compiled from
    /// IR): turns a runtime error's path into a byte range of the script.
    ///
    /// ```
    /// let engine = weft::Engine::new();
    /// let source = "local t = {}\nprint(t.x.y)\n";
    /// let script = engine.compile(weft::Language::Lua, source).unwrap();
    /// let mut host = weft::TestHost::new();
    /// let weft::Outcome::Failed { error, .. } = engine.run(&script, &Default::default(), &mut host)
    /// else {
    ///     panic!("indexing nil fails");
    /// };
    /// let span = script.source_map().span_of(error.path.as_ref().unwrap()).unwrap();
    /// assert_eq!(&source[span], "print(t.x.y)");
    /// ```
    pub fn source_map(&self) -> &SourceMap {
        &self.source_map
    }
}

/// A host opcode to register: name, signature, gas, capability and doc text.
#[derive(Clone, Debug)]
pub struct HostOp {
    name: String,
    signature: String,
    gas: Gas,
    capability: Option<String>,
    doc: String,
}

impl HostOp {
    /// An opcode called `name` (`namespace.op`) with a signature in the registry's
    /// notation (`"cap: any, name: string -> any"`), costing 1 gas, open to every script.
    ///
    /// ```
    /// let op = weft::HostOp::new("world.count", "-> int").doc("How many entities exist.");
    /// let mut engine = weft::Engine::new();
    /// engine.register(op).unwrap();
    /// assert!(engine.registry().lookup("world.count").is_some());
    /// ```
    pub fn new(name: impl Into<String>, signature: impl Into<String>) -> HostOp {
        HostOp {
            name: name.into(),
            signature: signature.into(),
            gas: Gas {
                base: 1,
                per_item: 0,
            },
            capability: None,
            doc: String::new(),
        }
    }

    /// The gas one call costs.
    ///
    /// ```
    /// let op = weft::HostOp::new("world.scan", "-> list").gas(20);
    /// # let _ = op;
    /// ```
    pub fn gas(mut self, base: u64) -> HostOp {
        self.gas.base = base;
        self
    }

    /// Requires a capability of this name as the opcode's first argument.
    ///
    /// ```
    /// let op = weft::HostOp::new("sys.create", "cap: any, name: string -> any").capability("sys.create");
    /// # let _ = op;
    /// ```
    pub fn capability(mut self, name: impl Into<String>) -> HostOp {
        self.capability = Some(name.into());
        self
    }

    /// One line of documentation (shown by `weft opcodes` and in the SDK typings).
    ///
    /// ```
    /// let op = weft::HostOp::new("world.now", "-> int").doc("World time in ticks.");
    /// # let _ = op;
    /// ```
    pub fn doc(mut self, doc: impl Into<String>) -> HostOp {
        self.doc = doc.into();
        self
    }
}

/// What a run starts with, besides the script: arguments, capabilities, `this`, `caller`.
///
/// ```
/// use weft::{Capability, HostValue, Invocation};
/// let engine = weft::Engine::new();
/// let script = engine
///     .compile(weft::Language::Python, "[std.arg(0), std.typeof(std.arg(1)), std.this()]")
///     .unwrap();
/// let invocation = Invocation {
///     args: vec![serde_json::json!("hi")],
///     grants: vec![Capability::new("sys.create")], // arrives as std.arg(1)
///     this: HostValue::Json(serde_json::json!(7)),
///     ..Default::default()
/// };
/// match engine.run(&script, &invocation, &mut weft::TestHost::new()) {
///     weft::Outcome::Finished { value, .. } => {
///         assert_eq!(value, serde_json::json!(["hi", "handle", 7]))
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Invocation {
    /// Script arguments as JSON (`std.arg(0)`, ...).
    pub args: Vec<serde_json::Value>,
    /// Capabilities granted: they follow `args` as further script arguments.
    pub grants: Vec<Capability>,
    /// What `std.this` reads at the top level.
    pub this: HostValue,
    /// What `std.caller` reads.
    pub caller: HostValue,
}

/// Compiles and runs scripts with one registry and one set of limits.
///
/// A host registers its opcodes, compiles scripts in any language against them, and runs
/// them against its [`Host`] (here [`weft::TestHost`](crate::TestHost) with a
/// [`HostOps`](crate::HostOps) of its own):
///
/// ```
/// use weft::{Engine, Heap, HostOp, HostOps, Invocation, Language, RuntimeError, Value};
///
/// struct Clock;
/// impl HostOps for Clock {
///     fn call_op(&mut self, name: &str, _: &[Value], _: &mut Heap) -> Result<Value, RuntimeError> {
///         assert_eq!(name, "game.turn");
///         Ok(Value::Int(12))
///     }
/// }
///
/// let mut engine = Engine::new();
/// engine.register(HostOp::new("game.turn", "-> int").doc("The current turn.")).unwrap();
/// let script = engine.compile(Language::Python, "game.turn() * 2").unwrap();
/// let mut host = weft::TestHost::with_ops(Clock);
/// match engine.run(&script, &Invocation::default(), &mut host) {
///     weft::Outcome::Finished { value, .. } => assert_eq!(value, serde_json::json!(24)),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Engine {
    registry: Registry,
    limits: Limits,
    backend: crate::Backend,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

impl Engine {
    /// An engine with the standard library and default limits.
    ///
    /// ```
    /// let engine = weft::Engine::new();
    /// assert_eq!(engine.limits().gas, 10_000_000);
    /// ```
    pub fn new() -> Engine {
        Engine {
            registry: Registry::standard().clone(),
            limits: Limits::default(),
            backend: crate::Backend::Vm,
        }
    }

    /// Sets the tier runs use (the VM by default). With `Jit` or `Auto`, [`Engine::run`]
    /// compiles afresh on every run; keep a [`crate::Runner`] and use [`Engine::run_on`] to
    /// compile a script once and run it many times.
    ///
    /// ```
    /// let engine = weft::Engine::new().with_backend(weft::Backend::Jit);
    /// assert_eq!(engine.backend(), weft::Backend::Jit);
    /// ```
    pub fn with_backend(mut self, backend: crate::Backend) -> Engine {
        self.backend = backend;
        self
    }

    /// The tier runs use.
    pub fn backend(&self) -> crate::Backend {
        self.backend
    }

    /// A runner for this engine's backend, which keeps compiled code between runs.
    pub fn runner(&self) -> crate::Runner {
        crate::Runner::new(self.backend)
    }

    /// Sets the limits every run of this engine gets (gas counts across suspensions).
    ///
    /// ```
    /// let engine = weft::Engine::new().with_limits(weft::Limits { gas: 1000, ..Default::default() });
    /// assert_eq!(engine.limits().gas, 1000);
    /// ```
    pub fn with_limits(mut self, limits: Limits) -> Engine {
        self.limits = limits;
        self
    }

    /// The limits runs get.
    ///
    /// ```
    /// assert_eq!(weft::Engine::new().limits().max_call_depth, 200);
    /// ```
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The registry scripts are validated and compiled against.
    ///
    /// ```
    /// assert!(weft::Engine::new().registry().lookup("list.map").is_some());
    /// ```
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Registers a host opcode. It joins the registry, so validation, front-ends' SDK
    /// calls, `opcodes` listings and docs see it; at run time the VM charges its gas,
    /// checks its capability and calls [`Host::call_op`].
    ///
    /// ```
    /// let mut engine = weft::Engine::new();
    /// engine.register(weft::HostOp::new("world.count", "-> int")).unwrap();
    /// // Registering the same name twice is an error.
    /// assert!(engine.register(weft::HostOp::new("world.count", "-> int")).is_err());
    /// ```
    pub fn register(&mut self, op: HostOp) -> Result<(), RegistryError> {
        let mut spec = OpSpec::new(&op.name, &op.signature, op.gas, &op.doc)?;
        spec.capability = op.capability;
        self.registry.register(spec)?;
        Ok(())
    }

    /// Compiles source in any language: lowered, validated against this engine's registry
    /// and compiled to bytecode.
    ///
    /// ```
    /// let engine = weft::Engine::new();
    /// let err = engine.compile(weft::Language::Ir, r#"["world.count"]"#).unwrap_err();
    /// assert!(matches!(err, weft::CompileError::Ir(_)));
    /// ```
    pub fn compile(&self, language: Language, source: &str) -> Result<Script, CompileError> {
        let (ir, source_map) = crate::lower(&self.registry, language, source)?;
        let program = crate::to_program(&self.registry, language, &ir)?;
        Ok(Script {
            ir,
            program,
            source_map,
        })
    }

    /// Runs a script from the start.
    ///
    /// ```
    /// let engine = weft::Engine::new();
    /// let script = engine.compile(weft::Language::Ir, r#"["math.mul", ["std.arg", 0], 2]"#).unwrap();
    /// let invocation = weft::Invocation { args: vec![serde_json::json!(21)], ..Default::default() };
    /// let mut host = weft::TestHost::new();
    /// match engine.run(&script, &invocation, &mut host) {
    ///     weft::Outcome::Finished { value, .. } => assert_eq!(value, serde_json::json!(42)),
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn run(&self, script: &Script, invocation: &Invocation, host: &mut dyn Host) -> Outcome {
        self.run_on(&mut self.runner(), script, invocation, host)
    }

    /// Like [`Engine::run`], on `runner`, which keeps the script's native code for the next
    /// run. Results, output and gas are the same on every backend.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let engine = weft::Engine::new().with_backend(weft::Backend::Jit);
    /// let script = engine
    ///     .compile(weft::Language::TypeScript, "let t = 0; for (let i = 0; i < 10; i++) t += i; t")
    ///     .map_err(|e| format!("{e:?}"))?;
    /// let mut runner = engine.runner();
    /// for _ in 0..3 {
    ///     let invocation = weft::Invocation::default();
    ///     let outcome = engine.run_on(&mut runner, &script, &invocation, &mut weft::TestHost::new());
    ///     let weft::Outcome::Finished { value, .. } = outcome else { panic!("{outcome:?}") };
    ///     assert_eq!(value, serde_json::json!(45));
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn run_on(
        &self,
        runner: &mut crate::Runner,
        script: &Script,
        invocation: &Invocation,
        host: &mut dyn Host,
    ) -> Outcome {
        let config = RunConfig {
            limits: self.limits,
            args: invocation.args.clone(),
            grants: invocation.grants.clone(),
            this: invocation.this.clone(),
            caller: invocation.caller.clone(),
        };
        runner.run(&script.program, &config, host)
    }

    /// Resumes a suspended run (from memory or from `SuspendedState::from_json`, in this
    /// process or another one).
    ///
    /// ```
    /// let engine = weft::Engine::new();
    /// let script = engine.compile(weft::Language::Ir, r#"["std.seq", ["std.sleep", 5], "woke"]"#).unwrap();
    /// let mut host = weft::TestHost::new();
    /// let weft::Outcome::Suspended { state, .. } = engine.run(&script, &Default::default(), &mut host) else {
    ///     panic!("expected a suspension");
    /// };
    /// let saved = state.to_json().unwrap();
    /// let state = weft::SuspendedState::from_json(&saved).unwrap();
    /// match engine.resume(state, &mut host) {
    ///     weft::Outcome::Finished { value, .. } => assert_eq!(value, serde_json::json!("woke")),
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn resume(&self, state: SuspendedState, host: &mut dyn Host) -> Outcome {
        self.runner().resume(state, &self.limits, host)
    }
}
