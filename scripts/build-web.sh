#!/usr/bin/env bash
# Builds the Loket SPA into dist/ without touching the network (after `npm ci` + `cargo fetch`).
#
#   cargo (wasm-release) -> wasm-bindgen --target web -> wasm-opt -Oz (npm binaryen 132)
#   -> content-hashed assets + index.html + public/ files -> .br/.gz siblings -> size report
#
# Output layout (the server relies on it):
#   dist/index.html                     the resident app's page: template with {{MUNICIPALITY_NAME}}/{{MUNICIPALITY_LOGO}} left in
#   dist/staff.html                     the staff app's page (/medewerker/...), same template
#   dist/assets/*                       ONLY content-hashed files (served immutable)
#   dist/{manifest.webmanifest,favicon.*,icons/}   everything else (served no-cache)
#   *.br / *.gz                         next to every compressible file
#
# Usage: scripts/build-web.sh            (from anywhere; works on the repo it lives in)
set -euo pipefail

# Milliseconds since the epoch, for the timing report (no bc on a bare machine).
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
START=$(now_ms)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

PROFILE=wasm-release
TARGET=wasm32-unknown-unknown
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
DIST=$ROOT/dist
WANT_WASM_OPT=132

die() { echo "build-web: error: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

# npm's binaries first: Debian's binaryen 108 wasm-opt produces a wasm that breaks at
# runtime (docs: toolchain.md), so it must never be picked up by accident.
export PATH="$ROOT/node_modules/.bin:$PATH"

# ---- tool checks ---------------------------------------------------------------------------
step "Checking tools"
[ -d node_modules/binaryen ] || die "node_modules missing: run 'npm ci' in $ROOT first"
WBG_LOCK=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WBG_LOCK" ] || die "no wasm-bindgen entry in Cargo.lock"
command -v wasm-bindgen >/dev/null \
  || die "wasm-bindgen CLI not found; install it with: cargo install wasm-bindgen-cli --version $WBG_LOCK"
WBG_CLI=$(wasm-bindgen --version | awk '{ print $2 }')
[ "$WBG_CLI" = "$WBG_LOCK" ] \
  || die "wasm-bindgen CLI is $WBG_CLI but Cargo.lock has $WBG_LOCK; they must be equal (cargo install wasm-bindgen-cli --version $WBG_LOCK)"
WASM_OPT_VERSION=$(wasm-opt --version 2>/dev/null || true)
case "$WASM_OPT_VERSION" in
  *"version $WANT_WASM_OPT"*) ;;
  *) die "wasm-opt must be version $WANT_WASM_OPT from npm binaryen (found: '${WASM_OPT_VERSION:-none}' at $(command -v wasm-opt || echo '-')); run 'npm ci'" ;;
esac
for tool in brotli gzip sha256sum node awk; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y brotli gzip coreutils nodejs)"
done
echo "wasm-bindgen $WBG_CLI (= Cargo.lock), $WASM_OPT_VERSION"

# ---- compile -------------------------------------------------------------------------------
# Two bundles from one app crate: the resident app and the staff app (pages under
# /medewerker), each a thin cdylib crate, so a resident's phone never downloads staff code.
#   bundle:  crate                 html page
BUNDLES=("resident loket-app-resident index.html" "staff loket-app-staff staff.html")
step "cargo build --profile $PROFILE --target $TARGET (${#BUNDLES[@]} bundles)"
T0=$(now_ms)
PACKAGES=()
for b in "${BUNDLES[@]}"; do read -r _ crate _ <<< "$b"; PACKAGES+=(-p "$crate"); done
cargo build --profile "$PROFILE" --target "$TARGET" "${PACKAGES[@]}"
T_CARGO=$(( $(now_ms) - T0 ))

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

