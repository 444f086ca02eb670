#!/usr/bin/env python3
"""Weft benchmarks: the same programs on the Weft VM and on reference interpreters, side by side.

Each program runs on every engine that is installed, in one run of this script; every engine
must print the same output, and times are reported with ratios against lua5.4, native Rust and
the Weft VM. The native Rust versions (bench/native/*.rs) are compiled with `rustc -O` first.
A missing engine is named and skipped, never faked. Usage: `python3 bench/run.py [--runs N]
[--repeat N]` after `cargo build --release` (the `just bench` recipe does both).

A second table times one run inside a process that has already run the program (Weft's
`weft run --repeat N` on one runner, compiled code reused; the native programs take the same
argument): what a host that runs a script many times sees, without start-up or compiling.

Runs are interleaved: each round runs every engine once, starting one engine later than the
round before, so a machine whose load changes during the run slows every column alike. The binaries built here (`weft` and the native
programs) run from copies in a temporary directory, as an install places them: run straight
from the linker's output, `weft` took about 45 more page faults per process on the
benchmark machine (its file is held in smaller page-cache pieces).
"""
import argparse, atexit, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "bench", "programs")
WEFT = os.path.join(ROOT, "target", "release", "weft")
CASES = [("fib", "fib(30)"), ("add_loop", "add loop, 10M iterations"), ("mul_mod", "multiply-modulo loop, 10M iterations")]


NATIVE_SRC = os.path.join(ROOT, "bench", "native")
NATIVE_BIN = os.path.join(ROOT, "target", "bench-native")


# Where the built binaries run from (see the module docs).
INSTALLED = tempfile.mkdtemp(prefix="weft-bench-")
atexit.register(shutil.rmtree, INSTALLED, True)


def installed(path):
    """A copy of the built binary `path` in INSTALLED (made once), or `path` if it is missing."""
    dest = os.path.join(INSTALLED, os.path.basename(path))
    if not os.path.exists(dest) and os.path.exists(path):
        shutil.copy2(path, dest)
    return dest if os.path.exists(dest) else path


def build_native():
    """Compiles the native Rust versions; returns whether they are available."""
    if shutil.which("rustc") is None:
        return False
    os.makedirs(NATIVE_BIN, exist_ok=True)
    for case, _ in CASES:
        src = os.path.join(NATIVE_SRC, case + ".rs")
        proc = subprocess.run(["rustc", "-O", "--edition", "2021", "-o", os.path.join(NATIVE_BIN, case), src], capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"error: rustc {src}: {proc.stderr.strip()[:300]}", file=sys.stderr)
            return False
    return True


def native(p):
    return installed(os.path.join(NATIVE_BIN, os.path.basename(p)))


def weft_run(backend, *extra):
    """The command builder of `weft run` on `backend` with gas on (a limit no program reaches)."""
    return lambda p: [installed(WEFT), "run", "--backend", backend, "--gas", "1000000000000", *extra, p + ".json"]


def engines():
    """(column name, command builder, available?) for each engine."""
    out = [
        ("weft vm", weft_run("vm"), os.path.exists(WEFT)),
        ("weft jit", weft_run("jit"), os.path.exists(WEFT)),
        # Gas still counted, checks against the limit skipped: what the checks cost.
        ("weft jit unchecked gas", lambda p: [installed(WEFT), "run", "--backend", "jit", "--unchecked-gas", p + ".json"], os.path.exists(WEFT)),
        ("native rust", lambda p: [native(p)], build_native()),
    ]
    for name, exe, ext in [("lua5.4", "lua5.4", "lua"), ("luajit", "luajit", "lua"), ("python3", "python3", "py"), ("node", "node", "js")]:
        out.append((name, (lambda e, x: lambda p: [e, p + "." + x])(exe, ext), shutil.which(exe) is not None))
    return out


