//! What the JIT's integration tests share.

use weft_bytecode::Outcome;

/// How a run that ended is written in a trace: its value or its error (code, message,
/// path), gas used and instruction count; `None` for a suspended run, which each test
/// writes (and resumes) its own way.
pub fn ending(outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::Finished { value, stats } => Some(format!(
            "finished {value} gas {} instr {}",
            stats.gas_used, stats.instructions
        )),
        Outcome::Failed { error, stats } => {
            let path = error
                .path
                .as_ref()
                .map(|p| p.to_string())
                .unwrap_or_default();
            Some(format!(
                "failed {} {} at {path} gas {} instr {}",
                error.code, error.message, stats.gas_used, stats.instructions
            ))
        }
        Outcome::Suspended { .. } => None,
    }
}
