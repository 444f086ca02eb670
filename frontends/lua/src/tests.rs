//! Unit tests: lowering never panics and reports problems with spans.

use weft_ir::Registry;

fn check(source: &str, ok: bool) {
    let result = crate::compile(source, Registry::standard());
    assert_eq!(result.is_ok(), ok, "{source:?}: {result:?}");
}

#[test]
fn lowers_and_reports() {
    check("print(1 + 2)", true);
    check("local t = {1, 2, x = 3} print(#t, t.x)", true);
    check("print(", false);
    check("goto done ::done::", false);
    check("setmetatable({}, {})", true);
    check("local f = load(\"return 1\")", true);
    check("local src = 'return 1'; local f = load(src)", false);
}

#[test]
fn never_panics_on_fragments() {
    let samples = [
        "",
        "local",
        "function",
        "x = = 1",
        "for i = 1 do end",
        "return return",
        "...",
        "local function f(...) return ... end",
        "a.b.c:d(1)(2)[3] = 4",
        "\"\\xzz\"",
        "0x",
        "local s <close> = nil",
        "t = {[1]=1, 2, f()}",
        "while true do break end break",
    ];
    for s in samples {
        let _ = crate::compile(s, Registry::standard());
    }
}

#[test]
fn nesting_is_bounded_where_it_nests_and_nowhere_else() {
    let deep = format!("local x = {}1{}", "(".repeat(201), ")".repeat(201));
    let Err(diags) = crate::compile(&deep, Registry::standard()) else {
        panic!("201 parentheses compiled");
    };
    assert_eq!(diags[0].code, "E3023");
    assert_eq!(diags[0].span, 210..211);
    // Flat code is not nested however long it is.
    check(&format!("local x = {{{}}}", "-1, ".repeat(20_000)), true);
    check(&format!("local x = '{}'", "(".repeat(10_000)), true);
    check(&format!("-- {}\nlocal x = 1", "- ".repeat(10_000)), true);
    check(&"local x = -1 + 2 * 3\n".repeat(10_000), true);
    // A chain that continues after a bracket counts what the bracket held.
    let half = "1 + ".repeat(3_000);
    check(&format!("local x = ({half}1) + {half}1"), false);
}

/// A backtick is no Lua token: a syntax error at its position, not a crash of the lexer
/// (which reads it as a Luau string). Inside strings and comments it is text.
#[test]
fn a_backtick_is_a_syntax_error() {
    for source in ["print(`)", "x = 1 ` 2", "local s = [[`]] ` "] {
        let Err(diags) = crate::compile(source, Registry::standard()) else {
            panic!("{source:?} compiled");
        };
        let at = source.rfind('`').unwrap_or(0);
        assert_eq!(diags[0].code, "E3001", "{source:?}: {diags:?}");
        assert_eq!(diags[0].span, at..at + 1, "{source:?}");
    }
    for source in [
        "print('`')",
        "print(\"a`b\")",
        "-- `\nprint(1)",
        "--[[ ` ]] print([==[`]==])",
    ] {
        assert!(
            crate::compile(source, Registry::standard()).is_ok(),
            "{source:?} should compile"
        );
    }
}
