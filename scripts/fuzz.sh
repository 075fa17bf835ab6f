#!/usr/bin/env bash
# Runs the cargo-fuzz targets (nightly toolchain; README, "Reliability").
# Usage: scripts/fuzz.sh TARGET|all SECONDS [extra libFuzzer flags...]
#   TARGET: lint, fix, config or workspace; `all` runs each in turn for SECONDS.
# Inputs up to 64 KB (FUZZ_MAX_LEN overrides; large inputs belong to the pathological
# benchmark, tests/pathological.rs); a unit slower than 30 s counts as a hang. Debug
# assertions and overflow checks are on (-a), so the engine's range checks fire as crashes.
# Every run appends its executions to fuzz/EXECUTIONS.tsv (kept in the repository: runs of
# several sessions add up).
# Crashes land in fuzz/artifacts/TARGET/; logs in fuzz/logs/. Replay a crash with
#   cargo +nightly fuzz run -a TARGET fuzz/artifacts/TARGET/crash-...
# and add it to tests/regressions/TARGET/ (tests/regressions.rs replays every file there).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TARGETS=(lint fix config workspace)
target="${1:-}"
seconds="${2:-}"
if [ -z "$target" ] || ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh lint|fix|config|workspace|all SECONDS [libFuzzer flags...]" >&2
  exit 2
fi
shift 2

if ! cargo fuzz --version >/dev/null 2>&1 || ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain and cargo-fuzz (scripts/setup.sh --fuzz)" >&2
  bash scripts/setup.sh --fuzz
fi
bash scripts/fuzz-seed.sh >/dev/null
mkdir -p fuzz/logs
MAX_LEN="${FUZZ_MAX_LEN:-65536}"
COUNTS=fuzz/EXECUTIONS.tsv
[ -f "$COUNTS" ] || printf 'date\ttarget\tseconds\tmax_len\texecutions\texec_per_s\texit\n' > "$COUNTS"

run_one() {
  local t="$1" log="fuzz/logs/$1-$(date +%Y%m%d-%H%M%S).log"
  shift
  echo "== fuzz $t for ${seconds}s (log: $log)"
  local rc=0
  cargo +nightly fuzz run -a "$t" -- \
    -max_len="$MAX_LEN" -timeout=30 -max_total_time="$seconds" -print_final_stats=1 "$@" \
    >"$log" 2>&1 || rc=$?
  local execs rate
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" "$seconds" "$MAX_LEN" \
    "${execs:-0}" "${rate:-0}" "$rc" >> "$COUNTS"
  echo "   $t: exit $rc, ${execs:-?} executions (${rate:-?}/s), corpus $(find "fuzz/corpus/$t" -type f | wc -l) inputs"
  if [ "$rc" != 0 ]; then
    grep -E '^(==[0-9]+==|SUMMARY|thread .* panicked|artifact_prefix|Test unit written)' "$log" | head -20 || true
  fi
  return "$rc"
}

failed=()
if [ "$target" = all ]; then
  for t in "${TARGETS[@]}"; do run_one "$t" "$@" || failed+=("$t"); done
else
  case " ${TARGETS[*]} " in
    *" $target "*) run_one "$target" "$@" || failed+=("$target") ;;
    *) echo "fuzz: unknown target $target (expected: ${TARGETS[*]} or all)" >&2; exit 2 ;;
  esac
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes or errors in: ${failed[*]} (see fuzz/artifacts/ and fuzz/logs/)" >&2
  exit 1
fi
total=$(awk -F'\t' 'NR > 1 { n += $5 } END { print n + 0 }' "$COUNTS")
echo "fuzz: no crashes; $total executions recorded in $COUNTS"
