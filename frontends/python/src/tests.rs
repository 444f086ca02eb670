//! Unit tests of the Python front-end: diagnostics carry codes and spans, and no input
//! makes it panic.

use weft_ir::Registry;

fn check(source: &str, codes: &[&str]) {
    let registry = Registry::standard();
    match crate::compile(source, registry) {
        Ok(_) => assert!(codes.is_empty(), "{source:?} compiled, expected {codes:?}"),
        Err(diags) => {
            let got: Vec<&str> = diags.iter().map(|d| d.code).collect();
            assert_eq!(got, codes, "{source:?}");
            for d in &diags {
                assert!(
                    d.span.end <= source.len(),
                    "{source:?}: span {:?} out of bounds",
                    d.span
                );
            }
        }
    }
}

#[test]
fn supported_code_compiles() {
    check("x = [i * i for i in range(3)]\nprint(x)\n", &[]);
    check(
        "def f(a, b=2, *rest, k=1, **kw):\n    return a\nf(1, k=2, z=3)\n",
        &[],
    );
}

#[test]
fn every_problem_is_reported() {
    check(
        "class A: pass\nimport os\ny = eval('1')\n",
        &["E4010", "E4015", "E4016"],
    );
    check("def f(:\n", &["E4001"]);
    check("raise\n", &["E4025"]);
    check("x = 99999999999999999999\n", &["E4023"]);
    check("list.nope([])\n", &["E4022"]);
}

#[test]
fn odd_inputs_do_not_panic() {
    for source in [
        "",
        "\n\n",
        "(",
        "f'{",
        "x = 'é",
        "\u{feff}print(1)",
        "lambda: (yield)",
        "a[1:2] = 3",
        "del x",
        "@",
        "def f(*, a): pass\nf(b=1)",
    ] {
        let _ = crate::compile(source, Registry::standard());
    }
}
