#!/usr/bin/env bash
# docs/QUALITY.md must show what `dyad eval all` measures now: rerun it
# (accuracy does not depend on the machine or the build) and compare with
# the table kept between the markers. `dyad eval all` itself fails when a
# figure falls under its regression floor.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${DYAD_BIN:-target/debug/dyad}
if [ ! -d ../shared/data ]; then
  echo "scripts/quality.sh: ../shared/data not found; skipping the quality table check"
  exit 0
fi
now=$(mktemp)
kept=$(mktemp)
trap 'rm -f "$now" "$kept"' EXIT
"$bin" eval all --markdown > "$now"
sed -n '/<!-- dyad eval all: begin -->/,/<!-- dyad eval all: end -->/p' docs/QUALITY.md \
  | sed '1d;$d' > "$kept"
if ! diff -u "$kept" "$now"; then
  echo "docs/QUALITY.md is out of date: paste the output of 'dyad eval all --markdown' between its markers" >&2
  exit 1
fi
echo "docs/QUALITY.md agrees with dyad eval all"
