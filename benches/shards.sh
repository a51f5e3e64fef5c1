#!/usr/bin/env bash
# What splitting a build over machines costs: one full `pawprint build` against
# `build --shard I/4` run as four separate processes, then `build --gather` of
# their folders, on the same generated library (`cargo run --release --example
# library -- N DIR`: both papers, pictures, packs and search).
#
# The four parts are timed two ways: all at once (as four CI machines would run
# them, here sharing this machine's cores) and one after another (the sum is the
# machine time the split costs in all). Each round runs the whole build and both
# ways of the split, in turn, so a drift in the load of the machine falls on all
# of them alike; each figure is the median of the rounds. Every round starts
# without reuse: the parts and the whole build make every sheet anew, and the
# gathered site is checked to be the same, byte for byte, as the whole build's.
#
# Run: `benches/shards.sh` (SHARDS_ARTICLES=1000 by default, SHARDS_ROUNDS=3).
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${SHARDS_ARTICLES:-1000}
ROUNDS=${SHARDS_ROUNDS:-3}
PARTS=4
TARGET=${CARGO_TARGET_DIR:-$PWD/target}

cargo build --release --quiet --example library
cargo build --release --quiet
PAWPRINT=$TARGET/release/pawprint
LIBRARY=$TARGET/release/examples/library

if [ "$(df --output=avail -k /dev/shm 2>/dev/null | tail -1)" -gt 4000000 ] 2>/dev/null; then
  WORK=$(mktemp -d /dev/shm/pawprint-shards.XXXXXX)
else
  WORK=$(mktemp -d)
fi
trap 'rm -rf "$WORK"' EXIT
"$LIBRARY" "$ARTICLES" "$WORK/project" >/dev/null

# Seconds since the epoch, to the millisecond.
now() { date +%s.%N; }
# Appends the seconds since $1 to the file $2.
since() { echo "$(now) - $1" | bc >>"$2"; }

# One part into its folder, made anew.
part() {
  rm -rf "$WORK/part-$1"
  "$PAWPRINT" build --root "$WORK/project" --quiet --no-reuse --shard "$1/$PARTS" --output "$WORK/part-$1"
}

gather() {
  rm -rf "$WORK/gathered"
  local dirs=()
  for i in $(seq 1 "$PARTS"); do dirs+=("$WORK/part-$i"); done
  "$PAWPRINT" build --root "$WORK/project" --quiet --gather "${dirs[@]}" --output "$WORK/gathered"
}

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  rm -rf "$WORK/whole"
  start=$(now)
  "$PAWPRINT" build --root "$WORK/project" --quiet --no-reuse --output "$WORK/whole"
  since "$start" "$WORK/whole.txt"

  # The parts all at once, sharing this machine's cores.
  start=$(now)
  pids=()
  for i in $(seq 1 "$PARTS"); do
    part "$i" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  since "$start" "$WORK/at-once.txt"
  start=$(now)
  gather
  since "$start" "$WORK/gather.txt"
  diff -r "$WORK/whole" "$WORK/gathered" >/dev/null || { echo "the gathered site differs from the whole build" >&2; exit 1; }

  # The parts one after another: each has the machine to itself, as on a
  # machine of its own; the slowest sets the pace of a split over machines.
  start=$(now)
  : >"$WORK/round-parts.txt"
  for i in $(seq 1 "$PARTS"); do
    s=$(now)
    part "$i"
    since "$s" "$WORK/round-parts.txt"
  done
  since "$start" "$WORK/in-turn.txt"
  sort -n "$WORK/round-parts.txt" | tail -1 >>"$WORK/slowest-part.txt"
done

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
m() { median <"$WORK/$1.txt"; }
whole=$(m whole)
at_once=$(m at-once)
in_turn=$(m in-turn)
one_part=$(m slowest-part)
gathered=$(m gather)

echo
echo "$ARTICLES articles, $PARTS parts, $ROUNDS rounds, medians on $(nproc) cores:"
printf '  %-44s %8.2f s\n' "one build" "$whole"
printf '  %-44s %8.2f s\n' "the slowest part, alone on the machine" "$one_part"
printf '  %-44s %8.2f s\n' "the $PARTS parts at once, on this machine" "$at_once"
printf '  %-44s %8.2f s\n' "the $PARTS parts one after another" "$in_turn"
printf '  %-44s %8.2f s\n' "the gather" "$gathered"
echo
printf '  on %d machines (the slowest part, then the gather): %.2f s, %.0f%% of one build\n' \
  "$PARTS" "$(echo "$one_part + $gathered" | bc)" "$(echo "100 * ($one_part + $gathered) / $whole" | bc -l)"
printf '  on this machine, parts at once then the gather: %.2f s, %.0f%% of one build\n' \
  "$(echo "$at_once + $gathered" | bc)" "$(echo "100 * ($at_once + $gathered) / $whole" | bc -l)"
printf '  machine time of the split (parts in turn + gather): %.2f s, %.0f%% of one build\n' \
  "$(echo "$in_turn + $gathered" | bc)" "$(echo "100 * ($in_turn + $gathered) / $whole" | bc -l)"
