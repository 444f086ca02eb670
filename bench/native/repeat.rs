// Shared by the native benchmarks: run the work once and print its result; with an
// argument N, run it N more times and print the best and median time per run on stderr,
// as `weft run --repeat N` does.
use std::hint::black_box;
use std::time::Instant;

pub fn run<T: std::fmt::Display>(work: impl Fn() -> T) {
    println!("{}", work());
    let times: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(0);
    let mut took: Vec<f64> = (0..times)
        .map(|_| {
            let start = Instant::now();
            black_box(work());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    if !took.is_empty() {
        took.sort_by(f64::total_cmp);
        eprintln!(
            "repeat: {times} more runs: best {:.3} ms, median {:.3} ms per run",
            took[0],
            took[times / 2]
        );
    }
}
