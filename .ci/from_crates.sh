#!/usr/bin/env bash
# Installs pawprint the way `cargo install pawprint` does from crates.io, but from
# this checkout's own .crate files: it proves that every crate's package holds what
# it compiles from, and that their versions fit together.
#
# 1. `cargo package --workspace` writes one .crate per crate.
# 2. `cargo vendor` copies the third-party crates (from Cargo.lock) into a folder,
#    and each of our .crate files is unpacked beside them, with the checksum file a
#    vendored crate has. That folder stands in for crates.io.
# 3. `cargo install --locked pawprint` installs from that folder alone (the
#    packaged Cargo.lock, no checkout), into INSTALL_ROOT/bin.
# 4. In a new folder under /tmp, with only INSTALL_ROOT/bin added to a bare PATH,
#    a new project with no themes/ folder is built.
#
# The vendor folder and the build folder are kept under the target folder, so the
# next run compiles only what changed. The build folder is not the main target
# folder: cargo compiles a crate again when the path of its source changes, and a
# vendored crate's path is not the registry's, so sharing the folder would make
# this step and the checkout's own release build undo each other's work.
#
# usage: .ci/from_crates.sh INSTALL_ROOT
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
INSTALL_ROOT=${1:?usage: .ci/from_crates.sh INSTALL_ROOT}
mkdir -p "$INSTALL_ROOT"
INSTALL_ROOT=$(cd "$INSTALL_ROOT" && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$TARGET/from-crates
VENDOR=$WORK/vendor
# Runs a command, then prints how long it took. Its own output goes to stderr, so
# that a caller's `>/dev/null` hides only the command's output.
timed() {
  local start=$SECONDS
  "$@"
  echo "  ($(( SECONDS - start )) s: $*)" | cut -c1-160 >&2
}

# Not verified here (`--no-verify`): the install below compiles every one of these
# packages from its .crate, in release mode, which is the check that matters.
rm -rf "$TARGET/package"
timed cargo package --workspace --no-verify --allow-dirty --quiet
mapfile -t CRATES < <(find "$TARGET/package" -maxdepth 1 -name '*.crate' | sort)
echo "packaged ${#CRATES[@]} crates: $(printf '%s ' "${CRATES[@]##*/}")"
[ ${#CRATES[@]} -gt 1 ] || { echo "cargo package made no .crate files"; exit 1; }

# Vendored again only when Cargo.lock changed: a new copy of a crate gives its
# files new times, and cargo runs a build script again when a file it watches
# has a new time.
LOCK_SUM=$(sha256sum Cargo.lock | cut -d' ' -f1)
if [ "$(cat "$WORK/vendored-lock" 2>/dev/null)" != "$LOCK_SUM" ]; then
  timed cargo vendor --locked --versioned-dirs --quiet "$VENDOR" >/dev/null
  echo "$LOCK_SUM" >"$WORK/vendored-lock"
fi
# Each of our crates in a folder named with its .crate's checksum: a crate counts
# as unchanged while its name, version and path are, so new contents need a new
# path for cargo to compile them again. A folder already there is left as it is.
keep=()
for crate in "${CRATES[@]}"; do
  name=$(basename "$crate" .crate)
  sum=$(sha256sum "$crate" | cut -d' ' -f1)
  dir="$VENDOR/$name.${sum:0:16}"
  keep+=("$dir")
  [ -f "$dir/.cargo-checksum.json" ] && continue
  rm -rf "$dir"
  mkdir -p "$dir"
  tar -xzf "$crate" -C "$dir" --strip-components=1
  printf '{"files":{},"package":"%s"}\n' "$sum" >"$dir/.cargo-checksum.json"
done
for dir in "$VENDOR"/pawprint*; do
  [[ " ${keep[*]} " == *" $dir "* ]] || rm -rf "$dir"
done

# From / (the target folder may be inside the checkout), so no .cargo/config.toml
# of the checkout applies.
(
  cd /
  timed env CARGO_TARGET_DIR="$WORK/target" cargo install --locked --force --quiet pawprint \
    --root "$INSTALL_ROOT" \
    --config "source.crates-io.replace-with = \"from-crates\"" \
    --config "source.from-crates.directory = \"$VENDOR\""
)
BIN=$INSTALL_ROOT/bin/pawprint
[ -x "$BIN" ] || { echo "cargo install left no $BIN"; exit 1; }
echo "installed $("$BIN" --version) from the .crate files into $INSTALL_ROOT/bin"

# A new project, far from the checkout, with nothing but that binary.
PROJECT=$(mktemp -d /tmp/pawprint-from-crates.XXXXXX)
trap 'rm -rf "$PROJECT"' EXIT
export PATH="$INSTALL_ROOT/bin:/usr/bin:/bin"
cd "$PROJECT"
[ "$(command -v pawprint)" = "$BIN" ] || { echo "pawprint is not $BIN on the PATH"; exit 1; }
pawprint init --yes --name "Elm Road Vets" --phone 503-555-0142 --country US \
  --url https://pets.elm-road.example/ clinic >/dev/null
cd clinic
[ ! -e themes ] || { echo "pawprint init wrote a themes/ folder"; exit 1; }
timed pawprint build --quiet
[ -f output/index.html ] || { echo "no output/index.html"; exit 1; }
echo "built a new project in $PROJECT/clinic with the default theme built in: $(find output -name '*.html' | wc -l) pages"
