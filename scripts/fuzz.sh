#!/usr/bin/env bash
# Runs the cargo-fuzz targets (nightly toolchain; README, "Reliability").
# Usage: scripts/fuzz.sh TARGET[,TARGET...]|all SECONDS [extra libFuzzer flags...]
#   TARGET: lint, fix, workspace (raw bytes), doc, diff (structure-aware), config.
#   `all` runs every target for SECONDS each, as many at once as the machine has cores
#   (FUZZ_JOBS overrides), so `all 600` on 2 cores takes about 30 minutes.
# Build: release with debug assertions and overflow checks (-a), no sanitizer (safe Rust;
# the engine's own range checks and the invariants fire as crashes), no compare tracing
# (3-5x the executions a second; fuzz/spec.dict gives the raw targets the tokens tracing
# would have found).
# Raw inputs up to 64 KB, generator and configuration inputs up to 4 KB (FUZZ_MAX_LEN overrides; large inputs belong to the pathological
# benchmark, tests/pathological.rs); a unit slower than 30 s counts as a hang.
# Corpora: fuzz/seeds/TARGET (git-ignored) holds the seeds scripts/fuzz-seed.sh builds from
# the fixtures, real documents and templates; fuzz/corpus/TARGET is the minimized corpus kept
# in the repository: what fuzzing found beyond the seeds (see keep below). A run reads both
# and grows the working corpus fuzz/work/TARGET (git-ignored), then merges, so the next run
# (on any machine) starts where this one ended.
# Every run appends its executions to fuzz/EXECUTIONS.tsv (kept in the repository: runs of
# several sessions add up) and the script prints executions a second and the totals.
# Crashes land in fuzz/artifacts/TARGET/; logs in fuzz/logs/. Replay a crash with
#   fuzz/target/x86_64-unknown-linux-gnu/release/TARGET fuzz/artifacts/TARGET/crash-...
# and add it to tests/regressions/TARGET/ (tests/regressions.rs replays every file there).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TARGETS=(lint fix workspace doc diff config)
target="${1:-}"
seconds="${2:-}"
if [ -z "$target" ] || ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh ${TARGETS[*]// /|}|all SECONDS [libFuzzer flags...]" >&2
  exit 2
fi
shift 2
if [ "$target" = all ]; then
  run=("${TARGETS[@]}")
else
  run=()
  IFS=, read -ra wanted <<< "$target"
  for t in "${wanted[@]}"; do
    case " ${TARGETS[*]} " in
      *" $t "*) run+=("$t") ;;
      *) echo "fuzz: unknown target $t (expected: ${TARGETS[*]}, a comma-separated list, or all)" >&2; exit 2 ;;
    esac
  done
fi

if ! cargo fuzz --version >/dev/null 2>&1 || ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain and cargo-fuzz (scripts/setup.sh --fuzz)" >&2
  bash scripts/setup.sh --fuzz
fi
BUILD=(-s none -a --no-trace-compares)
echo "== building the fuzz targets (cargo +nightly fuzz build ${BUILD[*]})"
cargo +nightly fuzz build "${BUILD[@]}" >/dev/null
BIN=fuzz/target/x86_64-unknown-linux-gnu/release
bash scripts/fuzz-seed.sh >/dev/null
mkdir -p fuzz/logs
MAX_LEN="${FUZZ_MAX_LEN:-65536}"
JOBS="${FUZZ_JOBS:-$(nproc)}"
COUNTS=fuzz/EXECUTIONS.tsv
[ -f "$COUNTS" ] || printf 'date\ttarget\tseconds\tmax_len\texecutions\texec_per_s\texit\n' > "$COUNTS"

