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
# The quiz's files, for the studio's "Publish" (packages made in the browser).
node -e '
  const fs = require("fs"), path = require("path");
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "author" ? [] : walk(path.join(d, e.name))) : [path.join(d, e.name)]);
  const files = walk("dist").map((f) => path.relative("dist", f)).filter((f) => !/\.(br|gz)$/.test(f) && !["site-files.json", "_headers"].includes(f)).sort();
  fs.writeFileSync("dist/site-files.json", JSON.stringify(files));
  console.log(`site-files.json: ${files.length} files`);'

