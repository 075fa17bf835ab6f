#!/usr/bin/env bash
# Builds the Python parser module (python/, crate specmark-python) for the JavaScript front
# ends: the second wasm module that `snippet-syntax` uses, loaded only when a document has a
# python block (src/python.rs).
# Usage: scripts/build-python-wasm.sh web|nodejs OUT_DIR [opt-level]
#   web     ES module with an async init (browser page, npm "specmark/web"); opt-level z
#   nodejs  CommonJS glue that instantiates on require (npm, language server); opt-level 3
# Skips the build when OUT_DIR holds a module newer than every file of python/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
target="${1:-}" out="${2:-}"
case "$target" in web) opt="${3:-z}" ;; nodejs) opt="${3:-3}" ;; *)
  echo "usage: scripts/build-python-wasm.sh web|nodejs OUT_DIR [opt-level]" >&2; exit 2 ;;
esac
[ -n "$out" ] || { echo "build-python-wasm: OUT_DIR missing" >&2; exit 2; }
case "$out" in /*) ;; *) out="$ROOT/$out" ;; esac
wasm="$out/specmark_python_bg.wasm"
if [ -f "$wasm" ] && [ -f "$out/specmark_python.js" ] \
  && [ -z "$(find python/src python/Cargo.toml python/Cargo.lock scripts/build-python-wasm.sh -newer "$wasm" -print -quit)" ]; then
  echo "build-python-wasm: $out is up to date"
  exit 0
fi
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
OPT=()
if ! command -v wasm-opt >/dev/null 2>&1 || ! wasm-opt --version 2>/dev/null | grep -q "version 1[2-9][0-9]"; then
  OPT=(--no-opt)  # only binaryen from npm (node_modules/.bin): Debian's old wasm-opt breaks modules
fi
CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
  CARGO_PROFILE_RELEASE_PANIC=abort WASM_PACK_DISABLE_UPDATE_CHECK=1 \
  CARGO_TARGET_DIR="${SPECMARK_CARGO_TARGET_DIR:-$ROOT/target}/python-wasm-$opt" \
  wasm-pack --log-level warn build --release --no-pack --no-typescript --no-gitignore "${OPT[@]}" \
  --target "$target" --out-dir "$out" --out-name specmark_python python -- --features wasm
rm -f "$out/README.md" "$out/.gitignore" "$out/package.json"
if [ "$target" = web ]; then
  printf '{\n  "type": "module"\n}\n' > "$out/package.json"
else
  printf '{\n  "type": "commonjs"\n}\n' > "$out/package.json"
fi
touch "$wasm"
echo "build-python-wasm: $out ($(wc -c < "$wasm") bytes, $(gzip -9 -c "$wasm" | wc -c) gzip)"
