#!/usr/bin/env bash
# Builds the page of a git revision (default: e2275f0, the build before issue 10) into
# build/page-base/<rev>/dist, for the side-by-side page benchmark (bench/page/run.mjs --base-rev).
# Uses a detached `git worktree` in build/page-base/<rev>/src: npm ci, scripts/build-wasm.sh,
# npm run build there. Idempotent: a dist/ that exists is kept (pass --force to rebuild).
#
#   bash bench/page/build-base.sh [rev] [--force]     # prints the dist/ directory on its last line
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rev=e2275f0
force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    -*) echo "build-base.sh: unknown option '$arg' (accepted: --force, --help)" >&2; exit 2 ;;
    *) rev="$arg" ;;
  esac
done
full=$(git -C "$root" rev-parse --verify --quiet "$rev^{commit}") ||
  { echo "build-base.sh: '$rev' is not a commit of this repository" >&2; exit 2; }
short=$(git -C "$root" rev-parse --short=7 "$full")
out="$root/build/page-base/$short"
src="$out/src"
if [[ $force -eq 0 && -f "$out/dist/index.html" ]]; then
  echo "$out/dist"; exit 0
fi
mkdir -p "$out"
if [[ ! -d "$src" ]]; then
  git -C "$root" worktree prune
  git -C "$root" worktree add --detach "$src" "$full" >&2
fi
(
  cd "$src"
  [[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error >&2
  nice bash scripts/build-wasm.sh >&2
  nice npm run --silent build >&2
)
rm -rf "$out/dist"
cp -r "$src/dist" "$out/dist"
echo "$out/dist"
