#!/usr/bin/env bash
# The resident portal's benchmarks (BENCHMARKS.md, "Resident portal"):
#   1. first load of "Mijn zaken" on a phone: a Lighthouse mobile run (npm `lighthouse`,
#      Debian chromium) of a logged-in resident with three cases, and the bytes transferred
#      (brotli) for the whole page load;
#   2. GET /api/cases (the portal's Mijn zaken answer) p50/p99 at 1 and 100 clients with wrk,
#      on the case API data set that scripts/bench-caseapi.sh seeds (1,000,000 zaken), with
#      sessions for 2,000 of its residents;
#   3. the KCC search (POST /api/staff/search) by BSN and by case number on the same data
#      set, p50/p99 at 1 and 16 clients.
# Needs the built SPA (scripts/build-web.sh) and `cargo build --release -p loket-server`.
#
# Environment (defaults): BENCH_DIR (target/bench-caseapi: the seeded data set; step 2 is
# skipped with a note when it is not seeded), BENCH_PORT (18090), BENCH_DURATION (30s),
# BENCH_SESSIONS (2000), LIGHTHOUSE_DIR (target/bench-tools), BENCH_BIN_DIR (take `loket` and
# `bench_seed` from there), BENCH_ASSETS (the built SPA; default dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench-caseapi}
PORT=${BENCH_PORT:-18090}
DURATION=${BENCH_DURATION:-30s}
SESSIONS=${BENCH_SESSIONS:-2000}
TOOLS=${LIGHTHOUSE_DIR:-$ROOT/target/bench-tools}
BASE=http://127.0.0.1:$PORT
LOKET=${BENCH_BIN_DIR:-$ROOT/target/release}/loket
ASSETS=${BENCH_ASSETS:-$ROOT/dist}
# The seeder that made the data set (scripts/bench-caseapi.sh; BENCH_BIN_DIR as there).
SEED=${BENCH_BIN_DIR:-$ROOT/target/release/examples}/bench_seed
OUT=$ROOT/target/bench-portal
mkdir -p "$OUT"

[ -x "$LOKET" ] || { echo "build first: cargo build --release -p loket-server" >&2; exit 1; }
[ -f "$ASSETS/index.html" ] || { echo "build first: scripts/build-web.sh" >&2; exit 1; }
if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
    echo "== npm install lighthouse (benchmark tool, into $TOOLS)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error lighthouse@12 >/dev/null
fi

SERVER=""
stop_server() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; SERVER=""; }
trap stop_server EXIT
start_server() { # data dir [public URL]
    LOKET_DATA_DIR=$1 LOKET_PUBLIC_URL=${2:-$BASE} LOKET_LISTEN=127.0.0.1:$PORT LOKET_ASSETS=$ASSETS LOKET_LOG=warn \
        "$LOKET" serve >"$OUT/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 150); do curl -fsS "$BASE/readyz" >/dev/null 2>&1 && return; sleep 0.2; done
    echo "server did not start; see $OUT/server.log" >&2; exit 1
}

