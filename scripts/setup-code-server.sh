#!/usr/bin/env bash
# Installs code-server (a real VS Code, served to a browser) for the extension's end-to-end
# test, skipping what is already there. Safe to run again; prints each step it takes.
#
# code-server comes from npm, pinned. Its @vscode/ripgrep dependency downloads rg from GitHub
# in postinstall, which this network does not allow: the download cache is seeded with
# Debian's rg first. Installs into $SPECMARK_TOOLS (default ~/.cache/specmark-tools); prints
# nothing else on stdout but the steps, and the code-server path last.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.100.3
RIPGREP_CACHE_VERSION=1.15.11
RIPGREP_ASSET_VERSION=v13.0.0-10
TOOLS="${SPECMARK_TOOLS:-$HOME/.cache/specmark-tools}"
DIR="$TOOLS/code-server-$VERSION"
BIN="$DIR/node_modules/.bin/code-server"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
SUDO=""
if [ "$(id -u)" != 0 ] && have sudo; then SUDO="sudo"; fi

# The installed version, read from its package.json (running `code-server --version` would
# write a default ~/.config/code-server/config.yaml).
installed() { node -p "require('$DIR/node_modules/code-server/package.json').version" 2>/dev/null || true; }
if [ -x "$BIN" ] && [ "$(installed)" = "$VERSION" ]; then
  say "code-server $VERSION already installed ($BIN)"
  exit 0
fi

# Native modules of code-server build against these; rg seeds the ripgrep cache.
missing=()
for p in libkrb5-dev ripgrep libx11-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  if [ ! -f /tmp/.specmark-apt-updated ]; then
    $SUDO apt-get update -qq && touch /tmp/.specmark-apt-updated
  fi
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"; then
    say "apt-get failed; repairing with apt-get install -f and retrying"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -f -y -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
  fi
fi

case "$(uname -m)" in
  x86_64) TRIPLE=x86_64-unknown-linux-musl ;;
  aarch64) TRIPLE=aarch64-unknown-linux-musl ;;
  *) echo "setup-code-server: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
ASSET="$CACHE/ripgrep-$RIPGREP_ASSET_VERSION-$TRIPLE.tar.gz"
if [ ! -f "$ASSET" ]; then
  say "seeding the @vscode/ripgrep download cache with Debian's rg ($ASSET)"
  mkdir -p "$CACHE/x"
  cp "$(command -v rg)" "$CACHE/x/rg"
  tar czf "$ASSET" -C "$CACHE/x" rg
fi

say "npm install code-server@$VERSION into $DIR (about a minute)"
mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || printf '{\n  "private": true\n}\n' > "$DIR/package.json"
(cd "$DIR" && npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION")
[ "$(installed)" = "$VERSION" ] || { echo "setup-code-server: install failed" >&2; exit 1; }
say "code-server $VERSION ready: $BIN"
