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
# docs/QUALITY.md against `dyad eval all` (which fails on a regression).
bash scripts/quality.sh
# The web page in a real browser. CI installs Chromium (.ci/run); on a
# machine without it the browser test is skipped with a notice, never in CI.
if [ -x /usr/bin/chromium ] || [ -n "${CHROMIUM:-}" ] || [ "${CI:-}" = "true" ]; then
  bash scripts/e2e.sh
else
  echo "scripts/test.sh: skipping the browser test: no /usr/bin/chromium (apt-get install chromium)"
fi
# The Python package (wheel built with maturin, pytest) and the Spark job
# (pyspark local[2]); fetches its Python packages from PyPI into
# target/py-venv the first time.
bash scripts/py.sh
