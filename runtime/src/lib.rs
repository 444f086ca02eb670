//! The Weft runtime: values, the heap, limits, errors and the host interface.
//!
//! Both backends run on this crate. A [`Value`] is a 16-byte `Copy` enum whose strings,
//! lists, objects, closures and handles are indices into a per-script [`Heap`]; the heap
//! counts bytes against [`Limits::max_heap_bytes`] and is collected mark-sweep from the
//! roots the VM names. Errors are [`RuntimeError`]s with stable `E5xxx` codes (see
//! [`diagnostics`]). Effects go through the [`Host`] trait; [`TestHost`] pins time and
//! randomness for tests. The value model, display format, gas model and suspend format are
//! described in `docs-runtime-draft.md` next to this crate.
//!
//! **Architecture Invariant:** the runtime does no I/O and knows nothing about bytecode;
//! it is the data model both backends share.

pub mod capability;
pub mod convert;
pub mod diagnostics;
mod heap;
mod host;
pub mod num;
pub mod object;
mod value;

pub use capability::{Capability, HostValue};
pub use convert::{display, format_float, from_json, to_json_lossy, to_json_strict};
pub use diagnostics::RuntimeError;
pub use heap::{ClassInfo, Closure, HandleData, Heap, HeapObj, ObjMap, ObjMeta};
pub use host::{Host, HostOps, TestHost, xorshift_random};
pub use value::{Truth, Value, f64_bits};

use serde::{Deserialize, Serialize};

/// Hard limits on one script run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Total gas for the run, counted across suspensions.
    pub gas: u64,
    /// Heap bytes, as counted by [`HeapObj::size`].
    pub max_heap_bytes: usize,
    /// How many calls may be active at once.
    pub max_call_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            gas: 10_000_000,
            max_heap_bytes: 64 << 20,
            max_call_depth: 200,
        }
    }
}

#[cfg(test)]
mod tests;
