#!/usr/bin/env bash
# Runs every test suite of the repository. Installs what is missing first (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
bash scripts/test-rust.sh
for suite in scripts/test-*.sh; do
  # test-parity compares the front ends the other suites build: it runs last.
  case "$suite" in scripts/test-rust.sh | scripts/test-parity.sh) continue ;; esac
  echo "== $suite"
  bash "$suite"
done
echo "== scripts/test-parity.sh"
bash scripts/test-parity.sh
echo "all test suites passed"
