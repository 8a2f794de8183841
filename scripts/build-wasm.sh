#!/usr/bin/env bash
# Builds the WebAssembly module in its two variants (wasm/CMakeLists.txt):
#   build/wasm/dist/backprop-simd.{js,wasm}, backprop-base.{js,wasm}, loader.js, package.json
# Idempotent: configures once (emcmake cmake --preset wasm), then lets ninja rebuild only what
# changed; a run with nothing to do takes well under a second.
#
#   scripts/build-wasm.sh                     # configure if needed, build both variants
#   scripts/build-wasm.sh --dest web/public/wasm   # ...and copy dist/ there (changed files only)
#   scripts/build-wasm.sh --reconfigure       # drop the CMake cache first
#
# Needs Debian's emscripten (em++ 3.1.6, emcmake), cmake >= 3.25, ninja, node; see docs/toolchain.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/build/wasm"
dest=""
reconfigure=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dest) dest="${2:?--dest needs a directory}"; shift 2 ;;
    --reconfigure) reconfigure=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "build-wasm.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

for tool in emcmake em++ cmake ninja node; do
  if ! command -v "$tool" >/dev/null; then
    echo "build-wasm.sh: '$tool' not found; install Debian's emscripten, cmake, ninja-build and nodejs" >&2
    exit 1
  fi
done

# emcc's JS optimizer needs acorn (Debian ships it here). The CMake link rule sets this too; it is
# exported here as well so that any em++ link run by hand from this shell works.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

cd "$root"
if [[ $reconfigure -eq 1 ]]; then
  rm -f "$build_dir/CMakeCache.txt"
fi
# Configure only when there is no build tree yet: afterwards ninja re-runs CMake by itself whenever
# a CMakeLists.txt changes or a core source file appears or disappears (CONFIGURE_DEPENDS).
if [[ ! -f "$build_dir/build.ninja" || ! -f "$build_dir/CMakeCache.txt" ]]; then
  emcmake cmake --preset wasm
fi
cmake --build --preset wasm

if [[ -n "$dest" ]]; then
  mkdir -p "$dest"
  for f in "$build_dir"/dist/*; do
    cmake -E copy_if_different "$f" "$dest/"
  done
  echo "build-wasm.sh: copied $(ls "$build_dir/dist" | wc -l) files to $dest"
fi
