# Weft developer recipes. `just` is a convenience: the README's commands work with cargo alone.

# What CI runs.
ready:
    bash .ci/run

# All tests (the README's test command).
test:
    cargo test --workspace

# Review changed snapshots (needs `cargo install cargo-insta`).
snap:
    cargo insta test --workspace --review

# Refresh generated docs from the registry.
docs:
    cargo run -q -- opcodes --markdown > docs/opcodes.md

fmt:
    cargo fmt --all

lint:
    cargo fmt --all --check
    cargo clippy --workspace --all-targets -- -D warnings

# Benchmarks: the Weft VM and JIT against native Rust, lua5.4, luajit, python3 and node, side
# by side: whole processes, then one run inside a process (docs/performance.md).
bench:
    cargo build --release
    python3 bench/run.py

# Regenerate the run corpora's expected output with the real interpreters (review the diff!).
regen-expected:
    cd testsuite/programs/lua && for f in *.lua; do lua5.4 "$f" > "${f%.lua}.expected"; done
    cd testsuite/programs/python && for f in *.py; do python3 "$f" > "${f%.py}.expected"; done
    cd testsuite/programs/ts && out=$(mktemp -d) && for f in *.ts; do tsc --target es2022 --module commonjs --noCheck --outDir "$out" "$f" && node "$out/${f%.ts}.js" > "${f%.ts}.expected"; done
