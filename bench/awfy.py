#!/usr/bin/env python3
"""The Are-We-Fast-Yet benchmarks on Weft and on the reference interpreters, side by side.

The suite is not part of Weft: fetch smarr/are-we-fast-yet yourself and pass its
`benchmarks` folder (`python3 bench/awfy.py --awfy /path/to/are-we-fast-yet/benchmarks`).
Every engine runs the suite's own harness, unmodified, in its own language: with
`--lang js` (the default) Weft runs the JavaScript version (`harness.js`) beside node,
lua5.4, luajit and python3 on their own versions; with `--lang lua` Weft runs the Lua
version (`harness.lua`) beside lua5.4 and luajit on the same files; with `--lang py` the
Python version (`harness.py`) beside python3. Each run must verify
its result (the harness exits non-zero otherwise) and print the harness's usual lines.

Times are steady state inside one process:
- the reference interpreters run the harness with N outer iterations and report each
  iteration's time themselves; the first is dropped (warm-up), the best of the rest kept;
- Weft runs the whole harness once, then `--repeat N` more times on the same runner
  (compiled code reused, gas on) and reports the best of those runs. That run includes
  loading the harness's modules, a few microseconds next to the benchmarks.
Engines are interleaved: each round runs every engine once, starting one engine later than
the round before, and the best time over the rounds is kept. A missing engine, or one that
fails a benchmark, is named and left out of that row, never faked.
"""
import argparse, math, os, re, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEFT = os.path.join(ROOT, "target", "release", "weft")

# Benchmark and inner iterations: enough that one timed run of the fastest engine takes
# about a millisecond or more (the harnesses report whole microseconds) and the Weft VM's a
# fraction of a second. Mandelbrot, NBody and Havlak verify only the sizes of their own
# table (500, 250000, 1); CD's is its number of aircraft (with 1 it fails in node too).
BENCHMARKS = [
    ("Bounce", 20), ("CD", 10), ("DeltaBlue", 100), ("Havlak", 1), ("Json", 2), ("List", 20),
    ("Mandelbrot", 500), ("NBody", 250000), ("Permute", 20), ("Queens", 20), ("Richards", 1),
    ("Sieve", 50), ("Storage", 20), ("Towers", 10),
]
RUNTIME = re.compile(r"runtime: (\d+)us")


def reference(exe, lang_dir, harness):
    """An engine that times its own iterations: (command for (bench, n, inner), folder)."""
    return lambda awfy, bench, n, inner: ([exe, harness, bench, str(n + 1), str(inner)], os.path.join(awfy, lang_dir))


def weft(backend, lang_dir="JavaScript", harness="harness.js"):
    def cmd(awfy, bench, n, inner):
        return ([WEFT, "run", "--backend", backend, "--gas", "1000000000000", "--max-heap", "4000000000",
                 "--max-call-depth", "10000", "--repeat", str(n), harness, bench, "1", str(inner)],
                os.path.join(awfy, lang_dir))
    return cmd


REFERENCES = [
    ("node", reference("node", "JavaScript", "harness.js"), shutil.which("node") is not None),
    ("lua5.4", reference("lua5.4", "Lua", "harness.lua"), shutil.which("lua5.4") is not None),
    ("luajit", reference("luajit", "Lua", "harness.lua"), shutil.which("luajit") is not None),
    ("python3", reference("python3", "Python", "harness.py"), shutil.which("python3") is not None),
]

# Per language Weft runs: its engines (Weft's two backends and the references) and the
# ratios reported.
LANGS = {
    "js": (
        [("weft vm", weft("vm"), os.path.exists(WEFT)), ("weft jit", weft("jit"), os.path.exists(WEFT))]
        + REFERENCES,
        [("weft vm", "node"), ("weft jit", "node"), ("weft vm", "lua5.4"), ("weft jit", "luajit"),
         ("weft vm", "python3")],
    ),
    "py": (
        [("weft vm", weft("vm", "Python", "harness.py"), os.path.exists(WEFT)),
         ("weft jit", weft("jit", "Python", "harness.py"), os.path.exists(WEFT))]
        + [r for r in REFERENCES if r[0] == "python3"],
        [("weft vm", "python3"), ("weft jit", "python3")],
    ),
    "lua": (
        [("weft vm", weft("vm", "Lua", "harness.lua"), os.path.exists(WEFT)),
         ("weft jit", weft("jit", "Lua", "harness.lua"), os.path.exists(WEFT))]
        + [r for r in REFERENCES if r[0] in ("lua5.4", "luajit")],
        [("weft vm", "lua5.4"), ("weft jit", "lua5.4"), ("weft vm", "luajit"), ("weft jit", "luajit")],
    ),
}


