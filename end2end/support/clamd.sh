#!/usr/bin/env bash
# The real ClamAV daemon (Debian clamav-daemon, installed by scripts/setup.sh) for the
# end-to-end tests, with a one-signature database that detects the EICAR anti-virus test
# string anywhere in a file. (freshclam's databases cannot be downloaded here, and the tests
# are about Loket's handling of the verdict, not about ClamAV's signatures.)
#   support/clamd.sh <port>     — runs in the foreground until killed
set -euo pipefail
PORT=${1:?usage: clamd.sh <port>}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/loket-e2e-clamd-XXXXXX")
trap 'rm -rf "$DIR"' EXIT
mkdir -p "$DIR/db"
EICAR='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
printf 'Loket-Test-Eicar:0:*:%s\n' "$(printf '%s' "$EICAR" | od -An -tx1 -v | tr -d ' \n')" > "$DIR/db/loket-test.ndb"
cat > "$DIR/clamd.conf" <<CONF
Foreground yes
DatabaseDirectory $DIR/db
TCPSocket $PORT
TCPAddr 127.0.0.1
StreamMaxLength 100M
CONF
CLAMD=/usr/sbin/clamd
[ -x "$CLAMD" ] || CLAMD=$(command -v clamd) || { echo "clamd not installed: run scripts/setup.sh" >&2; exit 1; }
"$CLAMD" --config-file="$DIR/clamd.conf" &
CHILD=$!
trap 'kill $CHILD 2>/dev/null; wait $CHILD 2>/dev/null; rm -rf "$DIR"' EXIT INT TERM
wait $CHILD
