#!/usr/bin/env bash
# The one command that runs every test (CI runs exactly this via .ci/run):
#   formatting and lints → Rust tests (SQLite and PostgreSQL) → release build of the SPA and
#   the server → property-based ZGW conformance run (schemathesis) → Playwright end-to-end
#   tests (phone + desktop, axe-core) and the bundle budget.
set -euo pipefail
cd "$(dirname "$0")/.."
section() { printf '\n======== %s\n' "$*"; }
started=$(date +%s)

section "setup"
scripts/setup.sh

section "cargo fmt --check"
cargo fmt --all -- --check

section "cargo clippy (server crates, all targets)"
cargo clippy --locked --workspace --exclude loket-app --exclude loket-app-resident --exclude loket-app-staff --all-targets -- -D warnings
section "cargo clippy (SPA, wasm32)"
cargo clippy --locked -p loket-app -p loket-app-resident -p loket-app-staff --target wasm32-unknown-unknown --all-targets -- -D warnings

section "PostgreSQL for the storage tests"
# Not `eval "$(…)"`: that would hide a failed start (e.g. the port taken) until the tests.
PG_ENV=$(scripts/test-postgres.sh start)
eval "$PG_ENV"
trap 'scripts/test-postgres.sh stop' EXIT

section "cargo test (all crates; storage tests on SQLite and PostgreSQL)"
cargo test --locked --workspace

section "build: SPA (wasm-release) and server (release)"
scripts/build-web.sh
cargo build --locked --release -p loket-server

section "ZGW conformance: schemathesis against the official OAS (no 5xx, schema-conform answers)"
scripts/conformance.sh 5

section "end-to-end (Playwright, Debian chromium)"
(cd end2end && LOKET_BIN="$PWD/../target/release/loket" ../node_modules/.bin/playwright test)

section "all tests passed in $(( $(date +%s) - started )) s"
