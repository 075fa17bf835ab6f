#!/usr/bin/env bash
# WebAssembly package tests: builds pkg/ when it is missing or older than a Rust source, builds
# the native reference (examples/lint_json.rs, same features as the wasm: no `python`), then
# runs the node:test suites in tests/js/ (API parity and packaging: npm pack, install, Node
# CJS/ESM, esbuild bundle in headless Chromium). Fails when the module grows past its size
# limit (scripts/check-wasm-size.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "== building the wasm package (when pkg/ is missing or stale)"
bash scripts/build-wasm.sh --if-stale

echo "== wasm size (gzip -9, scripts/check-wasm-size.sh)"
bash scripts/check-wasm-size.sh

echo "== cargo clippy (wasm32, feature wasm)"
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features wasm -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features wasm,host -- -D warnings
(cd python && cargo clippy --quiet --target wasm32-unknown-unknown --features wasm -- -D warnings && cargo test --quiet --features wasm)

echo "== building the native references (examples/lint_json and the CLI, both with python)"
cargo build --quiet --example lint_json --no-default-features --features python
cargo build --quiet

echo "== node --test tests/js/"
node --test --test-reporter=spec tests/js/*.test.mjs
