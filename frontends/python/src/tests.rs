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
        "class A(metaclass=type): pass\nimport os\ny = eval('1')\n",
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

#[test]
fn nesting_is_bounded_where_it_nests_and_nowhere_else() {
    // Refused at the bracket past the limit.
    let deep = format!("x = {}1{}", "(".repeat(201), ")".repeat(201));
    let Err(diags) = crate::compile(&deep, Registry::standard()) else {
        panic!("201 parentheses compiled");
    };
    assert_eq!(diags[0].code, "E4024");
    assert_eq!(diags[0].span, 204..205);
    // Flat code is not nested however long it is: lists of negative numbers, chains of
    // comparisons and of `and`, brackets inside strings, f-strings with many fields.
    check(&format!("x = [{}]\n", "-1, ".repeat(20_000)), &[]);
    check(&format!("x = 1{}\n", " < 1".repeat(10_000)), &[]);
    check(&format!("x = True{}\n", " and True".repeat(10_000)), &[]);
    check(&format!("x = 1{}\n", " not in [1]".repeat(2_000)), &[]);
    check(&format!("x = '{}'\n", "(".repeat(10_000)), &[]);
    check(&format!("a = 1\nx = f'{}'\n", "{a}".repeat(1_000)), &[]);
    check(&"x = -1 + 2 * 3\n".repeat(10_000), &[]);
    // A chain that continues after a bracket counts what the bracket held.
    let half = "1+".repeat(3_000);
    check(&format!("x = ({half}1){half}1\n"), &["E4024"]);
}
