//! The pretty printer: canonical names, stable layout, valid JSON.
//!
//! Output is meant for diffs and review: a node that fits in the line width stays on one
//! line; a longer call keeps its head (and any leading names or parameter list) on the
//! first line and puts each remaining argument on its own line, two spaces in. The text
//! always parses back to the canonical tree.

use crate::node::Node;
use crate::registry::{ArgKind, Registry};

/// Line width the printer aims for.
pub const WIDTH: usize = 80;

/// `node` with every alias in call position replaced by its canonical name.
///
/// Only positions the registry says hold code are rewritten: quoted data, names and
/// parameter lists stay exactly as written. Unknown opcodes are left alone.
pub fn canonicalize(node: &Node, registry: &Registry) -> Node {
    let Node::Array(items) = node else {
        return node.clone();
    };
    let Some(Node::Str(head)) = items.first() else {
        return node.clone();
    };
    let Some((_, spec)) = registry.lookup(head) else {
        return node.clone();
    };
    let mut out = Vec::with_capacity(items.len());
    out.push(Node::Str(spec.name.clone()));
    for (i, arg) in items[1..].iter().enumerate() {
        out.push(match spec.arg_kind(i) {
            ArgKind::Expr | ArgKind::Lazy => canonicalize(arg, registry),
            ArgKind::Pair => match arg {
                Node::Array(pair) => {
                    Node::Array(pair.iter().map(|n| canonicalize(n, registry)).collect())
                }
                other => other.clone(),
            },
            ArgKind::Name | ArgKind::Params | ArgKind::Quote => arg.clone(),
        });
    }
    Node::Array(out)
}

/// Canonical, indented JSON text for an IR tree, ending in a newline.
pub fn pretty(node: &Node, registry: &Registry) -> String {
    let canonical = canonicalize(node, registry);
    let mut out = String::new();
    Printer { registry }.node(&canonical, 0, &mut out);
    out.push('\n');
    out
}

/// One-line JSON with a space after each comma and colon.
pub fn compact(node: &Node) -> String {
    let mut out = String::new();
    write_compact(node, &mut out);
    out
}

fn write_compact(node: &Node, out: &mut String) {
    match node {
        Node::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Node::Object(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&Node::Str(k.clone()).to_json());
                out.push_str(": ");
                write_compact(v, out);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_json()),
    }
}

struct Printer<'r> {
    registry: &'r Registry,
}

impl Printer<'_> {
    fn node(&self, node: &Node, indent: usize, out: &mut String) {
        let flat = compact(node);
        if indent + flat.len() <= WIDTH || !matches!(node, Node::Array(_) | Node::Object(_)) {
            out.push_str(&flat);
            return;
        }
        match node {
            Node::Array(items) => self.array(items, indent, out),
            Node::Object(fields) => self.object(fields, indent, out),
            _ => unreachable!("scalars are printed flat above"),
        }
    }

    fn array(&self, items: &[Node], indent: usize, out: &mut String) {
        // How many leading items stay on the opening line: a call's head, and the names
        // or parameter list right after it (`["std.let", "x",` / `["std.lambda", ["a"],`).
        let keep = match items.first() {
            Some(Node::Str(head)) => {
                let leading = self.registry.lookup(head).map_or(0, |(_, spec)| {
                    (0..items.len() - 1)
                        .take_while(|&i| {
                            matches!(spec.arg_kind(i), ArgKind::Name | ArgKind::Params)
                        })
                        .count()
                });
                1 + leading
            }
            _ => 0,
        };
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if i < keep {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(&compact(item));
            } else {
                newline(indent + 2, out);
                self.node(item, indent + 2, out);
            }
        }
        if keep == 0 {
            newline(indent, out);
        }
        out.push(']');
    }

    fn object(&self, fields: &[(String, Node)], indent: usize, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            newline(indent + 2, out);
            out.push_str(&Node::Str(k.clone()).to_json());
            out.push_str(": ");
            self.node(v, indent + 2, out);
        }
        newline(indent, out);
        out.push('}');
    }
}

fn newline(indent: usize, out: &mut String) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::from_json;

    fn check(input: &str, expect: &str) {
        let registry = Registry::standard();
        let node = from_json(input).unwrap();
        let text = pretty(&node, registry);
        assert_eq!(text, expect);
        assert_eq!(from_json(&text).unwrap(), canonicalize(&node, registry));
    }

    #[test]
    fn short_nodes_stay_on_one_line_with_canonical_names() {
        check(
            r#"["+",1,["*",2,3.0]]"#,
            "[\"math.add\", 1, [\"math.mul\", 2, 3.0]]\n",
        );
        check(r#"["std.quote",["+",1]]"#, "[\"std.quote\", [\"+\", 1]]\n");
    }

    #[test]
    fn long_calls_break_after_head_and_names() {
        let input = r#"["seq", ["let", "total", ["+", ["var", "alpha"], ["var", "beta"], ["var", "gamma"], 1000000]], ["log", "the total is", ["var", "total"]]]"#;
        check(
            input,
            r#"["std.seq",
  ["std.let", "total",
    ["math.add",
      ["std.var", "alpha"],
      ["std.var", "beta"],
      ["std.var", "gamma"],
      1000000]],
  ["std.log", "the total is", ["std.var", "total"]]]
"#,
        );
    }

    #[test]
    fn long_data_breaks_one_item_per_line() {
        let input = r#"["std.quote", {"name": "a fairly long string value here", "list": [1, 2, 3, "another long string value"]}]"#;
        check(
            input,
            r#"["std.quote",
  {
    "name": "a fairly long string value here",
    "list": [1, 2, 3, "another long string value"]
  }]
"#,
        );
    }
}
