#!/usr/bin/env bash
# Fetches the Decap CMS bundle that the site's content editor (admin/) serves,
# from npm, into crates/site/vendor/decap-cms-<version>/.
#
#   scripts/update-decap.sh 3.16.3
#
# It checks the tarball against the sha512 integrity npm lists for it, drops the
# `//# sourceMappingURL` line (the 25 MB map is not shipped), and stores the
# script gzip -9'd (decap-cms.js.gz, without a name or time in the gzip header,
# so the same version gives the same bytes). The notices of the code bundled in
# it (decap-cms.js.LICENSE.txt) come from the tarball too. The tarball has no
# LICENSE file: LICENSE is Decap's MIT licence from its GitHub repository, kept
# as it is. After a new version, change DECAP_VERSION in crates/site/src/editor.rs
# and the folder's README.md, then run the tests.
set -euo pipefail

version="${1:?give the decap-cms version, such as 3.16.3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/crates/site/vendor/decap-cms-$version"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "decap-cms@$version" >/dev/null
tarball="decap-cms-$version.tgz"
want="$(npm view "decap-cms@$version" dist.integrity)"
got="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$want" != "$got" ]; then
    echo "the tarball's sha512 is $got, but npm lists $want" >&2
    exit 1
fi
tar -xzf "$tarball"

mkdir -p "$dest"
# The bundle ends with its source map line; everything before it is kept as is.
grep -v '^//# sourceMappingURL=' package/dist/decap-cms.js > decap-cms.js
if grep -q 'sourceMappingURL' decap-cms.js; then
    echo "decap-cms.js still names a source map" >&2
    exit 1
fi
gzip -9 -n -c decap-cms.js > "$dest/decap-cms.js.gz"
cp package/dist/decap-cms.js.LICENSE.txt "$dest/decap-cms.js.LICENSE.txt"

echo "decap-cms $version: $want"
echo "decap-cms.js: $(wc -c < decap-cms.js) bytes, gzip -9: $(wc -c < "$dest/decap-cms.js.gz") bytes"
echo "sha256 of decap-cms.js: $(sha256sum decap-cms.js | cut -d' ' -f1)"
