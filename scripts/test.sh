#!/usr/bin/env bash
# Runs every test suite of the repository. Installs what is missing first (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
bash scripts/test-rust.sh
for suite in scripts/test-*.sh; do
  [ "$suite" = scripts/test-rust.sh ] && continue
  echo "== $suite"
  bash "$suite"
done
echo "all test suites passed"
