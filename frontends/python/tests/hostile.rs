//! Every deeply nested script in `weft_ir::hostile::PYTHON`, at every depth: compiled to IR
//! that validates, or refused with E4024 at a position in the source; never a panic, a
//! stack overflow or IR the validator must refuse.

use weft_ir::Registry;
use weft_ir::hostile::{PYTHON, check_front_end};

#[test]
fn deep_nesting_compiles_or_is_refused_with_its_position() {
    check_front_end(PYTHON, "E4024", |source| {
        weft_frontend_py::compile(source, Registry::standard())
    });
}
