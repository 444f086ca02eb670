//! The CLI's heap, on Linux with glibc: the memory a run's compiler and JIT allocate
//! comes from transparent huge pages where the kernel offers them.
//!
//! Compiling one function with Cranelift touches about 800 KB of fresh heap. On 4 KB
//! pages that is some 200 page faults, and on a virtual machine each first touch of a
//! page costs about 3 µs (measured on the benchmark machine: 400 faults, 1.1 to 1.4 ms;
//! the same 400 pages as part of one 2 MB huge page, 0.2 to 0.3 ms). A fresh
//! `weft run --backend jit` of fib(15) took 483 page faults before this and 237 after.
//!
//! glibc's `malloc` grows its heap with `brk` and hands out new memory from the bottom
//! of its top chunk upwards. [`prefer_huge_pages`] grows the heap by [`RESERVE`] bytes
//! at once, frees that block back into the top chunk, marks the 2 MB-aligned part of it
//! `MADV_HUGEPAGE`, and fills the gap below the first aligned address with a block that
//! is never touched or freed (address space only, no memory). Later allocations then
//! start at a huge page boundary. Nothing here changes what `malloc` returns to Rust
//! code, only which pages back it; when an assumption does not hold (another `malloc`,
//! no transparent huge pages, the block not carved from the heap's top), the steps
//! already taken are harmless and the rest are skipped.
//!
//! Two settings last for the process: blocks up to 32 MB come from the heap rather than
//! from their own mappings, and the heap is given back to the system only once 64 MB at
//! its top are free. A script that builds a large value and drops it keeps that memory
//! until the process ends, which for a command-line run is soon.
//!
//! This is a process-wide choice, which is why it lives in the CLI and not in the
//! library: a host embedding Weft keeps its own allocator settings.

/// How far the heap grows at once: room for the huge-page boundary (up to 2 MB away)
/// and at least two huge pages after it.
#[cfg(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64"))]
const RESERVE: usize = 8 << 20;

/// Backs the rest of this process's `malloc` heap with transparent huge pages where it
/// can (see the module docs). Call it once, early, before the allocations it is meant
/// for.
#[cfg(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64"))]
pub fn prefer_huge_pages() {
    // SAFETY: only glibc's documented allocator calls, on blocks this function allocates
    // itself; `sbrk(0)` reads the break without moving it; `madvise` is given a range
    // inside the heap that `free` just gave back to the allocator, and MADV_HUGEPAGE
    // changes no contents.
    unsafe { glibc::prefer_huge_pages() }
}

/// Does nothing: the heap layout it relies on is glibc's on Linux.
#[cfg(not(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64")))]
pub fn prefer_huge_pages() {}

#[cfg(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64"))]
mod glibc {
    use super::RESERVE;

    const HUGE_PAGE: usize = 2 << 20;
    /// glibc's chunk header before the pointer `malloc` returns (`prev_size`, `size`).
    const HEADER: usize = 16;
    /// The part of the header a chunk's request size pays for (`size`).
    const SIZE_FIELD: usize = 8;
    /// The smallest chunk: a request of `n - SIZE_FIELD` bytes makes a chunk of exactly
    /// `n` bytes when `n` is at least this and a multiple of 16.
    const MIN_CHUNK: usize = 32;
    /// glibc's default `M_TOP_PAD`, restored once the heap has grown.
    const DEFAULT_TOP_PAD: i32 = 128 << 10;

    pub(super) unsafe fn prefer_huge_pages() {
        // SAFETY (whole body): see the caller.
        unsafe {
            // Blocks up to 32 MB come from the heap (so RESERVE does, and the big
            // vectors a compile makes), the heap is not trimmed back below what it grew
            // to until 64 MB are free at its top, and it grows by exactly what is asked.
            if libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20) == 0
                || libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20) == 0
                || libc::mallopt(libc::M_TOP_PAD, 0) == 0
            {
                return;
            }
            let grown = grow();
            libc::mallopt(libc::M_TOP_PAD, DEFAULT_TOP_PAD);
            let Some((top, end)) = grown else {
                return;
            };
            // The first huge page boundary with room for a filler chunk below it (the
            // top chunk's header, which `free` has written, then lies on a page below).
            let first = (top + MIN_CHUNK).next_multiple_of(HUGE_PAGE);
            let last = end / HUGE_PAGE * HUGE_PAGE;
            if last < first + HUGE_PAGE {
                return;
            }
            // Marked before anything touches the range: a page fault there now maps a
            // whole huge page, where one 4 KB page already mapped in a 2 MB range would
            // keep the range on small pages.
            if libc::madvise(
                first as *mut libc::c_void,
                last - first,
                libc::MADV_HUGEPAGE,
            ) != 0
            {
                return;
            }
            // Filling the top chunk up to `first` makes it start there. `free` may have
            // merged the block with a free chunk below it, so the top chunk can start
            // lower than the block did: the first filler then shows where it starts (and
            // ends below `first`, leaving the range untouched), and a second one fits.
            let mut top = top;
            for _ in 0..2 {
                // A chunk of `first - top` bytes, for a request of that less its size field.
                // (`black_box`: the compiler may otherwise drop an allocation whose pointer
                // is only compared and freed.)
                let filler = std::hint::black_box(libc::malloc(first - top - SIZE_FIELD));
                if filler.is_null() {
                    return;
                }
                let at = filler as usize - HEADER;
                if at == top {
                    // Never touched, never freed.
                    return;
                }
                libc::free(filler);
                if at > top {
                    return;
                }
                top = at;
            }
        }
    }

    /// Grows the heap by [`RESERVE`] and gives that block back to the top chunk.
    /// Returns where the top chunk starts and where the heap ends, or `None` when the
    /// block did not come from the top of the heap.
    unsafe fn grow() -> Option<(usize, usize)> {
        // SAFETY: see the caller.
        unsafe {
            let block = std::hint::black_box(libc::malloc(RESERVE));
            if block.is_null() {
                return None;
            }
            let end = libc::sbrk(0) as usize;
            let start = block as usize;
            libc::free(block);
            // Carved from the top chunk, the block's end lies within one top pad (now
            // zero) and a page of the break.
            let from_top = end >= start + RESERVE && end - (start + RESERVE) < 64 << 10;
            from_top.then_some((start - HEADER, end))
        }
    }
}
