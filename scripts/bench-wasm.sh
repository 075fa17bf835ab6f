#!/usr/bin/env bash
# Benchmark (not a test): wasm lint times in Node versus the native library. Builds pkg/ when
# missing or stale and the native reference in release mode, then runs bench/wasm-bench.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ ! -f pkg/.built ] || [ -n "$(find src Cargo.toml Cargo.lock scripts/build-wasm.sh -newer pkg/.built -print -quit)" ]; then
  bash scripts/build-wasm.sh
fi
# The native side as the CLI ships it (default features, release profile).
cargo build --quiet --release --example lint_json
node bench/wasm-bench.mjs
