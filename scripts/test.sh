#!/usr/bin/env bash
# The project's whole test command (README "Tests"; .ci/run calls it).
# Formatting, lints as errors, then every test in the workspace. Tests that
# measure quality read ../shared/data when it is beside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
  # nextest does not run doc tests.
  cargo test --workspace --doc
else
  cargo test --workspace --no-fail-fast
fi
