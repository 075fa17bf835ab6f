#!/usr/bin/env bash
# Size check of the published WebAssembly module: gzip -9 of pkg/node and pkg/web
# specmark_bg.wasm (built without `python`), the bytes a browser downloads. A size is
# deterministic for a given toolchain, so the check is exact; scripts/test-wasm.sh runs it.
#
# BUDGET is the issue's target (250 KB gzip). The module does not reach it without changing
# what specmark reports (README, "Use from JavaScript" → "Size" says what remains and why), so the check
# fails above LIMIT, the size reached, and reports the distance to BUDGET. Lower LIMIT when the
# module shrinks; set it to BUDGET once the budget is met.
#
# Usage: scripts/check-wasm-size.sh [FILE.wasm...]   (default: pkg/node and pkg/web)
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET=256000 # 250 KB
LIMIT=540000 # 535,864 reached; the speed work on large documents (parsing in pieces, hand matchers for phrases, task ids and references) added 17 KB

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(pkg/node/specmark_bg.wasm pkg/web/specmark_bg.wasm)
fi

status=0
for f in "${files[@]}"; do
  if [ ! -f "$f" ]; then
    echo "check-wasm-size: $f is missing; run scripts/build-wasm.sh first" >&2
    exit 1
  fi
  raw=$(wc -c < "$f" | tr -d ' ')
  gz=$(gzip -9 -c "$f" | wc -c | tr -d ' ')
  if [ "$gz" -gt "$LIMIT" ]; then
    echo "check-wasm-size: FAIL $f: $gz bytes gzip ($raw raw) is over the limit of $LIMIT" >&2
    status=1
  elif [ "$gz" -gt "$BUDGET" ]; then
    echo "check-wasm-size: ok $f: $gz bytes gzip ($raw raw), within the limit of $LIMIT;" \
      "the 250 KB budget ($BUDGET) is $((gz - BUDGET)) bytes away"
  else
    echo "check-wasm-size: ok $f: $gz bytes gzip ($raw raw), within the 250 KB budget ($BUDGET)"
  fi
done
exit "$status"
