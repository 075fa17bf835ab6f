#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml).
#   action.sh install   get specmark (INPUT_INSTALL: cargo | npm:SPEC | none) and put its path
#                       in $GITHUB_ENV as SPECMARK
#   action.sh check     lint INPUT_PATHS: annotations (--format github) in the log, the job
#                       summary, SARIF if asked, outputs exit-code and sarif-file
set -euo pipefail
ACTION_DIR="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
TEMP="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"

fail() {
  echo "::error title=specmark::$1"
  exit 2
}

install() {
  local how="${INPUT_INSTALL:-cargo}" bin
  case "$how" in
    cargo)
      command -v cargo >/dev/null || fail "install: cargo is not on PATH; set up Rust first or use install: npm:specmark"
      cargo install --quiet --locked --path "$ACTION_DIR" --root "$TEMP/specmark-cargo" --bin specmark
      bin="$TEMP/specmark-cargo/bin/specmark"
      ;;
    npm:*)
      command -v npm >/dev/null || fail "install: npm is not on PATH; set up Node first"
      local spec="${how#npm:}"
      mkdir -p "$TEMP/specmark-npm"
      npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$TEMP/specmark-npm" "$spec"
      bin="$TEMP/specmark-npm/node_modules/.bin/specmark"
      ;;
    none)
      bin="$(command -v specmark || true)"
      [ -n "$bin" ] || fail "install: none, but specmark is not on PATH"
      ;;
    *) fail "install: unknown value \"$how\"; expected cargo, npm:SPEC or none" ;;
  esac
  "$bin" --version
  echo "SPECMARK=$bin" >> "${GITHUB_ENV:?GITHUB_ENV is not set}"
}

check() {
  local bin="${SPECMARK:-specmark}" code=0
  local -a paths extra common
  read -r -a paths <<< "${INPUT_PATHS:-.}"
  read -r -a extra <<< "${INPUT_ARGS:-}"
  common=("${paths[@]}" "${extra[@]}")
  [ -z "${INPUT_BASELINE:-}" ] || common+=(--baseline "$INPUT_BASELINE")

  "$bin" check --format github "${common[@]}" || code=$?

  if [ "${INPUT_SUMMARY:-true}" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    local json="$TEMP/specmark-report.json"
    "$bin" check --format json "${common[@]}" > "$json" 2>/dev/null || true
    node "$ACTION_DIR/scripts/action-summary.mjs" "$json" "$code" >> "$GITHUB_STEP_SUMMARY"
  fi
  if [ -n "${INPUT_SARIF_FILE:-}" ]; then
    mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
    "$bin" check --format sarif "${common[@]}" > "$INPUT_SARIF_FILE" 2>/dev/null || true
    echo "sarif-file=$INPUT_SARIF_FILE" >> "${GITHUB_OUTPUT:-/dev/null}"
  fi
  echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
  if [ "$code" = 1 ] && [ "${INPUT_FAIL_ON_FINDINGS:-true}" != true ]; then
    exit 0
  fi
  exit "$code"
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  *) echo "usage: action.sh install|check" >&2; exit 2 ;;
esac
