#!/usr/bin/env bash
# Builds the WebAssembly package into pkg/ (git-ignored) with wasm-pack:
#   pkg/node/  CommonJS glue for Node (`require("specmark")`; js/index.mjs wraps it for `import`)
#   pkg/web/   ES module with an async `init` loader (`import init from "specmark/web"`), for
#              browsers and bundlers
# Both targets load the engine built with the `wasm` feature only. The Python parser of
# `snippet-syntax` would double that module, so it is a second module of its own (python/,
# scripts/build-python-wasm.sh) in pkg/python-web and pkg/python-node, which the wrappers
# (js/web.mjs, js/node.cjs) load only when a document has a python block; `--size-report`
# also measures the engine with the parser linked in. scripts/check-wasm-size.sh holds the
# shipped module to its size limit (README, "Use from JavaScript" → "Size").
#
# The two targets are tuned for what their users pay for:
#   pkg/web/   opt-level "z": the bytes a browser downloads (scripts/check-wasm-size.sh);
#   pkg/node/  opt-level 3 and the regex crate's lazy DFA (feature `fast-regex`): scripts,
#              bots and the VS Code language server lint on every call and never download
#              the module; it lints about 2.4x faster than the "z" build for about 170 KB
#              more gzip (BENCHMARKS.md, budget 2).
# Both use LTO, one codegen unit and wasm-opt -Oz (which shrinks the opt-level 3 module
# without slowing it); each keeps its own target folder so neither rebuild undoes the other.
# The native CLI keeps the release profile of Cargo.toml. wasm-opt comes from the pinned npm
# package binaryen (node_modules/.bin), never from Debian's binaryen, whose output breaks at
# runtime.
#
# Usage: scripts/build-wasm.sh                 build pkg/
#        scripts/build-wasm.sh --if-stale      build only when pkg/ is missing or older than a
#                                              Rust source (`npm pack` runs this: prepack)
#        scripts/build-wasm.sh --size-report   also build with `python` and print both sizes
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

SIZE_REPORT=0
IF_STALE=0
for a in "$@"; do
  case "$a" in
    --size-report) SIZE_REPORT=1 ;;
    --if-stale) IF_STALE=1 ;;
    *) echo "build-wasm: unknown option $a" >&2; exit 2 ;;
  esac
done

if [ "$IF_STALE" = 1 ] && [ -f pkg/.built ] && [ -f pkg/node/specmark_bg.wasm ] && [ -f pkg/web/specmark_bg.wasm ] \
  && [ -f pkg/python-node/specmark_python_bg.wasm ] && [ -f pkg/python-web/specmark_python_bg.wasm ] \
  && [ -z "$(find src python/src python/Cargo.toml Cargo.toml Cargo.lock scripts/build-wasm.sh -newer pkg/.built -print -quit)" ]; then
  echo "build-wasm: pkg/ is up to date"
  exit 0
fi

export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ]; then
  echo "build-wasm: node_modules/.bin/wasm-opt is missing; run scripts/setup.sh (npm install) first" >&2
  exit 1
fi
for tool in wasm-pack wasm-bindgen; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build-wasm: $tool is missing; run scripts/setup.sh first" >&2
    exit 1
  fi
done

export CARGO_PROFILE_RELEASE_LTO=true
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort
# Quiet wasm-pack's version check (it would reach for the network).
export WASM_PACK_DISABLE_UPDATE_CHECK=1

FEATURES="wasm"

# wasm-pack <target> <out-dir> <features> [opt-level]   (opt-level "z" by default)
pack() {
  local opt="${4:-z}" dir="${SPECMARK_CARGO_TARGET_DIR:-$ROOT/target}"
  [ "$opt" = z ] || dir="$dir/wasm-opt-$opt"
  CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_TARGET_DIR="$dir" \
    wasm-pack --log-level warn build --release --no-pack --no-typescript --no-gitignore \
    --target "$1" --out-dir "$2" --out-name specmark \
    . -- --no-default-features --features "$3"
}

rm -rf pkg
pack nodejs "$ROOT/pkg/node" "$FEATURES,fast-regex,host" 3
pack web "$ROOT/pkg/web" "$FEATURES"
# Each folder says how Node should read its .js (the web glue is an ES module).
printf '{\n  "type": "commonjs"\n}\n' > pkg/node/package.json
printf '{\n  "type": "module"\n}\n' > pkg/web/package.json
rm -f pkg/node/README.md pkg/web/README.md pkg/*/.gitignore
bash scripts/build-python-wasm.sh nodejs pkg/python-node
bash scripts/build-python-wasm.sh web pkg/python-web

# A stamp newer than every input: scripts/test-wasm.sh rebuilds when a source is newer.
touch pkg/.built

gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
raw() { wc -c < "$1" | tr -d ' '; }
W=pkg/web/specmark_bg.wasm
N=pkg/node/specmark_bg.wasm
PW=pkg/python-web/specmark_python_bg.wasm
PN=pkg/python-node/specmark_python_bg.wasm
echo "build-wasm: pkg/ built (features $FEATURES; node also fast-regex): web $(raw "$W") bytes, $(gz "$W") gzip; node $(raw "$N") bytes, $(gz "$N") gzip"
echo "build-wasm: python parser modules: web $(raw "$PW") bytes, $(gz "$PW") gzip; node $(raw "$PN") bytes, $(gz "$PN") gzip"

if [ "$SIZE_REPORT" = 1 ]; then
  OUT="$ROOT/target/wasm-size/python"
  rm -rf "$OUT"
  pack web "$OUT" wasm,python
  P="$OUT/specmark_bg.wasm"
  # within <gzip> <budget>
  within() { if [ "$1" -le "$2" ]; then echo "within"; else echo "over by $(($1 - $2))"; fi; }
  echo
  echo "| build | wasm bytes | gzip -9 | budget (gzip) | |"
  echo "|---|---|---|---|---|"
  echo "| without python (\`wasm\`, shipped in pkg/) | $(raw "$W") | $(gz "$W") | 256,000 (250 KB) | $(within "$(gz "$W")" 256000) |"
  echo "| with python (\`wasm,python\`) | $(raw "$P") | $(gz "$P") | 819,200 (800 KB) | $(within "$(gz "$P")" 819200) |"
  echo
  bash scripts/check-wasm-size.sh
fi
