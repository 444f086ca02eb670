//! Reference documentation generated from the registry (`docs/opcodes.md`).
//!
//! The file in the repository is checked against this output by a test, so the docs
//! cannot drift from the registry; `weft opcodes --markdown > docs/opcodes.md` refreshes it.

use std::fmt::Write;

use crate::registry::{ArgKind, Registry};

/// The opcode reference as Markdown.
pub fn opcodes_markdown(registry: &Registry) -> String {
    let mut out = String::new();
    out.push_str(
        "<!-- Generated from the opcode registry by `weft opcodes --markdown`; do not edit by hand. -->\n\
         # Opcode reference\n\n\
         Every opcode the standard registry provides. A call is `[\"name\", arg, ...]`; aliases are\n\
         accepted on input and printed as the canonical name.\n\n\
         Signatures read `name: type`; `?` marks an optional argument and `...` a variadic tail.\n\
         Argument kinds other than ordinary (evaluated first, left to right) are:\n\n\
         - `lazy`: evaluated by the opcode itself, maybe not at all or many times (special forms);\n\
         - `name`: a string literal naming a variable;\n\
         - `params`: an array of parameter names;\n\
         - `quote`: data taken as written;\n\
         - `pair`: a `[key, value]` array of two expressions.\n\n\
         Gas is charged each time a node is evaluated; `+N/item` adds N per unit of work the\n\
         opcode does (described in its doc line). See `docs/runtime.md` for the gas model.\n",
    );
    let mut namespace = "";
    for (_, spec) in registry.iter() {
        let ns = spec.name.split('.').next().unwrap_or("");
        if ns != namespace {
            namespace = ns;
            let _ = write!(
                out,
                "\n## `{ns}`\n\n| opcode | signature | aliases | gas | capability | description |\n|---|---|---|---|---|---|\n"
            );
        }
        let aliases: Vec<String> = spec
            .aliases
            .iter()
            .map(|a| format!("`{}`", escape(a)))
            .collect();
        let gas = if spec.gas.per_item > 0 {
            format!("{} +{}/item", spec.gas.base, spec.gas.per_item)
        } else {
            spec.gas.base.to_string()
        };
        let special = if spec.params.iter().any(|p| p.kind == ArgKind::Lazy) {
            " (special form)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} | {} | {}{} |",
            spec.name,
            escape(&spec.signature()),
            if aliases.is_empty() {
                "".to_owned()
            } else {
                aliases.join(" ")
            },
            gas,
            spec.capability
                .as_deref()
                .map_or(String::new(), |c| format!("`{c}`")),
            escape(&spec.doc),
            special,
        );
    }
    out
}

/// Escapes the characters that break a Markdown table cell.
fn escape(s: &str) -> String {
    s.replace('|', "\\|")
}
