//! Every deeply nested script in `weft_ir::hostile::PYTHON`, at every depth: compiled to IR
//! that validates, or refused with E4024 at a position in the source; never a panic, a
//! stack overflow or IR the validator must refuse.

use weft_ir::hostile::{PYTHON, SIZES};
use weft_ir::{Registry, validate};

#[test]
fn deep_nesting_compiles_or_is_refused_with_its_position() {
    let registry = Registry::standard();
    for shape in PYTHON {
        for n in SIZES.into_iter().filter(|&n| n <= shape.max) {
            let source = (shape.source)(n);
            let what = format!("{} nested {n} deep", shape.name);
            match weft_frontend_py::compile(&source, registry) {
                Ok(node) => {
                    assert!(n < 100_000, "{what}: compiled");
                    let errors = validate(&node, registry);
                    assert!(errors.is_empty(), "{what}: invalid IR: {:?}", errors[0]);
                }
                Err(diags) => {
                    assert!(n > 100, "{what}: refused: {diags:?}");
                    assert!(diags.iter().all(|d| d.code == "E4024"), "{what}: {diags:?}");
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
