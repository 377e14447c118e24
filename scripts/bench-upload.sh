#!/usr/bin/env bash
# Benchmark (BENCHMARKS.md, "Document uploads"): a 1 GiB document through the portal into the
# embedded case API — sent in 16 MiB requests as the SPA does, written to disk, then delivered
# with the Documenten large-file flow (100 MiB bestandsdelen streamed from disk). Prints the
# throughput and the server's peak RSS growth (goal ≤ 32 MiB).
# Needs `cargo build --release -p loket-server`. Environment: BENCH_UPLOAD_MIB (1024),
# BENCH_PORT (18095), BENCH_CLAMAV (tcp://host:port to scan too; default off).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MIB=${BENCH_UPLOAD_MIB:-1024}
PORT=${BENCH_PORT:-18095}
OUT=$ROOT/target/bench-upload
LOKET=${BENCH_LOKET:-$ROOT/target/release/loket}
[ -x "$LOKET" ] || { echo "build first: cargo build --release -p loket-server" >&2; exit 1; }
rm -rf "$OUT/data"; mkdir -p "$OUT/data" "$OUT/dist"
echo '<title>{{MUNICIPALITY_NAME}}</title>' > "$OUT/dist/index.html"
cp "$OUT/dist/index.html" "$OUT/dist/staff.html"
FILE=$OUT/upload-$MIB.pdf
if [ ! -f "$FILE" ]; then
  echo "== generating $MIB MiB test file"
  { printf '%%PDF-1.7\n'; head -c $((MIB * 1024 * 1024 - 9)) /dev/urandom; } > "$FILE"
fi
EXTRA=()
[ -n "${BENCH_CLAMAV:-}" ] && EXTRA+=(--clamav "$BENCH_CLAMAV")
LOKET_UPLOAD_MAX_BYTES=$((4 * 1024 * 1024 * 1024)) "$LOKET" serve --listen 127.0.0.1:$PORT \
  --data-dir "$OUT/data" --assets "$OUT/dist" "${EXTRA[@]}" > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
echo "== $MIB MiB upload through the portal (commit $(git rev-parse --short HEAD))"
python3 scripts/bench-upload.py "http://127.0.0.1:$PORT" "$SERVER" "$FILE"
