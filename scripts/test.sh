#!/usr/bin/env bash
# `npm test`: sets everything up, then runs every test: the Rust core (cargo test), the wasm build,
# and the JS tests against the packed package (Node ESM/CJS/TypeScript, the http-state vectors,
# the README's examples, the demo, and Chromium for the browser examples).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

scripts/setup.sh --browser
echo "test: cargo test"
cargo test --all-features --quiet
echo "test: build the npm package"
node scripts/build.mjs
node tests/js/install-package.mjs
echo "test: JS tests"
node --test --test-reporter=spec tests/js/
