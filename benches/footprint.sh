#!/usr/bin/env bash
# What pawprint costs to build, with its default features and without them
# (`--no-default-features`: no search, no preview server, no jemalloc):
#
# - the crates in the build (`cargo tree`, normal and build dependencies, for
#   this machine; pawprint itself included) and in Cargo.lock;
# - the size of the release binary;
# - with FOOTPRINT_COLD=1, a cold `cargo build --release` each way, each in a
#   fresh target folder: the time on the clock, the CPU time (every thread), and
#   the crates it compiled. The registry's downloads are not in it (cargo's cache
#   is kept). It takes many minutes on a 2-core machine; the load average is
#   printed beside it, since a busy machine stretches the time on the clock.
#
# - with FOOTPRINT_TESTS=1, the edit-test loop: one line added to the page renderer
#   (crates/site/src/pages.rs, a comment, taken out again afterwards), then the time
#   `cargo test --no-run` takes to compile and link every test binary, and the time
#   the tests then take to run (`cargo test`, warm), each the median of RUNS runs
#   (default 3).
#
# Run from anywhere: `benches/footprint.sh` (or with FOOTPRINT_COLD=1 and/or
# FOOTPRINT_TESTS=1).
# Without FOOTPRINT_COLD the release builds use the usual target folder
# (CARGO_TARGET_DIR or target/) and are incremental; the default build is made
# last, so target/release/pawprint is the usual one afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
COLD=${FOOTPRINT_COLD:-}

crates() {
  cargo tree "$@" -e normal,build --prefix none 2>/dev/null |
    sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u | wc -l
}

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

echo "pawprint footprint: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(rustc --version)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "release profile: $(awk '/^\[profile.release\]/{p=1;next} /^\[/{p=0} p&&NF{printf "%s; ", $0}' Cargo.toml)"
echo
echo "crates in Cargo.lock (every feature, every platform): $(grep -c '^name = ' Cargo.lock)"
echo "crates in the build, default features:       $(crates)"
echo "crates in the build, --no-default-features:  $(crates --no-default-features)"
echo

# One release build: the binary's size, and with FOOTPRINT_COLD its times.
build() {
  local name=$1
  shift
  local target=$TARGET
  if [ -n "$COLD" ]; then
    target=$(mktemp -d "${TMPDIR:-/tmp}/pawprint-footprint.XXXXXX")
  fi
  local log
  log=$(mktemp)
  local load_before
  load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
  local TIMEFORMAT='%R %U %S'
  local times
  times=$({ time CARGO_TARGET_DIR=$target cargo build --release "$@" >"$log" 2>&1; } 2>&1) || {
    cat "$log"
    exit 1
  }
  local size
  size=$(stat -c %s "$target/release/pawprint")
  printf '%-28s binary %s (%s bytes)' "$name" "$(mib "$size")" "$size"
  if [ -n "$COLD" ]; then
    read -r wall user sys <<<"$times"
    printf ', cold build %.0f s on the clock, %.0f s CPU, %s crates compiled (load %s before, %s after)' \
      "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
      "$(grep -c '^ *Compiling ' "$log")" "$load_before" "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
    rm -rf "$target"
  fi
  printf '\n'
  rm -f "$log"
}

build "--no-default-features" --no-default-features
build "default features"

# The edit-test loop (FOOTPRINT_TESTS=1).
if [ -n "${FOOTPRINT_TESTS:-}" ]; then
  RUNS=${RUNS:-3}
  PAGES=crates/site/src/pages.rs
  cp "$PAGES" "$TARGET/footprint-pages.rs"
  trap 'cp "$TARGET/footprint-pages.rs" "$PAGES"' EXIT
  cargo test --no-run >/dev/null 2>&1
  median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  links=()
  runs=()
  for i in $(seq 1 "$RUNS"); do
    printf '// footprint %s\n' "$i" >>"$PAGES"
    start=$(date +%s.%N)
    cargo test --no-run >/dev/null 2>&1
    middle=$(date +%s.%N)
    cargo test >/dev/null 2>&1 || { echo "the tests failed"; exit 1; }
    end=$(date +%s.%N)
    links+=("$(awk -v a="$start" -v b="$middle" 'BEGIN { printf "%.1f", b - a }')")
    runs+=("$(awk -v a="$middle" -v b="$end" 'BEGIN { printf "%.1f", b - a }')")
    cp "$TARGET/footprint-pages.rs" "$PAGES"
  done
  echo
  echo "after a one-line change in crates/site/src/pages.rs ($RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  echo "  compile and link the test binaries: median $(printf '%s\n' "${links[@]}" | median) s (${links[*]})"
  echo "  run every test (cargo test):        median $(printf '%s\n' "${runs[@]}" | median) s (${runs[*]})"
  echo "  test binaries: $(cargo test --no-run 2>&1 | grep -c 'Executable')"
fi
