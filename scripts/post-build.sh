#!/usr/bin/env bash
# Trunk post-build hook:
#  1. compiles questions/*.toml into validated JSON in dist/banks/ (for ?bank=);
#  2. renders the default bank's start card into index.html (and its boot-*.js);
#  3. writes dist/sw.js, the offline service worker, with this build's file list;
#  4. writes dist/_headers with a strict Content-Security-Policy that allows
#     Trunk's one inline loader script by its hash.
set -euo pipefail
stage="${TRUNK_STAGING_DIR:-dist}"
cargo run -q -p quiz-core --features toml --bin bank -- compile questions/*.toml --out "$stage/banks"
cargo run -q --features prerender --bin prerender -- "$stage/index.html"
node scripts/sw.mjs "$stage"
node scripts/csp.mjs "$stage"
