#!/usr/bin/env bash
# A new clinic, as a person who installed the .deb would start one: only
# /usr/bin/pawprint, in a folder under /tmp with no theme and no Rust project around.
#
# 1. `pawprint init` with flags; `check` and `build` pass.
# 2. The starter article is published (its `draft = true` line removed); `check
#    --strict` and `build` pass again.
# 3. output/ is served by a plain static server, and .ci/browser/new_clinic.mjs
#    checks it in Chromium: axe on the home page and the article, the search finds
#    the article, its sheet opens as a PDF, and output/_headers carries the pages'
#    policy plus frame-ancestors 'none'.
# 4. `pawprint init` again into the same folder fails and changes no file.
#
# Needs .ci/browser/node_modules (npm ci) and python3.
# usage: .ci/new_clinic.sh SCREENSHOT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
CI_DIR=$(pwd)/.ci
SHOTS=${1:?usage: .ci/new_clinic.sh SCREENSHOT_DIR}
mkdir -p "$SHOTS"
SHOTS=$(cd "$SHOTS" && pwd)
PAWPRINT=/usr/bin/pawprint
[ -x "$PAWPRINT" ] || { echo "no $PAWPRINT: install the .deb first (.ci/deb.sh)"; exit 1; }
PYTHON=$(command -v python3)
NODE=$(command -v node)

HERE=$(mktemp -d /tmp/pawprint-new-clinic.XXXXXX)
SERVER=""
cleanup() {
  [ -z "$SERVER" ] || kill "$SERVER" 2>/dev/null || true
  rm -rf "$HERE"
}
trap cleanup EXIT
cd "$HERE"
# Nothing of the checkout or of Rust on the PATH: the packaged binary only.
export PATH=/usr/bin:/bin
[ "$(command -v pawprint)" = "$PAWPRINT" ] || { echo "pawprint is not $PAWPRINT"; exit 1; }
for dir in "$HERE" "$(dirname "$HERE")"; do
  if [ -e "$dir/Cargo.toml" ] || [ -e "$dir/themes" ]; then
    echo "$dir holds a Cargo.toml or a themes/ folder: not a new clinic's place"
    exit 1
  fi
done

INIT=(pawprint init --yes --name "Cedar Hill Vets" --phone 503-555-0142 --country US
  --url https://pets.cedar-hill.example/ --language en --host netlify clinic)
"${INIT[@]}"
cd clinic
[ ! -e themes ] || { echo "pawprint init wrote a themes/ folder"; exit 1; }
pawprint check
pawprint build

# The starter article: the one file under content/ that is a draft.
mapfile -t DRAFTS < <(grep -rlx 'draft = true' content)
[ ${#DRAFTS[@]} -eq 1 ] || { echo "pawprint init wrote ${#DRAFTS[@]} drafts, not one: ${DRAFTS[*]}"; exit 1; }
STARTER=${DRAFTS[0]}
TITLE=$(sed -n 's/^title = "\(.*\)"$/\1/p' "$STARTER" | head -n 1)
[ -n "$TITLE" ] || { echo "no title in $STARTER"; exit 1; }
sed -i '/^draft = true$/d' "$STARTER"
echo "published $STARTER (\"$TITLE\")"
pawprint check --strict
pawprint build
[ -f output/_headers ] || { echo "no output/_headers"; exit 1; }

PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PYTHON" -m http.server --bind 127.0.0.1 "$PORT" --directory "$HERE/clinic/output" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 50); do
  "$PYTHON" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null && break
  sleep 0.1
done
"$NODE" "$CI_DIR/browser/new_clinic.mjs" "http://127.0.0.1:$PORT" "$HERE/clinic/output" "$TITLE" "$SHOTS"
kill "$SERVER"
SERVER=""

# init again, into the same folder: it fails, and every file stays as it was.
cd "$HERE"
listing() { (cd clinic && find . -printf '%y %m %p\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(listing)
if "${INIT[@]}" >"$HERE/again.log" 2>&1; then
  echo "pawprint init into a folder that holds a project succeeded:"
  cat "$HERE/again.log"
  exit 1
fi
after=$(listing)
if [ "$before" != "$after" ]; then
  echo "pawprint init changed the project although it failed:"
  diff <(echo "$before") <(echo "$after") || true
  exit 1
fi
echo "pawprint init again: refused ($(head -n 1 "$HERE/again.log")); $(echo "$before" | grep -c '^f ') files unchanged"
