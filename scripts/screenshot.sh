#!/usr/bin/env bash
# Regenerates docs/audit.png, the README's picture of the seed's audit page.
# Needs Debian's chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
cargo run --release --quiet -- audit seeds --out "$out"
profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1300,2400 \
  --screenshot=docs/audit.png "file://$out/audit.html" 2>/dev/null
echo "wrote docs/audit.png"
