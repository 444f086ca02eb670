//! Opcodes of the `lua.*` namespace: Lua semantics the Lua front-end lowers to
//! when no portable opcode has them. Implemented in `weft_stdlib`'s `lang::lua`.
//!
//! A Lua table is an IR object `{"lua.array": [...], "lua.hash": {...}, "lua.refs": {...}}`
//! (array part for keys 1..n, hash part with encoded keys); see `docs/frontends/lua.md`.

use super::OpDef;
#[allow(unused_imports)]
use super::op;

#[rustfmt::skip]
pub(crate) static OPS: &[OpDef] = &[
    op("lua.arith", "op: string, a: any, b?: any -> number", 1,
        "Lua arithmetic or bitwise operator `op` (`+ - * / % // ^ & | ~ << >>`, unary `neg` and `bnot`) with lua5.4 semantics: numeric strings are converted, integers wrap around, `/` and `^` give floats, `//` and `%` floor, shifts are logical."),
    op("lua.concat", "...parts: any -> string", 1,
        "Lua `..`: joins strings and numbers (floats printed as lua5.4's `tostring` does); any other value is an error. One gas per 16 bytes produced.").per(1),
    op("lua.len", "value: any -> int", 1,
        "Lua `#`: the byte length of a string, the length of a table's array part (a border), or of a list."),
    op("lua.truthy", "value: any -> bool", 1,
        "Lua truthiness: false only for null and false."),
    op("lua.table", "items: list, ...entries: any -> object", 1,
        "A Lua table: `items` become keys 1..n, then each following key/value argument pair is stored (nil values skipped). One gas per field.").per(1),
    op("lua.index", "table: any, key: any -> any", 1,
        "Lua `t[k]` on a table (a list reads 1-based, a plain object by string key); a miss goes on through the metatable's `__index` (a table, looked up in turn, or a function, called with `t` and `k`); nil when absent, an error for values that cannot be indexed."),
    op("lua.setindex", "table: any, key: any, value: any -> any", 1,
        "Lua `t[k] = v` (nil removes the entry; nil or NaN keys are errors); a new key of a table whose metatable has `__newindex` goes there instead (a table, assigned in turn, or a function, called with `t`, `k` and `v`); yields `v`."),
    op("lua.eq", "a: any, b: any -> bool", 1,
        "Lua `==`: numbers by value, strings by content, other values by identity; two different tables by their `__eq` metamethod when either has one."),
    op("lua.ne", "a: any, b: any -> bool", 1,
        "Lua `~=`: the negation of `lua.eq`."),
    op("lua.lt", "a: any, b: any -> bool", 1,
        "Lua `<`: numbers (an int and a float compared exactly), strings bytewise, otherwise the `__lt` metamethod; an error for anything else."),
    op("lua.le", "a: any, b: any -> bool", 1,
        "Lua `<=`: as `lua.lt`, with the `__le` metamethod."),
    op("lua.gt", "a: any, b: any -> bool", 1,
        "Lua `a > b`, which is `b < a` (`__lt` called with the operands swapped)."),
    op("lua.ge", "a: any, b: any -> bool", 1,
        "Lua `a >= b`, which is `b <= a`."),
    op("lua.lib", "name: string, args: list, line?: int, chunk?: string -> list", 2,
        "Calls the Lua library function `name` (`string.find`, `table.sort`, `tostring`, `select`, `error`...) with the arguments in `args` and yields the list of its results; `line` and `chunk` are the position `error` prefixes its message with (`chunk:line:`, chunk `script` when absent). Per-item gas is charged by the string and table functions as they work.").per(1),
];
