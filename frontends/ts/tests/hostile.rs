//! Every deeply nested script in `weft_ir::hostile::TYPESCRIPT`, at every depth: compiled to IR
//! that validates, or refused with E2005 at a position in the source; never a panic, a
//! stack overflow or IR the validator must refuse.

use weft_ir::hostile::{SIZES, TYPESCRIPT};
use weft_ir::{Registry, validate};

#[test]
fn deep_nesting_compiles_or_is_refused_with_its_position() {
    let registry = Registry::standard();
    for shape in TYPESCRIPT {
        for n in SIZES.into_iter().filter(|&n| n <= shape.max) {
            let source = (shape.source)(n);
            let what = format!("{} nested {n} deep", shape.name);
            match weft_frontend_ts::compile(&source, registry) {
                Ok(node) => {
                    assert!(n < 100_000, "{what}: compiled");
                    let errors = validate(&node, registry);
                    assert!(errors.is_empty(), "{what}: invalid IR: {:?}", errors[0]);
                }
                Err(diags) => {
                    assert!(n > 100, "{what}: refused: {diags:?}");
                    assert!(diags.iter().all(|d| d.code == "E2005"), "{what}: {diags:?}");
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
