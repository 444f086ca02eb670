//! Unit tests of the front-end's entry point: spans, diagnostics and that nothing panics.

use weft_ir::Registry;

fn check(source: &str) -> Result<String, Vec<String>> {
    crate::compile(source, Registry::standard())
        .map(|n| n.to_json())
        .map_err(|ds| {
            ds.iter()
                .map(|d| format!("{} {:?} {}", d.code, d.span, d.message))
                .collect()
        })
}

#[test]
fn spans_are_byte_offsets() {
    let errs = check("let a = 1;\nwith (a) {}").unwrap_err();
    assert_eq!(
        errs,
        vec!["E2002 11..15 `with` is not supported".to_owned()]
    );
}

#[test]
fn lowers_a_small_program() {
    assert!(check("const x = 1 + 2; console.log(x);").is_ok());
}

#[test]
fn deep_nesting_is_a_diagnostic() {
    let src = format!("{}1{}", "(".repeat(5000), ")".repeat(5000));
    assert!(check(&src).unwrap_err()[0].starts_with("E2005"));
    for n in [20_000, 200_000] {
        let src = format!("let x = 1{};", " + 1".repeat(n));
        assert!(check(&src).unwrap_err()[0].starts_with("E2005"));
    }
}

#[test]
fn chains_of_members_calls_keywords_and_elses_are_bounded() {
    for src in [
        format!("let a: any = {{}}; let x = a{};", ".b".repeat(20_000)),
        format!("let f: any = 0; let x = f{};", "(1)".repeat(20_000)),
        format!("let x = {}1;", "typeof ".repeat(300)),
        format!("let x = 1{};", " as any".repeat(20_000)),
        format!("let c = 1; if (c) {{}}{}", " else if (c) {}".repeat(2_000)),
    ] {
        assert!(
            check(&src).unwrap_err()[0].starts_with("E2005"),
            "{}",
            &src[..40]
        );
    }
    // Decimal points are not member accesses.
    assert!(check(&format!("let x = [{}];", "1.5, ".repeat(5_000))).is_ok());
}

#[test]
fn switch_with_too_many_cases_is_a_diagnostic_not_invalid_ir() {
    let cases: String = (0..500).map(|i| format!("case {i}: break; ")).collect();
    let src = format!("let c = 1; switch (c) {{ {cases}}}");
    assert!(check(&src).unwrap_err()[0].starts_with("E2005"));
}
