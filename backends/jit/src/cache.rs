//! Inline caches for native call sites and captured loads.
//!
//! A call site remembers the last closure it called directly and that closure's direct
//! entry; a captured load in a direct entry remembers the last closure it read from and the
//! value it read. Each entry carries the epoch it was filled in, and an entry only counts
//! while its epoch is current:
//!
//! - The *code epoch* moves on when a run starts (a new heap, whose indexes mean other
//!   objects), after a garbage collection (freed indexes are reused) and when a function
//!   stops being called directly. Within one code epoch a closure's index always names the
//!   same function, and that function's direct entry stays valid.
//! - The *cell epoch* moves on whenever a function entered from the VM makes a direct call.
//!   Directly called code never writes a captured variable (no instruction that could is
//!   allowed in a direct entry), so a value read during one chain of direct calls stays
//!   what the variable holds until the chain returns.
//!
//! The words live in one allocation per program whose address is built into the code.

use weft_bytecode::Op;
use weft_bytecode::program::Func;

/// Word index of the code epoch.
pub(crate) const CODE_EPOCH: usize = 0;
/// Word index of the cell epoch.
pub(crate) const CELL_EPOCH: usize = 1;
const HEADER: usize = 2;
/// A call site: `[code epoch, closure index, direct entry]`.
pub(crate) const CALL_WORDS: u32 = 3;
/// A captured load (`LoadCap`, or `LoadChain` through late-bound captures):
/// `[cell epoch, closure index, value word 0, value word 1]`.
pub(crate) const CAP_WORDS: u32 = 4;

/// The word offset of each cached instruction of `func` from the function's first site,
/// and how many words the function needs.
pub(crate) fn sites(func: &Func) -> (Vec<Option<u32>>, usize) {
    let mut next = 0;
    let offsets = func
        .code
        .iter()
        .map(|op| {
            let words = match op {
                Op::Call(_) => CALL_WORDS,
                Op::LoadCap(_) | Op::LoadChain(_) => CAP_WORDS,
                _ => return None,
            };
            let at = next;
            next += words;
            Some(at)
        })
        .collect();
    (offsets, next as usize)
}

/// The cache words of one program.
pub(crate) struct Caches {
    words: *mut u64,
    len: usize,
    /// Where each function's sites start.
    func_base: Vec<usize>,
    seen_collections: u64,
}

impl Caches {
    pub fn new(funcs: &[Func]) -> Caches {
        let mut func_base = Vec::with_capacity(funcs.len());
        let mut len = HEADER;
        for f in funcs {
            func_base.push(len);
            len += sites(f).1;
        }
        let words = Box::into_raw(vec![0u64; len].into_boxed_slice()).cast::<u64>();
        let mut caches = Caches {
            words,
            len,
            func_base,
            seen_collections: 0,
        };
        // Zeroed entries never match: both epochs start at 1.
        caches.set(CODE_EPOCH, 1);
        caches.set(CELL_EPOCH, 1);
        caches
    }

    /// The address of word `i`.
    pub fn word(&self, i: usize) -> *mut u64 {
        assert!(i < self.len, "cache word out of range");
        // SAFETY: within the allocation, checked above.
        unsafe { self.words.add(i) }
    }

    /// The address of function `func`'s first site (an empty function's points at the
    /// header; it has no sites to use it).
    pub fn sites_of(&self, func: u32) -> *mut u64 {
        let at = self.func_base.get(func as usize).copied().unwrap_or(0);
        if at < self.len {
            self.word(at)
        } else {
            self.word(0)
        }
    }

    fn set(&mut self, i: usize, v: u64) {
        // SAFETY: `word` checks the index; native code does not run while Rust code holds
        // `&mut self`, and it only ever reads and writes whole words.
        unsafe { *self.word(i) = v };
    }

    fn get(&self, i: usize) -> u64 {
        // SAFETY: as in `set`.
        unsafe { *self.word(i) }
    }

    /// Invalidates every call site.
    pub fn new_code_epoch(&mut self) {
        self.set(CODE_EPOCH, self.get(CODE_EPOCH) + 1);
    }

    /// Invalidates every captured value read: a chain of direct calls starts (native code
    /// entered from the VM does the same at its calls).
    pub fn new_cell_epoch(&mut self) {
        self.set(CELL_EPOCH, self.get(CELL_EPOCH) + 1);
    }

    /// Invalidates the call sites when the heap has collected since the last look.
    pub fn observe_collections(&mut self, collections: u64) {
        if collections != self.seen_collections {
            self.seen_collections = collections;
            self.new_code_epoch();
        }
    }
}

impl Drop for Caches {
    fn drop(&mut self) {
        let slice = std::ptr::slice_from_raw_parts_mut(self.words, self.len);
        // SAFETY: allocated in `new` as a boxed slice of this length, freed once.
        drop(unsafe { Box::from_raw(slice) });
    }
}
