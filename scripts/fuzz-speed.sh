#!/usr/bin/env bash
# Executions a second of each fuzz target on one core, on typical inputs (README, "Fuzzing"):
# raw targets (lint, fix): 30 seeds of 4-10 KB (real documents and fixtures; the real
# documents' median is 6.2 KB); workspace: 30 folder seeds of 8-40 KB; doc, diff, config:
# 30 inputs of the kept corpus. Each input runs RUNS times (default 200) in one process
# pinned to one core (taskset -c 0).
# Usage: scripts/fuzz-speed.sh [RUNS]   (after scripts/fuzz.sh has built the targets)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-200}"
BIN=fuzz/target/x86_64-unknown-linux-gnu/release
[ -x "$BIN/lint" ] || { echo "fuzz-speed: build the targets first (scripts/fuzz.sh)" >&2; exit 1; }
bash scripts/fuzz-seed.sh >/dev/null
pick() { # DIR MIN MAX: 30 files with sizes in [MIN, MAX] bytes, in name order
  find "$1" -type f -size +"$2"c -size -"$3"c 2>/dev/null | sort | head -30
}
for t in lint fix workspace doc diff config; do
  case "$t" in
    lint | fix) mapfile -t files < <(pick "fuzz/seeds/$t" 4000 10240) ;;
    workspace) mapfile -t files < <(pick "fuzz/seeds/$t" 8000 40960) ;;
    *) mapfile -t files < <(pick "fuzz/corpus/$t" 0 4097) ;;
  esac
  if [ ${#files[@]} -eq 0 ]; then echo "   $t: no inputs"; continue; fi
  start=$(date +%s%N)
  taskset -c 0 "$BIN/$t" -runs="$RUNS" "${files[@]}" >/dev/null 2>&1
  end=$(date +%s%N)
  n=$(( ${#files[@]} * RUNS ))
  ms=$(( (end - start) / 1000000 ))
  avg=$(( $(cat "${files[@]}" | wc -c) / ${#files[@]} ))
  echo "   $t: $n executions in $ms ms = $(( n * 1000 / (ms > 0 ? ms : 1) ))/s (${#files[@]} inputs, $avg bytes on average)"
done
