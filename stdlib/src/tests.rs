//! Unit tests for the opcode implementations, called directly on runtime values.

use weft_ir::Registry;
use weft_runtime::diagnostics as diag;
use weft_runtime::{Heap, Host, RuntimeError, TestHost, Value};

use super::*;

struct TestCtx {
    heap: Heap,
    host: TestHost,
    gas: u64,
}

impl Ctx for TestCtx {
    fn heap(&self) -> &Heap {
        &self.heap
    }
    fn heap_mut(&mut self) -> &mut Heap {
        &mut self.heap
    }
    fn host(&mut self) -> &mut dyn Host {
        &mut self.host
    }
    fn host_and_heap(&mut self) -> (&mut dyn Host, &mut Heap) {
        (&mut self.host, &mut self.heap)
    }
    fn charge(&mut self, gas: u64) -> Result<(), RuntimeError> {
        self.gas = self
            .gas
            .checked_sub(gas)
            .ok_or_else(|| diag::out_of_gas(0))?;
        Ok(())
    }
    fn call_this(
        &mut self,
        _f: Value,
        _this: Value,
        _args: &[Value],
    ) -> Result<Value, RuntimeError> {
        Err(diag::not_implemented("calls in stdlib unit tests"))
    }
}

fn ctx() -> TestCtx {
    TestCtx {
        heap: Heap::new(1 << 20),
        host: TestHost::new(),
        gas: 1_000_000,
    }
}

/// Runs `op` on arguments given as a JSON array; returns the display string of the
/// result, or `error E5xxx` when it fails.
fn run(c: &mut TestCtx, op: &str, args: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(args).unwrap();
    let serde_json::Value::Array(items) = json else {
        panic!("args must be an array")
    };
    let vals: Vec<Value> = items
        .iter()
        .map(|j| weft_runtime::from_json(&mut c.heap, j).unwrap())
        .collect();
    let b = lookup(op).unwrap_or_else(|| panic!("no builtin {op}"));
    let per_item = Registry::standard().lookup(op).unwrap().1.gas.per_item;
    match (b.func)(&mut Call {
        ctx: c,
        args: &vals,
        name: b.name,
        per_item,
    }) {
        Ok(v) => match v {
            Value::Str(_) => format!("{:?}", c.heap.str(v).unwrap()),
            _ => weft_runtime::display(&c.heap, v),
        },
        Err(e) => format!("error {}", e.code),
    }
}

fn check(op: &str, args: &str, expect: &str) {
    let got = run(&mut ctx(), op, args);
    assert_eq!(got, expect, "{op} {args}");
}

#[test]
fn every_registry_opcode_is_implemented_or_compiled() {
    for (_, spec) in Registry::standard().iter() {
        let here = lookup(&spec.name).is_some();
        let backend = BACKEND_OPS.contains(&spec.name.as_str());
        assert!(
            here != backend,
            "{} must be in exactly one place",
            spec.name
        );
    }
}

#[test]
fn arithmetic_and_overflow() {
    check("math.add", "[1, 2, 3]", "6");
    check("math.add", "[1, 2.5]", "3.5");
    check("math.add", "[9223372036854775807, 1]", "error E5011");
    check("math.sub", "[10, 3, 2]", "5");
    check("math.sub", "[-9223372036854775808, 1]", "error E5011");
    check("math.mul", "[4611686018427387904, 2]", "error E5011");
    check("math.mul", "[2, 3.0]", "6.0");
    check("math.neg", "[-9223372036854775808]", "error E5011");
    check("math.add", "[\"a\", 1]", "error E5010");
}

#[test]
fn division_and_modulo() {
    check("math.div", "[7, 2]", "3.5");
    check("math.div", "[6, 3]", "2.0");
    check("math.div", "[1, 0]", "Infinity");
    check("math.div", "[-1, 0]", "-Infinity");
    check("math.div", "[0, 0]", "NaN");
    check("math.div", "[100, 5, 2]", "10.0");
    check("math.mod", "[7, 3]", "1");
    check("math.mod", "[-7, 3]", "-1");
    check("math.mod", "[7, 0]", "error E5012");
    check("math.mod", "[-9223372036854775808, -1]", "0");
    check("math.mod", "[7.5, 2]", "1.5");
    check("math.idiv", "[7, 2]", "3");
    check("math.idiv", "[-7, 2]", "-4");
    check("math.idiv", "[7, -2]", "-4");
    check("math.idiv", "[-9223372036854775808, -1]", "error E5011");
    check("math.idiv", "[7, 0]", "error E5012");
    check("math.idiv", "[7.0, 2]", "3.0");
    check("math.fmod", "[-7, 3]", "2");
    check("math.fmod", "[7, -3]", "-2");
    check("math.fmod", "[-7.5, 2]", "0.5");
    check("math.fmod", "[6, 3]", "0");
}

