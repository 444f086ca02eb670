//! Host opcodes, host handle methods and capabilities, through a small world host.
//!
//! The host registers `world.create` (gated by `sys.create`) and `world.count` (open);
//! entity handles answer `name` (open) and `rename` (gated by `entity.control`, scoped by
//! entity id). Expectations are worked out by hand from the opcode docs and this host.

use weft_ir::{Gas, OpSpec, Registry};
use weft_runtime::capability::require;
use weft_runtime::diagnostics as diag;
use weft_runtime::{
    Capability, HandleData, Heap, HeapObj, HostOps, HostValue, RuntimeError, TestHost, Value,
};

use super::render;
use crate::{Outcome, RunConfig, SuspendedState, compile, resume, run};

/// The world's own state; its services (output, clock) are `TestHost`'s.
#[derive(Default)]
struct World {
    names: Vec<String>,
}

type WorldHost = TestHost<World>;

impl HostOps for World {
    fn call_op(
        &mut self,
        name: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        match name {
            "world.create" => {
                let entity_name = args
                    .get(1)
                    .and_then(|v| heap.str(*v))
                    .ok_or_else(|| diag::invalid_argument(name, "expected a name"))?
                    .to_owned();
                self.names.push(entity_name);
                let handle = HandleData {
                    kind: "entity".into(),
                    id: self.names.len() as u64,
                };
                Ok(Value::Handle(heap.alloc(HeapObj::Handle(handle))?))
            }
            "world.count" => Ok(Value::Int(self.names.len() as i64)),
            _ => Err(diag::not_implemented(name)),
        }
    }
    fn call_method(
        &mut self,
        handle: &HandleData,
        method: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        let index = handle.id as usize - 1;
        match method {
            "name" => heap.alloc_str(self.names[index].clone()),
            "rename" => {
                let cap = require(
                    heap,
                    args.first().copied().unwrap_or(Value::Null),
                    "entity.control",
                    "entity.rename",
                )?;
                if !cap.permits("entity", &serde_json::json!(handle.id)) {
                    return Err(diag::missing_capability("entity.rename", "entity.control"));
                }
                let new = args
                    .get(1)
                    .and_then(|v| heap.str(*v))
                    .ok_or_else(|| diag::invalid_argument(method, "expected a name"))?;
                self.names[index] = new.to_owned();
                Ok(Value::Null)
            }
            _ => Err(diag::unknown_method(&handle.kind, method)),
        }
    }
}

fn registry() -> Registry {
    let mut registry = Registry::standard().clone();
    let mut create = OpSpec::new(
        "world.create",
        "cap: any, name: string -> any",
        Gas {
            base: 5,
            per_item: 0,
        },
        "Creates an entity.",
    )
    .unwrap();
    create.capability = Some("sys.create".into());
    registry.register(create).unwrap();
    let count = OpSpec::new(
        "world.count",
        "-> int",
        Gas {
            base: 1,
            per_item: 0,
        },
        "How many entities exist.",
    )
    .unwrap();
    registry.register(count).unwrap();
    registry
}

fn start(ir: &str, config: &RunConfig, host: &mut WorldHost) -> Outcome {
    let node = weft_ir::from_json(ir).unwrap();
    let program = compile(&node, &registry()).unwrap_or_else(|e| panic!("{ir}: {e:?}"));
    run(&program, config, host)
}

fn outcome(ir: &str, grants: Vec<Capability>) -> (String, WorldHost) {
    let mut host = TestHost::with_ops(World::default());
    let config = RunConfig {
        grants,
        ..Default::default()
    };
    let (text, _) = render(start(ir, &config, &mut host));
    (text, host)
}

