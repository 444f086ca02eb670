//! Opcodes of the `js.*` namespace: TypeScript/JavaScript semantics the TypeScript front-end
//! lowers to when no portable opcode has them. Implemented in `weft_stdlib`'s `lang::js`.
//!
//! JavaScript has one number type (a double); Weft keeps ints and floats. The arithmetic
//! opcodes here compute in doubles, as JavaScript does, and give back an int whenever the
//! result is an integer of magnitude at most 2^53 (and not -0), a float otherwise, so a
//! value's int/float tag never shows in what a script prints.

use super::OpDef;
#[allow(unused_imports)]
use super::op;

#[rustfmt::skip]
pub(crate) static OPS: &[OpDef] = &[
    op("js.add", "a: any, b: any -> any", 1,
        "JavaScript `+`: string concatenation when either side is a string (the other converted as `String(x)` does), else the sum of the two numbers (booleans and null count as 0/1 and 0)."),
    op("js.sub", "a: any, b: any -> number", 1,
        "JavaScript `-` on numbers (booleans and null converted); the result is an int when it is an integer within ±2^53."),
    op("js.mul", "a: any, b: any -> number", 1,
        "JavaScript `*` on numbers; the result is an int when it is an integer within ±2^53."),
    op("js.div", "a: any, b: any -> number", 1,
        "JavaScript `/`: double division (`7/2` is 3.5, `1/0` Infinity, `0/0` NaN); an integral result within ±2^53 is an int."),
    op("js.mod", "a: any, b: any -> number", 1,
        "JavaScript `%`: the remainder with the sign of the dividend; a zero divisor gives NaN, never an error."),
    op("js.pow", "a: any, b: any -> number", 1,
        "JavaScript `**` computed in doubles (`2**53` is exact, `2**0.5` a float)."),
    op("js.neg", "a: any -> number", 1,
        "JavaScript unary `-`: `-0` is the float -0.0."),
    op("js.bitwise", "op: string, a: any, b?: any -> int", 1,
        "JavaScript bitwise operators on 32-bit integers: `op` is one of `&` `|` `^` `<<` `>>` `>>>` `~` (unary, `b` absent). Operands are converted with ToInt32 (ToUint32 for `>>>`)."),
    op("js.number", "value: any -> number", 1,
        "JavaScript `Number(value)` / unary `+`: numbers as they are, true 1, false and null 0, strings parsed as decimal (blank is 0, anything else unparsable is NaN), lists and objects NaN."),
    op("js.string", "value: any -> string", 1,
        "JavaScript `String(value)` (as template literals and `+` convert): numbers in JavaScript's shortest form (`3`, `0.1`, `1e+21`), lists joined by `,`, objects `[object Object]`, an error object `Name: message`. One gas per 16 bytes produced.").per(1),
    op("js.format", "...values: any -> string", 1,
        "The line `console.log(values...)` prints in node: strings as they are at the top level and quoted inside lists and objects, numbers in JavaScript's form, lists as `[ 1, 2 ]`, objects as `{ a: 1 }`, broken over lines and grouped the way node's `util.inspect` does. One gas per 16 bytes produced.").per(1),
    op("js.typeof", "value: any -> string", 1,
        "JavaScript `typeof`: `number`, `string`, `boolean`, `function`, `object` (lists, objects and null) or `undefined` (never, since Weft has no undefined value)."),
    op("js.get", "target: any, key: any -> any", 1,
        "JavaScript property read `target[key]`: an object's entry (null when missing), a list's element by index or its `length`, a string's character by index or its `length`; null for anything absent. Reading a property of null is a type error."),
    op("js.set", "target: any, key: any, value: any -> any", 1,
        "JavaScript property write `target[key] = value` on an object, or a list by index (writing at the length appends); yields the value."),
    op("js.has_fn", "target: any, name: string -> bool", 1,
        "True when `target` is an object holding a function under `name`: whether `target.name(...)` is a user method (called with `std.call_method`) rather than a built-in one (`js.method`)."),
    op("js.method", "receiver: any, name: string, ...args: any -> any", 2,
        "Calls a built-in JavaScript method of a string (`toUpperCase`, `split`, `slice`, `indexOf`, `padStart`, ...), an array (`push`, `map`, `filter`, `join`, `sort`, `reduce`, ...), a number (`toFixed`, `toString`) or an object (`hasOwnProperty`). One gas per element or 16 bytes handled, plus any callback calls.").per(1),
    op("js.global", "name: string, ...args: any -> any", 2,
        "Calls a JavaScript global function by name: `Math.*`, `JSON.stringify`/`JSON.parse`, `Object.keys`/`values`/`entries`/`assign`, `Array.isArray`/`Array.from`, `Number.isInteger`, `String.fromCharCode`, `parseInt`, `parseFloat`, `isNaN`, `isFinite`, `Boolean`, and `instanceof` (`[\"js.global\", \"instanceof\", x, \"Error\"]`). One gas per element or 16 bytes handled.").per(1),
    op("js.apply", "fn: fn, args: list, this?: any -> any", 2,
        "Calls a function with the elements of a list as its arguments (a call with spread arguments, `f(...xs)`), with `this` bound when given (`super(...args)`)."),
    op("js.caught", "error: object -> any", 1,
        "What a JavaScript `catch (e)` binds, from the error object `std.try_error` gives: the thrown value itself, or for a runtime error an object `{ name, message }` whose name is `TypeError` (E5010, E5013), `RangeError` (E5011, E5015, E5019) or `Error`."),
];
