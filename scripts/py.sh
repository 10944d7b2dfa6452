#!/usr/bin/env bash
# The Python package and the Spark job: build the wheel with maturin,
# install it in a fresh virtualenv (target/py-venv), run the pytest suites
# (crates/py/tests, examples/spark). The wheel is built with the dev
# profile, reusing what `cargo test` compiled; `DYAD_WHEEL_RELEASE=1`
# builds an optimised one (for measuring).
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1
venv=target/py-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# pyspark 4 needs pandas < 3.
"$venv/bin/pip" install -q "maturin>=1.7,<2" "pyarrow>=14" "pandas<3" polars "pytest>=7" "pyspark>=4,<5"
if ! command -v java >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi
rm -rf target/wheels
profile=()
if [ "${DYAD_WHEEL_RELEASE:-}" = "1" ]; then
  profile=(--release)
fi
"$venv/bin/maturin" build --quiet "${profile[@]}" -m crates/py/Cargo.toml --out target/wheels
"$venv/bin/pip" install -q --force-reinstall --no-deps target/wheels/dyad-*.whl
bin=${DYAD_BIN:-target/debug/dyad}
if [ ! -x "$bin" ]; then
  cargo build -p dyad
fi
export DYAD_BIN=$(realpath "$bin")
news=../shared/data/news/news_benchmark.jsonl
if [ -f "$news" ]; then
  export DYAD_NEWS=$(realpath "$news")
fi
export SPARK_LOCAL_IP=127.0.0.1
export PYSPARK_PYTHON=$PWD/$venv/bin/python
# Run from outside the source tree so `import dyad` finds the installed wheel.
root=$PWD
(cd target && "$root/$venv/bin/python" -m pytest -q -p no:cacheprovider -s \
  "$root/crates/py/tests" "$root/examples/spark")
