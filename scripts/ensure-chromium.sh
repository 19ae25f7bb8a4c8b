#!/usr/bin/env bash
# The browser end-to-end tests drive Debian's Chromium (playwright cannot download its own browser
# here). Installs it when it is missing; does nothing when it is there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
bash "$(dirname "$0")/install-test-package.sh" ensure-chromium chromium /usr/bin/chromium "the browser tests"
/usr/bin/chromium --version >&2
