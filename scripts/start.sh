#!/usr/bin/env bash
# The main job: build what is needed, lint the bundled example workspace, and (once the
# browser checker is built) serve it on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --quiet
echo "== specmark check examples/"
./target/release/specmark check examples/ || true
if [ -f scripts/serve-www.sh ]; then
  bash scripts/serve-www.sh
fi
