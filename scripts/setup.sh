#!/usr/bin/env bash
# Installs whatever the project needs and is missing; skips what is present.
#   scripts/setup.sh          tools to build and serve the quiz
#   scripts/setup.sh --test   also Chromium, for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

say() { echo "setup: $*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  say "installing $* with apt-get"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

command -v cargo >/dev/null || { echo "setup: Rust (rustup, cargo) is required and comes with this machine kind" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 10-15 minutes the first time)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one of its locked dependencies is no longer on the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm packages: binaryen (a wasm-opt that reads current rustc output) and the
# browser-test libraries. Playwright never downloads a browser here.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@playwright/test ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || apt_install chromium chromium-driver
  # pdfinfo and pdftotext read back the PDFs the print tests make.
  command -v pdftotext >/dev/null || apt_install poppler-utils
  # The fuzz smoke test needs the nightly toolchain (preinstalled on this
  # machine kind; rustup cannot download one here) and cargo-fuzz.
  if rustup toolchain list | grep -q '^nightly' && ! command -v cargo-fuzz >/dev/null; then
    say "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
  fi
fi
say "ready"
