#!/bin/sh
# System and npm dependencies of the end-to-end browser tests (called by .ci/run).
#  - Debian's Chromium: Playwright drives it through executable_path; its own browser
#    downloads are neither available nor wanted.
#  - fonts-noto-cjk: Chinese text renders in the screenshots (and with real glyph widths,
#    which the marker-geometry tests measure).
#  - React 18 UMD builds for the React fixture page, from tests/e2e/package-lock.json.
set -eu
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk
fi
/usr/bin/chromium --version

(cd tests/e2e && npm ci --no-audit --no-fund)
