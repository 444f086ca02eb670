//! The world's acceptance tests, through its library (built on the public `weft` API) and
//! its binary. Expected values are worked out by hand from the verbs in `verbs/` and the
//! starting world: #1 root, #2 thing (child of #1), #3 lamp and #4 box (children of #2).

use std::path::PathBuf;
use std::process::Command;

use serde_json::json;
use weft::Capability;
use weft_world::{RunResult, World};

/// A fresh world file for one test.
fn db(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("weft-world-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{tag}.sqlite"));
    let _ = std::fs::remove_file(&path);
    path
}

fn world(tag: &str) -> World {
    let mut world = World::open(&db(tag)).unwrap();
    world.init().unwrap();
    world
}

fn control(entity: i64) -> Capability {
    Capability::new("entity.control").restrict("entity", json!(entity))
}

fn finished(result: RunResult) -> serde_json::Value {
    match result {
        RunResult::Finished(value) => value,
        other => panic!("expected a result, got {other:?}"),
    }
}

fn failed(result: RunResult) -> weft::RuntimeError {
    match result {
        RunResult::Failed(error) => error,
        other => panic!("expected a failure, got {other:?}"),
    }
}

fn name_of(world: &World, id: i64) -> serde_json::Value {
    world.entity(id).unwrap().unwrap().props["name"].clone()
}

#[test]
fn lua_verb_calls_python_verb_calls_typescript_verb_on_the_same_entity() {
    let mut world = world("polyglot");
    let listing = world.look().unwrap();
    for verb in ["greet (lua)", "shout (py)", "decorate (ts)"] {
        assert!(listing.contains(verb), "{verb} in {listing}");
    }
    // greet("ada") -> "<" .. shout("ada") .. ">"; shout -> decorate("ADA") .. "!";
    // decorate -> "ADA of " .. name. The verbs live on #2 and run with `this` = target.
    let report = world.call(3, "greet", vec![json!("ada")], vec![]).unwrap();
    assert_eq!(finished(report.result), json!("<ADA of lamp!>"));
    let report = world.call(4, "greet", vec![json!("bo")], vec![]).unwrap();
    assert_eq!(finished(report.result), json!("<BO of box!>"));
    // Properties and verbs are both inherited: #4 has no description of its own.
    let report = world.call(4, "look", vec![], vec![]).unwrap();
    assert_eq!(finished(report.result), json!("box: a thing"));
}

#[test]
fn a_script_without_the_capability_is_denied_naming_it() {
    let mut world = world("denied");
    let error = failed(
        world
            .call(3, "rename", vec![json!("X")], vec![])
            .unwrap()
            .result,
    );
    assert_eq!(error.code, "E5025");
    assert!(
        error.message.contains("`entity.control`"),
        "{}",
        error.message
    );
    // A capability of the right name for another entity does not do either.
    let error = failed(
        world
            .call(3, "rename", vec![json!("X")], vec![control(4)])
            .unwrap()
            .result,
    );
    assert_eq!(error.code, "E5025");
    assert!(
        error.message.contains("`entity.control`"),
        "{}",
        error.message
    );
    // Nor does data that looks like one, or another capability.
    let forged = json!({"name": "entity.control", "scope": {}});
    let error = failed(
        world
            .call(3, "rename", vec![json!("X"), forged], vec![])
            .unwrap()
            .result,
    );
    assert_eq!(error.code, "E5025");
    let error = failed(
        world
            .call(
                3,
                "make",
                vec![json!("cup")],
                vec![Capability::new("entity.control")],
            )
            .unwrap()
            .result,
    );
    assert_eq!(error.code, "E5025");
    assert!(error.message.contains("`sys.create`"), "{}", error.message);
    assert_eq!(name_of(&world, 3), json!("lamp"));
    assert!(world.entity(5).unwrap().is_none(), "nothing was created");
    // With the capabilities, both work.
    let report = world
        .call(3, "rename", vec![json!("Lampy")], vec![control(3)])
        .unwrap();
    assert_eq!(finished(report.result), json!("#3 is now called Lampy"));
    let report = world
        .call(
            3,
            "make",
            vec![json!("cup")],
            vec![Capability::new("sys.create")],
        )
        .unwrap();
    assert_eq!(finished(report.result), json!(5));
    let cup = world.entity(5).unwrap().unwrap();
    assert_eq!(cup.parent, Some(3));
    assert_eq!(cup.props["description"], json!("made by #3"));
}

