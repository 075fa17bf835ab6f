#!/usr/bin/env bash
# Browser checker tests: builds dist/www/, then drives Debian's Chromium with playwright-core
# against the page served on 127.0.0.1 (node:test). Screenshots go to test-output/www/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-www.sh
if [ ! -d node_modules/playwright-core ]; then
  echo "test-www: playwright-core is missing; run scripts/setup.sh" >&2
  exit 1
fi
mkdir -p test-output/www
node --test --test-concurrency=1 tests/www/
