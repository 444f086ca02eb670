//! The embedding API through the public facade only: host opcodes join the registry,
//! capabilities gate them, delegation narrows, and a sleeping run resumes from JSON.

use weft::{
    Capability, Engine, HandleData, Heap, HeapObj, HostOp, HostOps, Invocation, Language, Outcome,
    RuntimeError, SuspendedState, TestHost, Value, capability, diagnostics,
};

/// A host with one counter entity type: `ctr.make(cap)` (gated by `ctr.admin`) makes a
/// counter, and a counter's `bump(cap)` method needs `ctr.admin` scoped to its id.
#[derive(Default)]
struct Counters {
    counts: Vec<i64>,
}

impl HostOps for Counters {
    fn call_op(&mut self, name: &str, _: &[Value], heap: &mut Heap) -> Result<Value, RuntimeError> {
        assert_eq!(name, "ctr.make");
        self.counts.push(0);
        let handle = HandleData {
            kind: "counter".into(),
            id: self.counts.len() as u64,
        };
        Ok(Value::Handle(heap.alloc(HeapObj::Handle(handle))?))
    }
    fn call_method(
        &mut self,
        handle: &HandleData,
        method: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        assert_eq!(method, "bump");
        let cap = args.first().copied().unwrap_or(Value::Null);
        let cap = capability::require(heap, cap, "ctr.admin", "counter.bump")?;
        if !cap.permits("id", &serde_json::json!(handle.id)) {
            return Err(diagnostics::missing_capability("counter.bump", "ctr.admin"));
        }
        let slot = &mut self.counts[handle.id as usize - 1];
        *slot += 1;
        Ok(Value::Int(*slot))
    }
}

fn engine() -> Engine {
    let mut engine = Engine::new();
    engine
        .register(
            HostOp::new("ctr.make", "cap: any -> any")
                .gas(3)
                .capability("ctr.admin")
                .doc("Makes a counter."),
        )
        .unwrap();
    engine
}

fn finish(outcome: Outcome) -> Result<serde_json::Value, RuntimeError> {
    match outcome {
        Outcome::Finished { value, .. } => Ok(value),
        Outcome::Failed { error, .. } => Err(error),
        Outcome::Suspended { .. } => panic!("unexpected suspension"),
    }
}

#[test]
fn registered_opcode_is_known_to_validation_and_gated_by_its_capability() {
    let engine = engine();
    assert!(
        Engine::new()
            .compile(Language::Ir, r#"["ctr.make", null]"#)
            .is_err()
    );
    let script = engine
        .compile(Language::Ir, r#"["ctr.make", null]"#)
        .unwrap();
    let mut host = TestHost::with_ops(Counters::default());
    let error = finish(engine.run(&script, &Invocation::default(), &mut host)).unwrap_err();
    assert_eq!(error.code, "E5025");
    assert!(error.message.contains("`ctr.admin`"), "{}", error.message);
    assert!(host.ops.counts.is_empty());
}

#[test]
fn granted_capability_opens_the_opcode_and_delegation_only_narrows() {
    let engine = engine();
    let ir = r#"["std.seq",
        ["std.let", "admin", ["std.arg", 0]],
        ["std.let", "a", ["ctr.make", ["std.var", "admin"]]],
        ["std.let", "b", ["ctr.make", ["std.var", "admin"]]],
        ["std.let", "only_a", ["std.narrow", ["std.var", "admin"], ["obj.new", ["id", 1]]]],
        ["std.call_method", ["std.var", "a"], "bump", ["std.var", "only_a"]],
        ["std.let", "denied", ["std.try_error", ["std.call_method", ["std.var", "b"], "bump", ["std.var", "only_a"]], "e", ["obj.get", ["std.var", "e"], "code"]]],
        ["std.let", "widen", ["std.try_error", ["std.narrow", ["std.var", "only_a"], ["obj.new", ["id", 2]]], "e", ["obj.get", ["std.var", "e"], "code"]]],
        ["list.new", ["std.call_method", ["std.var", "a"], "bump", ["std.var", "admin"]], ["std.var", "denied"], ["std.var", "widen"]]]"#;
    let script = engine.compile(Language::Ir, ir).unwrap();
    let invocation = Invocation {
        grants: vec![Capability::new("ctr.admin")],
        ..Default::default()
    };
    let mut host = TestHost::with_ops(Counters::default());
    let value = finish(engine.run(&script, &invocation, &mut host)).unwrap();
    // a was bumped twice (once through the narrowed capability), b never.
    assert_eq!(value, serde_json::json!([2, "E5025", "E5026"]));
    assert_eq!(host.ops.counts, [2, 0]);
}

#[test]
fn run_with_capabilities_suspends_and_resumes_from_json() {
    let engine = engine();
    let ir = r#"["std.seq", ["std.let", "c", ["ctr.make", ["std.arg", 0]]], ["std.sleep", 100],
        ["std.call_method", ["std.var", "c"], "bump", ["std.arg", 0]]]"#;
    let script = engine.compile(Language::Ir, ir).unwrap();
    let invocation = Invocation {
        grants: vec![Capability::new("ctr.admin")],
        ..Default::default()
    };
    let mut host = TestHost::with_ops(Counters::default());
    let Outcome::Suspended { state, .. } = engine.run(&script, &invocation, &mut host) else {
        panic!("expected the sleep to suspend");
    };
    let text = state.to_json().unwrap();
    let state = SuspendedState::from_json(&text).unwrap();
    assert_eq!(
        finish(engine.resume(state, &mut host)).unwrap(),
        serde_json::json!(1)
    );
}
