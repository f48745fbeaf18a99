#!/usr/bin/env bash
# Trunk post-build hook: compiles questions/*.toml into validated JSON in dist/banks/.
set -euo pipefail
out="${TRUNK_STAGING_DIR:-dist}/banks"
cargo run -q -p quiz-core --features toml --bin bank -- compile questions/*.toml --out "$out"
