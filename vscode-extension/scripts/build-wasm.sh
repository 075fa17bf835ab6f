#!/usr/bin/env bash
# Puts a Node-target build of the specmark wasm (specmark.js + specmark_bg.wasm) into
# vscode-extension/wasm/ for the bundle to ship beside it.
#
# It reuses the root package's Node build (pkg/node/, from `npm run build:wasm`) when that is
# newer than every Rust source: that build is tuned for speed (opt-level 3, LTO, one codegen
# unit, the regex crate's lazy DFA), as an editor lints on every keystroke (the size-tuned "z"
# build of the web page lints a 2,000-line spec about 5x slower, 13 ms against 2.7 ms
# measured, which breaks the 20 ms didChange budget). Otherwise it builds its own copy with
# the same settings into target/vscode-wasm/ (sharing the compiled crates of
# target/wasm-opt-3/ with the package).
# SPECMARK_VSCODE_WASM=own always builds the extension's own copy.
set -euo pipefail
cd "$(dirname "$0")/.."
EXT="$PWD"
ROOT="$(cd .. && pwd)"
OUT="$EXT/wasm"
export PATH="$HOME/.cargo/bin:$PATH"

REUSE="${SPECMARK_VSCODE_WASM:-pkg}"
for a in "$@"; do
  case "$a" in
    --reuse-pkg) REUSE=pkg ;; # the default now; still accepted
    *) echo "build-wasm: unknown option $a" >&2; exit 2 ;;
  esac
done

# The newest Rust input (sources, manifests), to compare builds with.
NEWEST="$(find "$ROOT/src" "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" -type f \( -name '*.rs' -o -name 'Cargo.*' \) \
  -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-)"
fresh() { [ -f "$1/specmark.js" ] && [ -f "$1/specmark_bg.wasm" ] && [ "$1/specmark_bg.wasm" -nt "$NEWEST" ]; }

SRC=""
if [ "$REUSE" = pkg ]; then
  for candidate in "$ROOT/pkg/node" "$ROOT/pkg"; do
    if fresh "$candidate" && grep -q "readFileSync" "$candidate/specmark.js"; then
      SRC="$candidate"
      echo "build-wasm: reusing $candidate (up to date)"
      break
    fi
  done
  [ -n "$SRC" ] || echo "build-wasm: no up-to-date pkg/node build; building the extension's own"
fi

if [ -z "$SRC" ]; then
  SRC="$ROOT/target/vscode-wasm"
  if fresh "$SRC"; then
    echo "build-wasm: reusing $SRC (up to date)"
  else
    echo "build-wasm: wasm-pack build --target nodejs (opt-level 3, no wasm-opt) → $SRC"
    export CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=true \
      CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 WASM_PACK_DISABLE_UPDATE_CHECK=1 \
      CARGO_TARGET_DIR="$ROOT/target/wasm-opt-3"
    (cd "$ROOT" && wasm-pack --log-level warn build --release --no-opt --no-pack --no-typescript \
      --target nodejs --out-dir "$SRC" --out-name specmark . -- --no-default-features --features wasm,fast-regex)
    touch "$SRC/specmark_bg.wasm"
  fi
fi

mkdir -p "$OUT"
cp "$SRC/specmark.js" "$SRC/specmark_bg.wasm" "$OUT/"
# The Python parser module (`snippet-syntax`), loaded by the server on first need: the
# package's build when it is up to date, else built here (scripts/build-python-wasm.sh
# skips the build when its output is newer than python/).
PY="$ROOT/pkg/python-node"
if [ ! -f "$PY/specmark_python_bg.wasm" ] \
  || [ -n "$(find "$ROOT/python/src" "$ROOT/python/Cargo.toml" -newer "$PY/specmark_python_bg.wasm" -print -quit)" ]; then
  PY="$ROOT/target/vscode-python"
  bash "$ROOT/scripts/build-python-wasm.sh" nodejs "$PY"
fi
cp "$PY/specmark_python.js" "$PY/specmark_python_bg.wasm" "$OUT/"
echo "build-wasm: $OUT/specmark_bg.wasm ($(wc -c < "$OUT/specmark_bg.wasm") bytes, from $SRC)"
