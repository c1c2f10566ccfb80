#!/usr/bin/env bash
# Puts `providers` on the PATH: a symlink to the repository's CLI in BIN_DIR (default: npm's global
# bin directory, where the install put pnpm, so it is on the PATH already). The CLI finds its
# bundle and dependencies through the link, from any directory.
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir="${1:-$(npm prefix --global)/bin}"
target="$PWD/packages/cli/bin/providers.js"
if mkdir -p "$bin_dir" 2>/dev/null && ln -sf "$target" "$bin_dir/providers" 2>/dev/null; then
  echo "providers: linked $bin_dir/providers -> $target"
else
  echo "providers: could not write to $bin_dir; run it as \`pnpm exec providers\` here, or link $target onto your PATH" >&2
fi
