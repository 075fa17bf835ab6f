#!/usr/bin/env bash
# Builds the browser checker if needed and serves dist/www/ on 127.0.0.1 (Ctrl-C stops).
# PORT=8080 by default; extra arguments go to scripts/serve.mjs (e.g. --base /specmark/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-www.sh
exec node scripts/serve.mjs dist/www "$@"
