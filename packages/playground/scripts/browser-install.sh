#!/bin/bash
# Installs what the playground's browser test needs, once (needs root or sudo, and apt):
#   - Debian chromium, when /usr/bin/chromium is missing
#   - Debian fonts-noto-cjk, when no font covers Chinese (the examples' stage titles)
# Idempotent: a second run only checks.
set -euo pipefail
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
APT_UPDATED=
apt_install() {
  [ -n "$APT_UPDATED" ] || { $SUDO apt-get update -qq; APT_UPDATED=1; }
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
if ! fc-list :lang=zh family 2>/dev/null | grep -q .; then
  apt_install fonts-noto-cjk fontconfig
fi
/usr/bin/chromium --version