#[test]
fn host_opcodes_must_be_registered_to_validate() {
    let node = weft_ir::from_json(r#"["world.count"]"#).unwrap();
    let errors = compile(&node, Registry::standard()).unwrap_err();
    assert_eq!(errors[0].code, "E1012", "unknown opcode");
}

#[test]
fn open_host_opcode_runs_and_is_charged_its_registry_gas() {
    let mut host = TestHost::with_ops(World::default());
    let outcome = start(r#"["world.count"]"#, &RunConfig::default(), &mut host);
    let (text, stats) = render(outcome);
    assert_eq!(text, "0");
    assert_eq!(stats.gas_used, 1);
}

#[test]
fn gated_opcode_without_its_capability_is_denied_naming_it() {
    let (text, host) = outcome(r#"["world.create", null, "box"]"#, vec![]);
    assert_eq!(text, "error E5025 at $");
    assert!(
        host.ops.names.is_empty(),
        "the host opcode must not have run"
    );
    let mut host = TestHost::with_ops(World::default());
    match start(
        r#"["world.create", null, "box"]"#,
        &RunConfig::default(),
        &mut host,
    ) {
        Outcome::Failed { error, .. } => {
            assert!(error.message.contains("`sys.create`"), "{}", error.message);
            assert!(
                error.message.contains("`world.create`"),
                "{}",
                error.message
            );
        }
        _ => panic!("expected a failure"),
    }
}

#[test]
fn data_cannot_stand_in_for_a_capability() {
    for forged in [
        r#"["obj.new", ["name", "sys.create"]]"#,
        r#""sys.create""#,
        r#"["json.parse", "{\"name\":\"sys.create\",\"scope\":{}}"]"#,
    ] {
        let ir = format!(r#"["world.create", {forged}, "box"]"#);
        let (text, _) = outcome(&ir, vec![Capability::new("sys.create")]);
        assert_eq!(text, "error E5025 at $", "{forged}");
    }
    // A capability of another name does not do either.
    let (text, _) = outcome(
        r#"["world.create", ["std.arg", 0], "box"]"#,
        vec![Capability::new("entity.control")],
    );
    assert_eq!(text, "error E5025 at $");
}

#[test]
fn granted_capability_arrives_as_a_script_argument_and_opens_the_opcode() {
    let ir = r#"["std.seq",
        ["std.let", "e", ["world.create", ["std.arg", 0], "box"]],
        ["list.new", ["std.typeof", ["std.var", "e"]], ["std.call_method", ["std.var", "e"], "name"], ["world.count"]]]"#;
    let (text, host) = outcome(ir, vec![Capability::new("sys.create")]);
    assert_eq!(text, r#"["handle","box",1]"#);
    assert_eq!(host.ops.names, ["box"]);
}

#[test]
fn narrowed_capability_only_reaches_its_scope_and_cannot_be_widened() {
    // Two entities; the script gets entity.control narrowed to entity 1.
    let setup = r#"["std.let", "a", ["world.create", ["std.arg", 0], "a"]],
        ["std.let", "b", ["world.create", ["std.arg", 0], "b"]],
        ["std.let", "c1", ["std.narrow", ["std.arg", 1], ["obj.new", ["entity", 1]]]]"#;
    let grants = || {
        vec![
            Capability::new("sys.create"),
            Capability::new("entity.control"),
        ]
    };
    let ok = format!(
        r#"["std.seq", {setup}, ["std.call_method", ["std.var", "a"], "rename", ["std.var", "c1"], "A"],
            ["std.call_method", ["std.var", "a"], "name"]]"#
    );
    assert_eq!(outcome(&ok, grants()).0, r#""A""#);
    let other = format!(
        r#"["std.seq", {setup}, ["std.call_method", ["std.var", "b"], "rename", ["std.var", "c1"], "B"]]"#
    );
    let (text, host) = outcome(&other, grants());
    assert!(text.starts_with("error E5025"), "{text}");
    assert_eq!(host.ops.names, ["a", "b"]);
    let widen = format!(
        r#"["std.seq", {setup}, ["std.call_method", ["std.var", "c1"], "narrow", ["obj.new", ["entity", 2]]]]"#
    );
    assert!(outcome(&widen, grants()).0.starts_with("error E5026"));
    // Restating the same restriction, or adding another, is narrowing and allowed.
    let same = format!(
        r#"["std.seq", {setup}, ["std.let", "c2", ["std.narrow", ["std.var", "c1"], ["obj.new", ["entity", 1], ["verb", "look"]]]],
            ["std.call_method", ["std.var", "a"], "rename", ["std.var", "c2"], "A2"],
            ["std.call_method", ["std.var", "a"], "name"]]"#
    );
    assert_eq!(outcome(&same, grants()).0, r#""A2""#);
}

#[test]
fn capability_scope_rules() {
    let parent = Capability::new("entity.control").restrict("entity", serde_json::json!(1));
    let child = parent
        .narrow([("verb".to_owned(), serde_json::json!("look"))])
        .unwrap();
    assert!(child.is_within(&parent));
    assert!(!parent.is_within(&child));
    assert!(
        parent
            .narrow([("entity".to_owned(), serde_json::json!(2))])
            .is_err()
    );
    assert!(child.permits("entity", &serde_json::json!(1)));
    assert!(!child.permits("entity", &serde_json::json!(2)));
    assert!(child.permits("room", &serde_json::json!(9)));
}

#[test]
fn this_and_caller_come_from_the_run_config() {
    let mut host = TestHost::with_ops(World::default());
    host.ops.names.push("lamp".into());
    let config = RunConfig {
        this: HostValue::Handle(HandleData {
            kind: "entity".into(),
            id: 1,
        }),
        caller: HostValue::Json(serde_json::json!({"player": "ada"})),
        ..Default::default()
    };
    let ir = r#"["list.new", ["std.call_method", ["std.this"], "name"], ["obj.get", ["std.caller"], "player"]]"#;
    let (text, _) = render(start(ir, &config, &mut host));
    assert_eq!(text, r#"["lamp","ada"]"#);
}

#[test]
fn capabilities_and_caller_survive_suspension_through_json() {
    let ir = r#"["std.seq",
        ["std.sleep", 10],
        ["std.let", "e", ["world.create", ["std.arg", 0], "late"]],
        ["list.new", ["std.call_method", ["std.var", "e"], "name"], ["std.caller"]]]"#;
    let mut host = TestHost::with_ops(World::default());
    let config = RunConfig {
        grants: vec![Capability::new("sys.create")],
        caller: HostValue::Json(serde_json::json!("ada")),
        ..Default::default()
    };
    let Outcome::Suspended { state, .. } = start(ir, &config, &mut host) else {
        panic!("expected the sleep to suspend");
    };
    let text = state.to_json().unwrap();
    let state = SuspendedState::from_json(&text).unwrap();
    let (got, _) = render(resume(state, &Default::default(), &mut host));
    assert_eq!(got, r#"["late","ada"]"#);
}