#[test]
fn a_delegated_capability_cannot_exceed_its_parent() {
    let mut world = world("delegation");
    // `delegate` narrows entity.control to {entity: 3, prop: "description"} and passes it on.
    let report = world
        .call(
            3,
            "delegate",
            vec![json!("describe"), json!("a shiny lamp")],
            vec![control(3)],
        )
        .unwrap();
    assert_eq!(finished(report.result), json!("a shiny lamp"));
    // The narrowed capability does not reach another property...
    let error = failed(
        world
            .call(
                3,
                "delegate",
                vec![json!("rename"), json!("Hacked")],
                vec![control(3)],
            )
            .unwrap()
            .result,
    );
    assert_eq!(error.code, "E5025");
    assert!(
        error
            .message
            .contains(r#"{"entity":3,"prop":"description"}"#),
        "{}",
        error.message
    );
    assert_eq!(name_of(&world, 3), json!("lamp"));
    // ...and a capability for #4 cannot be narrowed into one for #3.
    let error = failed(
        world
            .call(
                3,
                "delegate",
                vec![json!("describe"), json!("mine now")],
                vec![control(4)],
            )
            .unwrap()
            .result,
    );
    assert_eq!(error.code, "E5026");
    assert_eq!(
        world.entity(3).unwrap().unwrap().props["description"],
        json!("a shiny lamp")
    );
    // The same rule through the API: a narrowed capability is within its parent, never more.
    let child = control(3)
        .narrow([("prop".to_owned(), json!("description"))])
        .unwrap();
    assert!(child.is_within(&control(3)));
    assert!(!control(3).is_within(&child));
    assert!(
        control(3)
            .narrow([("entity".to_owned(), json!(4))])
            .is_err()
    );
}

#[test]
fn a_sleeping_task_waits_for_its_time_and_then_finishes() {
    let mut world = world("tick");
    let report = world
        .call(3, "ring", vec![json!(60_000)], vec![control(3)])
        .unwrap();
    assert_eq!(report.output, "lamp will ring in 60000 ms\n");
    let RunResult::Sleeping { task, wake_at } = report.result else {
        panic!("expected the verb to sleep: {:?}", report.result);
    };
    assert!(world.tick(wake_at - 1).unwrap().is_empty());
    let done = world.tick(wake_at).unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!((done[0].task, done[0].label.as_str()), (task, "#3:ring"));
    assert_eq!(done[0].report.output, "lamp rings! (1 so far)\n");
    let RunResult::Finished(value) = &done[0].report.result else {
        panic!("{:?}", done[0].report.result);
    };
    assert_eq!(value, &json!(1));
    assert!(world.tasks().unwrap().is_empty());
}

#[test]
fn verbs_called_through_world_call_cannot_sleep_and_unknown_verbs_are_errors() {
    let mut world = world("nested");
    world
        .program(2, "nap", "nap.ts", "std.sleep(10); \"rested\";")
        .unwrap();
    world
        .program(
            2,
            "wake",
            "wake.lua",
            "return world.call(std.this(), \"nap\")",
        )
        .unwrap();
    let error = failed(world.call(3, "wake", vec![], vec![]).unwrap().result);
    assert_eq!(error.code, "E5021");
    assert!(
        error.message.contains("#3:nap tried to sleep"),
        "{}",
        error.message
    );
    assert!(world.tasks().unwrap().is_empty());
    let error = failed(world.call(3, "dance", vec![], vec![]).unwrap().result);
    assert!(
        error.message.contains("#3 has no verb `dance`"),
        "{}",
        error.message
    );
    // A verb that does not compile is refused with the front-end's diagnostics.
    let err = world
        .program(2, "bad", "bad.py", "class A(metaclass=type): pass\n")
        .unwrap_err();
    assert!(err.to_string().contains("E4010"), "{err}");
}

fn world_bin(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_world"))
        .args(args)
        .output()
        .expect("the world binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_task_sleeps_in_one_process_and_finishes_in_the_next() {
    let path = db("processes");
    let db = path.to_str().unwrap();
    let (ok, _, err) = world_bin(&["init", db]);
    assert!(ok, "{err}");
    // Process 2: the verb prints, sleeps, and the process exits with the task saved.
    let (ok, out, err) = world_bin(&[
        "call",
        db,
        "3",
        "ring",
        "200",
        "--grant",
        "entity.control:3",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.starts_with("lamp will ring in 200 ms\ntask 1 is sleeping for "),
        "{out}"
    );
    let (_, out, _) = world_bin(&["look", db]);
    assert!(out.contains("task 1: #3:ring sleeping until"), "{out}");
    // Process 3 loads the task from SQLite and finishes it, capability and all.
    let (ok, out, err) = world_bin(&["tick", db, "--wait"]);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "task 1 (#3:ring) resumed\nlamp rings! (1 so far)\n=> 1\n"
    );
    // Process 4 sees the property the resumed task wrote, and no task left.
    let (_, out, _) = world_bin(&["look", db]);
    assert!(
        out.contains(r#"#3 (parent #2) {"name":"lamp","description":"a brass lamp","rings":1}"#),
        "{out}"
    );
    assert!(!out.contains("task "), "{out}");
    let (_, out, _) = world_bin(&["tick", db]);
    assert_eq!(out, "no task is due (0 sleeping)\n");
}

#[test]
fn cli_denies_and_reports_with_exit_status_1() {
    let path = db("cli");
    let db = path.to_str().unwrap();
    assert!(world_bin(&["init", db]).0);
    let (ok, out, _) = world_bin(&["call", db, "#3", "rename", "Lampy"]);
    assert!(!ok);
    assert!(out.contains("error[E5025]"), "{out}");
    assert!(out.contains("`entity.control`"), "{out}");
    let (ok, out, _) = world_bin(&["call", db, "3", "greet", "ada"]);
    assert!(ok);
    assert_eq!(out, "=> \"<ADA of lamp!>\"\n");
}

#[test]
fn the_demo_runs_end_to_end() {
    let path = db("demo");
    let (ok, out, err) = world_bin(&["demo", "--db", path.to_str().unwrap()]);
    assert!(ok, "{err}\n{out}");
    for line in [
        "=> \"<ADA of lamp!>\"",
        "error[E5025]: `world.set` needs the `entity.control` capability",
        "=> \"#3 is now called Lampy\"",
        "Lampy will ring in 300 ms",
        "task 1 (#3:ring) resumed\nLampy rings! (1 so far)\n=> 1",
    ] {
        assert!(out.contains(line), "{line:?} in\n{out}");
    }
}

#[test]
fn sdk_typings_include_the_world_opcodes() {
    let (ok, out, _) = world_bin(&["sdk", "--lang", "ts"]);
    assert!(ok);
    assert!(out.contains("declare const world: {"), "{out}");
    assert!(
        out.contains("call(target: number, verb: string, ...args: unknown[]): any;"),
        "{out}"
    );
    assert!(out.contains("Requires the `entity.control` capability"));
}
