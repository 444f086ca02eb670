//! Every deeply nested script in `weft_ir::hostile::LUA`, at every depth: compiled to IR
//! that validates, or refused with E3023 at a position in the source; never a panic, a
//! stack overflow or IR the validator must refuse.

use weft_ir::Registry;
use weft_ir::hostile::{LUA, check_front_end};

#[test]
fn deep_nesting_compiles_or_is_refused_with_its_position() {
    check_front_end(LUA, "E3023", |source| {
        weft_frontend_lua::compile(source, Registry::standard())
    });
}
