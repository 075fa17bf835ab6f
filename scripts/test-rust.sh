#!/usr/bin/env bash
# Rust checks: formatting, clippy, and every cargo test (with and without the python feature).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets -- -D warnings
echo "== cargo test"
cargo test --all-targets
cargo test --doc
echo "== cargo test (without the python feature)"
cargo test --no-default-features --features cli --lib
