#!/usr/bin/env bash
# Release build of both pages into dist/:
#   dist/index.html   the quiz (Trunk.toml; its post-build hook adds banks/, sw.js)
#   dist/author/      the instructor page (Trunk.author.toml)
# then dist/_headers with one strict CSP covering both pages' inline scripts,
# and FILE.br / FILE.gz next to every text file and wasm (scripts/compress.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
trunk --config Trunk.author.toml build --release
node scripts/csp.mjs dist
node scripts/compress.mjs dist