def time_once(cmd):
    """Wall time of one run of `cmd`, in seconds, and its output."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[:300]}")
    return elapsed, proc.stdout.strip()


def best_of_rounds(rounds, commands, measure):
    """Runs `measure(command)` (seconds, output) for every engine's command in each of `rounds`
    rounds, each round starting one engine later, so no engine always follows the same one.
    Returns the best time and the last output per engine, and whether any engine failed (a
    failing engine is reported once and left out)."""
    names = list(commands)
    times, outputs, broken = {}, {}, set()
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            if name in broken:
                continue
            try:
                elapsed, outputs[name] = measure(commands[name])
            except RuntimeError as e:
                print(f"error: {e}", file=sys.stderr)
                broken.add(name)
                continue
            times[name] = min(times.get(name, elapsed), elapsed)
    for name in broken:
        times.pop(name, None)
    return times, outputs, bool(broken)


# For the second table: the engines that can time runs inside one process, and how.
REPEATED = {
    "weft vm": lambda p, n: weft_run("vm", "--repeat", str(n))(p),
    "weft jit": lambda p, n: weft_run("jit", "--repeat", str(n))(p),
    "native rust": lambda p, n: [native(p), str(n)],
}


def repeat_best(cmd):
    """Best time per run, in seconds, that `cmd` reports for its runs inside one process."""
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} --repeat failed ({proc.returncode}): {proc.stderr.strip()[:300]}")
    for line in proc.stderr.splitlines():
        if line.startswith("repeat:") and "best " in line:
            return float(line.split("best ")[1].split(" ms")[0]) / 1e3
    raise RuntimeError(f"{' '.join(cmd)}: no repeat timing in its output")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="rounds per program, each running every engine once; the best time is kept")
    ap.add_argument("--repeat", type=int, default=10, help="runs inside one process for the second table (0: no second table)")
    ap.add_argument("--repeat-rounds", type=int, default=3, help="processes per engine for the second table, interleaved; the best is kept")
    args = ap.parse_args()
    cols = engines()
    missing = [name for name, _, ok in cols if not ok]
    cols = [c for c in cols if c[2]]
    if missing:
        print(f"skipped (not installed): {', '.join(missing)}", file=sys.stderr)
    rows, failed = [], False
    for case, title in CASES:
        base = os.path.join(PROGRAMS, case)
        print(f"  {case}: {args.runs} rounds of every engine ...", file=sys.stderr, flush=True)
        commands = {name: cmd(base) for name, cmd, _ in cols}
        times, outputs, broke = best_of_rounds(args.runs, commands, time_once)
        failed |= broke
        if len(set(outputs.values())) > 1:
            print(f"error: engines disagree on {case}: {outputs}", file=sys.stderr)
            failed = True
        rows.append((title, times))
    names = [c[0] for c in cols]
    ratios = [("weft vm", "lua5.4"), ("weft jit", "native rust"), ("weft vm", "weft jit"), ("weft jit", "weft jit unchecked gas")]
    print("| program | " + " | ".join(f"{n} (ms)" for n in names) + " | " + " | ".join(f"{a} / {b}" for a, b in ratios) + " |")
    print("|---|" + "---|" * (len(names) + len(ratios)))
    for title, times in rows:
        cells = [f"{times[n] * 1e3:.1f}" if n in times else "n/a" for n in names]
        cells += [f"{times[a] / times[b]:.2f}x" if a in times and b in times else "n/a" for a, b in ratios]
        print(f"| {title} | " + " | ".join(cells) + " |")
    print(f"\nbest of {args.runs} interleaved rounds; wall time of the whole process, start-up included.")
    if args.repeat > 0:
        inner = [c[0] for c in cols if c[0] in REPEATED]
        print("\n| program | " + " | ".join(f"{n}, one run in process (s)" for n in inner) + " | weft jit / native rust | weft vm / weft jit |")
        print("|---|" + "---|" * (len(inner) + 2))
        for case, title in CASES:
            base = os.path.join(PROGRAMS, case)
            print(f"  {case}: {args.repeat_rounds} rounds of {args.repeat} runs in one process per engine ...", file=sys.stderr, flush=True)
            commands = {name: REPEATED[name](base, args.repeat) for name in inner}
            times, _, broke = best_of_rounds(args.repeat_rounds, commands, lambda c: (repeat_best(c), None))
            failed |= broke
            cells = [f"{times[n]:.4f}" if n in times else "n/a" for n in inner]
            cells += [f"{times[a] / times[b]:.2f}x" if a in times and b in times else "n/a" for a, b in [("weft jit", "native rust"), ("weft vm", "weft jit")]]
            print(f"| {title} | " + " | ".join(cells) + " |")
        print(f"\nbest of {args.repeat} runs inside one process that ran the program once before, best of {args.repeat_rounds} such processes per engine, interleaved (Weft: one runner, compiled code reused; gas on).")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