# keep TARGET LEN: libFuzzer's set-cover merge of the seeds, the kept corpus and this run's
# working corpus becomes the next run's working corpus (so it does not grow run after run),
# and the kept corpus in the repository becomes the merged inputs of at most KEEP_MAX bytes
# that are not seeds: the seeds (real documents, fixtures) are rebuilt from their sources by
# scripts/fuzz-seed.sh, and the repository keeps what fuzzing found beyond them.
KEEP_MAX="${FUZZ_KEEP_MAX:-4096}"
keep() {
  local t="$1" len="$2" merged
  merged=$(mktemp -d "fuzz/work/.merge-$t.XXXXXX")
  "$BIN/$t" -set_cover_merge=1 -max_len="$len" "$merged" "fuzz/seeds/$t" "fuzz/corpus/$t" "fuzz/work/$t" \
    || { rm -rf "$merged"; return 1; }
  rm -rf "fuzz/work/$t"
  mv "$merged" "fuzz/work/$t"
  find "fuzz/corpus/$t" -type f -delete
  comm -23 \
    <(find "fuzz/work/$t" -type f -size -"$((KEEP_MAX + 1))"c -printf '%f\n' | sort) \
    <(find "fuzz/seeds/$t" -type f -printf '%f\n' | sort) \
    | (cd "fuzz/work/$t" && xargs -r cp -t "../../corpus/$t/")
}

# run_one TARGET [flags]: fuzz, record, merge; exit status of the fuzzing.
run_one() {
  local t="$1" log="fuzz/logs/$1-$(date +%Y%m%d-%H%M%S).log"
  shift
  # Raw targets: real documents up to MAX_LEN, and the dictionary. The generator's and the
  # configuration's inputs are small (a few bytes choose each part of a document).
  local dict=() len="$MAX_LEN"
  case "$t" in
    lint | fix | workspace) dict=(-dict=fuzz/spec.dict) ;;
    *) len="${FUZZ_MAX_LEN:-4096}" ;;
  esac
  mkdir -p "fuzz/work/$t" "fuzz/corpus/$t" "fuzz/seeds/$t" "fuzz/artifacts/$t"
  local rc=0
  "$BIN/$t" "fuzz/work/$t" "fuzz/corpus/$t" "fuzz/seeds/$t" "${dict[@]}" -artifact_prefix="fuzz/artifacts/$t/" \
    -max_len="$len" -timeout=30 -max_total_time="$seconds" -print_final_stats=1 "$@" \
    >"$log" 2>&1 || rc=$?
  local execs rate
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  # One line at a time (targets run in parallel): a short append is atomic.
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" "$seconds" "$len" \
    "${execs:-0}" "${rate:-0}" "$rc" >> "$COUNTS"
  keep "$t" "$len" >>"$log" 2>&1 || true
  echo "   $t: exit $rc, ${execs:-?} executions (${rate:-?}/s), kept corpus $(find "fuzz/corpus/$t" -type f | wc -l) inputs (log: $log)"
  if [ "$rc" != 0 ]; then
    echo "$t" >> "$FAILED"
    grep -E '^(==[0-9]+==|SUMMARY|thread .* panicked|artifact_prefix|Test unit written)' "$log" | head -20 || true
  fi
  return "$rc"
}

echo "== fuzzing ${run[*]} for ${seconds}s each, $JOBS at a time, inputs up to $MAX_LEN bytes"
FAILED=$(mktemp)
trap 'rm -f "$FAILED"' EXIT
for t in "${run[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
  run_one "$t" "$@" &
done
wait
if [ -s "$FAILED" ]; then
  echo "fuzz: crashes or errors in: $(tr '\n' ' ' < "$FAILED")(see fuzz/artifacts/ and fuzz/logs/)" >&2
  exit 1
fi
echo "fuzz: no crashes. Executions recorded in $COUNTS:"
awk -F'\t' 'NR > 1 { n[$2] += $5; s[$2] += $3; total += $5 }
  END { for (t in n) printf "   %-10s %12d executions in %7d s\n", t, n[t], s[t]; printf "   %-10s %12d\n", "total", total }' "$COUNTS"
