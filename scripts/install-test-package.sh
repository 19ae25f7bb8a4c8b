#!/usr/bin/env bash
# Installs a Debian package the tests need, once, when this runs as root; otherwise says how and fails.
#   bash scripts/install-test-package.sh CALLER PACKAGE WHAT-IS-MISSING WHAT-FOR
# e.g. ensure-chromium chromium /usr/bin/chromium "the browser tests"
set -euo pipefail
caller=$1 package=$2 missing=$3 purpose=$4
if [ "$(id -u)" != 0 ]; then
  echo "$caller: $missing is missing and this is not root: run 'sudo apt-get install $package'" >&2
  exit 1
fi
echo "$caller: installing Debian's $package for $purpose (once)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "$package" >/dev/null
