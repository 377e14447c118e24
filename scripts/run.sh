#!/usr/bin/env bash
# The one command to get a working portal: installs what is needed, builds the SPA and the
# server, and runs `loket serve` with the embedded case API and the demo catalogue.
# Honours LOKET_LISTEN (default 127.0.0.1:8080), LOKET_DATA_DIR (default ./data) and every
# other LOKET_* variable (README.md, "Configuration").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-web.sh
cargo build --release --locked -p loket-server
echo "== starting loket (Ctrl-C stops it)"
exec target/release/loket serve --assets dist
