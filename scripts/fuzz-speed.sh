#!/usr/bin/env bash
# Executions a second of each fuzz target on one core, on typical inputs (README, "Fuzzing"):
# lint, fix: 30 real documents and fixtures of 4-10 KB (the real documents' median is 6.2 KB);
# workspace: 30 folders of 8-40 KB (real feature folders: median 18 KB); config: the real
# configurations of the repository (the seeds), and apart from them the kept corpus (made by
# fuzzing: odd rule options, custom word lists that each compile a regex); doc, diff: 120
# inputs of the kept corpus spread over it. Each set runs RUNS times (default 200; 50 for the
# 120-input sets) in one process pinned to one core (taskset -c 0); the median of 3 repeats is
# printed (the machine is shared: single measurements vary by up to 20%).
# Usage: scripts/fuzz-speed.sh [RUNS]   (after scripts/fuzz.sh has built the targets)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-200}"
BIN=fuzz/target/x86_64-unknown-linux-gnu/release
[ -x "$BIN/lint" ] || { echo "fuzz-speed: build the targets first (scripts/fuzz.sh)" >&2; exit 1; }
bash scripts/fuzz-seed.sh >/dev/null
pick() { # DIR MIN MAX N: N files with sizes in [MIN, MAX] bytes, spread over the name order
  local all
  mapfile -t all < <(find "$1" -type f -size +"$2"c -size -"$3"c 2>/dev/null | sort)
  local n=${#all[@]} want="$4" i
  [ "$n" -gt 0 ] || return 0
  for ((i = 0; i < want && i < n; i++)); do echo "${all[i * n / (want < n ? want : n)]}"; done
}
measure() { # LABEL TARGET RUNS FILES...: median executions a second of 3 repeats
  local label="$1" t="$2" runs="$3"
  shift 3
  local files=("$@") rates=() k start end ms n avg
  n=$(( ${#files[@]} * runs ))
  for k in 1 2 3; do
    start=$(date +%s%N)
    taskset -c 0 "$BIN/$t" -runs="$runs" "${files[@]}" >/dev/null 2>&1
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    rates+=($(( n * 1000 / (ms > 0 ? ms : 1) )))
  done
  avg=$(( $(cat "${files[@]}" | wc -c) / ${#files[@]} ))
  echo "   $label: $(printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p)/s (median of $(printf '%s ' "${rates[@]}")/s; ${#files[@]} inputs x $runs runs, $avg bytes on average)"
}
for t in lint fix workspace doc diff config; do
  case "$t" in
    lint | fix) mapfile -t files < <(pick "fuzz/seeds/$t" 4000 10240 30); runs=$RUNS ;;
    workspace) mapfile -t files < <(pick "fuzz/seeds/$t" 8000 40960 30); runs=$RUNS ;;
    config) mapfile -t files < <(pick "fuzz/seeds/$t" 0 4097 100); runs=$RUNS ;;
    *) mapfile -t files < <(pick "fuzz/corpus/$t" 0 4097 120); runs=$(( RUNS / 4 )) ;;
  esac
  if [ ${#files[@]} -eq 0 ]; then echo "   $t: no inputs"; continue; fi
  label=$t
  [ "$t" = config ] && label="config (real configurations)"
  measure "$label" "$t" "$runs" "${files[@]}"
  if [ "$t" = config ]; then
    mapfile -t files < <(pick "fuzz/corpus/$t" 0 4097 120)
    [ ${#files[@]} -gt 0 ] && measure "config (kept corpus)" "$t" $(( RUNS / 4 )) "${files[@]}"
  fi
done