#[test]
fn power_is_right_associative_and_checked() {
    check("math.pow", "[2, 3, 2]", "512");
    check("math.pow", "[2, 10]", "1024");
    check("math.pow", "[2, -1]", "0.5");
    check("math.pow", "[2, 64]", "error E5011");
    check("math.pow", "[-1, 9999999999]", "-1");
    check("math.pow", "[4, 0.5]", "2.0");
}

#[test]
fn rounding_keeps_type() {
    check("math.floor", "[3.7]", "3.0");
    check("math.floor", "[-3.2]", "-4.0");
    check("math.floor", "[5]", "5");
    check("math.round", "[2.5]", "3.0");
    check("math.round", "[-2.5]", "-3.0");
    check("math.trunc", "[-3.7]", "-3.0");
    check("math.ceil", "[3.1]", "4.0");
    check("math.abs", "[-4]", "4");
    check("math.sign", "[-4.5]", "-1.0");
    check("math.min", "[3, 1.5, 2]", "1.5");
    check("math.max", "[3, 7, 2]", "7");
    check("math.clamp", "[15, 0, 10]", "10");
    check("math.sqrt", "[9]", "3.0");
}

#[test]
fn bitwise() {
    check("math.band", "[12, 10]", "8");
    check("math.bor", "[12, 10]", "14");
    check("math.bxor", "[12, 10]", "6");
    check("math.bnot", "[0]", "-1");
    check("math.shl", "[1, 4]", "16");
    check("math.shl", "[1, 63]", "error E5011");
    check("math.shl", "[-1, 63]", "-9223372036854775808");
    check("math.shr", "[-16, 2]", "-4");
    check("math.shr", "[-16, 100]", "-1");
    check("math.shr", "[1, -1]", "error E5021");
    check("math.band", "[1.5, 1]", "error E5010");
}

#[test]
fn comparisons_chain() {
    check("bool.lt", "[0, 5, 10]", "true");
    check("bool.lt", "[0, 10, 5]", "false");
    check("bool.lte", "[1, 1, 2]", "true");
    check("bool.gt", "[\"b\", \"a\"]", "true");
    check("bool.lt", "[1, \"a\"]", "error E5010");
    check("bool.eq", "[1, 1.0, 1]", "true");
    check("bool.eq", "[\"a\", \"a\"]", "true");
    check("bool.eq", "[[1], [1]]", "false");
    check("bool.neq", "[1, 2, 1]", "true");
    check("bool.not", "[\"\"]", "true");
    check(
        "bool.lt",
        "[1, NaN]".replace("NaN", "null").as_str(),
        "error E5010",
    );
}

#[test]
fn conversions() {
    check("std.typeof", "[1.5]", "\"number\"");
    check("std.typeof", "[[]]", "\"array\"");
    check("std.typeof", "[null]", "\"null\"");
    check("std.number", "[\" 42 \"]", "42");
    check("std.number", "[\"2.5\"]", "2.5");
    check("std.number", "[\"abc\"]", "error E5019");
    check("std.number", "[\"inf\"]", "error E5019");
    check("std.int", "[-3.9]", "-3");
    check("std.int", "[\"7.9\"]", "7");
    check("std.int", "[1e300]", "error E5019");
    check("std.float", "[3]", "3.0");
    check("std.string", "[[1, \"a\"]]", "\"[1, \\\"a\\\"]\"");
    check("std.boolean", "[0.0]", "false");
    check("std.boolean", "[[]]", "true");
}

#[test]
fn js_number_conversion_of_non_ascii_strings() {
    // `Number("xé")` and `Number("0xé")` are NaN in JS; byte 2 is inside the `é`.
    check("js.sub", "[\"xé\", 1]", "NaN");
    check("js.sub", "[\"0xé\", 1]", "NaN");
    check("js.sub", "[\"0x1f\", 1]", "30");
}

#[test]
fn py_repeat_of_an_empty_sequence_by_a_huge_count_is_empty() {
    // Python: `[] * sys.maxsize == []`, `"" * sys.maxsize == ""`, `2 * [1, 2] == [1, 2, 1, 2]`.
    check("py.mul", "[[], 9223372036854775807]", "[]");
    check("py.mul", "[9223372036854775807, []]", "[]");
    check("py.mul", "[\"\", 9223372036854775807]", "\"\"");
    check("py.mul", "[2, [1, 2]]", "[1, 2, 1, 2]");
}

