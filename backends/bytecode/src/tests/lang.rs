//! Language semantics: scopes, closures, control flow, errors, methods, short-circuits.

use super::{check, check_logs, run_with};
use weft_runtime::Limits;

#[test]
fn literals_and_arithmetic() {
    check("42", "42");
    check("2.5", "2.5");
    check(r#""hi""#, r#""hi""#);
    check(r#"{"a": [1, null]}"#, r#"{"a":[1,null]}"#);
    check(r#"["+", 1, 2, 3]"#, "6");
    check(r#"["/", 7, 2]"#, "3.5");
    check(r#"["^", 2, 3, 2]"#, "512");
    check(r#"["<", 0, 5, 10]"#, "true");
    check(
        r#"["math.add", 9223372036854775807, 1]"#,
        "error E5011 at $",
    );
    check(
        r#"["std.seq", 1, ["math.mod", 1, 0]]"#,
        "error E5012 at $[2]",
    );
}

#[test]
fn let_var_set_and_scopes() {
    check(r#"["std.seq", ["std.let", "x", 1], ["std.var", "x"]]"#, "1");
    check(r#"["std.var", "nope"]"#, "null");
    check(
        r#"["std.seq", ["std.set", "nope", 1]]"#,
        "error E5013 at $[1]",
    );
    // An assignment to an unknown name on one path of a branch: the paths still meet at
    // one stack depth, and the error comes only if that path runs.
    check(
        r#"["std.if", 1, ["std.set", "a", 1], 2]"#,
        "error E5013 at $[2]",
    );
    check(r#"["std.if", false, ["std.set", "a", 1], 2]"#, "2");
    check(r#"["js.or", 1, ["std.set", "a", 1]]"#, "1");
    // An inner block's binding does not leak out.
    check(
        r#"["std.seq", ["std.let", "x", 1], ["std.seq", ["std.let", "x", 2]], ["std.var", "x"]]"#,
        "1",
    );
    // `local x = x`: the value is evaluated before the new binding exists.
    check(
        r#"["std.seq", ["std.let", "x", 1], ["std.seq", ["std.let", "x", ["+", ["std.var", "x"], 10]], ["std.var", "x"]]]"#,
        "11",
    );
    // A read before the inner let sees the outer binding.
    check(
        r#"["std.seq", ["std.let", "x", 1], ["std.seq", ["std.let", "y", ["std.var", "x"]], ["std.let", "x", 5], ["list.new", ["std.var", "y"], ["std.var", "x"]]]]"#,
        "[1,5]",
    );
    // `std.set` assigns the nearest existing binding, even an outer one.
    check(
        r#"["std.seq", ["std.let", "x", 1], ["std.seq", ["std.set", "x", 7]], ["std.var", "x"]]"#,
        "7",
    );
    check(r#"["std.if", false, 1]"#, "null");
    check(r#"["std.if", 0, 1, 2]"#, "2");
    check(r#"["std.if", "", 1, 2]"#, "2");
    check(r#"["std.if", ["list.new"], 1, 2]"#, "1");
}

#[test]
fn closures_capture_by_reference() {
    let counter = r#"["std.seq",
        ["std.let", "c", 0],
        ["std.let", "inc", ["std.lambda", [], ["std.set", "c", ["+", ["std.var", "c"], 1]]]],
        ["std.apply", ["std.var", "inc"]],
        ["std.apply", ["std.var", "inc"]],
        ["std.var", "c"]]"#;
    check(counter, "2");
    // Each loop iteration binds a fresh variable.
    let per_iteration = r#"["std.seq",
        ["std.let", "fs", ["list.new"]],
        ["std.for", "x", ["list.new", 1, 2, 3],
            ["list.push", ["std.var", "fs"], ["std.lambda", [], ["std.var", "x"]]]],
        ["list.map", ["std.var", "fs"], ["std.lambda", ["f"], ["std.apply", ["std.var", "f"]]]]]"#;
    check(per_iteration, "[1,2,3]");
    // Parameters captured by an inner closure.
    let adder = r#"["std.seq",
        ["std.let", "make", ["std.lambda", ["n"], ["std.lambda", ["x"], ["+", ["std.var", "x"], ["std.var", "n"]]]]],
        ["std.let", "add5", ["std.apply", ["std.var", "make"], 5]],
        ["std.apply", ["std.var", "add5"], 10]]"#;
    check(adder, "15");
    // Three levels: the innermost closure reaches the outermost variable.
    let deep = r#"["std.seq", ["std.let", "v", 3],
        ["std.apply", ["std.apply", ["std.lambda", [], ["std.lambda", [], ["*", ["std.var", "v"], 2]]]]]]"#;
    check(deep, "6");
}

#[test]
fn recursion_and_late_binding() {
    let fib = r#"["std.seq",
        ["std.let", "fib", ["std.lambda", ["n"],
            ["std.if", ["<", ["std.var", "n"], 2], ["std.var", "n"],
                ["+", ["std.apply", ["std.var", "fib"], ["-", ["std.var", "n"], 1]],
                      ["std.apply", ["std.var", "fib"], ["-", ["std.var", "n"], 2]]]]]],
        ["std.apply", ["std.var", "fib"], 10]]"#;
    check(fib, "55");
    // `even` refers to `odd`, declared after it.
    let mutual = r#"["std.seq",
        ["std.let", "even", ["std.lambda", ["n"], ["std.if", ["==", ["std.var", "n"], 0], true, ["std.apply", ["std.var", "odd"], ["-", ["std.var", "n"], 1]]]]],
        ["std.let", "odd", ["std.lambda", ["n"], ["std.if", ["==", ["std.var", "n"], 0], false, ["std.apply", ["std.var", "even"], ["-", ["std.var", "n"], 1]]]]],
        ["std.apply", ["std.var", "even"], 7]]"#;
    check(mutual, "false");
    // Missing parameters are null; extra ones are reachable through std.args.
    check(
        r#"["std.apply", ["std.lambda", ["a", "b"], ["list.new", ["std.var", "a"], ["std.var", "b"]]], 1]"#,
        "[1,null]",
    );
    check(
        r#"["std.apply", ["std.lambda", ["a"], ["std.args"]], 1, 2]"#,
        "[1,2]",
    );
    check(r#"["std.apply", 5]"#, "error E5016 at $");
}

#[test]
fn loops_break_continue_return() {
    // Sum of even i below 10, stopping when i reaches 7: 0 + 2 + 4 + 6 = 12.
    let sum = r#"["std.seq", ["std.let", "i", -1], ["std.let", "s", 0],
        ["std.while", true, ["std.seq",
            ["std.set", "i", ["+", ["std.var", "i"], 1]],
            ["std.if", ["==", ["std.var", "i"], 7], ["std.break"]],
            ["std.if", ["==", ["%", ["std.var", "i"], 2], 1], ["std.continue"]],
            ["std.set", "s", ["+", ["std.var", "s"], ["std.var", "i"]]]]],
        ["std.var", "s"]]"#;
    check(sum, "12");
    // `for` with break inside an expression that has pushed values.
    check(
        r#"["std.seq", ["std.let", "r", 0], ["std.for", "x", ["list.new", 1, 2, 3], ["std.set", "r", ["+", ["std.var", "x"], ["std.if", ["==", ["std.var", "x"], 2], ["std.break"], 0]]]], ["std.var", "r"]]"#,
        "1",
    );
    // Return from inside nested loops in a lambda.
    let find = r#"["std.apply", ["std.lambda", [],
        ["std.seq", ["std.for", "a", ["list.new", 1, 2], ["std.for", "b", ["list.new", 3, 4],
            ["std.if", ["==", ["*", ["std.var", "a"], ["std.var", "b"]], 8], ["std.return", ["list.new", ["std.var", "a"], ["std.var", "b"]]]]]],
        "none"]]]"#;
    check(find, "[2,4]");
    check(r#"["std.seq", ["std.return", 3], 4]"#, "3");
    check(r#"["std.for", "x", 5, null]"#, "error E5010 at $");
    check(r#"["std.while", false, 1]"#, "null");
}

#[test]
fn try_and_throw() {
    check(
        r#"["std.try", ["std.throw", "boom"], "e", ["str.concat", "caught: ", ["std.var", "e"]]]"#,
        r#""caught: boom""#,
    );
    check(
        r#"["std.try", ["obj.get", ["obj.new"], "k"], "e", ["std.var", "e"]]"#,
        r#""object has no key \"k\"""#,
    );
    check(r#"["std.try", 5, "e", 6]"#, "5");
    check(r#"["std.try", ["std.throw", 1]]"#, "null");
    // Unwinding across frames, then execution continues after the try.
    let across = r#"["std.seq", ["std.let", "f", ["std.lambda", [], ["std.throw", ["list.new", 1]]]],
        ["+", 1, ["std.try", ["std.apply", ["std.var", "f"]], "e", ["str.len", ["std.var", "e"]]]]]"#;
    check(across, "4");
    // Break out of a try inside a loop drops the handler: the later throw is uncaught.
    let stale = r#"["std.seq", ["std.while", true, ["std.try", ["std.break"], "e", 0]], ["std.throw", "late"]]"#;
    check(stale, "error E5018 at $[2]");
    // Limits are not catchable.
    let (got, _, _) = run_with(
        r#"["std.try", ["std.while", true, null], "e", 1]"#,
        Limits {
            gas: 100,
            ..Limits::default()
        },
        vec![],
    );
    assert_eq!(got, "error E5002 at $[1]");
}

#[test]
fn methods() {
    check(r#"["std.call_method", "abc", "upper"]"#, r#""ABC""#);
    check(
        r#"["std.call_method", ["list.new", 3, 1, 2], "sort"]"#,
        "[1,2,3]",
    );
    check(
        r#"["std.call_method", ["list.new", 1, 2], "map", ["std.lambda", ["x", "i"], ["+", ["std.var", "x"], ["std.var", "i"]]]]"#,
        "[1,3]",
    );
    check(
        r#"["std.call_method", "a,b", "split", ","]"#,
        r#"["a","b"]"#,
    );
    let obj = r#"["std.seq", ["std.let", "o", ["obj.new", ["n", 5], ["get", ["std.lambda", ["k"], ["+", ["obj.get", ["std.this"], "n"], ["std.var", "k"]]]]]],
        ["std.call_method", ["std.var", "o"], "get", 10]]"#;
    check(obj, "15");
    check(
        r#"["std.call_method", ["obj.new", ["a", 1]], "keys"]"#,
        r#"["a"]"#,
    );
    check(r#"["std.call_method", 5, "upper"]"#, "error E5017 at $");
}

#[test]
fn higher_order_opcodes_call_back() {
    check(
        r#"["list.map", ["list.new", 1, 2, 3], ["std.lambda", ["x"], ["*", ["std.var", "x"], 2]]]"#,
        "[2,4,6]",
    );
    check(
        r#"["list.filter", ["list.new", 1, 2, 3, 4], ["std.lambda", ["x"], ["==", ["%", ["std.var", "x"], 2], 0]]]"#,
        "[2,4]",
    );
    check(
        r#"["list.reduce", ["list.new", 1, 2, 3], ["std.lambda", ["a", "x"], ["+", ["std.var", "a"], ["std.var", "x"]]], 10]"#,
        "16",
    );
    check(
        r#"["list.sort", ["list.new", 1, 3, 2], ["std.lambda", ["a", "b"], ["-", ["std.var", "b"], ["std.var", "a"]]]]"#,
        "[3,2,1]",
    );
    check(
        r#"["list.find", ["list.new", 1, 5, 7], ["std.lambda", ["x"], [">", ["std.var", "x"], 4]]]"#,
        "5",
    );
    check(
        r#"["obj.map", ["obj.new", ["a", 1]], ["std.lambda", ["v", "k"], ["str.concat", ["std.var", "k"], ["std.var", "v"]]]]"#,
        r#"{"a":"a1"}"#,
    );
    // An error in a callback can be caught outside the opcode.
    check(
        r#"["std.try", ["list.map", ["list.new", 1], ["std.lambda", ["x"], ["std.throw", "in cb"]]], "e", ["std.var", "e"]]"#,
        r#""in cb""#,
    );
    // A try inside the callback catches there.
    check(
        r#"["list.map", ["list.new", 1, 2], ["std.lambda", ["x"], ["std.try", ["std.throw", "no"], "e", ["std.var", "x"]]]]"#,
        "[1,2]",
    );
}

#[test]
fn short_circuit_forms() {
    check(r#"["bool.and", 1, 0]"#, "false");
    check(r#"["bool.and", false, ["std.throw", "never"]]"#, "false");
    check(r#"["bool.or", 0, null, 3]"#, "true");
    check(r#"["bool.or", 0, ""]"#, "false");
    check(r#"["bool.guard", 1, 0, 2]"#, "0");
    check(r#"["bool.guard", 1, 2]"#, "2");
    check(r#"["bool.nullish", null, 0, 1]"#, "0");
    check(r#"["js.or", 0, "", "x"]"#, r#""x""#);
    check(r#"["js.and", 1, ["/", 0, 0], 2]"#, "null");
    check(r#"["lua.or", 0, "x"]"#, "0");
    check(r#"["lua.and", 0, "x"]"#, r#""x""#);
    check(r#"["py.and", ["list.new"], 1]"#, "[]");
    check(r#"["py.or", ["obj.new"], 0.0, "y"]"#, r#""y""#);
}

#[test]
fn quote_args_output() {
    check(
        r#"["std.quote", [1, ["a"], {"k": 2}]]"#,
        r#"[1,["a"],{"k":2}]"#,
    );
    // Quoted lists are fresh each time they are evaluated.
    check(
        r#"["std.seq", ["std.let", "f", ["std.lambda", [], ["std.quote", []]]], ["list.push", ["std.apply", ["std.var", "f"]], 1], ["std.apply", ["std.var", "f"]]]"#,
        "[]",
    );
    let (got, _, _) = run_with(
        r#"["list.new", ["std.arg", 1], ["std.arg", 5], ["std.args"]]"#,
        Limits::default(),
        vec![serde_json::json!("a"), serde_json::json!(2)],
    );
    assert_eq!(got, r#"[2,null,["a",2]]"#);
    check_logs(
        r#"["std.seq", ["std.log", "x", 1, 2.0, ["list.new", "s"]], ["std.lambda", [], 1]]"#,
        r#""<function>""#,
        &["x 1 2.0 [\"s\"]"],
    );
    check(r#"["std.typeof", ["std.lambda", [], 1]]"#, r#""function""#);
}

#[test]
fn hostile_programs_fail_cleanly() {
    for hostile in crate::hostile::PROGRAMS {
        let limits = hostile.limits();
        let (got, stats, _) = run_with(hostile.ir, limits, vec![]);
        match hostile.at {
            Some(at) => assert_eq!(
                got,
                format!("error {} at {at}", hostile.code),
                "{}",
                hostile.ir
            ),
            None => assert!(got.starts_with(&format!("error {}", hostile.code)), "{got}"),
        }
        assert!(stats.gas_used <= limits.gas);
    }
}

#[test]
fn garbage_is_collected_during_long_runs() {
    // Each iteration makes a 1 KiB string and drops it: 4000 iterations allocate about
    // 4 MiB, which only fits in a 2 MiB heap if garbage is collected.
    let ir = r#"["std.seq", ["std.let", "i", 0], ["std.while", ["<", ["std.var", "i"], 4000], ["std.seq",
        ["str.repeat", "x", 1024], ["std.set", "i", ["+", ["std.var", "i"], 1]]]], ["std.var", "i"]]"#;
    let (got, _, _) = run_with(
        ir,
        Limits {
            max_heap_bytes: 2 << 20,
            ..Limits::default()
        },
        vec![],
    );
    assert_eq!(got, "4000");
}

#[test]
fn binary_fast_path_agrees_with_the_builtins() {
    // Every operand pairing goes through `Op::Binary`; the expectations follow the
    // `math.*`/`bool.*` docs: ints stay ints and overflow is E5011, a float operand makes
    // a float, mixed and string comparisons go to the builtin.
    check(
        r#"["math.add", 9223372036854775806, 1]"#,
        "9223372036854775807",
    );
    check(
        r#"["math.add", 9223372036854775807, 1]"#,
        "error E5011 at $",
    );
    check(
        r#"["math.sub", -9223372036854775807, 2]"#,
        "error E5011 at $",
    );
    check(
        r#"["math.mul", 4611686018427387904, 2]"#,
        "error E5011 at $",
    );
    check(r#"["math.mul", 1.5, 2]"#, "3.0");
    check(r#"["math.mod", -7, 2]"#, "-1");
    check(r#"["math.mod", -9223372036854775808, -1]"#, "0");
    check(r#"["math.mod", 1, 0]"#, "error E5012 at $");
    check(r#"["math.mod", 7.5, 2.0]"#, "1.5");
    check(r#"["bool.lt", 1, 2.5]"#, "true");
    check(r#"["bool.gte", "b", "a"]"#, "true");
    check(r#"["bool.lt", ["math.div", 0, 0], 1.0]"#, "false");
    check(r#"["bool.eq", 1, 1.0]"#, "true");
    check(r#"["bool.neq", 2, 3]"#, "true");
    check(r#"["bool.lt", 1, "a"]"#, "error E5010 at $");
}

#[test]
fn python_arithmetic_and_comparisons_take_the_fast_path_with_python_results() {
    // `py.add` and friends compile to the two-operand fast path (ints, floats) and fall
    // back to the builtin for everything else; each expectation is Python's own result
    // (or, for overflow, Weft's documented OverflowError, raised as E5018).
    assert_compiles_to(r#"["py.add", ["std.arg", 0], 1]"#, "binary py.add");
    check(r#"["py.add", 2, 3]"#, "5");
    check(r#"["py.add", 1.5, 2.25]"#, "3.75");
    check(r#"["py.add", 1, 2.5]"#, "3.5");
    check(r#"["py.add", true, 1]"#, "2");
    check(r#"["py.add", "a", "b"]"#, r#""ab""#);
    check(r#"["py.iadd", 2, 3]"#, "5");
    check(r#"["py.sub", 2, 5]"#, "-3");
    check(r#"["py.mul", 6, 7]"#, "42");
    check(r#"["py.mul", 0.5, 3.0]"#, "1.5");
    check(r#"["py.add", 9223372036854775807, 1]"#, "error E5018 at $");
    check(r#"["py.sub", -9223372036854775807, 2]"#, "error E5018 at $");
    check(r#"["py.mul", 4611686018427387904, 2]"#, "error E5018 at $");
    check(r#"["py.lt", 1, 2]"#, "true");
    check(r#"["py.lt", 2.5, 1.5]"#, "false");
    check(r#"["py.le", 2, 2]"#, "true");
    check(r#"["py.gt", 1, 2.5]"#, "false");
    check(r#"["py.ge", "b", "a"]"#, "true");
    check(r#"["py.eq", 1, 1.0]"#, "true");
    check(r#"["py.eq", 1.5, 1.5]"#, "true");
    check(r#"["py.ne", 3, 4]"#, "true");
    check(r#"["py.lt", 1, "a"]"#, "error E5018 at $");
}

#[test]
fn javascript_addition_and_subtraction_take_the_fast_path_only_where_doubles_are_exact() {
    // `js.add` and `js.sub` have an int-only fast path within ±2^53; everything else is
    // the builtin's (JavaScript's numbers are doubles). Expectations as node prints them.
    assert_compiles_to(r#"["js.add", ["std.arg", 0], 1]"#, "binary js.add");
    check(r#"["js.add", 2, 3]"#, "5");
    check(r#"["js.add", 9007199254740990, 2]"#, "9007199254740992");
    // Past 2^53 the double rounds: 2^53 + 1 is 2^53.
    check(r#"["js.add", 9007199254740992, 1]"#, "9007199254740992");
    check(r#"["js.sub", 5, 7]"#, "-2");
    check(r#"["js.sub", -9007199254740992, 1]"#, "-9007199254740992");
    // Two doubles whose sum is whole: JavaScript has one number type, so it is 3.
    check(r#"["js.add", 1.5, 1.5]"#, "3");
    check(r#"["js.sub", 0.5, 0.25]"#, "0.25");
    check(r#"["js.add", "a", 1]"#, r#""a1""#);
}

#[test]
fn javascript_multiplication_and_remainder_take_the_fast_path_only_for_exact_int_results() {
    // `js.mul` and `js.mod` have an int-only fast path: operands and result within ±2^53,
    // and never a -0 (JavaScript's `0 * -5` and `-4 % 2`), which is a float. Expectations
    // from node: a * b and a % b, with Object.is(r, -0) telling -0 apart.
    assert_compiles_to(r#"["js.mul", ["std.arg", 0], 31]"#, "binary js.mul");
    check(r#"["js.mul", 6, 7]"#, "42");
    check(r#"["js.mul", -3, 4]"#, "-12");
    check(r#"["js.mul", 94906265, 94906265]"#, "9007199136250225");
    // 94906267^2 is 9007199515875289, past 2^53: the double rounds it.
    check(r#"["js.mul", 94906267, 94906267]"#, "9007199515875288.0");
    check(r#"["js.mul", 0, -5]"#, "-0.0");
    check(r#"["js.mul", -3, 0]"#, "-0.0");
    check(r#"["js.mod", 7, 3]"#, "1");
    check(r#"["js.mod", -7, 3]"#, "-1");
    check(r#"["js.mod", 7, -3]"#, "1");
    check(r#"["js.mod", 4, -2]"#, "0");
    check(r#"["js.mod", 0, -3]"#, "0");
    check(r#"["js.mod", -4, 2]"#, "-0.0");
    check(r#"["js.mod", 9007199254740992, 7]"#, "4");
}

#[test]
fn python_remainder_takes_the_fast_path_with_the_divisors_sign() {
    // `py.mod` on two ints floors (the result has the divisor's sign); a zero divisor is
    // the builtin's ZeroDivisionError. Expectations from python3's `a % b`.
    assert_compiles_to(r#"["py.mod", ["std.arg", 0], 3]"#, "binary py.mod");
    check(r#"["py.mod", 7, 3]"#, "1");
    check(r#"["py.mod", -7, 3]"#, "2");
    check(r#"["py.mod", 7, -3]"#, "-2");
    check(r#"["py.mod", -7, -3]"#, "-1");
    check(r#"["py.mod", 6, -3]"#, "0");
    check(r#"["py.mod", 5, -1]"#, "0");
    check(r#"["py.mod", -9223372036854775808, -1]"#, "0");
    check(
        r#"["py.mod", -9223372036854775807, 9223372036854775807]"#,
        "0",
    );
    check(r#"["py.mod", 7.5, 2]"#, "1.5");
    check(r#"["py.mod", 1, 0]"#, "error E5018 at $");
}

#[test]
fn lua_arithmetic_with_a_literal_operator_takes_the_fast_path_with_lua_results() {
    // `["lua.arith", "+", a, b]` (and `-`, `*`, `%`) compiles to the two-operand fast
    // path: two ints wrap around (`%` floors), two floats are IEEE (`%` has no float
    // path); everything else is `lua.arith`'s. The values are lua5.4's
    // (`lua5.4 -e 'print(math.maxinteger + 1, ...)'`).
    let text = assert_compiles_to(
        r#"["lua.arith", "+", ["std.arg", 0], 1]"#,
        "binary lua.arith +",
    );
    assert!(!text.contains("str "), "the operator is not pushed: {text}");
    let cases = [
        (
            r#"["lua.arith", "+", 9223372036854775807, 1]"#,
            "-9223372036854775808",
        ),
        (
            r#"["lua.arith", "-", -9223372036854775808, 1]"#,
            "9223372036854775807",
        ),
        (
            r#"["lua.arith", "*", 4611686018427387904, 2]"#,
            "-9223372036854775808",
        ),
        (
            r#"["lua.arith", "*", 3037000500, 3037000500]"#,
            "-9223372036709301616",
        ),
        (r#"["lua.arith", "-", 7, 10]"#, "-3"),
        (r#"["lua.arith", "+", 1.5, 2.25]"#, "3.75"),
        (r#"["lua.arith", "*", 0.5, 3.0]"#, "1.5"),
        (r#"["lua.arith", "+", 1, 2.5]"#, "3.5"),
        (r#"["lua.arith", "+", "10", 1]"#, "11"),
        (r#"["lua.arith", "*", "3", "4"]"#, "12"),
        (r#"["lua.arith", "-", "1.5", 1]"#, "0.5"),
        (r#"["lua.arith", "%", -7, 3]"#, "2"),
        (r#"["lua.arith", "%", 7, -3]"#, "-2"),
        (r#"["lua.arith", "%", -9223372036854775808, -1]"#, "0"),
        (r#"["lua.arith", "%", 5.5, 2]"#, "1.5"),
        (r#"["lua.arith", "%", 5, 0]"#, "error E5018 at $"),
        (r#"["lua.arith", "+", null, 1]"#, "error E5018 at $"),
        (r#"["lua.arith", "*", ["list.new"], 2]"#, "error E5018 at $"),
    ];
    for (ir, expect) in cases {
        check(ir, expect);
        // The same call with the operator computed at run time goes through the builtin
        // itself, with the same result and the same error message.
        let rest = &ir[r#"["lua.arith", "#.len()..];
        let end = rest[1..].find('"').expect("a quoted operator") + 2;
        let generic = format!(
            r#"["lua.arith", ["std.seq", {}]{}"#,
            &rest[..end],
            &rest[end..]
        );
        assert_compiles_to(&generic, "builtin lua.arith argc=3");
        let fast = super::program(ir);
        let slow = super::program(&generic);
        let outcome = |p: &crate::Program| {
            let out = crate::run(
                p,
                &crate::RunConfig::default(),
                &mut weft_runtime::TestHost::new(),
            );
            match out {
                crate::Outcome::Finished { value, .. } => value.to_string(),
                crate::Outcome::Failed { error, .. } => format!("{} {}", error.code, error.message),
                other => format!("{other:?}"),
            }
        };
        assert_eq!(outcome(&fast), outcome(&slow), "{ir} and {generic}");
    }
    // Operators without a fast path stay calls of the builtin.
    assert_compiles_to(r#"["lua.arith", "//", 7, 2]"#, "builtin lua.arith argc=3");
    check(r#"["lua.arith", "//", 7, 2]"#, "3");
}

/// Asserts that `ir` compiles to an instruction whose disassembly contains `want`
/// (`"binary js.add"`: the call took the two-operand fast path); returns the disassembly.
fn assert_compiles_to(ir: &str, want: &str) -> String {
    let text = crate::disassemble(&super::program(ir));
    assert!(
        text.contains(want),
        "{ir} does not compile to {want}:\n{text}"
    );
    text
}
