#!/usr/bin/env bash
# Installs everything Loket needs to build, run and test — idempotent, so it is cheap to run
# every time. Uses only the package registries (apt, crates.io, npm); never downloads
# prebuilt binaries or browsers.
#
#   apt:   chromium + chromium-driver (e2e), brotli (precompressed assets), postgresql (tests),
#          clamav-daemon (virus-scan tests run their own clamd with a test signature)
#   rust:  the wasm32-unknown-unknown target; wasm-bindgen CLI at exactly the Cargo.lock version
#   npm:   binaryen's wasm-opt 132, NL Design System CSS, Playwright + axe-core (package-lock.json)
#   PyPI:  aiosmtpd (local SMTP server for the notification tests), in target/smtp-venv
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '== %s\n' "$*"; }

# ---- Debian packages -----------------------------------------------------------------------
APT_PACKAGES=(chromium chromium-driver brotli postgresql clamav-daemon)
command -v node >/dev/null || APT_PACKAGES+=(nodejs npm)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's binaryen (108) breaks the wasm; make sure nobody relies on it by accident.
if command -v wasm-opt >/dev/null && ! wasm-opt --version | grep -q "version 132"; then
  say "note: a wasm-opt other than 132 is on PATH ($(command -v wasm-opt)); the build uses npm's"
fi

# ---- Rust ----------------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
WBG=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$WBG" ]; then
  say "cargo install wasm-bindgen-cli $WBG (takes about 5 minutes, once)"
  # --locked first; its lockfile can name a crate version the registry mirror lacks, then
  # resolve afresh (toolchain.md).
  cargo install wasm-bindgen-cli --version "$WBG" --locked \
    || cargo install wasm-bindgen-cli --version "$WBG"
fi
say "cargo fetch"
cargo fetch --locked >/dev/null

# ---- npm -----------------------------------------------------------------------------------
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.loket-lock-hash ] || [ "$(cat node_modules/.loket-lock-hash)" != "$lock_hash" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.loket-lock-hash
fi
# ---- PyPI ----------------------------------------------------------------------------------
# aiosmtpd: the local SMTP server the notification tests and benchmark send e-mail to
# (scripts/smtp-sink.py), in a venv under target/.
AIOSMTPD=1.4.6
if ! target/smtp-venv/bin/python -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD')" 2>/dev/null; then
  say "python3 -m venv target/smtp-venv; pip install aiosmtpd==$AIOSMTPD"
  python3 -m venv target/smtp-venv
  target/smtp-venv/bin/pip install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD"
fi
say "setup complete"
