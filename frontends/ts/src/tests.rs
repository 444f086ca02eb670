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
        format!("let x = {}1;", "typeof ".repeat(6_000)),
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

/// The code of the first diagnostic, or "ok".
fn outcome(source: &str) -> String {
    match crate::compile(source, Registry::standard()) {
        Ok(_) => "ok".to_owned(),
        Err(ds) => ds[0].code.to_owned(),
    }
}

#[test]
fn nesting_hidden_behind_regular_expressions_and_recovery_is_refused() {
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    for (what, source) in [
        // A regular expression's `]` closes nothing.
        ("regex", format!("let x = {}1;", "[/]/, ".repeat(100_000))),
        // `a<b>` is an instantiation expression: the `/` after it divides by `deep`.
        (
            "after type arguments",
            format!("let a: any = 1, b: any = 1;\nlet x = a<b>/{deep}/1;"),
        ),
        // swc's recovery reads a regular expression after a binding (`/"/`), not a string.
        ("after a binding", format!("let x /\"/; {deep}; \"")),
        // A `/` at the start of a line may divide what the line before ended with, or
        // start a regular expression after a statement that ended with a type.
        ("at a line's start", format!("let x = 1\n/\"/; {deep}; \"")),
        ("after a type", format!("type T = {{}}\n/\"/; {deep}; \"")),
        (
            "after a block",
            format!("let c = 1; if (c) {{}} /\"/; {deep}; \""),
        ),
        (
            "after a function",
            format!("function f() {{}}\n/\"/; {deep}; \""),
        ),
        // swc recovers from a second `extends` by skipping to the body's `{`, template
        // text and all.
        (
            "after a second extends",
            format!("interface I extends A extends `${{ 1 }}{{ x: {deep} }}`"),
        ),
    ] {
        assert_eq!(outcome(&source), "E2005", "{what}");
    }
    assert_eq!(outcome("let x = [/]]]]]]/, 1];"), "E2002");
}

#[test]
fn statements_nested_without_braces_are_bounded() {
    for (what, source) in [
        (
            "if",
            format!("let c = 1; {}c = 2;", "if (c) ".repeat(100_000)),
        ),
        (
            "else if",
            format!(
                "let c = 1; if (c) c = 1; {}c = 2;",
                "else if (c) c = 1; ".repeat(100_000)
            ),
        ),
        (
            "while",
            format!("let c = 0; {}c = 2;", "while (c) ".repeat(100_000)),
        ),
        (
            "do",
            format!(
                "let c = 0; {}c = 2; {}",
                "do ".repeat(100_000),
                "while (c) ".repeat(100_000)
            ),
        ),
        ("labels", format!("{}x: ;", "a: ".repeat(100_000))),
        (
            "type arguments",
            format!(
                "type A<T> = T; let x: {}number{} = 1;",
                "A<".repeat(100_000),
                ">".repeat(100_000)
            ),
        ),
    ] {
        assert_eq!(outcome(&source), "E2005", "{what}");
    }
}

#[test]
fn large_flat_programs_and_brackets_in_literals_are_accepted() {
    let json: String = (0..720)
        .map(|i| format!("{{\\\"k{i}\\\": [1, 2, {{\\\"a\\\": [3, \\\"x]\\\"]}}]}}, "))
        .collect();
    assert!(json.len() > 30_000);
    for (what, source) in [
        ("numbers", format!("let x = [{}];", "1, ".repeat(100_000))),
        (
            "strings",
            format!("let x = [{}];", "\"ab[{(\", ".repeat(100_000)),
        ),
        (
            "keys",
            format!(
                "let o = {{ {} }};",
                (0..100_000)
                    .map(|i| format!("k{i}: {i}, "))
                    .collect::<String>()
            ),
        ),
        (
            "a JSON string",
            format!("let s = \"[{json}]\"; console.log(s.length);"),
        ),
        (
            "openers in a string",
            format!("let s = \"{}\";", "[{(".repeat(10_000)),
        ),
        (
            "openers in a comment",
            format!("/* {} */ let s = 1;", "[{(".repeat(10_000)),
        ),
        (
            "openers in template text",
            format!("let s = `{0}${{1}}{0}`;", "[{(".repeat(10_000)),
        ),
        (
            "lines without semicolons",
            format!("let x = 0\n{}", "x = x + 1\n".repeat(20_000)),
        ),
        (
            "functions",
            (0..10_000)
                .map(|i| format!("function f{i}(a: number) {{ return a }}\n"))
                .collect(),
        ),
        (
            "methods",
            format!(
                "class A {{ {} }}",
                (0..6_000)
                    .map(|i| format!("m{i}() {{ return 1 }} "))
                    .collect::<String>()
            ),
        ),
        (
            "if else",
            format!("let c = 1; {}", "if (c) {} else {}\n".repeat(10_000)),
        ),
        (
            "while",
            format!("let c = 0; {}", "while (c) {}\n".repeat(10_000)),
        ),
        (
            "do while",
            format!("let c = 0; {}", "do {} while (c)\n".repeat(10_000)),
        ),
        (
            "divisions across lines",
            format!(
                "let x = 1; let y = 0;\n{}",
                "y = x\n  / 2 / 3;\n".repeat(10_000)
            ),
        ),
    ] {
        assert_eq!(outcome(&source), "ok", "{what}");
    }
}

#[test]
fn too_many_open_readings_of_slashes_are_a_diagnostic() {
    // Each `/(/` could divide (opening a bracket) or be a regular expression.
    assert_eq!(outcome(&"a\n/(/g\n".repeat(10)), "E2010");
}
