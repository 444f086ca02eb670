//! SDK typings for editors, generated from an opcode registry.
//!
//! [`sdk_typings`] turns every opcode a script can call as `ns.fn(args)` into a TypeScript
//! declaration file (`.d.ts`), a Python stub (`.pyi`, the module `weft`) or LuaLS
//! annotations (`---@meta`). The registry given is used whole, so an engine's host
//! opcodes (`engine.registry()`) appear next to the standard library.
//!
//! Some opcodes cannot be called as SDK functions, and are left out with a comment saying
//! why, in the place they would have been:
//! - special forms (`std.if`, `std.let`, ...): their arguments are not plain values, and
//!   each language writes them with its own syntax;
//! - names that are not identifiers in the language, or are its keywords (`bool.not` in
//!   Python and Lua, `str.repeat` in Lua): the front-end could not parse the call;
//! - names the front-end reads as the language's own library first (Lua's `math.floor`,
//!   TypeScript's `Math`/`JSON` globals, Lua's `string`/`table` libraries).

use std::fmt::Write;

use weft_ir::{OpSpec, Param, Registry, Ty};

use crate::Language;

/// The SDK typings for `language` from `registry`: a `.d.ts` for TypeScript, a `.pyi`
/// stub for Python, LuaLS annotations for Lua. IR has no typings (`None`).
///
/// ```
/// let engine = weft::Engine::new();
/// let dts = weft::sdk_typings(engine.registry(), weft::Language::TypeScript).unwrap();
/// assert!(dts.contains("declare const list: {"));
/// assert!(dts.contains("len(list: unknown[]): number;"));
/// assert!(weft::sdk_typings(engine.registry(), weft::Language::Ir).is_none());
/// ```
pub fn sdk_typings(registry: &Registry, language: Language) -> Option<String> {
    let target: &dyn Target = match language {
        Language::Ir => return None,
        Language::TypeScript => &Ts,
        Language::Lua => &Lua,
        Language::Python => &Py,
    };
    let mut out = String::new();
    target.header(&mut out);
    for (ns, ops) in namespaces(registry) {
        if let Some(why) = target.namespace_unusable(ns) {
            let _ = writeln!(
                out,
                "{} namespace `{ns}` left out ({} opcode{}): {why}\n",
                target.comment(),
                ops.len(),
                if ops.len() == 1 { "" } else { "s" }
            );
            continue;
        }
        target.open(&mut out, ns);
        for spec in ops {
            let short = &spec.name[ns.len() + 1..];
            let why = if !spec.is_strict() {
                Some("a special form, written with the language's own syntax".to_owned())
            } else {
                target.function_unusable(ns, short)
            };
            match why {
                Some(why) => {
                    let _ = writeln!(
                        out,
                        "{}{} `{}` left out: {why}",
                        target.indent(),
                        target.comment(),
                        spec.name
                    );
                }
                None => target.function(&mut out, ns, short, spec),
            }
        }
        target.close(&mut out, ns);
    }
    Some(out)
}

/// The registry's opcodes grouped by namespace, namespaces in order of first appearance.
fn namespaces(registry: &Registry) -> Vec<(&str, Vec<&OpSpec>)> {
    let mut groups: Vec<(&str, Vec<&OpSpec>)> = Vec::new();
    for (_, spec) in registry.iter() {
        let Some((ns, _)) = spec.name.split_once('.') else {
            continue;
        };
        match groups.iter_mut().find(|(name, _)| *name == ns) {
            Some((_, ops)) => ops.push(spec),
            None => groups.push((ns, vec![spec])),
        }
    }
    groups
}

