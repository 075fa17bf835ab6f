#!/usr/bin/env bash
# Size check of the published WebAssembly modules (built without `python`), gzip -9. A size is
# deterministic for a given toolchain, so the check is exact; scripts/test-wasm.sh runs it.
#
# pkg/web/specmark_bg.wasm is what a browser downloads: it is held to LIMIT, the size
# reached, and the distance to BUDGET (the issue's 250 KB target) is reported. The module does
# not reach the budget without changing what specmark reports (README, "Use from JavaScript"
# → "Size" says what remains and why). Lower LIMIT when the module shrinks; set it to BUDGET
# once the budget is met.
# pkg/node/specmark_bg.wasm is built for speed (opt-level 3; scripts/build-wasm.sh) and is
# never downloaded by a page; NODE_LIMIT keeps it from growing unnoticed.
#
# Usage: scripts/check-wasm-size.sh [FILE.wasm...]   (default: pkg/web, then pkg/node)
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET=256000 # 250 KB
LIMIT=645000 # 642,304 reached with the host side of the Python parser module and snippet-syntax's own code in the wasm (issue 20); 635,800 reached with the fingerprints of findings (baselines) and host options (template texts, bytes in; issue 19); 632,179: the Spec Kit / Kiro / OpenSpec rules (issue 18: 13 rules, their documentation, the requirements model) added 44.5 KB gzip; 587,654 with profiles (issue 16) and the precision work (issue 17); 535,864 before. Shrinking it (schemas derived at build time, fewer hash-map instantiations) is open.
NODE_LIMIT=860000 # 854,418 reached with the Python parser host (issue 20); 844,297 reached with the exports for the npm command (feature host: configInfo, pathInfo, engineReport) and fingerprints (issue 19); 835,246 with the Spec Kit / Kiro / OpenSpec rules (issue 18); 766,219 with profiles and precision work (issues 16, 17); 703,650 before, at opt-level 3 with the lazy DFA (fast-regex)

# The Python parser modules (loaded on demand, issue 20): 576,576 (web, opt-level z) and
# 618,937 (node, opt-level 3) at their first build.
PYTHON_LIMIT=590000
PYTHON_NODE_LIMIT=635000

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(pkg/web/specmark_bg.wasm pkg/node/specmark_bg.wasm pkg/python-web/specmark_python_bg.wasm pkg/python-node/specmark_python_bg.wasm)
fi

status=0
for f in "${files[@]}"; do
  if [ ! -f "$f" ]; then
    echo "check-wasm-size: $f is missing; run scripts/build-wasm.sh first" >&2
    exit 1
  fi
  raw=$(wc -c < "$f" | tr -d ' ')
  gz=$(gzip -9 -c "$f" | wc -c | tr -d ' ')
  if [[ "$f" == *specmark_python_bg.wasm ]]; then
    limit=$PYTHON_LIMIT
    [[ "$f" == *node/* ]] && limit=$PYTHON_NODE_LIMIT
    if [ "$gz" -gt "$limit" ]; then
      echo "check-wasm-size: FAIL $f: $gz bytes gzip ($raw raw) is over the Python parser's limit of $limit" >&2
      status=1
    else
      echo "check-wasm-size: ok $f: $gz bytes gzip ($raw raw), the Python parser (loaded on demand), within its limit of $limit"
    fi
    continue
  fi
  if [[ "$f" == *node/* ]]; then
    if [ "$gz" -gt "$NODE_LIMIT" ]; then
      echo "check-wasm-size: FAIL $f: $gz bytes gzip ($raw raw) is over the limit of $NODE_LIMIT for the speed build" >&2
      status=1
    else
      echo "check-wasm-size: ok $f: $gz bytes gzip ($raw raw), speed build (opt-level 3), within its limit of $NODE_LIMIT"
    fi
    continue
  fi
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
