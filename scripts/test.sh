#!/usr/bin/env bash
# Runs every test: formatting, lints, native unit/property/render tests, the
# release build with its byte budget, and the browser end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (native and wasm)"
cargo clippy --workspace --all-targets --all-features -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p microneedling-quiz -- -D warnings

step "native unit, property and render tests"
cargo test --workspace --all-features

step "release build"
trunk build --release

step "byte budget"
node tests/budget.mjs

step "browser end-to-end tests (Chromium)"
npx playwright test
node -e '
  const s = require("./test-results/e2e.json").stats;
  console.log(`e2e: ${s.expected} passed, ${s.unexpected} failed, ${s.skipped} skipped`);
  process.exit(s.unexpected === 0 ? 0 : 1);'
