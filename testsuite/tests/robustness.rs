//! Property tests: no input makes the IR layer panic, and formatting is lossless.

use proptest::prelude::*;
use weft::ir::{Node, Registry, canonicalize, from_json, pretty};

/// Strings that are likely to hit interesting paths: opcode names, aliases, junk.
fn word() -> impl Strategy<Value = String> {
    let names: Vec<String> = Registry::standard()
        .iter()
        .flat_map(|(_, spec)| std::iter::once(spec.name.clone()).chain(spec.aliases.clone()))
        .collect();
    prop_oneof![
        3 => proptest::sample::select(names),
        1 => "[a-z.]{0,8}",
        1 => any::<String>(),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        Just(Node::Null),
        any::<bool>().prop_map(Node::Bool),
        any::<i64>().prop_map(Node::Int),
        (-1e300f64..1e300).prop_map(Node::Float),
        word().prop_map(Node::Str),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            4 => (word(), prop::collection::vec(inner.clone(), 0..5)).prop_map(|(head, args)| {
                let mut items = vec![Node::Str(head)];
                items.extend(args);
                Node::Array(items)
            }),
            1 => prop::collection::vec(inner.clone(), 0..4).prop_map(Node::Array),
            1 => prop::collection::vec(("[a-z]{0,3}", inner), 0..3).prop_map(|fields| {
                // Keys must be distinct for the tree to survive a JSON round trip.
                let mut seen = std::collections::HashSet::new();
                Node::Object(fields.into_iter().filter(|(k, _)| seen.insert(k.clone())).collect())
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn checking_random_json_never_panics(node in node()) {
        let text = node.to_json();
        match weft::check_ir(&text) {
            Ok(valid) => prop_assert_eq!(valid, node),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                let rendered = weft::render::render("random.json", &text, &errors);
                for e in &errors {
                    let tag = format!("error[{}]", e.code);
                    prop_assert!(rendered.contains(&tag));
                }
            }
        }
    }

    #[test]
    fn checking_random_text_never_panics(text in any::<String>()) {
        if let Err(errors) = weft::check_ir(&text) {
            let _ = weft::render::render("random.json", &text, &errors);
        }
    }

    #[test]
    fn fmt_output_reparses_to_the_canonical_tree(node in node()) {
        let registry = Registry::standard();
        let text = pretty(&node, registry);
        let reparsed = from_json(&text).expect("pretty output is JSON");
        prop_assert_eq!(&reparsed, &canonicalize(&node, registry));
        // Printing is idempotent.
        prop_assert_eq!(pretty(&reparsed, registry), text);
    }
}