/// The doc text followed by what the registry says about gas and capability.
fn doc_lines(spec: &OpSpec) -> Vec<String> {
    let mut lines: Vec<String> = spec.doc.lines().map(str::to_owned).collect();
    if let Some(cap) = &spec.capability {
        lines.push(format!(
            "Requires the `{cap}` capability as its first argument."
        ));
    }
    lines.push(format!(
        "Opcode `{}`: `{}`.",
        spec.name,
        spec.signature().trim_start()
    ));
    lines
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A parameter name that is a keyword gets a trailing `_`.
fn param_name(name: &str, keywords: &[&str]) -> String {
    if keywords.contains(&name) || !is_identifier(name) {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

/// One output language.
trait Target {
    fn header(&self, out: &mut String);
    fn comment(&self) -> &'static str;
    fn indent(&self) -> &'static str;
    fn namespace_unusable(&self, ns: &str) -> Option<String>;
    fn function_unusable(&self, ns: &str, short: &str) -> Option<String>;
    fn open(&self, out: &mut String, ns: &str);
    fn function(&self, out: &mut String, ns: &str, short: &str, spec: &OpSpec);
    fn close(&self, out: &mut String, ns: &str);
}

// ---- TypeScript ----------------------------------------------------------------------

struct Ts;

/// Reserved words of JavaScript and TypeScript that cannot name a binding.
const TS_RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "let",
    "static",
    "implements",
    "interface",
    "package",
    "private",
    "protected",
    "public",
    "await",
    "arguments",
    "eval",
];

impl Ts {
    fn ty(ty: Ty, returned: bool) -> &'static str {
        match (ty, returned) {
            (Ty::Any | Ty::Handle, false) => "unknown",
            (Ty::Any | Ty::Handle, true) => "any",
            (Ty::Null, _) => "null",
            (Ty::Bool, _) => "boolean",
            (Ty::Int | Ty::Float | Ty::Number, _) => "number",
            (Ty::String, _) => "string",
            (Ty::List, false) => "unknown[]",
            (Ty::List, true) => "any[]",
            (Ty::Object, false) => "Record<string, unknown>",
            (Ty::Object, true) => "Record<string, any>",
            (Ty::Fn, _) => "(...args: any[]) => any",
        }
    }

    fn param(p: &Param) -> String {
        let name = param_name(&p.name, TS_RESERVED);
        let ty = Ts::ty(p.ty, false);
        if p.rest {
            if ty.contains("=>") {
                format!("...{name}: Array<{ty}>")
            } else {
                format!("...{name}: {ty}[]")
            }
        } else if p.optional {
            format!("{name}?: {ty}")
        } else {
            format!("{name}: {ty}")
        }
    }
}

impl Target for Ts {
    fn header(&self, out: &mut String) {
        out.push_str(
            "// Weft SDK typings for TypeScript, generated by `weft sdk --lang ts` from the opcode\n\
             // registry. Each SDK namespace is a global object: `list.len(xs)` calls the opcode\n\
             // `list.len`. Special forms and names the front-end reads as JavaScript globals are\n\
             // left out, each with a comment.\n\n",
        );
    }

    fn comment(&self) -> &'static str {
        "//"
    }

    fn indent(&self) -> &'static str {
        "  "
    }

    fn namespace_unusable(&self, ns: &str) -> Option<String> {
        if weft_frontend_ts::is_js_global(ns) {
            Some("the front-end reads this name as a JavaScript global".to_owned())
        } else if !is_identifier(ns) || TS_RESERVED.contains(&ns) {
            Some("not a valid TypeScript binding name".to_owned())
        } else {
            None
        }
    }

    fn function_unusable(&self, _: &str, short: &str) -> Option<String> {
        // Property names may be reserved words (`list.new`), but must be identifiers.
        (!is_identifier(short)).then(|| "not a valid property name after `.`".to_owned())
    }

    fn open(&self, out: &mut String, ns: &str) {
        let _ = writeln!(
            out,
            "/** The `{ns}` SDK namespace. */\ndeclare const {ns}: {{"
        );
    }

    fn function(&self, out: &mut String, _: &str, short: &str, spec: &OpSpec) {
        out.push_str("  /**\n");
        for line in doc_lines(spec) {
            let _ = writeln!(out, "   * {}", line.replace("*/", "*\\/"));
        }
        out.push_str("   */\n");
        let params: Vec<String> = spec.params.iter().map(Ts::param).collect();
        // Quoted, a reserved word is an ordinary method name (`new(...)` alone would be a
        // construct signature).
        let key = if TS_RESERVED.contains(&short) {
            format!("\"{short}\"")
        } else {
            short.to_owned()
        };
        let _ = writeln!(
            out,
            "  {key}({}): {};",
            params.join(", "),
            Ts::ty(spec.returns, true)
        );
    }

    fn close(&self, out: &mut String, _: &str) {
        out.push_str("};\n\n");
    }
}

// ---- Python --------------------------------------------------------------------------

struct Py;

/// Python's keywords (hard ones: they cannot follow a `.`).
const PY_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

impl Py {
    fn ty(ty: Ty) -> &'static str {
        match ty {
            Ty::Any | Ty::Handle => "Any",
            Ty::Null => "None",
            Ty::Bool => "builtins.bool",
            Ty::Int => "builtins.int",
            // `float` accepts ints too (the numeric tower of PEP 484).
            Ty::Float | Ty::Number => "builtins.float",
            Ty::String => "builtins.str",
            Ty::List => "builtins.list[Any]",
            Ty::Object => "builtins.dict[builtins.str, Any]",
            Ty::Fn => "Callable[..., Any]",
        }
    }
}

impl Target for Py {
    fn header(&self, out: &mut String) {
        out.push_str(
            "# Weft SDK stub for Python (the module `weft`), generated by `weft sdk --lang python`\n\
             # from the opcode registry. Scripts call SDK opcodes as `ns.fn(args)`; a type checker\n\
             # sees the namespaces after `from weft import list, std, ...` (which Weft accepts and\n\
             # ignores). Namespaces are classes of static methods; arguments are positional only.\n\
             # Special forms and names that are Python keywords are left out, each with a comment.\n\n\
             import builtins\n\
             from typing import Any, Callable\n\n",
        );
    }

