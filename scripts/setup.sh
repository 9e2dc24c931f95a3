#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already present:
# the wasm32 target, wasm-bindgen-cli at the version Cargo.lock pins, wasm-pack, the npm
# packages (npm ci) and, with --browser, Debian's chromium for the browser tests (with --twiggy,
# twiggy for `npm run size`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, "", $0); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack"
  cargo install wasm-pack
fi

if [ "${1:-}" = "--twiggy" ] && ! command -v twiggy >/dev/null; then
  say "installing twiggy (for the size breakdown)"
  cargo install twiggy
fi

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null; then
  say "installing chromium for the browser tests"
  sudo_if_needed=""
  [ "$(id -u)" = 0 ] || sudo_if_needed="sudo"
  $sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq chromium >/dev/null
fi

# npm ci, unless node_modules already matches package-lock.json.
if ! cmp -s package-lock.json node_modules/.cookie-engine-lock 2>/dev/null; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.cookie-engine-lock
fi
