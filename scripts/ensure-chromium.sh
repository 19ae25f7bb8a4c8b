#!/usr/bin/env bash
# The browser end-to-end tests drive Debian's Chromium (playwright cannot download its own browser
# here). Installs it when it is missing; does nothing when it is there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-chromium: /usr/bin/chromium is missing and this is not root: run 'sudo apt-get install chromium'" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium for the browser tests (once)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version >&2