    fn comment(&self) -> &'static str {
        "#"
    }

    fn indent(&self) -> &'static str {
        "    "
    }

    fn namespace_unusable(&self, ns: &str) -> Option<String> {
        (!is_identifier(ns) || PY_KEYWORDS.contains(&ns))
            .then(|| "not a valid Python name".to_owned())
    }

    fn function_unusable(&self, _: &str, short: &str) -> Option<String> {
        (!is_identifier(short) || PY_KEYWORDS.contains(&short))
            .then(|| "a Python keyword cannot follow `.`".to_owned())
    }

    fn open(&self, out: &mut String, ns: &str) {
        let _ = writeln!(
            out,
            "class {ns}:\n    \"\"\"The `{ns}` SDK namespace.\"\"\"\n"
        );
    }

    fn function(&self, out: &mut String, _: &str, short: &str, spec: &OpSpec) {
        let mut params = Vec::new();
        let positional = spec.params.iter().filter(|p| !p.rest).count();
        for p in &spec.params {
            let name = param_name(&p.name, PY_KEYWORDS);
            let ty = Py::ty(p.ty);
            if p.rest {
                params.push(format!("*{name}: {ty}"));
            } else if p.optional {
                params.push(format!("{name}: {ty} = ..."));
            } else {
                params.push(format!("{name}: {ty}"));
            }
            if !p.rest && params.len() == positional {
                params.push("/".to_owned());
            }
        }
        let doc = doc_lines(spec)
            .join("\n        ")
            .replace('\\', "\\\\")
            .replace("\"\"\"", "\\\"\\\"\\\"");
        let _ = writeln!(
            out,
            "    @staticmethod\n    def {short}({}) -> {}:\n        \"\"\"{doc}\"\"\"\n",
            params.join(", "),
            Py::ty(spec.returns)
        );
    }

    fn close(&self, out: &mut String, _: &str) {
        out.push('\n');
    }
}

// ---- Lua -----------------------------------------------------------------------------

struct Lua;

const LUA_KEYWORDS: &[&str] = &[
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
    "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
];

impl Lua {
    fn ty(ty: Ty) -> &'static str {
        match ty {
            Ty::Any | Ty::Handle => "any",
            Ty::Null => "nil",
            Ty::Bool => "boolean",
            Ty::Int => "integer",
            Ty::Float | Ty::Number => "number",
            Ty::String => "string",
            Ty::List => "any[]",
            Ty::Object => "table<string, any>",
            Ty::Fn => "function",
        }
    }
}

impl Target for Lua {
    fn header(&self, out: &mut String) {
        out.push_str(
            "---@meta weft\n\
             -- Weft SDK annotations for LuaLS, generated by `weft sdk --lang lua` from the opcode\n\
             -- registry. SDK namespaces are globals: `list.len(xs)` calls the opcode `list.len`.\n\
             -- Special forms, keywords and names Lua's own libraries already use are left out,\n\
             -- each with a comment.\n\n",
        );
    }

