#!/usr/bin/env bash
# Puts a Node-target build of the specmark wasm (specmark.js + specmark_bg.wasm) into
# vscode-extension/wasm/ for the bundle to ship beside it.
#
# Reuses the root package's build (pkg/node/, from `npm run build:wasm`) when it is newer
# than every Rust source; otherwise builds its own copy with wasm-pack into
# target/vscode-wasm/ (never touching pkg/, which belongs to the root package's build).
# wasm-opt runs when the root's pinned npm binaryen is installed, and is skipped otherwise
# (Debian's binaryen breaks the module; see TOOLCHAIN notes).
set -euo pipefail
cd "$(dirname "$0")/.."
EXT="$PWD"
ROOT="$(cd .. && pwd)"
OUT="$EXT/wasm"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The newest Rust input (sources, manifest, lock file), as a file to compare with -nt.
newest_source() {
  find "$ROOT/src" "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" -type f \( -name '*.rs' -o -name 'Cargo.*' \) \
    -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-
}
NEWEST="$(newest_source)"

fresh() { [ -f "$1/specmark.js" ] && [ -f "$1/specmark_bg.wasm" ] && [ "$1/specmark_bg.wasm" -nt "$NEWEST" ]; }

SRC=""
for candidate in "$ROOT/pkg/node" "$ROOT/pkg"; do
  if fresh "$candidate" && grep -q "readFileSync" "$candidate/specmark.js"; then
    SRC="$candidate"
    echo "build-wasm: reusing $candidate (up to date)"
    break
  fi
done

if [ -z "$SRC" ]; then
  SRC="$ROOT/target/vscode-wasm"
  if fresh "$SRC"; then
    echo "build-wasm: reusing $SRC (up to date)"
  else
    OPT=(--no-opt)
    if [ -x "$ROOT/node_modules/.bin/wasm-opt" ]; then OPT=(); fi
    echo "build-wasm: wasm-pack build --target nodejs ${OPT[*]:-} → $SRC"
    export CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=true \
      CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 WASM_PACK_DISABLE_UPDATE_CHECK=1
    (cd "$ROOT" && wasm-pack --log-level warn build --release "${OPT[@]}" --no-pack --no-typescript \
      --target nodejs --out-dir "$SRC" --out-name specmark . -- --no-default-features --features wasm)
    touch "$SRC/specmark_bg.wasm"
  fi
fi

mkdir -p "$OUT"
cp "$SRC/specmark.js" "$SRC/specmark_bg.wasm" "$OUT/"
echo "build-wasm: $OUT/specmark_bg.wasm ($(wc -c < "$OUT/specmark_bg.wasm") bytes)"
