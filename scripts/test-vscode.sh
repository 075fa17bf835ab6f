#!/usr/bin/env bash
# The VS Code extension and its language server: installs what is missing (node modules,
# code-server), builds the wasm and the bundles, packages the .vsix, then runs the language
# server tests over stdio (node:test) and the end-to-end test in code-server + Chromium.
# Screenshots of the end-to-end run go to test-output/vscode/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --code-server
cd vscode-extension
echo "== typecheck"
npx tsc --noEmit -p .
echo "== package (wasm, bundles, .vsix)"
rm -f ./*.vsix
npm run --silent package
VSIX="$(ls ./*.vsix | head -1)"
echo "== language server over stdio"
node --test test/*.test.mjs
echo "== end to end in code-server"
node test-e2e/e2e.mjs "$VSIX"
