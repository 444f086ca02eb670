// fib(30) as native Rust: the baseline the Weft JIT is measured against.
use std::hint::black_box;

mod repeat;

fn fib(n: i64) -> i64 {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}

fn main() {
    repeat::run(|| fib(black_box(30)));
}
