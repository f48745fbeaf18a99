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
cargo clippy --target wasm32-unknown-unknown -p microneedling-quiz --features author -- -D warnings

step "native unit, property and render tests"
cargo test --workspace --all-features

step "fuzz smoke: bank parser and validator (20 s; longer: see DEVELOPERS.md)"
if rustup toolchain list | grep -q '^nightly' && command -v cargo-fuzz >/dev/null; then
  (cd core && cargo +nightly fuzz run parse -- -max_total_time=20 -max_len=16384 2>&1 | tail -n 3)
else
  echo "skipped: no nightly toolchain on this machine (it cannot be downloaded here)"
fi

step "release build (quiz page and bank editor)"
bash scripts/build.sh

step "byte budget"
node tests/budget.mjs

step "browser end-to-end tests (Chromium)"
npx playwright test
node -e '
  const s = require("./test-results/e2e.json").stats;
  console.log(`e2e: ${s.expected} passed, ${s.unexpected} failed, ${s.skipped} skipped`);
  process.exit(s.unexpected === 0 ? 0 : 1);'
