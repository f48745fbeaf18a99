#!/usr/bin/env bash
# Serves the quiz locally: installs what is missing, builds both pages in
# release mode, and serves dist/ with its headers (CSP) on
# http://127.0.0.1:8080/ (PORT=... to change). The instructor page is /author/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
port="${PORT:-8080}"
bash scripts/build.sh
echo "The quiz is at http://127.0.0.1:${port}/ and the bank editor at http://127.0.0.1:${port}/author/ (Ctrl+C to stop)"
exec node scripts/static-server.mjs dist "$port"
