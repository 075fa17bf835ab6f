#!/usr/bin/env bash
# Tests with the tools users wire specmark into: the real pre-commit tool (PyPI) running the
# hooks of .pre-commit-hooks.yaml with try-repo, and the GitHub Action (action.yml) whose
# steps run offline with the GitHub environment pointed at temporary files.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh --pre-commit
echo "== building the wasm package (when pkg/ is missing or stale)"
bash scripts/build-wasm.sh --if-stale
echo "== node --test tests/integrations/"
node --test --test-reporter=spec tests/integrations/*.test.mjs
