//! Scripts that nest deeply, in each SDK language: literals inside literals, long chains of
//! prefix and binary operators, calls, member accesses and subscripts, parentheses,
//! lambdas, conditional expressions, `else if` chains and nested blocks, and brackets whose
//! closers hide in strings, comments and template text, where a check that counts
//! characters rather than tokens would see no nesting at all. A front-end must
//! compile each of them correctly when it is shallow and refuse it with its "nests too
//! deeply" diagnostic when it is not, at any depth, without exhausting its stack. The
//! front-ends' own tests and the CLI's run these lists at every depth in [`SIZES`]; a host
//! embedding Weft can run them against its own configuration too.

/// The depths every shape is tried at.
pub const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

/// One way of nesting, as a generator of scripts.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub name: &'static str,
    /// The script nested `n` levels deep (at 100 levels, a program that compiles).
    pub source: fn(usize) -> String,
    /// The deepest size worth generating (Python blocks nest by indentation, so their
    /// source grows with the square of the depth).
    pub max: usize,
}

/// Runs every shape at every size through a front-end's `compile`: each must give IR that
/// validates (only below the largest size) or be refused, above 100 levels, with `code`
/// alone and a span inside the source. Panics (it is meant for tests) on the first that
/// does neither.
pub fn check_front_end(
    shapes: &[Shape],
    code: &str,
    compile: impl Fn(&str) -> Result<crate::Node, Vec<crate::SourceDiagnostic>>,
) {
    let registry = crate::Registry::standard();
    for shape in shapes {
        for n in SIZES.into_iter().filter(|&n| n <= shape.max) {
            let source = (shape.source)(n);
            let what = format!("{} nested {n} deep", shape.name);
            match compile(&source) {
                Ok(node) => {
                    assert!(n < 100_000, "{what}: compiled");
                    let errors = crate::validate(&node, registry);
                    assert!(errors.is_empty(), "{what}: invalid IR: {:?}", errors[0]);
                }
                Err(diags) => {
                    assert!(n > 100, "{what}: refused: {diags:?}");
                    assert!(diags.iter().all(|d| d.code == code), "{what}: {diags:?}");
                    let span = &diags[0].span;
                    assert!(
                        span.start < span.end && span.end <= source.len(),
                        "{what}: span {span:?}"
                    );
                }
            }
        }
    }
}

const ANY: usize = usize::MAX;

/// For shapes that are flat in the source but lower to nested IR: past a few thousand,
/// a larger size only measures how fast the parser reads a long flat program.
const FLAT: usize = 10_000;

