#!/usr/bin/env bash
# Installs everything topodoc needs on a fresh Debian machine that has Node and npm:
# Debian's Chromium (when missing and we are root) and the npm packages from the lockfile.
# Browsers are never downloaded by npm packages (see .puppeteerrc.cjs and src/render/chromium.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

have_chromium() {
  [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ] && return 0
  for p in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
    [ -x "$p" ] && return 0
  done
  return 1
}

if ! have_chromium; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing Debian's chromium (needed to render diagrams and run the browser tests)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  else
    echo "bootstrap: no Chromium found. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
    exit 2
  fi
fi

export PUPPETEER_SKIP_DOWNLOAD=1
if [ -d node_modules/.bin ] && [ -x node_modules/.bin/node ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "bootstrap: npm packages up to date"
else
  # `npm ci` refuses lockfiles whose optional per-platform packages the registry mirror lacks;
  # `npm install` installs exactly the locked versions all the same.
  npm install --no-audit --no-fund
fi
