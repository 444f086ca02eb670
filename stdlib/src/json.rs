//! `json.*`: JSON text to and from runtime values.
//!
//! `json.parse` keeps integers as ints (`"3"` is an int, `"3.0"` a float; integers beyond
//! 64 bits become floats) and object keys in text order, and reads at most 128 levels of
//! nesting. `json.stringify` writes compact JSON; closures, handles, NaN, infinities and
//! cyclic values cannot be written and are an `E5022` error.

use weft_runtime::diagnostics as diag;
use weft_runtime::{RuntimeError, Value};

use crate::call::Call;

type R = Result<Value, RuntimeError>;

pub fn stringify(c: &mut Call<'_>) -> R {
    let json = weft_runtime::to_json_strict(c.heap(), c.arg(0))?;
    let text = serde_json::to_string(&json).map_err(diag::bad_json)?;
    c.heap().check_room(text.len())?;
    c.charge_bytes(text.len())?;
    c.alloc_str(text)
}

pub fn parse(c: &mut Call<'_>) -> R {
    let len = c.str_ref(0)?.len();
    c.charge_bytes(len)?;
    c.heap().check_room(len)?;
    let json: serde_json::Value = serde_json::from_str(c.str_ref(0)?).map_err(diag::bad_json)?;
    weft_runtime::from_json(c.heap_mut(), &json)
}
