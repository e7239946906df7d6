#!/usr/bin/env bash
# Builds the `playbook` command inside this copy of the repository, once, and prints the path
# of its entry (packages/cli/bin/playbook.cjs). For the GitHub Action (run in the action's own
# folder) and the pre-commit hooks (run in pre-commit's clone of the repository): both get the
# repository's sources, not an npm package, so the command is built from them on first use.
#
# Only what the command needs is installed: the CLI workspace's dependencies (the language
# package among them) and the root's build tools, with install scripts off (the root's
# `prepare` would build the VS Code extension too). Then the grammar is generated and the CLI
# bundled. A bundle already there (built before, or restored by the Action's cache) is used as
# it is, and so are dependencies already installed (a development checkout, where `npm
# install` installs and builds everything, is never reinstalled). Progress goes to stderr, so
# that stdout is only the path.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/packages/cli/bin/playbook.cjs"
bundle="$root/packages/cli/dist/playbook.cjs"

if ! command -v node >/dev/null 2>&1; then
  echo "playbook: Node.js 22 or newer is needed on PATH to build and run the playbook command" >&2
  exit 2
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 22 ]; then
  echo "playbook: Node.js 22 or newer is needed to build and run the playbook command; this is $(node --version)" >&2
  exit 2
fi

if [ ! -f "$bundle" ]; then
  # One build at a time in this folder (two pre-commit runs may share pre-commit's clone); a
  # lock left by a build that was killed is taken over.
  lock="$root/.playbook-build.lock"
  until mkdir "$lock" 2>/dev/null; do
    holder="$(cat "$lock/pid" 2>/dev/null || true)"
    if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
      rm -rf "$lock"
      continue
    fi
    sleep 1
  done
  echo $$ > "$lock/pid"
  trap 'rm -rf "$lock"' EXIT
  if [ ! -f "$bundle" ]; then
    echo "playbook: building the playbook command in $root (once)" >&2
    (
      cd "$root"
      if [ ! -f node_modules/langium-cli/package.json ] || [ ! -f node_modules/esbuild/package.json ] || [ ! -f node_modules/langium/package.json ]; then
        npm ci --ignore-scripts --no-audit --no-fund --workspace packages/cli --include-workspace-root
      fi
      node node_modules/langium-cli/bin/langium.js generate
      node packages/cli/esbuild.mjs
    ) >&2
  fi
fi
echo "$bin"
