//! Property test: random valid IR built from the registry never panics the VM.
//!
//! Programs come from the generator in `irgen.rs`. Each runs under small limits, resuming
//! through JSON whenever it suspends; it must end finished or with a clean error, within its
//! gas budget.

use proptest::prelude::*;
use weft_ir::Registry;
use weft_runtime::Limits;

use super::irgen::ir;
use crate::{Outcome, RunConfig, SuspendedState, TestHost, compile, resume, run};

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_ir_never_panics(node in ir()) {
        // A program may fail to compile for a reason of its own (`std.break` outside a
        // loop); an internal error (E5103) is a compiler or verifier bug.
        let prog = match compile(&node, Registry::standard()) {
            Ok(prog) => prog,
            Err(errors) => {
                prop_assert!(errors.iter().all(|e| e.code != "E5103"), "{errors:?}");
                return Ok(());
            }
        };
        let limits = Limits { gas: 2_000, max_heap_bytes: 256 << 10, max_call_depth: 40 };
        let mut host = TestHost::new();
        let mut outcome = run(&prog, &RunConfig {
                limits,
                ..Default::default()
            }, &mut host);
        let mut rounds = 0;
        while let Outcome::Suspended { state, .. } = outcome {
            rounds += 1;
            prop_assert!(rounds < 1000);
            let text = state.to_json().unwrap();
            outcome = resume(SuspendedState::from_json(&text).unwrap(), &limits, &mut host);
        }
        match outcome {
            Outcome::Finished { stats, .. } | Outcome::Failed { stats, .. } => prop_assert!(stats.gas_used <= limits.gas),
            Outcome::Suspended { .. } => unreachable!(),
        }
        if let Outcome::Failed { error, .. } = &outcome {
            prop_assert!(error.code != "E5001", "internal error: {error}");
        }
    }
}
