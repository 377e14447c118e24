#!/usr/bin/env bash
# Property-based conformance run of the embedded ZGW provider against the official OAS
# documents (schemathesis from PyPI): generated requests, valid and invalid, against every
# operation of Catalogi, Zaken and Documenten; fails on any server error (5xx) or any response
# that does not match the OAS schema.
#
# Usage: scripts/conformance.sh [max-examples per operation, default 15]
# Needs a release build of `loket` (cargo build --release -p loket-server) and a built SPA.
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES="${1:-15}"
VENV=target/conformance-venv
if [ ! -x "$VENV/bin/schemathesis" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==4.32.5" "pyjwt==2.15.1"
fi

DATA=$(mktemp -d)
LOG="$DATA/loket.log"
SECRET="conformance-$(date +%s%N)"
LOKET_LISTEN=127.0.0.1:0 LOKET_DATA_DIR="$DATA" LOKET_ZGW_CLIENTS="conformance=$SECRET" \
  target/release/loket serve --assets dist >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$LOG" | head -n 1 || true)
  [ -n "$URL" ] && break
  kill -0 $PID 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "loket did not start"; cat "$LOG"; exit 1; }

TOKEN=$("$VENV/bin/python" -c 'import jwt,sys,time; print(jwt.encode({"iss":"conformance","iat":int(time.time()),"client_id":"conformance","user_id":"schemathesis","user_representation":"Schemathesis"}, sys.argv[1], algorithm="HS256"))' "$SECRET")

status=0
for api in catalogi-1.3.1:catalogi zaken-1.5.1:zaken documenten-1.4.3:documenten; do
  spec=${api%%:*}; root=${api##*:}
  echo "== schemathesis: $spec"
  "$VENV/bin/schemathesis" run "caseapi/openapi/$spec.yaml" \
    --url "$URL/$root/api/v1" \
    -H "Authorization: Bearer $TOKEN" -H "Accept-Crs: EPSG:4326" -H "Content-Crs: EPSG:4326" \
    --checks not_a_server_error,response_schema_conformance \
    --phases examples,coverage,fuzzing --max-examples "$EXAMPLES" \
    --workers 2 --no-color || status=1
done
if grep -q "internal error" "$LOG"; then
  echo "== the server logged internal errors:"; grep "internal error" "$LOG" | head -n 20
  status=1
fi
exit $status
