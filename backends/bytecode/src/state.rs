//! The suspended state: a whole paused run as plain, versioned serde data.
//!
//! It holds the program, the heap, frames (function, pc, slot base, closure, `this`,
//! arguments), the operand stack, locals, `std.try` handlers, string constants, script
//! arguments and the gas and instruction counts so far. Writing it to JSON and resuming
//! from that text in a fresh process continues the run exactly where it stopped.
//! [`SuspendedState::to_json`] and [`SuspendedState::from_json`] are the preferred way in
//! and out: they handle deep nesting in quoted data, which plain `serde_json` refuses.

use serde::{Deserialize, Serialize};
use weft_runtime::RuntimeError;
use weft_runtime::diagnostics as diag;

use crate::program::Program;
use crate::vm::VmState;

/// The format version of [`SuspendedState`]; a state of another version is refused.
pub const STATE_VERSION: u32 = 1;

/// A paused run. See the module docs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SuspendedState {
    pub version: u32,
    pub program: Program,
    pub vm: VmState,
}

impl SuspendedState {
    /// Compact JSON text of the state.
    pub fn to_json(&self) -> Result<String, RuntimeError> {
        serde_json::to_string(self).map_err(|e| diag::internal(format!("cannot write state: {e}")))
    }

    /// Reads a state written by [`SuspendedState::to_json`].
    pub fn from_json(text: &str) -> Result<SuspendedState, RuntimeError> {
        let mut de = serde_json::Deserializer::from_str(text);
        de.disable_recursion_limit();
        let state = SuspendedState::deserialize(&mut de).map_err(diag::bad_state)?;
        de.end().map_err(diag::bad_state)?;
        Ok(state)
    }
}