# Logs in as a demo resident; prints the session cookie value.
login() { # bsn
    local jar; jar=$(mktemp)
    local csrf
    csrf=$(curl -fsS -c "$jar" -b "$jar" "$BASE/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
    curl -fsS -c "$jar" -b "$jar" -H "x-csrf-token: $csrf" -H 'content-type: application/json' \
        -d "{\"bsn\":\"$1\"}" "$BASE/api/session/demo" >/dev/null
    awk '$6 == "loket_session" { print $7 }' "$jar"
    rm -f "$jar"
}

if [ -z "${BENCH_SKIP_LIGHTHOUSE:-}" ]; then
echo "== 1. first load of Mijn zaken (fresh data dir, one resident with three cases)"
FRESH=$(mktemp -d)
start_server "$FRESH"
JAR=$(mktemp)
CSRF=$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
curl -fsS -c "$JAR" -b "$JAR" -H "x-csrf-token: $CSRF" -H 'content-type: application/json' -d '{"bsn":"999993653"}' "$BASE/api/session/demo" >/dev/null
CSRF=$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
PRODUCT=$(curl -fsS "$BASE/api/catalogue" | python3 -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin) if p["title"]=="Melding openbare ruimte"][0])')
for i in 1 2 3; do
    DRAFT=$(curl -fsS -c "$JAR" -b "$JAR" -H "x-csrf-token: $CSRF" -H 'content-type: application/json' \
        -d "{\"product_id\":\"$PRODUCT\"}" "$BASE/api/drafts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    curl -fsS -c "$JAR" -b "$JAR" -X PUT -H "x-csrf-token: $CSRF" -H 'content-type: application/json' \
        -d '{"answers":{"categorie":"Afval","locatie":"Dorpsstraat '"$i"'","omschrijving":"Volle container"},"contact":{"email":"a@example.nl","phone":""},"step":"controleren"}' \
        "$BASE/api/drafts/$DRAFT" >/dev/null
    curl -fsS -c "$JAR" -b "$JAR" -X POST -H "x-csrf-token: $CSRF" -H "idempotency-key: bench-$i" "$BASE/api/drafts/$DRAFT/submit" >/dev/null
done
COOKIE=$(awk '$6 == "loket_session" { print $7 }' "$JAR")
rm -f "$JAR"
# Lighthouse drives its own tab; the resident's session cookie is put into the browser's
# cookie jar first (through the DevTools protocol, with playwright-core), exactly as after a
# login, so the SPA runs as it does for a logged-in resident.
CHROME_PORT=$((PORT + 11))
PROFILE=$(mktemp -d)
/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --remote-debugging-port=$CHROME_PORT --user-data-dir="$PROFILE" about:blank >/dev/null 2>&1 &
CHROME=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$CHROME_PORT/json/version" >/dev/null 2>&1 && break; sleep 0.1; done
node -e "
const { chromium } = require('$ROOT/node_modules/playwright-core');
(async () => {
  const browser = await chromium.connectOverCDP('http://127.0.0.1:$CHROME_PORT');
  await browser.contexts()[0].addCookies([{ name: 'loket_session', value: '$COOKIE', domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
})().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });"
"$TOOLS/node_modules/.bin/lighthouse" "$BASE/mijn-zaken" --port=$CHROME_PORT \
    --only-categories=performance,accessibility,best-practices \
    --output=json --output-path="$OUT/lighthouse-mijn-zaken.json" --quiet
kill $CHROME 2>/dev/null; wait $CHROME 2>/dev/null; rm -rf "$PROFILE"
python3 - "$OUT/lighthouse-mijn-zaken.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audits"]; c = r["categories"]
print("RESULT lighthouse_mobile_mijn_zaken "
      f"performance={round(c['performance']['score']*100)} accessibility={round(c['accessibility']['score']*100)} "
      f"best_practices={round(c['best-practices']['score']*100)} "
      f"fcp_ms={a['first-contentful-paint']['numericValue']:.0f} lcp_ms={a['largest-contentful-paint']['numericValue']:.0f} "
      f"tbt_ms={a['total-blocking-time']['numericValue']:.0f} cls={a['cumulative-layout-shift']['numericValue']:.3f} "
      f"transfer_bytes={a['total-byte-weight']['numericValue']:.0f}")
for item in a["network-requests"]["details"]["items"]:
    print(f"  {item['transferSize']:>8} B  {item['url'].split('18090')[-1] if False else item['url']}")
print("final URL:", r["finalDisplayedUrl"])
PY
stop_server
rm -rf "$FRESH"
fi

echo "== 2. GET /api/cases on the case API data set"
if [ ! -f "$BENCH_DIR/bench-seed.done" ]; then
    echo "no seeded data set in $BENCH_DIR (run scripts/bench-caseapi.sh first); skipped"
    exit 0
fi
# The resource URLs in the set name the address it was seeded on (scripts/bench-caseapi.sh's
# BENCH_PORT, 18080): serve it under that public URL so they resolve locally.
start_server "$BENCH_DIR" "${BENCH_SEED_URL:-http://127.0.0.1:18080}"
COOKIES=$OUT/cookies.txt
: >"$COOKIES"
ZAKEN=$(cat "$BENCH_DIR/bench-seed.done" 2>/dev/null | tr -dc 0-9); ZAKEN=${ZAKEN:-1000000}
"$SEED" bsns --bsns 200000 --zaken "$ZAKEN" | shuf -n "$SESSIONS" --random-source=<(yes) |
    while read -r bsn; do login "$bsn" >>"$COOKIES"; done
echo "$(wc -l <"$COOKIES") sessions"
echo "sanity: $(curl -fsS -H "Cookie: loket_session=$(head -1 "$COOKIES")" "$BASE/api/cases" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), "cases for the first resident, first", d[0]["identificatie"], d[0]["status"])')"
export BENCH_LUA_DIR=$ROOT/bench BENCH_COOKIES=$COOKIES
wrk --timeout 10s -t1 -c8 -d10s -s "$ROOT/bench/my_cases.lua" "$BASE" >/dev/null # warm-up
for clients in 1 100; do
    threads=$(( clients > 1 ? 2 : 1 ))
    BENCH_LABEL=my_cases_c$clients wrk --latency --timeout 10s -t$threads -c$clients -d"$DURATION" \
        -s "$ROOT/bench/my_cases.lua" "$BASE" | tee -a "$OUT/wrk.log" | grep '^RESULT'
done

echo "== 3. KCC search by BSN, case number, name and postcode"
# The case index (name words, postcodes, statuses) is filled from the Zaken API by the
# server's backfill on its first start against the set: wait for it and time it.
T0=$(date +%s)
until [ "$(sqlite3 "$BENCH_DIR/portal.sqlite3" "SELECT next_url = '' FROM case_index_backfill" 2>/dev/null)" = 1 ]; do
    sleep 5
done
echo "RESULT case_index_backfill seconds_waited=$(( $(date +%s) - T0 )) indexed=$(sqlite3 "$BENCH_DIR/portal.sqlite3" "SELECT indexed FROM case_index_backfill")"
# The seeded initiators are all "Jan Jansen" without an address: first the worst case for
# a name search (every one of the 1,000,000 zaken matches "jansen"), then the index is given
# a realistic spread — 100 surnames x 40 first names, 200,000 postcodes — directly in the
# index tables (the search reads only those), keyed on the BSN like the seed.
STAFF_JAR=$(mktemp)
CSRF=$(curl -fsS -c "$STAFF_JAR" -b "$STAFF_JAR" "$BASE/api/staff/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
CSRF=$(curl -fsS -c "$STAFF_JAR" -b "$STAFF_JAR" -H "x-csrf-token: $CSRF" -H 'content-type: application/json' \
    -d '{"username":"kcc","password":"kcc-demo-wachtwoord"}' "$BASE/api/staff/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
export BENCH_STAFF_COOKIE=$(awk '$6 == "loket_staff_session" { print $7 }' "$STAFF_JAR") BENCH_CSRF=$CSRF
rm -f "$STAFF_JAR"
echo "jansen" >"$OUT/search-worst.txt"
for clients in 1 16; do
    threads=$(( clients > 1 ? 2 : 1 ))
    BENCH_SEARCH=name BENCH_KEYS=$OUT/search-worst.txt BENCH_LABEL=staff_search_name_all_match_c$clients \
        wrk --latency --timeout 10s -t$threads -c$clients -d"$DURATION" \
        -s "$ROOT/bench/staff_search.lua" "$BASE" | tee -a "$OUT/wrk.log" | grep '^RESULT'
done
python3 - "$BENCH_DIR/portal.sqlite3" "$OUT" <<'PY'
import hashlib, random, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); out = sys.argv[2]
names = ["de jong", "jansen", "de vries", "van den berg", "van dijk", "bakker", "janssen",
    "visser", "smit", "meijer", "de boer", "mulder", "de groot", "bos", "vos", "peters", "hendriks",
    "van leeuwen", "dekker", "brouwer", "de wit", "dijkstra", "smits", "de graaf", "van der meer",
    "van der linden", "kok", "jacobs", "de haan", "vermeulen", "van den heuvel", "van der veen",
    "van den broek", "de bruijn", "de bruin", "van der heijden", "schouten", "van beek", "willems",
    "van vliet", "van de ven", "hoekstra", "maas", "verhoeven", "koster", "van dam", "van der wal",
    "prins", "blom", "huisman", "peeters", "de jonge", "kuipers", "van veen", "post", "kuiper",
    "veenstra", "kramer", "van den brink", "scholten", "van wijk", "postma", "martens", "vink",
    "de ruiter", "timmermans", "groen", "gerritsen", "jonker", "van loon", "boer", "van der velde",
    "willemsen", "claassen", "wijnands", "van der laan", "evers", "el amrani", "yilmaz", "bennani",
    "kaya", "demir", "de lange", "van os", "hermans", "bosman", "de kok", "van rijn", "wouters",
    "de leeuw", "bakkers", "koning", "van zanten", "sanders", "molenaar", "van schaik", "driessen",
    "hoogland", "van eijk", "pauwels"]
first = ("jan piet kees anna maria sanne lisa emma daan sem lucas noah julia tess mohamed fatima "
    "ahmed sara thomas ruben eva lotte anouk bram niels joost mark sophie iris fleur tim lars "
    "youssef noor ayoub ibrahim esra elif can zeynep").split()
rng = random.Random(7)
letters = "ABCDEFGHJKLMNPRSTVWXZ"
postcodes = [f"{rng.randint(1000, 9999)}{rng.choice(letters)}{rng.choice(letters)}" for _ in range(200000)]
def person(bsn):
    h = int(hashlib.sha256(bsn.encode()).hexdigest()[:12], 16)
    return first[h % len(first)], names[(h // 97) % len(names)], postcodes[(h // 9973) % len(postcodes)]
rows = db.execute("SELECT zaak_url, initiator_bsn FROM case_index").fetchall()
db.execute("DELETE FROM case_index_names")
tokens, updates, bsns = [], [], {}
for url, bsn in rows:
    f, last, pc = person(bsn)
    for t in sorted(set((f + " " + last).split())):
        tokens.append((t, url))
    updates.append((pc, url)); bsns[bsn] = (f, last, pc)
db.executemany("INSERT INTO case_index_names (token, zaak_url) VALUES (?, ?)", tokens)
db.executemany("UPDATE case_index SET postcode = ? WHERE zaak_url = ?", updates)
db.commit()
sample = random.Random(11).sample(sorted(bsns.values()), 5000)
with open(f"{out}/search-names.txt", "w") as fh:
    for f, last, _ in sample: fh.write(f"{f} {last}\n")
with open(f"{out}/search-surnames.txt", "w") as fh:
    for _, last, _ in sample: fh.write(f"{last}\n")
with open(f"{out}/search-postcodes.txt", "w") as fh:
    for _, _, pc in sample: fh.write(f"{pc[:4]} {pc[4:]}\n")
print(f"index spread: {len(rows)} zaken, {len(tokens)} name words, {len(set(bsns))} people")
PY
"$SEED" bsns --bsns 200000 --zaken "$ZAKEN" | shuf -n 5000 --random-source=<(yes) >"$OUT/search-bsns.txt"
# Real case numbers of the set (sampled; their year is the zaak's start year).
sqlite3 "$BENCH_DIR/loket.sqlite3" "SELECT identificatie FROM zaken WHERE rowid IN (SELECT abs(random()) % (SELECT max(rowid) FROM zaken) FROM zaken LIMIT 5000)" >"$OUT/search-ids.txt"
# "de" (a particle in a fifth of all names) as the broad name search.
echo de >"$OUT/search-particle.txt"
# label:field:keys
for run in bsn:bsn:search-bsns identificatie:identificatie:search-ids name:name:search-names \
           surname:name:search-surnames particle:name:search-particle postcode:postcode:search-postcodes; do
    IFS=: read -r label field keys <<<"$run"
    for clients in 1 16; do
        threads=$(( clients > 1 ? 2 : 1 ))
        BENCH_SEARCH=$field BENCH_KEYS=$OUT/$keys.txt BENCH_LABEL=staff_search_${label}_c$clients \
            wrk --latency --timeout 10s -t$threads -c$clients -d"$DURATION" \
            -s "$ROOT/bench/staff_search.lua" "$BASE" | tee -a "$OUT/wrk.log" | grep '^RESULT'
    done
done
