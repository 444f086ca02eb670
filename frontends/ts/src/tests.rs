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
