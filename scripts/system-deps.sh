#!/usr/bin/env bash
# System packages the whole test suite needs on Debian/Ubuntu (run as root). Installs only
# what is missing:
#  - python3-venv for the virtual environment;
#  - Node.js and npm: the extension's unit tests (node --test) and React 18 UMD builds for the
#    React fixture page (tests/e2e/package-lock.json; no CDN at test time);
#  - Debian's Chromium: Playwright drives /usr/bin/chromium through executable_path (its own
#    browser downloads are neither available nor wanted), with chromium-l10n so the extension
#    speaks Chinese (chrome.i18n needs the zh-CN locale pack);
#  - CJK and colour-emoji fonts: real glyph widths for the marker-geometry tests, and Chinese
#    and emoji that read right in the screenshots;
#  - the PostgreSQL server binaries: the team-mode suites start a throwaway cluster with them
#    (scripts/pg-test-cluster.sh); no service is enabled or started.
set -euo pipefail  # (no `grep -q` after a pipe: its early exit fails the pipe)
packages=()
python3 -c 'import venv, ensurepip' 2>/dev/null || packages+=(python3-venv)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -f /usr/lib/chromium/locales/zh-CN.pak ] || packages+=(chromium-l10n)
fc-list 2>/dev/null | grep -i "noto sans cjk" >/dev/null || packages+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i "noto color emoji" >/dev/null || packages+=(fonts-noto-color-emoji)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || packages+=(postgresql)
if [ ${#packages[@]} -gt 0 ]; then
  echo "installing: ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
