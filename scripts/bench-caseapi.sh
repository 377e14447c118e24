#!/usr/bin/env bash
# The case API benchmark in one command (BENCHMARKS.md, "Case API at 1,000,000 zaken"):
#   1. builds `loket` and the seeder (release),
#   2. seeds BENCH_ZAKEN zaken over BENCH_BSNS BSNs through the real API handlers
#      (caseapi/examples/bench_seed.rs; resumes, and does nothing when the set is there),
#   3. starts `loket serve` on loopback on that data dir,
#   4. runs wrk: the resident's zaken list by BSN with expand at 1 and 100 clients, then zaak
#      creation, each for BENCH_DURATION,
#   5. prints p50/p99, req/s and errors, and stops the server.
#
# Loopback only: the server listens on 127.0.0.1 and wrk talks to nothing else.
#
# Environment (defaults): BENCH_DIR (target/bench-caseapi), BENCH_ZAKEN (1000000),
# BENCH_BSNS (200000), BENCH_CONCURRENCY (32, seeding tasks), BENCH_DURATION (30s),
# BENCH_PORT (18080), BENCH_CREATE_CLIENTS (16). BENCH_BIN_DIR: take `loket` and `bench_seed`
# from this folder and skip the build (to measure with the very binaries that seeded a set).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench-caseapi}
ZAKEN=${BENCH_ZAKEN:-1000000}
BSNS=${BENCH_BSNS:-200000}
CONCURRENCY=${BENCH_CONCURRENCY:-32}
DURATION=${BENCH_DURATION:-30s}
PORT=${BENCH_PORT:-18080}
CREATE_CLIENTS=${BENCH_CREATE_CLIENTS:-16}
BASE=http://127.0.0.1:$PORT
BIN_DIR=${BENCH_BIN_DIR:-}
SEED=${BIN_DIR:-$ROOT/target/release/examples}/bench_seed
LOKET=${BIN_DIR:-$ROOT/target/release}/loket

command -v wrk >/dev/null || {
    echo "wrk is missing: apt-get install -y wrk" >&2
    exit 1
}

if [ -z "$BIN_DIR" ]; then
    echo "== build (release)"
    cargo build --release -p loket-server -p loket-caseapi --bin loket --example bench_seed
fi

echo "== seed $ZAKEN zaken over $BSNS BSNs into $BENCH_DIR"
mkdir -p "$BENCH_DIR"
seed_start=$(date +%s)
"$SEED" seed --data-dir "$BENCH_DIR" --base-url "$BASE" --zaken "$ZAKEN" --bsns "$BSNS" \
    --concurrency "$CONCURRENCY" | tee -a "$BENCH_DIR/seed.log"
echo "seed step took $(($(date +%s) - seed_start)) s (see $BENCH_DIR/seed.log for earlier runs)"
"$SEED" bsns --bsns "$BSNS" --zaken "$ZAKEN" >"$BENCH_DIR/bsns.txt"
ZAAKTYPE=$("$SEED" zaaktype --data-dir "$BENCH_DIR" --base-url "$BASE")

# Settle the WAL into the database file so the size on disk is the data set, not a log.
if command -v sqlite3 >/dev/null; then
    sqlite3 "$BENCH_DIR/loket.sqlite3" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi
echo "== data set on disk"
du -sh "$BENCH_DIR"
ls -l "$BENCH_DIR"/loket.sqlite3*

# A fresh random secret per run: the client exists only for this server process.
SECRET=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
echo "== start loket on $BASE"
LOKET_DATA_DIR=$BENCH_DIR LOKET_LISTEN=127.0.0.1:$PORT LOKET_ASSETS=$ROOT/dist \
    LOKET_ZGW_CLIENTS="bench=$SECRET" LOKET_LOG=warn \
    "$LOKET" serve >"$BENCH_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "$BASE/readyz" >/dev/null

export BENCH_LUA_DIR=$ROOT/bench BENCH_BSNS=$BENCH_DIR/bsns.txt BENCH_ZAAKTYPE=$ZAAKTYPE
RESULTS=$BENCH_DIR/results.txt
: >"$RESULTS"

# wrk: closed loop, one connection per client; a 10 s timeout so slow answers count as
# latency, not as socket errors.
run() {
    local label=$1 threads=$2 clients=$3 script=$4
    # A fresh token per phase: the provider refuses tokens older than an hour.
    BENCH_TOKEN=$("$SEED" token --client bench --secret "$SECRET") BENCH_LABEL=$label \
        wrk --latency --timeout 10s -t"$threads" -c"$clients" -d"$DURATION" \
        -s "$ROOT/bench/$script" "$BASE" | tee -a "$BENCH_DIR/wrk.log" | grep '^RESULT' |
        tee -a "$RESULTS"
}

echo "== sanity: one list request"
TOKEN=$("$SEED" token --client bench --secret "$SECRET")
BSN=$(sed -n 1p "$BENCH_DIR/bsns.txt")
curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Accept-Crs: EPSG:4326' \
    "$BASE/zaken/api/v1/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=$BSN&expand=zaaktype,status,status.statustype" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print("count", d["count"], "first", d["results"][0]["identificatie"], "expanded", sorted(d["results"][0].get("_expand", {})))'

echo "== warm-up (10 s, not reported)"
BENCH_TOKEN=$TOKEN wrk --timeout 10s -t2 -c16 -d10s -s "$ROOT/bench/zaken_by_bsn.lua" "$BASE" >/dev/null

echo "== zaken by BSN with expand, 1 client, $DURATION"
run list_c1 1 1 zaken_by_bsn.lua
echo "== zaken by BSN with expand, 100 clients, $DURATION"
run list_c100 2 100 zaken_by_bsn.lua
echo "== POST /zaken, $CREATE_CLIENTS clients, $DURATION"
run create_c"$CREATE_CLIENTS" 2 "$CREATE_CLIENTS" create_zaak.lua

echo "== results ($RESULTS; full wrk output in $BENCH_DIR/wrk.log)"
cat "$RESULTS"
