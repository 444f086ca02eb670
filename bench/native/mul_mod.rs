// The multiply-modulo loop as native Rust.
use std::hint::black_box;

mod repeat;

fn main() {
    repeat::run(|| {
        let (mut i, mut x): (i64, i64) = (0, 1);
        let n = black_box(10_000_000);
        while i < n {
            x = (x * 31 + i) % 1_000_003;
            i += 1;
        }
        x
    });
}