#[test]
fn strings_count_code_points() {
    check("str.len", "[\"héllo\"]", "5");
    check("str.len", "[\"😀a\"]", "2");
    check("str.slice", "[\"héllo\", 1, 3]", "\"él\"");
    check("str.slice", "[\"hello\", -3]", "\"llo\"");
    check("str.indexOf", "[\"héllo\", \"l\"]", "2");
    check("str.indexOf", "[\"abc\", \"z\"]", "-1");
    check(
        "str.split",
        "[\"a,b,,c\", \",\"]",
        "[\"a\", \"b\", \"\", \"c\"]",
    );
    check("str.split", "[\"ab\", \"\"]", "[\"a\", \"b\"]");
    check("str.upper", "[\"abc\"]", "\"ABC\"");
    check("str.trim", "[\"  x \"]", "\"x\"");
    check("str.replace", "[\"aXbX\", \"X\", \"-\"]", "\"a-bX\"");
    check("str.concat", "[\"a\", 1, 2.0, null]", "\"a12.0null\"");
    check("str.join", "[[1, \"b\"]]", "\"1b\"");
    check("str.repeat", "[\"ab\", 3]", "\"ababab\"");
    check("str.repeat", "[\"ab\", -1]", "error E5021");
    check("str.startsWith", "[\"hello\", \"he\"]", "true");
    check("str.endsWith", "[\"hello\", \"lo\"]", "true");
    check("str.includes", "[\"hello\", \"ell\"]", "true");
}

#[test]
fn hostile_sizes_fail_cleanly() {
    check("str.repeat", "[\"x\", 1e12]", "error E5003");
    check("str.repeat", "[\"x\", 9223372036854775807]", "error E5003");
}

#[test]
fn lists() {
    check("list.get", "[[1, 2, 3], -1]", "3");
    check("list.get", "[[1, 2, 3], 5]", "null");
    check("list.get", "[[1, 2, 3], 5, \"d\"]", "\"d\"");
    check("list.set", "[[1, 2], 2, 9]", "9");
    check("list.set", "[[1, 2], 3, 9]", "error E5015");
    check("list.push", "[[1], 2, 3]", "3");
    check("list.pop", "[[]]", "null");
    check("list.shift", "[[4, 5]]", "4");
    check("list.unshift", "[[4, 5], 1, 2]", "4");
    check("list.slice", "[[1, 2, 3, 4], 1, -1]", "[2, 3]");
    check("list.slice", "[[1, 2, 3], 2, 1]", "[]");
    check("list.splice", "[[1, 2, 3, 4], 1, 2, \"x\"]", "[2, 3]");
    check("list.concat", "[[1], [2, 3], []]", "[1, 2, 3]");
    check("list.includes", "[[1, 2], 2.0]", "true");
    check("list.indexOf", "[[1, 2], 3]", "-1");
    check("list.reverse", "[[1, 2, 3]]", "[3, 2, 1]");
    check("list.sort", "[[3, 1.5, 2]]", "[1.5, 2, 3]");
    check(
        "list.sort",
        "[[\"b\", \"a\", \"c\"]]",
        "[\"a\", \"b\", \"c\"]",
    );
    check("list.sort", "[[1, \"a\"]]", "error E5010");
    check("list.join", "[[1, 2, 3]]", "\"1,2,3\"");
    check("list.join", "[[1, 2], \"-\"]", "\"1-2\"");
    check("list.len", "[[1, 2]]", "2");
    check("list.empty", "[[]]", "true");
    check(
        "list.reduce",
        "[[], null]".replace("null", "1").as_str(),
        "error E5010",
    );
}

#[test]
fn splice_mutates_the_list() {
    let mut c = ctx();
    let l = c
        .heap
        .alloc_list(vec![Value::Int(1), Value::Int(2), Value::Int(3)])
        .unwrap();
    let b = lookup("list.splice").unwrap();
    let args = [l, Value::Int(0), Value::Int(1)];
    let removed = (b.func)(&mut Call {
        ctx: &mut c,
        args: &args,
        name: b.name,
        per_item: 1,
    })
    .unwrap();
    assert_eq!(weft_runtime::display(&c.heap, removed), "[1]");
    assert_eq!(weft_runtime::display(&c.heap, l), "[2, 3]");
}

