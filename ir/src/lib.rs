//! Weft's intermediate representation: the stable ABI between front-ends and backends.
//!
//! An IR document is one JSON value. An array in expression position is a call,
//! `["opcode.name", arg, ...]`; anything else is a literal. This crate reads and writes
//! that JSON ([`from_json`], [`Node::to_json`]), holds the opcode [`Registry`] that says
//! what every opcode is, checks documents against it ([`validate`]), prints them in a
//! canonical, diff-friendly layout ([`pretty`]) and generates the opcode reference. For
//! the front-ends it also has what they share: [`SourceDiagnostic`], source maps, the
//! bound on nesting they check before parsing ([`nesting`]) and the deeply nested scripts
//! they are tested against ([`hostile`]).
//!
//! **Architecture Invariant:** this crate knows nothing about running code: no values, no
//! heap, no I/O. Front-ends depend on it alone.

pub mod diagnostics;
pub mod docs;
pub mod hostile;
pub mod modules;
pub mod nesting;
mod node;
mod path;
pub mod pretty;
pub mod registry;
pub mod source;
pub mod source_map;
mod table;
mod validate;

pub use diagnostics::IrError;
pub use node::{JsonError, JsonErrorKind, MAX_DEPTH, Node, from_json};
pub use path::{JsonPath, Seg, locate};
pub use pretty::{canonicalize, compact, pretty};
pub use registry::{ArgKind, Arity, Gas, OpId, OpSpec, Param, Registry, RegistryError, Ty};
pub use source::SourceDiagnostic;
pub use source_map::SourceMap;
pub use validate::{describe, validate};

/// Reads and validates an IR document: the tree, or every problem found.
pub fn parse_and_validate(text: &str, registry: &Registry) -> Result<Node, Vec<IrError>> {
    let node = from_json(text).map_err(|e| vec![diagnostics::json_error(&e)])?;
    let errors = validate(&node, registry);
    if errors.is_empty() {
        Ok(node)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_and_floats_stay_apart_and_round_trip() {
        for text in [
            "1",
            "-0",
            "1.0",
            "-0.0",
            "1e3",
            "0.1",
            "9223372036854775807",
            "-9223372036854775808",
            "1.5e300",
            "[1, 2.0, {\"a\": [true, null]}]",
        ] {
            let node = from_json(text).unwrap();
            assert_eq!(from_json(&node.to_json()).unwrap(), node, "{text}");
        }
        assert_eq!(from_json("3").unwrap(), Node::Int(3));
        assert_eq!(from_json("3.0").unwrap(), Node::Float(3.0));
        assert_eq!(from_json("3e0").unwrap(), Node::Float(3.0));
    }

    #[test]
    fn reading_reports_syntax_range_and_depth() {
        let e = from_json("[1, 2").unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::Syntax);
        let e = from_json("[1, 9223372036854775808]").unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::IntegerRange);
        assert!(
            (4..23).contains(&e.offset),
            "offset {} should point into the number",
            e.offset
        );
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(from_json(&deep).unwrap_err().kind, JsonErrorKind::TooDeep);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(from_json(&ok).is_ok());
    }

    #[test]
    fn repeated_object_keys_keep_first_place_and_last_value() {
        let node = from_json(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(
            node,
            Node::Object(vec![("a".into(), Node::Int(3)), ("b".into(), Node::Int(2))])
        );
    }
}