fn nest(open: &str, inner: &str, close: &str, n: usize) -> String {
    let mut s = String::with_capacity((open.len() + close.len()) * n + inner.len());
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str(inner);
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

/// `n` levels of `open`, in runs of at most 150, each run followed by an item `quote`d
/// around as many `close` as the run opened and by `sep`, then `inner` and the `n` real
/// closers: `[[["]]]", [["]]", 1]]]]]`.
fn closed_in_strings(
    open: &str,
    quote: &str,
    close: &str,
    sep: &str,
    inner: &str,
    n: usize,
) -> String {
    let mut s = String::new();
    let mut left = n;
    while left > 0 {
        let run = left.min(150);
        s.push_str(&open.repeat(run));
        s.push_str(quote);
        s.push_str(&close.repeat(run));
        s.push_str(quote);
        s.push_str(sep);
        left -= run;
    }
    s.push_str(inner);
    s.push_str(&close.repeat(n));
    s
}

fn chain(first: &str, link: &str, n: usize) -> String {
    let mut s = String::with_capacity(first.len() + link.len() * n);
    s.push_str(first);
    for _ in 1..n {
        s.push_str(link);
    }
    s
}

/// TypeScript shapes.
pub const TYPESCRIPT: &[Shape] = &[
    Shape {
        name: "array literal",
        source: |n| format!("let x = {};", nest("[", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "object literal",
        source: |n| format!("let x = {};", nest("{a: ", "1", "}", n)),
        max: ANY,
    },
    Shape {
        name: "unary minus",
        source: |n| format!("let x = {}1;", "- ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "logical not",
        source: |n| format!("let x = {}true;", "!".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "typeof",
        source: |n| format!("let x = {}1;", "typeof ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "binary chain",
        source: |n| format!("let x = {};", chain("1", " + 1", n)),
        max: ANY,
    },
    Shape {
        name: "power chain",
        source: |n| format!("let x = {};", chain("1", " ** 1", n)),
        max: ANY,
    },
    Shape {
        name: "nested calls",
        source: |n| {
            format!(
                "function f(a: number): number {{ return a; }}\nlet x = {};",
                nest("f(", "1", ")", n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "call chain",
        source: |n| {
            format!(
                "function f(a: any): any {{ return f; }}\nlet x = {};",
                chain("f(1)", "(1)", n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "member chain",
        source: |n| format!("let a: any = {{}};\nlet x = {};", chain("a.b", ".b", n)),
        max: ANY,
    },
    Shape {
        name: "subscript chain",
        source: |n| format!("let a: any = [1];\nlet x = {};", chain("a[0]", "[0]", n)),
        max: ANY,
    },
    Shape {
        name: "nested subscripts",
        source: |n| format!("let a: any = [0];\nlet x = {};", nest("a[", "0", "]", n)),
        max: ANY,
    },
    Shape {
        name: "parentheses",
        source: |n| format!("let x = {};", nest("(", "1", ")", n)),
        max: ANY,
    },
    Shape {
        name: "arrow functions",
        source: |n| format!("let x = {}1;", "() => ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "conditional chain",
        source: |n| format!("let c = true;\nlet x = {}1;", "c ? 1 : ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "else if chain",
        source: |n| {
            format!(
                "let c = 1;\nif (c == 0) {{}}\n{}",
                "else if (c == 1) {}\n".repeat(n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "blocks",
        source: |n| nest("{ ", "let x = 1;", " }", n),
        max: ANY,
    },
    Shape {
        name: "template literals",
        source: |n| format!("let x = {};", nest("`${", "1", "}`", n)),
        max: ANY,
    },
    Shape {
        name: "closers in strings",
        source: |n| {
            format!(
                "let x = {};",
                closed_in_strings("[", "\"", "]", ", ", "1", n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "a closer in a string at each level",
        source: |n| format!("let x = {};", nest("[\"]\", ", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "closers in block comments",
        source: |n| format!("let x = {};", nest("[ /* ] */ ", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "closers in line comments",
        source: |n| format!("let x = {};", nest("[ // ]\n", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "closers in template text",
        source: |n| {
            format!(
                "let x = {};",
                closed_in_strings("[", "`", "]", ", ", "1", n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "braces in strings in substitutions",
        source: |n| format!("let x = {};", nest("`${\"}\" + ", "1", "}`", n)),
        max: ANY,
    },
    Shape {
        name: "switch cases",
        source: |n| {
            let mut s = String::from("let c = 1;\nswitch (c) {\n");
            for i in 0..n {
                s += &format!("case {i}: c = 2; break;\n");
            }
            s + "}\n"
        },
        max: ANY,
    },
];

/// Lua shapes.
pub const LUA: &[Shape] = &[
    Shape {
        name: "table constructor",
        source: |n| format!("local x = {}", nest("{", "1", "}", n)),
        max: ANY,
    },
    Shape {
        name: "closers in strings",
        source: |n| {
            format!(
                "local x = {}",
                closed_in_strings("{", "\"", "}", ", ", "1", n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "closers in long strings",
        source: |n| format!("local x = {}", nest("{[[}]], ", "1", "}", n)),
        max: ANY,
    },
    Shape {
        name: "closers in block comments",
        source: |n| format!("local x = {}", nest("{ --[[ } ]] ", "1", "}", n)),
        max: ANY,
    },
    Shape {
        name: "closers in line comments",
        source: |n| format!("local x = {}", nest("{ -- }\n", "1", "}", n)),
        max: ANY,
    },
    Shape {
        name: "keyed table constructor",
        source: |n| format!("local x = {}", nest("{a = ", "1", "}", n)),
        max: ANY,
    },
    Shape {
        name: "unary minus",
        source: |n| format!("local x = {}1", "- ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "not",
        source: |n| format!("local x = {}true", "not ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "length",
        source: |n| format!("local x = {}\"a\"", "#".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "binary chain",
        source: |n| format!("local x = {}", chain("1", " + 1", n)),
        max: ANY,
    },
    Shape {
        name: "power chain",
        source: |n| format!("local x = {}", chain("1", " ^ 1", n)),
        max: ANY,
    },
    Shape {
        name: "concatenation chain",
        source: |n| format!("local x = {}", chain("\"a\"", " .. \"a\"", n)),
        max: ANY,
    },
    Shape {
        name: "and chain",
        source: |n| format!("local x = {}", chain("true", " and true", n)),
        max: ANY,
    },
    Shape {
        name: "nested calls",
        source: |n| {
            format!(
                "local function f(a) return a end\nlocal x = {}",
                nest("f(", "1", ")", n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "call chain",
        source: |n| {
            format!(
                "local function f(a) return f end\nlocal x = {}",
                chain("f(1)", "(1)", n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "string call chain",
        source: |n| {
            format!(
                "local function f(a) return f end\nlocal x = {}",
                chain("f\"a\"", "\"a\"", n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "field chain",
        source: |n| format!("local a = {{}}\nlocal x = {}", chain("a.b", ".b", n)),
        max: ANY,
    },
    Shape {
        name: "method chain",
        source: |n| format!("local a = {{}}\nlocal x = {}", chain("a:b()", ":b()", n)),
        max: ANY,
    },
    Shape {
        name: "subscript chain",
        source: |n| format!("local a = {{1}}\nlocal x = {}", chain("a[1]", "[1]", n)),
        max: ANY,
    },
    Shape {
        name: "nested subscripts",
        source: |n| format!("local a = {{1}}\nlocal x = {}", nest("a[", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "parentheses",
        source: |n| format!("local x = {}", nest("(", "1", ")", n)),
        max: ANY,
    },
    Shape {
        name: "nested functions",
        source: |n| format!("local x = {}", nest("function() return ", "1", " end", n)),
        max: ANY,
    },
    Shape {
        name: "elseif chain",
        source: |n| {
            format!(
                "local c = 1\nif c == 0 then\n{}end\n",
                "elseif c == 1 then\n".repeat(n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "do blocks",
        source: |n| nest("do ", "local x = 1", " end", n),
        max: ANY,
    },
    Shape {
        name: "repeat loops",
        source: |n| nest("repeat ", "local x = 1", " until true", n),
        max: ANY,
    },
];

/// Python shapes.
pub const PYTHON: &[Shape] = &[
    Shape {
        name: "list display",
        source: |n| format!("x = {}\n", nest("[", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "closers in strings",
        source: |n| format!("x = {}\n", closed_in_strings("[", "\"", "]", ", ", "1", n)),
        max: ANY,
    },
    Shape {
        name: "closers in triple-quoted strings",
        source: |n| format!("x = {}\n", nest("[\"\"\"]\n]\"\"\", ", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "closers in comments",
        source: |n| format!("x = {}\n", nest("[ # ]\n", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "closers in f-string text",
        source: |n| format!("x = {}\n", nest("[f\"]{1}]\", ", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "dict display",
        source: |n| format!("x = {}\n", nest("{1: ", "1", "}", n)),
        max: ANY,
    },
    Shape {
        name: "tuple display",
        source: |n| format!("x = {}\n", nest("(", "1", ",)", n)),
        max: ANY,
    },
    Shape {
        name: "set display",
        source: |n| format!("x = {}\n", nest("{", "1", "}", n)),
        max: ANY,
    },
    Shape {
        name: "unary minus",
        source: |n| format!("x = {}1\n", "-".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "not",
        source: |n| format!("x = {}True\n", "not ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "invert",
        source: |n| format!("x = {}1\n", "~".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "binary chain",
        source: |n| format!("x = {}\n", chain("1", "+1", n)),
        max: ANY,
    },
    Shape {
        name: "power chain",
        source: |n| format!("x = {}\n", chain("1", " ** 1", n)),
        max: ANY,
    },
    Shape {
        name: "nested calls",
        source: |n| format!("def f(a):\n    return a\nx = {}\n", nest("f(", "1", ")", n)),
        max: ANY,
    },
    Shape {
        name: "call chain",
        source: |n| format!("def f(a):\n    return f\nx = {}\n", chain("f(1)", "(1)", n)),
        max: ANY,
    },
    Shape {
        name: "attribute chain",
        source: |n| format!("a = 1\nx = {}\n", chain("a.b", ".b", n)),
        max: ANY,
    },
    Shape {
        name: "subscript chain",
        source: |n| format!("a = [1]\nx = {}\n", chain("a[0]", "[0]", n)),
        max: ANY,
    },
    Shape {
        name: "nested subscripts",
        source: |n| format!("a = [0]\nx = {}\n", nest("a[", "0", "]", n)),
        max: ANY,
    },
    Shape {
        name: "parentheses",
        source: |n| format!("x = {}\n", nest("(", "1", ")", n)),
        max: ANY,
    },
    Shape {
        name: "lambdas",
        source: |n| format!("x = {}1\n", "lambda: ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "lambdas with parameters",
        source: |n| format!("x = {}1\n", "lambda a, b: ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "conditional chain",
        source: |n| format!("c = True\nx = {}1\n", "1 if c else ".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "comprehension clauses",
        source: |n| format!("x = [1{}]\n", " for a in [1]".repeat(n)),
        max: ANY,
    },
    Shape {
        name: "elif chain",
        source: |n| {
            format!(
                "c = 1\nif c == 0:\n    pass\n{}",
                "elif c == 1:\n    pass\n".repeat(n)
            )
        },
        max: ANY,
    },
    Shape {
        name: "indented blocks",
        source: |n| {
            let mut s = String::new();
            for i in 0..n {
                s += &" ".repeat(i);
                s += "if True:\n";
            }
            s + &" ".repeat(n) + "pass\n"
        },
        max: 2_000,
    },
    Shape {
        name: "f-string replacement field",
        source: |n| format!("x = f\"{{{}}}\"\n", nest("[", "1", "]", n)),
        max: ANY,
    },
    Shape {
        name: "starred elements",
        source: |n| format!("x = {}\n", nest("[*", "[1]", "]", n)),
        max: ANY,
    },
    Shape {
        name: "dict unpacking",
        source: |n| format!("x = {}\n", nest("{**", "{}", "}", n)),
        max: ANY,
    },
    Shape {
        name: "dict unpacking run",
        source: |n| format!("a = {{}}\nx = {{{}}}\n", chain("**a", ", **a", n)),
        max: FLAT,
    },
    Shape {
        name: "except clauses",
        source: |n| {
            format!(
                "try:\n    pass\n{}",
                "except ValueError:\n    pass\n".repeat(n)
            )
        },
        max: FLAT,
    },
    Shape {
        name: "nested targets",
        source: |n| format!("{} = {}\n", nest("[", "a", "]", n), nest("[", "1", "]", n)),
        max: ANY,
    },
];
