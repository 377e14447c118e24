#!/usr/bin/env bash
# Starts (or reuses) a throw-away PostgreSQL cluster for the test suite and prints its URL.
# Usage: eval "$(scripts/test-postgres.sh start)"   → exports LOKET_TEST_POSTGRES_URL
#        scripts/test-postgres.sh stop
# The cluster lives in target/test-postgres (trust auth, loopback only, fsync off: test data
# only). Debian's postgresql package provides the binaries; initdb refuses to run as root, so
# the cluster runs as the `postgres` system user when we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${LOKET_TEST_POSTGRES_PORT:-55432}"
DIR="$PWD/target/test-postgres"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_owner "$PGBIN/initdb" -D "$DIR/data" -A trust -U loket -E UTF8 >/dev/null
    fi
    if ! as_owner "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
        start >/dev/null
    fi
    echo "export LOKET_TEST_POSTGRES_URL=postgres://loket@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
