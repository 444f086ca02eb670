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
    check("setmetatable({}, {})", false);
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
