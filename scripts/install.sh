#!/usr/bin/env bash
# Installs the workspace on a machine that has Node 20+ and npm: pnpm itself
# (pinned), then the dependencies, building better-sqlite3 from source.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=12.4.2
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  npm install --global --silent "pnpm@$PNPM_VERSION" >/dev/null
fi
# node-gyp builds against the headers Node ships where they exist, instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
pnpm install --frozen-lockfile --reporter=append-only
bash scripts/link-cli.sh
