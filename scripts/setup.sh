#!/usr/bin/env bash
# Installs what specmark's build and tests need, skipping what is already there.
# Safe to run again; prints each step it takes. Needs root (or sudo) only for apt packages.
# Usage: scripts/setup.sh [--browser] [--code-server] [--fuzz] [--pre-commit]
set -euo pipefail
cd "$(dirname "$0")/.."

WANT_BROWSER=0
WANT_CODE_SERVER=0
WANT_FUZZ=0
WANT_PRE_COMMIT=0
for a in "$@"; do
  case "$a" in
    --browser) WANT_BROWSER=1 ;;
    --code-server) WANT_BROWSER=1; WANT_CODE_SERVER=1 ;;
    --fuzz) WANT_FUZZ=1 ;;
    --pre-commit) WANT_PRE_COMMIT=1 ;;
    *) echo "setup: unknown option $a" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
export PATH="$HOME/.cargo/bin:$PATH"

SUDO=""
if [ "$(id -u)" != 0 ] && have sudo; then SUDO="sudo"; fi

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  if [ ! -f /tmp/.specmark-apt-updated ]; then
    $SUDO apt-get update -qq && touch /tmp/.specmark-apt-updated
  fi
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"; then
    say "apt-get failed; repairing with apt-get install -f and retrying"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -f -y -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
  fi
}

# Rust toolchain pieces for the wasm build.
if ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "0.2.130"; then
  say "cargo install wasm-bindgen-cli 0.2.130 (about 4 minutes)"
  cargo install wasm-bindgen-cli --version 0.2.130 --force
fi
if ! have wasm-pack; then
  say "cargo install wasm-pack 0.15.1 (about 3 minutes)"
  cargo install wasm-pack --version 0.15.1
fi

# Node dependencies (pinned in package-lock.json files).
npm_install() {
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules/.specmark-installed" ] \
     || { [ -f "$dir/package-lock.json" ] && [ "$dir/package-lock.json" -nt "$dir/node_modules/.specmark-installed" ]; }; then
    say "npm install in $dir"
    (cd "$dir" && npm_config_yes=true npm install --no-audit --no-fund --loglevel=error)
    # A package without dependencies gets no node_modules from npm; the stamp needs one.
    mkdir -p "$dir/node_modules"
    touch "$dir/node_modules/.specmark-installed"
  fi
}
npm_install .
# The VS Code extension has its own pinned dependencies (vscode-extension/package-lock.json).
npm_install vscode-extension

if [ "$WANT_BROWSER" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium chromium-driver
fi
if [ "$WANT_CODE_SERVER" = 1 ] && [ -f scripts/setup-code-server.sh ]; then
  bash scripts/setup-code-server.sh
fi
# The pre-commit tool (PyPI), in its own virtual environment under target/ (the hook tests).
PRE_COMMIT_VERSION=4.3.0
PRE_COMMIT_VENV=target/tools/pre-commit
if [ "$WANT_PRE_COMMIT" = 1 ] && ! "$PRE_COMMIT_VENV/bin/pre-commit" --version 2>/dev/null | grep -q "$PRE_COMMIT_VERSION"; then
  say "pip install pre-commit==$PRE_COMMIT_VERSION into $PRE_COMMIT_VENV"
  if ! python3 -m venv "$PRE_COMMIT_VENV" 2>/dev/null; then
    apt_install python3-venv
    python3 -m venv "$PRE_COMMIT_VENV"
  fi
  "$PRE_COMMIT_VENV/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
fi
# Fuzzing (scripts/fuzz.sh): a nightly toolchain and cargo-fuzz.
if [ "$WANT_FUZZ" = 1 ]; then
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    say "rustup toolchain install nightly"
    rustup toolchain install nightly --profile minimal
  fi
  if ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q llvm-tools; then
    say "rustup component add llvm-tools-preview (for scripts/fuzz-coverage.sh)"
    rustup component add llvm-tools-preview --toolchain nightly
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "cargo install cargo-fuzz 0.13.2 (about 1 minute)"
    cargo install cargo-fuzz --version 0.13.2
  fi
fi
say "ready"