def measure(name, cmd, cwd, timeout):
    """Best steady-state time of one benchmark run, in seconds."""
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{name}: {' '.join(cmd)} failed ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-300:]}")
    if name.startswith("weft"):
        for line in proc.stderr.splitlines():
            if line.startswith("repeat:") and "best " in line:
                return float(line.split("best ")[1].split(" ms")[0]) / 1e3
        raise RuntimeError(f"{name}: no repeat timing in {proc.stderr.strip()[-300:]}")
    times = [int(t) for t in RUNTIME.findall(proc.stdout)]
    if len(times) < 2:
        raise RuntimeError(f"{name}: fewer than two timed iterations in {proc.stdout.strip()[-300:]}")
    return min(times[1:]) / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--awfy", required=True, help="the `benchmarks` folder of an are-we-fast-yet checkout")
    ap.add_argument("--iterations", type=int, default=5, help="timed runs inside each process (after one warm-up)")
    ap.add_argument("--rounds", type=int, default=2, help="interleaved processes per engine and benchmark; the best is kept")
    ap.add_argument("--timeout", type=int, default=600, help="seconds one process may take")
    ap.add_argument("--only", help="comma-separated benchmark names")
    ap.add_argument("--lang", choices=sorted(LANGS), default="js", help="the version of the suite Weft runs")
    args = ap.parse_args()
    all_engines, ratios = LANGS[args.lang]
    engines = [(n, c) for n, c, ok in all_engines if ok]
    missing = [n for n, _, ok in all_engines if not ok]
    if missing:
        print(f"skipped (not installed or not built): {', '.join(missing)}", file=sys.stderr)
    benches = [b for b in BENCHMARKS if not args.only or b[0] in args.only.split(",")]
    rows, failed = [], False
    for bench, inner in benches:
        print(f"  {bench}: {args.rounds} rounds of every engine ...", file=sys.stderr, flush=True)
        best, broken = {}, set()
        names = [n for n, _ in engines]
        for r in range(args.rounds):
            for name in names[r % len(names):] + names[:r % len(names)]:
                if name in broken:
                    continue
                cmd, cwd = dict(engines)[name](args.awfy, bench, args.iterations, inner)
                try:
                    t = measure(name, cmd, cwd, args.timeout)
                except (RuntimeError, subprocess.TimeoutExpired) as e:
                    print(f"error: {bench}: {e}", file=sys.stderr)
                    broken.add(name)
                    failed |= name.startswith("weft")
                    continue
                best[name] = min(best.get(name, t), t)
        for name in broken:
            best.pop(name, None)
        rows.append((bench, best))
    names = [n for n, _ in engines]
    print("| benchmark | " + " | ".join(f"{n} (ms)" for n in names) + " | " + " | ".join(f"{a} / {b}" for a, b in ratios) + " |")
    print("|---|" + "---|" * (len(names) + len(ratios)))
    logs = {r: [] for r in ratios}
    for bench, best in rows:
        cells = [f"{best[n] * 1e3:.2f}" if n in best else "n/a" for n in names]
        for a, b in ratios:
            if a in best and b in best and best[b] > 0:
                q = best[a] / best[b]
                logs[(a, b)].append(math.log(q))
                cells.append(f"{q:.1f}x")
            else:
                cells.append("n/a")
        print(f"| {bench} | " + " | ".join(cells) + " |")
    geo = [f"{math.exp(sum(l) / len(l)):.1f}x ({len(l)})" if l else "n/a" for l in logs.values()]
    print("| geometric mean (benchmarks) | " + " | ".join("" for _ in names) + " | " + " | ".join(geo) + " |")
    print(f"\nsteady state in process: best of {args.iterations} timed runs after a warm-up, best of {args.rounds} interleaved processes per engine.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
