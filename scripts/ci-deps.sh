#!/usr/bin/env bash
# What the end-to-end browser tests need beyond the Python package (run as root on Debian):
#  - Debian's Chromium: Playwright drives /usr/bin/chromium through executable_path; its own
#    browser downloads are neither available nor wanted;
#  - CJK and colour-emoji fonts: real glyph widths for the marker-geometry tests, and Chinese
#    and emoji that read right in the screenshots;
#  - React 18 UMD builds for the React fixture page (tests/e2e/package-lock.json; no CDN).
# Installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || packages+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi "noto color emoji" || packages+=(fonts-noto-color-emoji)
# The agent's browser speaks Chinese: chrome.i18n (zh_CN UI) needs the zh-CN locale pack.
[ -f /usr/lib/chromium/locales/zh-CN.pak ] || packages+=(chromium-l10n)
command -v npm >/dev/null || packages+=(npm)
if [ ${#packages[@]} -gt 0 ]; then
  echo "installing: ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
/usr/bin/chromium --version
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