T_BINDGEN=0
T_OPT=0
for b in "${BUNDLES[@]}"; do
  read -r bundle crate _ <<< "$b"
  wasm_name=${crate//-/_}              # cargo's artifact name (dashes become underscores)
  step "wasm-bindgen + wasm-opt -Oz: $bundle"
  T0=$(now_ms)
  wasm-bindgen --target web --no-typescript --out-dir "$WORK/$bundle" \
    "$TARGET_DIR/$TARGET/$PROFILE/$wasm_name.wasm"
  mv "$WORK/$bundle/$wasm_name.js" "$WORK/$bundle/app.js"
  T_BINDGEN=$(( T_BINDGEN + $(now_ms) - T0 ))
  T0=$(now_ms)
  wasm-opt -Oz "$WORK/$bundle/${wasm_name}_bg.wasm" -o "$WORK/$bundle/app_bg.wasm"
  T_OPT=$(( T_OPT + $(now_ms) - T0 ))
done

# ---- assemble dist/ ------------------------------------------------------------------------
step "Assembling $DIST"
rm -rf "$DIST"
mkdir -p "$DIST/assets"

# Content hash for file names: 16 hex digits of SHA-256 is plenty for cache busting.
hash_of() { sha256sum "$1" | cut -c1-16; }

# CSS: the NL Design System component CSS we render, then our tokens, then our layout
# (later rules win ties). Only these packages; see package.json.
CSS_PARTS=(
  node_modules/@utrecht/root-css/dist/index.css
  node_modules/@utrecht/page-layout-css/dist/index.css
  node_modules/@utrecht/page-header-css/dist/index.css
  node_modules/@utrecht/page-body-css/dist/index.css
  node_modules/@utrecht/page-footer-css/dist/index.css
  node_modules/@utrecht/unordered-list-css/dist/index.css
  node_modules/@nl-design-system-candidate/skip-link-css/dist/skip-link.css
  node_modules/@nl-design-system-candidate/heading-css/dist/heading.css
  node_modules/@nl-design-system-candidate/paragraph-css/dist/paragraph.css
  node_modules/@nl-design-system-candidate/link-css/dist/link.css
  node_modules/@nl-design-system-candidate/button-css/dist/button.css
  style/tokens.css
  style/loket.css
  style/staff.css
)
node style/bundle-css.mjs "${CSS_PARTS[@]}" > "$WORK/loket.css"
CSS_FILE="loket-$(hash_of "$WORK/loket.css").css"
cp "$WORK/loket.css" "$DIST/assets/$CSS_FILE"

# Per bundle: the hashed wasm and glue, a boot script that imports the glue and passes the
# hashed wasm URL to init() explicitly (the glue's own default would name the unhashed file),
# and its HTML page from the one template.
for b in "${BUNDLES[@]}"; do
  read -r bundle crate page <<< "$b"
  WASM_FILE="$crate-$(hash_of "$WORK/$bundle/app_bg.wasm")_bg.wasm"
  cp "$WORK/$bundle/app_bg.wasm" "$DIST/assets/$WASM_FILE"
  JS_FILE="$crate-$(hash_of "$WORK/$bundle/app.js").js"
  cp "$WORK/$bundle/app.js" "$DIST/assets/$JS_FILE"
  sed -e "s/__LOKET_JS__/$JS_FILE/g" -e "s/__LOKET_WASM__/$WASM_FILE/g" app/boot.js > "$WORK/$bundle/boot.js"
  BOOT_FILE="boot-$bundle-$(hash_of "$WORK/$bundle/boot.js").js"
  cp "$WORK/$bundle/boot.js" "$DIST/assets/$BOOT_FILE"
  sed -e "s/__LOKET_JS__/$JS_FILE/g" -e "s/__LOKET_WASM__/$WASM_FILE/g" \
      -e "s/__LOKET_BOOT__/$BOOT_FILE/g" -e "s/__LOKET_CSS__/$CSS_FILE/g" \
      app/index.html > "$DIST/$page"
  grep -q '__LOKET_' "$DIST/$page" && die "unreplaced __LOKET_*__ placeholder in $page"
done

# Everything in public/ keeps its name (manifest, favicon, icons are not immutable).
cp -R public/. "$DIST/"

# ---- precompress ---------------------------------------------------------------------------
step "Compressing (brotli -q 11, gzip -9)"
T0=$(now_ms)
find "$DIST" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \
  -o -name '*.webmanifest' -o -name '*.html' -o -name '*.json' -o -name '*.ico' \) -print0 |
  while IFS= read -r -d '' f; do
    brotli -q 11 -f -k -o "$f.br" "$f" &
    gzip -9 -n -k -f "$f"
    wait
  done
T_COMPRESS=$(( $(now_ms) - T0 ))

# ---- report --------------------------------------------------------------------------------
step "Sizes (bytes)"
printf '%-52s %10s %10s %10s\n' file raw gzip brotli
(cd "$DIST" && find . -type f ! -name '*.br' ! -name '*.gz' | sed 's|^\./||' | sort) |
  while read -r f; do
    raw=$(stat -c %s "$DIST/$f")
    gz=$([ -f "$DIST/$f.gz" ] && stat -c %s "$DIST/$f.gz" || echo -)
    br=$([ -f "$DIST/$f.br" ] && stat -c %s "$DIST/$f.br" || echo -)
    printf '%-52s %10s %10s %10s\n' "$f" "$raw" "$gz" "$br"
  done

for page in index.html staff.html; do
  PAGE_SIZE=$(stat -c %s "$DIST/$page")
  [ "$PAGE_SIZE" -le 14000 ] || echo "build-web: WARNING: $page is $PAGE_SIZE bytes (> 14 KB budget)" >&2
done

T_TOTAL=$(( $(now_ms) - START ))
step "Times (s)"
echo "cargo $(secs $T_CARGO) | wasm-bindgen $(secs $T_BINDGEN) | wasm-opt $(secs $T_OPT) | compress $(secs $T_COMPRESS) | total $(secs $T_TOTAL)"
