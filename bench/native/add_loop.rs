// The add loop as native Rust. `black_box` on the sum keeps the compiler from replacing
// the loop by its closed form, so the loop really runs 10M times.
use std::hint::black_box;

mod repeat;

fn main() {
    repeat::run(|| {
        let (mut i, mut s): (i64, i64) = (0, 0);
        let n = black_box(10_000_000);
        while i < n {
            s = black_box(s + i);
            i += 1;
        }
        s
    });
}
