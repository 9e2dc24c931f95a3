#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already present at the right
# version: the wasm32 target, the rust-src component (the wasm build rebuilds the standard
# library), wasm-bindgen-cli at the version Cargo.lock pins, wasm-pack, the npm packages (npm ci)
# and, with --tests, what the tests use: Debian's chromium (unless
# CHROMIUM_PATH names a Chromium already), curl and python3 (the interoperability tests run the
# real tools), openssl (the host tests' certificates), redis-server (cookie-engine/redis's tests
# start one), Node 22 from npm for the tests of the HTTP clients that need it (unless NODE22
# names a Node 22 already) and cargo-fuzz (npm test runs the fuzz targets briefly); with --fuzz,
# cargo-fuzz alone (`npm run fuzz`); with --redis, only redis-server (`npm run bench:redis`);
# with --twiggy, twiggy for `npm run size`.
# Prerequisites it cannot install: rustup with a stable toolchain, Node >= 20 with npm, and for
# --tests, apt (Debian or Ubuntu) for whatever of those is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# The versions of the tools cargo installs (wasm-bindgen-cli's comes from Cargo.lock).
WASM_PACK_VERSION=0.15.1
TWIGGY_VERSION=0.8.0
# The Node that tests/js/node22/ runs on: undici 8 needs Node >= 22.19 (got 16, http-cookie-agent 8
# and axios-cookiejar-support 7 declare >= 22); the npm package `node` ships its binary.
NODE22_VERSION=22.23.3
CARGO_FUZZ_VERSION=0.13.2

say() { printf 'setup: %s\n' "$*"; }

for tool in rustup cargo node npm; do
  command -v "$tool" >/dev/null || { say "$tool is not installed: install Rust with rustup (https://rustup.rs) and Node >= 20, then run this again"; exit 1; }
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The wasm build rebuilds the standard library (panic = "immediate-abort", scripts/build.mjs),
# from the toolchain's own sources.
if ! rustup component list --installed | grep -qx 'rust-src'; then
  say "adding the rust-src component (the wasm build rebuilds the standard library)"
  rustup component add rust-src
fi

# `cargo install` of `crate` at `version` unless `binary --version` already prints it.
install_pinned() {
  local crate=$1 binary=$2 version=$3 have
  have=$("$binary" --version 2>/dev/null | awk '{ print $2 }' || true)
  if [ "${have#v}" != "$version" ]; then
    say "installing $crate $version (found: ${have:-none})"
    cargo install "$crate" --version "$version" --force
  fi
}

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, "", $0); print; exit }' Cargo.lock)
install_pinned wasm-bindgen-cli wasm-bindgen "$want"
install_pinned wasm-pack wasm-pack "$WASM_PACK_VERSION"
if [ "${1:-}" = "--tests" ] || [ "${1:-}" = "--fuzz" ]; then
  install_pinned cargo-fuzz cargo-fuzz "$CARGO_FUZZ_VERSION"
fi
if [ "${1:-}" = "--twiggy" ]; then
  install_pinned twiggy twiggy "$TWIGGY_VERSION"
fi

if [ "${1:-}" = "--tests" ] || [ "${1:-}" = "--redis" ]; then
  # Debian packages the tests use, by the command each provides.
  missing=()
  if [ "$1" = "--tests" ]; then
    if [ -n "${CHROMIUM_PATH:-}" ]; then
      [ -x "$CHROMIUM_PATH" ] || { say "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"; exit 1; }
    elif ! command -v chromium >/dev/null; then
      missing+=(chromium)
    fi
    command -v curl >/dev/null || missing+=(curl)
    command -v python3 >/dev/null || missing+=(python3)
    command -v openssl >/dev/null || missing+=(openssl)
  fi
  # The tests and the benchmark start their own redis-server, on a free port of 127.0.0.1
  # (whether or not the package's service runs).
  command -v redis-server >/dev/null || missing+=(redis-server)
  if [ "${#missing[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null || { say "the tests need ${missing[*]}: install them (for Chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary)"; exit 1; }
    say "installing ${missing[*]} for the tests"
    sudo_if_needed=""
    [ "$(id -u)" = 0 ] || sudo_if_needed="sudo"
    $sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ "$1" = "--tests" ] && [ -z "${NODE22:-}" ]; then
    node22=target/node22/node_modules/node/bin/node
    if [ "$("$node22" --version 2>/dev/null || true)" != "v$NODE22_VERSION" ]; then
      say "installing Node $NODE22_VERSION (the npm package node) into target/node22, for the tests of clients that need Node 22"
      rm -rf target/node22
      mkdir -p target/node22
      printf '{ "private": true }\n' > target/node22/package.json
      npm install --prefix target/node22 --no-save --no-audit --no-fund --loglevel=error "node@$NODE22_VERSION"
    fi
  fi
fi

# npm ci, unless node_modules already matches package-lock.json.
if ! cmp -s package-lock.json node_modules/.cookie-engine-lock 2>/dev/null; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.cookie-engine-lock
fi
