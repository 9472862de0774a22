#!/usr/bin/env bash
# The browser tests drive a system Chromium (Playwright's own browser download is not used).
# Finds one, or installs Debian's chromium (+ CJK fonts for readable screenshots) when possible.
set -euo pipefail

browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing Debian chromium for the browser tests…"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  exit 0
fi

echo "No Chromium found at $browser." >&2
echo "Install Chromium (or Chrome) and set CHROMIUM_PATH to its executable, then run the tests again." >&2
exit 1
