//! Weft's bytecode backend: IR → stack bytecode → verifier → VM.
//!
//! [`compile`] validates an IR tree, compiles it to a [`Program`] and verifies it;
//! [`run`] executes a program under [`Limits`] against a [`Host`]; a run ends
//! [`Outcome::Finished`], [`Outcome::Failed`], or [`Outcome::Suspended`] with a
//! [`SuspendedState`] that [`resume`] continues, in this process or another.
//! [`disassemble`] prints a program deterministically.
//!
//! **Architecture Invariant:** the VM is the reference for semantics and never depends on
//! the JIT. Opcode semantics live in `weft_stdlib`; this crate owns control flow, scopes,
//! closures, calls, gas metering, suspension and the instruction format.

mod compile;
pub mod diagnostics;
mod disasm;
pub mod hostile;
pub mod program;
mod state;
pub mod verify;
mod vm;

pub use disasm::disassemble;
pub use program::{Op, Program};
pub use state::{STATE_VERSION, SuspendedState};
pub use vm::{Exit, Frame, Handler, Offer, Step, Tier, Vm, VmState};
pub use weft_runtime::{Host, Limits, RuntimeError, TestHost};

use weft_ir::{IrError, Node, Registry};
use weft_runtime::diagnostics as diag;

/// How to run a program.
#[derive(Clone, Debug, Default)]
pub struct RunConfig {
    pub limits: Limits,
    /// Script arguments (`std.arg`, `std.args`).
    pub args: Vec<serde_json::Value>,
    /// Capabilities granted to the script: they follow `args` as further script arguments.
    pub grants: Vec<weft_runtime::Capability>,
    /// What `std.this` reads at the top level of the script.
    pub this: weft_runtime::HostValue,
    /// What `std.caller` reads.
    pub caller: weft_runtime::HostValue,
}

/// Counters of a run, cumulative across suspensions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub gas_used: u64,
    pub instructions: u64,
}

/// How a run ended.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // `Suspended` is the rare, heavy case; keep the API flat.
pub enum Outcome {
    /// The script's value; closures render as `"<function>"`, handles as `"<handle>"`.
    Finished {
        value: serde_json::Value,
        stats: Stats,
    },
    /// The script paused (`std.sleep` or a host yield); `wake_after_ms` is 0 for a yield.
    Suspended {
        state: SuspendedState,
        wake_after_ms: u64,
        stats: Stats,
    },
    Failed {
        error: RuntimeError,
        stats: Stats,
    },
}

/// Validates, compiles and verifies an IR tree.
pub fn compile(ir: &Node, registry: &Registry) -> Result<Program, Vec<IrError>> {
    let errors = weft_ir::validate(ir, registry);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut program = compile::compile_program(ir, registry)?;
    verify::verify(&mut program).map_err(|(func, why)| vec![diagnostics::verifier(&func, &why)])?;
    Ok(program)
}

/// Runs a compiled program from the start.
pub fn run(program: &Program, config: &RunConfig, host: &mut dyn Host) -> Outcome {
    run_with(program, config, host, None)
}

/// Like [`run`], offering control to `tier` (a JIT) at function entries and loop headers.
pub fn run_with(
    program: &Program,
    config: &RunConfig,
    host: &mut dyn Host,
    tier: Option<&mut dyn Tier>,
) -> Outcome {
    match Vm::fresh_state(program, config) {
        Ok(state) => drive(program, state, config.limits, host, tier),
        Err(error) => Outcome::Failed {
            error,
            stats: Stats::default(),
        },
    }
}

/// Continues a suspended run. Gas is counted across the suspension: `limits.gas` bounds
/// the total of the whole run.
pub fn resume(state: SuspendedState, limits: &Limits, host: &mut dyn Host) -> Outcome {
    resume_with(state, limits, host, None)
}

/// Like [`resume`], offering control to `tier` as [`run_with`] does.
pub fn resume_with(
    state: SuspendedState,
    limits: &Limits,
    host: &mut dyn Host,
    tier: Option<&mut dyn Tier>,
) -> Outcome {
    let SuspendedState {
        version,
        mut program,
        mut vm,
    } = state;
    let stats = Stats {
        gas_used: vm.gas_used,
        instructions: vm.instructions,
    };
    if version != STATE_VERSION || program.version != program::PROGRAM_VERSION {
        let error = diag::bad_state(format!(
            "state version {version} / program version {} (this build reads {STATE_VERSION} / {})",
            program.version,
            program::PROGRAM_VERSION
        ));
        return Outcome::Failed { error, stats };
    }
    if let Err((func, why)) = verify::verify(&mut program) {
        return Outcome::Failed {
            error: diag::bad_state(format!("{func}: {why}")),
            stats,
        };
    }
    if vm.frames.is_empty() {
        return Outcome::Failed {
            error: diag::bad_state("no frames"),
            stats,
        };
    }
    vm.heap.set_limit(limits.max_heap_bytes);
    drive(&program, vm, *limits, host, tier)
}

fn drive(
    program: &Program,
    state: VmState,
    limits: Limits,
    host: &mut dyn Host,
    tier: Option<&mut dyn Tier>,
) -> Outcome {
    let mut vm = Vm::new(program, state, limits, host);
    if let Some(t) = tier {
        vm = vm.with_tier(Some(t));
    }
    let result = vm.run_loop(0);
    let stats = Stats {
        gas_used: vm.s.gas_used,
        instructions: vm.s.instructions,
    };
    match result {
        Ok(Exit::Done(v)) => Outcome::Finished {
            value: weft_runtime::to_json_lossy(&vm.s.heap, v),
            stats,
        },
        Ok(Exit::Suspend(ms)) => {
            let Vm { s, .. } = vm;
            let state = SuspendedState {
                version: STATE_VERSION,
                program: program.clone(),
                vm: s,
            };
            Outcome::Suspended {
                state,
                wake_after_ms: ms,
                stats,
            }
        }
        Err(mut error) => {
            // The thrown value points into this run's heap, which ends here.
            error.value = None;
            Outcome::Failed { error, stats }
        }
    }
}

#[cfg(test)]
mod tests;