    fn comment(&self) -> &'static str {
        "--"
    }

    fn indent(&self) -> &'static str {
        ""
    }

    fn namespace_unusable(&self, ns: &str) -> Option<String> {
        if weft_frontend_lua::is_lua_library(ns, None) {
            Some(format!("the front-end reads `{ns}` as Lua's own library"))
        } else if !is_identifier(ns) || LUA_KEYWORDS.contains(&ns) {
            Some("not a valid Lua name".to_owned())
        } else {
            None
        }
    }

    fn function_unusable(&self, ns: &str, short: &str) -> Option<String> {
        if !is_identifier(short) || LUA_KEYWORDS.contains(&short) {
            Some("a Lua keyword cannot follow `.`".to_owned())
        } else if ns == "math" && weft_frontend_lua::is_lua_library(ns, Some(short)) {
            Some("Lua's own `math` library has this name".to_owned())
        } else {
            None
        }
    }

    fn open(&self, out: &mut String, ns: &str) {
        if ns == "math" {
            out.push_str("-- `math` is Lua's own library; these SDK functions extend it.\n\n");
        } else {
            let _ = writeln!(out, "---The `{ns}` SDK namespace.\n{ns} = {{}}\n");
        }
    }

    fn function(&self, out: &mut String, ns: &str, short: &str, spec: &OpSpec) {
        for line in doc_lines(spec) {
            let _ = writeln!(out, "---{line}");
        }
        let mut names = Vec::new();
        for p in &spec.params {
            if p.rest {
                let _ = writeln!(out, "---@param ... {}", Lua::ty(p.ty));
                names.push("...".to_owned());
            } else {
                let name = param_name(&p.name, LUA_KEYWORDS);
                let optional = if p.optional { "?" } else { "" };
                let _ = writeln!(out, "---@param {name}{optional} {}", Lua::ty(p.ty));
                names.push(name);
            }
        }
        if spec.returns != Ty::Null {
            let _ = writeln!(out, "---@return {}", Lua::ty(spec.returns));
        }
        let _ = writeln!(out, "function {ns}.{short}({}) end\n", names.join(", "));
    }

    fn close(&self, _: &mut String, _: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry_with(name: &str, sig: &str) -> Registry {
        let mut registry = Registry::standard().clone();
        let gas = weft_ir::Gas {
            base: 1,
            per_item: 0,
        };
        let mut spec = OpSpec::new(name, sig, gas, "A host opcode.").unwrap();
        spec.capability = Some("sys.create".into());
        registry.register(spec).unwrap();
        registry
    }

    fn typings(registry: &Registry, language: Language) -> String {
        sdk_typings(registry, language).unwrap()
    }

    #[test]
    fn host_opcodes_join_every_language() {
        let registry = registry_with("world.create", "cap: any, name: string -> handle");
        let ts = typings(&registry, Language::TypeScript);
        assert!(ts.contains("declare const world: {"), "{ts}");
        assert!(
            ts.contains("  create(cap: unknown, name: string): any;"),
            "{ts}"
        );
        assert!(ts.contains("Requires the `sys.create` capability"), "{ts}");
        let py = typings(&registry, Language::Python);
        assert!(py.contains("class world:"), "{py}");
        assert!(
            py.contains("def create(cap: Any, name: builtins.str, /) -> Any:"),
            "{py}"
        );
        let lua = typings(&registry, Language::Lua);
        assert!(lua.contains("world = {}"), "{lua}");
        assert!(
            lua.contains(
                "---@param name string\n---@return any\nfunction world.create(cap, name) end"
            ),
            "{lua}"
        );
        // Without the host opcode, no namespace for it.
        let plain = typings(Registry::standard(), Language::TypeScript);
        assert!(!plain.contains("world"));
    }

    #[test]
    fn special_forms_are_left_out_with_a_comment() {
        for language in [Language::TypeScript, Language::Python, Language::Lua] {
            let text = typings(Registry::standard(), language);
            assert!(
                text.contains("`std.if` left out: a special form"),
                "{language:?}"
            );
            assert!(!text.contains("if("), "{language:?}");
        }
    }

    #[test]
    fn keywords_are_handled_per_language() {
        let ts = typings(Registry::standard(), Language::TypeScript);
        // A reserved word is quoted as a property, renamed as a parameter.
        assert!(
            ts.contains("  \"new\"(...items: unknown[]): any[];"),
            "{ts}"
        );
        assert!(ts.contains("  not(a: unknown): boolean;"));
        let py = typings(Registry::standard(), Language::Python);
        assert!(py.contains("# `bool.not` left out: a Python keyword"));
        assert!(py.contains("# `std.return` left out: a Python keyword"));
        let lua = typings(Registry::standard(), Language::Lua);
        assert!(lua.contains("-- `str.repeat` left out: a Lua keyword"));
        assert!(lua.contains("---@param end_? integer\n"), "{lua}");
        assert!(lua.contains("-- `math.floor` left out: Lua's own `math` library"));
        assert!(lua.contains("function math.clamp(x, lo, hi) end"));
        assert!(!lua.contains("math = {}"));
    }

    #[test]
    fn python_signatures_are_positional_with_rest_and_defaults() {
        let py = typings(Registry::standard(), Language::Python);
        assert!(
            py.contains(
                "def get(list: builtins.list[Any], index: builtins.int, default: Any = ..., /) -> Any:"
            ),
            "{py}"
        );
        assert!(
            py.contains("def push(list: builtins.list[Any], /, *values: Any) -> builtins.int:")
        );
        assert!(py.contains("def log(*values: Any) -> None:"));
        assert!(py.contains("def args() -> builtins.list[Any]:"));
    }

    #[test]
    fn unusable_namespaces_are_left_out() {
        let registry = registry_with("string.host_op", "-> any");
        let lua = typings(&registry, Language::Lua);
        assert!(
            lua.contains("-- namespace `string` left out (1 opcode)"),
            "{lua}"
        );
        let registry = registry_with("Math.host_op", "-> any");
        let ts = typings(&registry, Language::TypeScript);
        assert!(
            ts.contains("// namespace `Math` left out (1 opcode)"),
            "{ts}"
        );
        let registry = registry_with("lambda.host_op", "-> any");
        let py = typings(&registry, Language::Python);
        assert!(
            py.contains("# namespace `lambda` left out (1 opcode)"),
            "{py}"
        );
    }
}
