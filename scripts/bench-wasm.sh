#!/usr/bin/env bash
# Benchmark (not a test): wasm lint times in Node against the native build, side by side.
# Builds pkg/ when missing or stale, then runs the native throughput benchmark and the wasm
# benchmark of `npm run bench` (bench/run.mjs) without the CLI comparison, the instruction
# counts and the pathological set. Results in bench/out/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ ! -f pkg/.built ] || [ -n "$(find src Cargo.toml Cargo.lock scripts/build-wasm.sh -newer pkg/.built -print -quit)" ]; then
  bash scripts/build-wasm.sh
fi
node bench/run.mjs --skip-cli --skip-valgrind --skip-pathological "$@"
