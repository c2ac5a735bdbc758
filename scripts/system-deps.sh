#!/usr/bin/env bash
# System packages the whole test suite needs on Debian/Ubuntu (run as root): Python venv,
# Node.js for the extension's unit tests, Debian's Chromium (+ CJK fonts for screenshots)
# for the end-to-end tests. Installs only what is missing.
set -euo pipefail
packages=()
python3 -c 'import venv, ensurepip' 2>/dev/null || packages+=(python3-venv)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
[ -x /usr/bin/chromium ] || packages+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || packages+=(fonts-noto-cjk)
if [ ${#packages[@]} -gt 0 ]; then
  echo "installing: ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
