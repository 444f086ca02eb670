//! Choosing the tier that runs a script: the bytecode VM, the JIT, or both (`auto`).

use weft_bytecode::{Host, Limits, Outcome, Program, RunConfig, SuspendedState};
use weft_jit::{Jit, Mode, Report};

/// Which tier runs a script.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Backend {
    /// The bytecode VM only.
    Vm,
    /// Every function is compiled to native code when first entered.
    Jit,
    /// The VM interprets first; functions that get hot are compiled (the default).
    #[default]
    Auto,
}

impl Backend {
    /// `vm`, `jit` or `auto`.
    ///
    /// ```
    /// assert_eq!(weft::Backend::from_name("jit"), Some(weft::Backend::Jit));
    /// assert_eq!(weft::Backend::from_name("llvm"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Backend> {
        match name {
            "vm" => Some(Backend::Vm),
            "jit" => Some(Backend::Jit),
            "auto" => Some(Backend::Auto),
            _ => None,
        }
    }

    /// The name [`Backend::from_name`] reads.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Vm => "vm",
            Backend::Jit => "jit",
            Backend::Auto => "auto",
        }
    }
}

/// Runs and resumes programs on one backend. It keeps the JIT's compiled code between
/// runs of the same program, so a host that runs one script many times compiles it once.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let program = weft::compile_program(weft::Language::Lua, "local t = 0 for i = 1, 100 do t = t + i end return t")
///     .map_err(|e| format!("{e:?}"))?;
/// let mut runner = weft::Runner::new(weft::Backend::Jit);
/// let outcome = runner.run(&program, &weft::RunConfig::default(), &mut weft::TestHost::new());
/// let weft::Outcome::Finished { value, .. } = outcome else { panic!("{outcome:?}") };
/// assert_eq!(value, serde_json::json!(5050));
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Runner {
    backend: Backend,
    jit: Option<Jit>,
}

impl Runner {
    /// A runner for `backend`; `Jit` compiles every function when first entered, `Auto`
    /// only those the VM finds hot.
    pub fn new(backend: Backend) -> Runner {
        let jit = match backend {
            Backend::Vm => None,
            Backend::Jit => Some(Jit::new(Mode::Eager)),
            Backend::Auto => Some(Jit::new(Mode::AUTO)),
        };
        Runner { backend, jit }
    }

    /// Native code charges gas but skips its checks against the limit: a measurement aid
    /// for benchmarks (see `docs/performance.md`). Runs must then have no gas limit
    /// (`Limits::gas == u64::MAX`). No effect on the VM backend.
    pub fn without_gas_checks(mut self) -> Runner {
        self.jit = self.jit.map(Jit::without_gas_checks);
        self
    }

    /// The backend this runner was made for.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs `program` from the start.
    pub fn run(&mut self, program: &Program, config: &RunConfig, host: &mut dyn Host) -> Outcome {
        match &mut self.jit {
            Some(jit) => jit.run(program, config, host),
            None => weft_bytecode::run(program, config, host),
        }
    }

    /// Continues a suspended run (suspended on either backend).
    pub fn resume(
        &mut self,
        state: SuspendedState,
        limits: &Limits,
        host: &mut dyn Host,
    ) -> Outcome {
        match &mut self.jit {
            Some(jit) => jit.resume(state, limits, host),
            None => weft_bytecode::resume(state, limits, host),
        }
    }

    /// What the JIT compiled and how much ran natively (`None` on the VM backend).
    pub fn jit_report(&self) -> Option<Report> {
        self.jit.as_ref().map(Jit::report)
    }
}
