#!/bin/sh
# Builds the site on Cloudflare Pages. Written by `pawprint init --host cloudflare`.
# Cloudflare's build machines have no Rust, so this installs it, then pawprint
# (the first build takes several minutes), then builds the site.
set -eu
PATH="$HOME/.cargo/bin:$PATH"
export PATH
if ! command -v cargo >/dev/null 2>&1; then
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --no-modify-path
fi
cargo install --locked pawprint --version {version}
# The main branch is the real site; any other branch is a preview at its own
# address, so its links and QR codes point there.
if [ "${CF_PAGES_BRANCH:-main}" = "main" ]; then
  pawprint build
else
  pawprint build --base-url "$CF_PAGES_URL/"
fi
