#!/usr/bin/env bash
# End-to-end test of `dyad serve` in headless Chromium (playwright-core
# driving Debian's /usr/bin/chromium): ingest a small database, start the
# server on a free loopback port, click through the page, compare what it
# renders with the API. Screenshots land in target/e2e/.
# Needs: chromium (apt-get install chromium), Node 20.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${DYAD_BIN:-target/debug/dyad}
if [ ! -x "$bin" ]; then
  cargo build -p dyad
fi
if [ ! -d crates/server/e2e/node_modules/playwright-core ]; then
  (cd crates/server/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inputs=(samples/)
news=../shared/data/news/news_benchmark.jsonl
if [ -f "$news" ]; then
  # A thousand real articles give the charts and the evidence reader
  # something to show; the samples alone work too.
  head -n 1000 "$news" > "$tmp/news.jsonl"
  inputs+=("$tmp/news.jsonl")
fi
"$bin" ingest "${inputs[@]}" --db "$tmp/dyad.db" > /dev/null
node crates/server/e2e/e2e.mjs --dyad "$bin" --db "$tmp/dyad.db" \
  --screenshot target/e2e/dyad.png
token=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
node crates/server/e2e/e2e.mjs --dyad "$bin" --db "$tmp/dyad.db" --token "$token" \
  --screenshot target/e2e/dyad-token.png
