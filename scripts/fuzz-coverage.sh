#!/usr/bin/env bash
# What the fuzz corpora reach (README, "Fuzzing"): line coverage of src/rules/ by the kept
# corpus and the seeds of every target (cargo fuzz coverage, llvm-cov from the nightly
# toolchain's llvm-tools), and the rules and fixes they trigger (examples/fuzz_reach.rs).
# Usage: scripts/fuzz-coverage.sh            (writes fuzz/coverage/summary.txt, git-ignored)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1 || ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q llvm-tools; then
  bash scripts/setup.sh --fuzz
fi
bash scripts/fuzz-seed.sh >/dev/null
SYSROOT="$(rustc +nightly --print sysroot)"
LLVM="$(find "$SYSROOT/lib/rustlib" -type d -name bin -path '*-linux-gnu/bin' | head -1)"
OUT=fuzz/coverage
mkdir -p "$OUT"
profiles=()
objects=()
for t in lint fix workspace doc diff config; do
  dirs=()
  for d in "fuzz/corpus/$t" "fuzz/seeds/$t"; do
    [ -d "$d" ] && [ -n "$(ls -A "$d")" ] && dirs+=("$d")
  done
  [ ${#dirs[@]} -gt 0 ] || continue
  echo "== coverage of $t (${dirs[*]})"
  cargo +nightly fuzz coverage "$t" "${dirs[@]}" >"$OUT/$t.log" 2>&1
  profiles+=("$OUT/$t/coverage.profdata")
  [ -f "fuzz/coverage/$t/coverage.profdata" ] || { echo "fuzz-coverage: no profile for $t" >&2; exit 1; }
  objects+=(-object "target/x86_64-unknown-linux-gnu/coverage/x86_64-unknown-linux-gnu/release/$t")
done
"$LLVM/llvm-profdata" merge -sparse "${profiles[@]}" -o "$OUT/all.profdata"
{
  echo "Line coverage of src/rules/ by the kept fuzz corpora and the seeds (llvm-cov):"
  "$LLVM/llvm-cov" report "${objects[@]:1}" -instr-profile="$OUT/all.profdata" \
    -ignore-filename-regex='(/\.cargo/|/rustc/|/tests/|/fuzz/|/python/)' "$PWD/src/rules" 2>/dev/null \
    | sed "s#$PWD/##"
  echo
  cargo run --quiet --release --example fuzz_reach fuzz
} | tee "$OUT/summary.txt"
