//! Every higher-order SDK opcode calls back a function written in each source language
//! with ordinary arguments and uses its (first) result: `list.map`, `list.filter`,
//! `list.find`, `list.reduce`, `list.sort`, `obj.map`, `obj.filter` and `obj.reduce`, given
//! a Lua, a Python and a TypeScript function, on both backends.
//!
//! The expected lines are worked out from the opcode docs (`docs/opcodes.md`) for the
//! list `[3, 1, 2]` and the object `{"a": 1, "b": 2}`:
//! map ×10 → `[30,10,20]`; filter `> 1` → `[3,2]`; find `< 3` → `1` (the first);
//! reduce `acc + x` from 100 → `106`; sort with `b - a` (a negative result orders the first
//! argument first) → `[3,2,1]`; obj.map `key .. value` → `{"a":"a1","b":"b2"}`; obj.filter
//! `value > 1` → `{"b":2}`; obj.reduce `acc .. key` from `""` → `"ab"`.

mod common;

use common::{temp_file, text, weft};

const EXPECTED: &str =
    "[30,10,20]\n[3,2]\n1\n106\n[3,2,1]\n{\"a\":\"a1\",\"b\":\"b2\"}\n{\"b\":2}\n\"ab\"\n";

const LUA: &str = r#"local xs = list.new(3, 1, 2)
print(json.stringify(list.map(xs, function(x) return x * 10 end)))
local function big(x) return x > 1 end
print(json.stringify(list.filter(xs, big)))
print(json.stringify(list.find(xs, function(x) return x < 3 end)))
print(json.stringify(list.reduce(xs, function(acc, x) return acc + x end, 100)))
print(json.stringify(list.sort(xs, function(a, b) return b - a end)))
local o = json.parse('{"a": 1, "b": 2}')
print(json.stringify(obj.map(o, function(v, k) return k .. v end)))
print(json.stringify(obj.filter(o, function(v, k) return v > 1 end)))
print(json.stringify(obj.reduce(o, function(acc, v, k) return acc .. k end, "")))
"#;

const PYTHON: &str = r#"from weft import list, obj, json
xs = [3, 1, 2]
print(json.stringify(list.map(xs, lambda x: x * 10)))
def big(x):
    return x > 1
print(json.stringify(list.filter(xs, big)))
print(json.stringify(list.find(xs, lambda x: x < 3)))
print(json.stringify(list.reduce(xs, lambda acc, x: acc + x, 100)))
print(json.stringify(list.sort(xs, lambda a, b: b - a)))
o = {"a": 1, "b": 2}
print(json.stringify(obj.map(o, lambda v, k: k + str(v))))
print(json.stringify(obj.filter(o, lambda v, k: v > 1)))
print(json.stringify(obj.reduce(o, lambda acc, v, k: acc + k, "")))
"#;

const TYPESCRIPT: &str = r#"import { list, obj, json } from "weft";
const xs = [3, 1, 2];
console.log(json.stringify(list.map(xs, (x: number) => x * 10)));
function big(x: number) { return x > 1; }
console.log(json.stringify(list.filter(xs, big)));
console.log(json.stringify(list.find(xs, (x: number) => x < 3)));
console.log(json.stringify(list.reduce(xs, (acc: number, x: number) => acc + x, 100)));
console.log(json.stringify(list.sort(xs, (a: number, b: number) => b - a)));
const o = { a: 1, b: 2 };
console.log(json.stringify(obj.map(o, (v: number, k: string) => k + v)));
console.log(json.stringify(obj.filter(o, (v: number, k: string) => v > 1)));
console.log(json.stringify(obj.reduce(o, (acc: string, v: number, k: string) => acc + k, "")));
"#;

fn check(file: &str, source: &str) {
    let path = temp_file("callbacks", file, source);
    for backend in ["vm", "jit"] {
        let out = weft(&["run", "--backend", backend, path.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{file} on {backend}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stdout), EXPECTED, "{file} on {backend}");
    }
}

#[test]
fn a_lua_function_is_an_ordinary_callback() {
    check("callbacks.lua", LUA);
}

#[test]
fn a_python_function_is_an_ordinary_callback() {
    check("callbacks.py", PYTHON);
}

#[test]
fn a_typescript_function_is_an_ordinary_callback() {
    check("callbacks.ts", TYPESCRIPT);
}

/// A Lua function returning several values gives a callback's caller its first one, and
/// one returning none gives nil: `list.map` of `x, -x` is `[3,1,2]`, of nothing `[null,...]`.
#[test]
fn a_lua_callback_with_several_or_no_results_gives_its_first() {
    let source = "local xs = list.new(3, 1, 2)\n\
        print(json.stringify(list.map(xs, function(x) return x, -x end)))\n\
        print(json.stringify(list.map(xs, function(x) end)))\n";
    let path = temp_file("callbacks", "results.lua", source);
    for backend in ["vm", "jit"] {
        let out = weft(&["run", "--backend", backend, path.to_str().unwrap()]);
        assert!(out.status.success(), "{backend}: {}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            "[3,1,2]\n[null,null,null]\n",
            "{backend}"
        );
    }
}