#[test]
fn objects() {
    check(
        "obj.new",
        "[\"a\", 1, \"b\", 2, \"a\", 3]",
        "{\"a\": 3, \"b\": 2}",
    );
    check("obj.get", "[{\"a\": 1}, \"a\"]", "1");
    check("obj.get", "[{\"a\": 1}, \"b\"]", "error E5014");
    check("obj.get", "[{\"a\": 1}, \"b\", null]", "null");
    check("obj.has", "[{\"a\": 1}, \"a\"]", "true");
    check("obj.del", "[{\"a\": 1}, \"a\"]", "true");
    check("obj.keys", "[{\"b\": 1, \"a\": 2}]", "[\"b\", \"a\"]");
    check("obj.values", "[{\"b\": 1, \"a\": 2}]", "[1, 2]");
    check("obj.entries", "[{\"b\": 1}]", "[[\"b\", 1]]");
    check(
        "obj.merge",
        "[{\"a\": 1, \"b\": 1}, {\"a\": 2}]",
        "{\"a\": 2, \"b\": 1}",
    );
    check("obj.set", "[{}, \"k\", 5]", "5");
}

#[test]
fn json_ops() {
    check(
        "json.stringify",
        "[{\"a\": [1, 2.0, \"x\", null]}]",
        "\"{\\\"a\\\":[1,2.0,\\\"x\\\",null]}\"",
    );
    check(
        "json.parse",
        "[\"[1, 2.5, {\\\"k\\\": true}]\"]",
        "[1, 2.5, {\"k\": true}]",
    );
    check("json.parse", "[\"[1,\"]", "error E5022");
}

#[test]
fn time_ops() {
    check("time.now", "[]", "\"2024-01-01T00:00:00.000Z\"");
    check("time.from_timestamp", "[0]", "\"1970-01-01T00:00:00.000Z\"");
    check(
        "time.from_timestamp",
        "[951782400000]",
        "\"2000-02-29T00:00:00.000Z\"",
    );
    check(
        "time.to_timestamp",
        "[\"1970-01-02T00:00:01.5Z\"]",
        "86401500",
    );
    check(
        "time.parse",
        "[\"2024-03-10T10:00+02:00\"]",
        "\"2024-03-10T08:00:00.000Z\"",
    );
    check("time.parse", "[\"2023-02-29\"]", "error E5021");
    check(
        "time.offset",
        "[1, \"months\", \"2024-01-31T00:00:00Z\"]",
        "\"2024-02-29T00:00:00.000Z\"",
    );
    check(
        "time.offset",
        "[-1, \"days\", \"2024-03-01\"]",
        "\"2024-02-29T00:00:00.000Z\"",
    );
    check(
        "time.format",
        "[0, \"%Y/%m/%d %H:%M %a %j\"]",
        "\"1970/01/01 00:00 Thu 001\"",
    );
    check("time.format", "[0, \"%Q\"]", "error E5021");
}

#[test]
fn log_goes_to_the_host() {
    let mut c = ctx();
    run(&mut c, "std.log", "[\"a\", 1, 2.5, [1]]");
    run(&mut c, "std.warn", "[\"w\"]");
    assert_eq!(c.host.logs, vec!["a 1 2.5 [1]".to_owned()]);
    assert_eq!(c.host.warnings, vec!["w".to_owned()]);
    assert_eq!(run(&mut c, "std.throw", "[\"boom\"]"), "error E5018");
}

#[test]
fn per_item_gas_is_charged() {
    let mut c = ctx();
    c.gas = 1_000;
    // 64 bytes produced: 4 units of one gas.
    run(&mut c, "str.repeat", "[\"abcd\", 16]");
    assert_eq!(c.gas, 996);
    c.gas = 2;
    assert_eq!(run(&mut c, "str.repeat", "[\"abcd\", 16]"), "error E5002");
}

#[test]
fn methods_map_to_opcodes() {
    let mut c = ctx();
    let s = c.heap.alloc_str("abc").unwrap();
    let r = call_method(&mut c, s, "upper", &[]).unwrap();
    assert_eq!(c.heap.str(r), Some("ABC"));
    let n = call_method(&mut c, s, "length", &[]).unwrap();
    assert_eq!(n, Value::Int(3));
    let e = call_method(&mut c, s, "nope", &[]).unwrap_err();
    assert_eq!(e.code, "E5017");
    let e = call_method(&mut c, Value::Int(1), "upper", &[]).unwrap_err();
    assert_eq!(e.code, "E5017");
}
