//! Unit tests for the compiler, verifier, disassembler and VM.
//!
//! `check(ir, expect)` compiles and runs IR text with default limits and compares the
//! result: the compact JSON of the value, or `error CODE at PATH` when the run fails.
//! Every expectation is worked out by hand from the opcode docs.

mod gas;
mod host;
mod irgen;
mod lang;
mod prop;
mod suspend;

use weft_ir::Registry;
use weft_runtime::{Limits, TestHost};

use crate::{Outcome, RunConfig, Stats, compile, run};

/// Compiles IR text, panicking with the errors when it does not compile.
pub(crate) fn program(ir: &str) -> crate::Program {
    let node = weft_ir::from_json(ir).unwrap_or_else(|e| panic!("bad JSON {ir}: {e}"));
    compile(&node, Registry::standard()).unwrap_or_else(|e| panic!("does not compile: {ir}: {e:?}"))
}

/// Runs IR text; returns the rendered outcome, the stats, and the host.
pub(crate) fn run_with(
    ir: &str,
    limits: Limits,
    args: Vec<serde_json::Value>,
) -> (String, Stats, TestHost) {
    let prog = program(ir);
    let mut host = TestHost::new();
    let outcome = run(
        &prog,
        &RunConfig {
            limits,
            args,
            ..Default::default()
        },
        &mut host,
    );
    let (text, stats) = render(outcome);
    (text, stats, host)
}

pub(crate) fn render(outcome: Outcome) -> (String, Stats) {
    match outcome {
        Outcome::Finished { value, stats } => (value.to_string(), stats),
        Outcome::Failed { error, stats } => {
            let at = error.path.map(|p| format!(" at {p}")).unwrap_or_default();
            (format!("error {}{at}", error.code), stats)
        }
        Outcome::Suspended {
            wake_after_ms,
            stats,
            ..
        } => (format!("suspended {wake_after_ms}"), stats),
    }
}

pub(crate) fn check(ir: &str, expect: &str) {
    let (got, _, _) = run_with(ir, Limits::default(), Vec::new());
    assert_eq!(got, expect, "{ir}");
}

/// Checks the result and the log lines.
pub(crate) fn check_logs(ir: &str, expect: &str, logs: &[&str]) {
    let (got, _, host) = run_with(ir, Limits::default(), Vec::new());
    assert_eq!(got, expect, "{ir}");
    assert_eq!(host.logs, logs, "{ir}");
}

#[test]
fn sizes() {
    assert!(std::mem::size_of::<crate::Op>() <= 16);
    assert!(std::mem::size_of::<weft_runtime::Value>() <= 16);
}

#[test]
fn compile_rejects_invalid_ir_and_stray_break() {
    let node = weft_ir::from_json(r#"["nope.op", 1]"#).unwrap();
    let errs = compile(&node, Registry::standard()).unwrap_err();
    assert_eq!(errs[0].code, "E1012");
    let node = weft_ir::from_json(r#"["std.seq", ["std.break"]]"#).unwrap();
    let errs = compile(&node, Registry::standard()).unwrap_err();
    assert_eq!(
        (errs[0].code, errs[0].path.to_string()),
        ("E5102", "$[1]".to_owned())
    );
    // A loop outside the lambda does not count.
    let node =
        weft_ir::from_json(r#"["std.while", true, ["std.lambda", [], ["std.continue"]]]"#).unwrap();
    assert_eq!(
        compile(&node, Registry::standard()).unwrap_err()[0].code,
        "E5102"
    );
}

#[test]
fn disassembly_is_deterministic_text() {
    let text = crate::disassemble(&program(r#"["math.add", 1, 2, 3]"#));
    let expect = "\
fn #0 <main>: params=0 slots=0 captures=[] boxed_params=[] max_stack=3
  0000  gas 1            ; 1@$
  0001  int 1
  0002  int 2
  0003  int 3
  0004  builtin math.add argc=3
  0005  return
";
    assert_eq!(text, expect);
    // Two-argument arithmetic and comparisons get the inline fast path.
    let text = crate::disassemble(&program(r#"["bool.lt", 1, 2]"#));
    assert!(text.contains("  0003  binary bool.lt\n"), "{text}");
    // Adjacent charges share one instruction; a loop head starts a new one.
    let text = crate::disassemble(&program(
        r#"["std.seq", ["std.while", ["std.var", "x"], null]]"#,
    ));
    assert!(text.contains("gas 1            ; 1@$\n"), "{text}");
    assert!(
        text.contains("gas 2            ; 1@$[1] 1@$[1][1]\n"),
        "{text}"
    );
}

#[test]
fn verifier_rejects_broken_code() {
    use crate::program::Op;
    let mut prog = program("1");
    prog.funcs[0].code = vec![Op::Jump(7), Op::Return];
    prog.funcs[0].paths = vec![0, 0];
    assert!(
        crate::verify::verify(&mut prog)
            .unwrap_err()
            .1
            .contains("out of range")
    );
    // Two paths reach the return with different depths.
    prog.funcs[0].code = vec![
        Op::True,
        Op::JumpIfNot(3),
        Op::Int(1),
        Op::Int(2),
        Op::Return,
    ];
    prog.funcs[0].paths = vec![0; 5];
    assert!(
        crate::verify::verify(&mut prog)
            .unwrap_err()
            .1
            .contains("differs")
    );
    prog.funcs[0].code = vec![Op::Pop, Op::Return];
    prog.funcs[0].paths = vec![0; 2];
    assert!(
        crate::verify::verify(&mut prog)
            .unwrap_err()
            .1
            .contains("underflow")
    );
    // A Lua arithmetic kind must name `lua.arith`, whose operation it runs when its fast
    // path does not apply.
    let mut prog = program(r#"["math.add", ["lua.arith", "*", 2, 3], 1]"#);
    crate::verify::verify(&mut prog).expect("the compiler's own code verifies");
    for op in prog.funcs[0].code.iter_mut() {
        if let Op::Binary { kind, .. } = op {
            *kind = crate::program::BinOp::LuaAdd;
        }
    }
    assert!(
        crate::verify::verify(&mut prog)
            .unwrap_err()
            .1
            .contains("out of range")
    );
}
