#!/usr/bin/env bash
# Lints what npm would publish, after `npm run build`: publint checks each packed package.json against
# its files, attw (Are the Types Wrong) checks that every entry resolves to declarations that fit its
# JavaScript under node16/nodenext and bundler resolution. Fails on the first package with a problem.
set -euo pipefail
cd "$(dirname "$0")/.."

# The ESM-only packages have no `require` entry, so CommonJS resolution (and node10, which knows no
# `exports`) is not theirs to pass; the mini-program package ships CommonJS too and is held to it.
declare -A profile=([protocol]=esm-only [core]=esm-only [web]=esm-only [miniprogram]=node16)
for pkg in protocol core web miniprogram; do
  node_modules/.bin/publint "packages/$pkg" --strict
  # The web package's eventline.min.js is the script-tag file: a classic script, not a module to import.
  node_modules/.bin/attw --pack "packages/$pkg" --profile "${profile[$pkg]}" --format table-flipped --exclude-entrypoints ./eventline.min.js
done
