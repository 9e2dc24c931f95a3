#!/usr/bin/env bash
# `npm test`: sets everything up, then runs every test: formatting and clippy (native and wasm),
# the Rust core (cargo test), the wasm build, and the JS tests against the packed package (Node
# ESM/CJS/TypeScript, the http-state vectors, the README's examples, the demo, a fresh clone,
# Chromium for the browser examples, the host integrations, the playground and the service-worker
# demo in Chromium), then, on
# Node 22, the tests of the HTTP clients that need it (tests/js/node22/), then a short run of every
# fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

scripts/setup.sh --tests
echo "test: cargo fmt --check, cargo clippy (native, and the two wasm32 modules)"
cargo fmt --check
cargo clippy --quiet --all-targets --all-features -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown --features formats-module -- -D warnings
echo "test: cargo test"
cargo test --all-features --quiet
echo "test: build the npm package"
node scripts/build.mjs
node tests/js/install-package.mjs
echo "test: JS tests (Node $(node --version))"
node --test --test-reporter=spec tests/js/*.test.mjs
NODE22=${NODE22:-target/node22/node_modules/node/bin/node}
echo "test: JS tests of the HTTP clients that need Node 22 ($("$NODE22" --version))"
"$NODE22" --test --test-reporter=spec tests/js/node22/*.test.mjs
echo "test: the fuzz targets, 4 s each (npm run fuzz runs them longer)"
scripts/fuzz.sh --seconds 4
