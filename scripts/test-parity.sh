#!/usr/bin/env bash
# Parity of the four front ends (tests/parity/parity.test.mjs): the native CLI, the npm
# package, the language server and the browser page give the same findings on every fixture
# and real document. Builds whatever front end is missing or stale first; `npm test` runs it
# after the suites that build them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh --browser >/dev/null
echo "== building the front ends"
cargo build --quiet
bash scripts/build-wasm.sh --if-stale
if [ ! -f vscode-extension/dist/server.js ] || [ ! -f vscode-extension/dist/specmark_python.js ] \
  || [ -n "$(find src python/src vscode-extension/src -newer vscode-extension/dist/server.js -print -quit)" ]; then
  [ -d vscode-extension/node_modules ] || (cd vscode-extension && npm ci --no-audit --no-fund)
  (cd vscode-extension && node scripts/build.mjs)
fi
bash scripts/build-www.sh
echo "== parity of the CLI, the npm package, the language server and the page"
node --test --test-concurrency=1 tests/parity/
