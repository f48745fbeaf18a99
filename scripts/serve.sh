#!/usr/bin/env bash
# Serves the quiz locally: installs what is missing, builds in release mode,
# and serves on http://127.0.0.1:8080/ (PORT=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
port="${PORT:-8080}"
echo "The quiz will be at http://127.0.0.1:${port}/ (Ctrl+C to stop)"
exec trunk serve --release --port "$port"
