//! The validator: checks an IR tree against the registry before anything runs.
//!
//! It walks every expression, reports every problem it finds (not only the first), and
//! names each by JSON path. Arguments are checked by the kind the registry gives their
//! position: expressions recursively, names as strings, parameter lists as arrays of
//! distinct names, object entries as pairs; quoted data is left as written.

use crate::diagnostics as diag;
use crate::diagnostics::IrError;
use crate::node::{MAX_DEPTH, Node};
use crate::path::JsonPath;
use crate::registry::{ArgKind, Registry};

/// Every problem in `node` as an IR expression; empty when it is valid.
pub fn validate(node: &Node, registry: &Registry) -> Vec<IrError> {
    let mut v = Validator {
        registry,
        errors: Vec::new(),
    };
    v.expr(node, &JsonPath::root(), 0);
    v.errors
}

struct Validator<'r> {
    registry: &'r Registry,
    errors: Vec<IrError>,
}

impl Validator<'_> {
    fn expr(&mut self, node: &Node, path: &JsonPath, depth: usize) {
        let items = match node {
            Node::Array(items) => items,
            Node::Object(_) => return self.data(node, path, depth),
            _ => return,
        };
        if depth >= MAX_DEPTH {
            return self.errors.push(diag::too_deep(path));
        }
        let Some(first) = items.first() else {
            return self.errors.push(diag::empty_array(path));
        };
        let Node::Str(name) = first else {
            return self
                .errors
                .push(diag::head_not_string(path, &describe(first)));
        };
        let Some((_, spec)) = self.registry.lookup(name) else {
            let suggestion = self.registry.suggest(name);
            return self
                .errors
                .push(diag::unknown_opcode(path, name, suggestion));
        };
        let args = &items[1..];
        if !spec.arity.accepts(args.len()) {
            self.errors.push(diag::wrong_arity(
                path,
                &spec.name,
                spec.arity,
                args.len(),
                &spec.signature(),
            ));
        }
        for (i, arg) in args.iter().enumerate() {
            let arg_path = path.index(i + 1);
            match spec.arg_kind(i) {
                ArgKind::Expr | ArgKind::Lazy => self.expr(arg, &arg_path, depth + 1),
                ArgKind::Name => self.name(arg, &arg_path, &spec.name),
                ArgKind::Params => self.params(arg, &arg_path),
                ArgKind::Quote => self.data(arg, &arg_path, depth + 1),
                ArgKind::Pair => match arg {
                    Node::Array(pair) if pair.len() == 2 => {
                        self.expr(&pair[0], &arg_path.index(0), depth + 2);
                        self.expr(&pair[1], &arg_path.index(1), depth + 2);
                    }
                    other => self
                        .errors
                        .push(diag::bad_pair(&arg_path, &describe(other))),
                },
            }
        }
    }

    fn name(&mut self, node: &Node, path: &JsonPath, op: &str) {
        match node {
            Node::Str(s) if s.is_empty() => self.errors.push(diag::empty_name(path)),
            Node::Str(_) => {}
            other => self
                .errors
                .push(diag::name_not_string(path, op, &describe(other))),
        }
    }

    fn params(&mut self, node: &Node, path: &JsonPath) {
        let Node::Array(items) = node else {
            return self.errors.push(diag::bad_params(path, &describe(node)));
        };
        for (i, item) in items.iter().enumerate() {
            let item_path = path.index(i);
            match item {
                Node::Str(s) if s.is_empty() => self.errors.push(diag::empty_name(&item_path)),
                Node::Str(s) => {
                    if items[..i]
                        .iter()
                        .any(|prev| matches!(prev, Node::Str(p) if p == s))
                    {
                        self.errors.push(diag::duplicate_param(&item_path, s));
                    }
                }
                other => self
                    .errors
                    .push(diag::bad_params(&item_path, &describe(other))),
            }
        }
    }

    /// Data is not checked, but its depth is bounded like everything else.
    fn data(&mut self, node: &Node, path: &JsonPath, depth: usize) {
        if depth_exceeds(node, MAX_DEPTH.saturating_sub(depth)) {
            self.errors.push(diag::too_deep(path));
        }
    }
}

/// Whether `node` nests deeper than `limit`, looking no deeper than that.
fn depth_exceeds(node: &Node, limit: usize) -> bool {
    let children: Box<dyn Iterator<Item = &Node>> = match node {
        Node::Array(items) => Box::new(items.iter()),
        Node::Object(fields) => Box::new(fields.iter().map(|(_, v)| v)),
        _ => return false,
    };
    limit == 0 || children.into_iter().any(|c| depth_exceeds(c, limit - 1))
}

/// A short description of a node for messages: its kind, and its value when short.
pub fn describe(node: &Node) -> String {
    match node {
        Node::Null => "null".to_owned(),
        Node::Bool(b) => format!("boolean `{b}`"),
        Node::Int(_) | Node::Float(_) => format!("number `{}`", node.to_json()),
        Node::Str(_) => {
            let text = node.to_json();
            if text.chars().count() <= 32 {
                format!("string {text}")
            } else {
                "a string".to_owned()
            }
        }
        Node::Array(items) if items.is_empty() => "an empty array".to_owned(),
        Node::Array(_) => "an array".to_owned(),
        Node::Object(_) => "an object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::from_json;

    fn check(input: &str, expect: &[(&str, &str)]) {
        let node = from_json(input).unwrap();
        let errors = validate(&node, Registry::standard());
        let got: Vec<(&str, String)> = errors
            .iter()
            .map(|e| (e.code, e.path.to_string()))
            .collect();
        let want: Vec<(&str, String)> = expect.iter().map(|(c, p)| (*c, (*p).to_owned())).collect();
        assert_eq!(got, want, "{input}");
    }

    #[test]
    fn valid_programs_have_no_errors() {
        check(
            r#"["std.seq", ["let", "x", 1], ["+", ["var", "x"], 2.5]]"#,
            &[],
        );
        check(
            r#"["std.lambda", ["a", "b"], ["math.add", ["std.var", "a"], 1]]"#,
            &[],
        );
        check(
            r#"["obj.new", ["a", 1], [["str.concat", "b", "c"], 2]]"#,
            &[],
        );
        check(r#"["std.quote", [1, [], {"x": []}]]"#, &[]);
        check(r#"{"not": "code"}"#, &[]);
        check("42", &[]);
    }

    #[test]
    fn reports_every_error_with_its_path() {
        check(
            r#"["std.seq", [], [1], ["nope"], ["std.let", 3, ["math.neg"]], ["std.lambda", "a", 1]]"#,
            &[
                ("E1010", "$[1]"),
                ("E1011", "$[2]"),
                ("E1012", "$[3]"),
                ("E1014", "$[4][1]"),
                ("E1013", "$[4][2]"),
                ("E1015", "$[5][1]"),
            ],
        );
    }

    #[test]
    fn checks_params_and_pairs() {
        check(
            r#"["std.lambda", ["a", 1, "a", ""], null]"#,
            &[
                ("E1015", "$[1][1]"),
                ("E1016", "$[1][2]"),
                ("E1018", "$[1][3]"),
            ],
        );
        check(
            r#"["obj.new", ["a"], "b", ["c", ["bad"]]]"#,
            &[("E1017", "$[1]"), ("E1017", "$[2]"), ("E1012", "$[3][1]")],
        );
    }

    #[test]
    fn bounds_depth_of_trees_built_in_memory() {
        let mut node = Node::Int(1);
        for _ in 0..MAX_DEPTH + 5 {
            node = Node::call("math.neg", [node]);
        }
        let errors = validate(&node, Registry::standard());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code, "E1003");
    }
}
