#!/usr/bin/env bash
# Installs what the project needs on Debian 12 with Node 20, and nothing that is already there:
# Debian packages (toolchains, libraries, Chromium) with apt-get when root, then npm packages.
# Idempotent and quiet when everything is present. Used by `npm start` and `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# package -> a file or command that proves it is installed
declare -A probes=(
  [build-essential]=/usr/bin/g++
  [cmake]=/usr/bin/cmake
  [ninja-build]=/usr/bin/ninja
  [libeigen3-dev]=/usr/include/eigen3/Eigen/Core
  [nlohmann-json3-dev]=/usr/include/nlohmann/json.hpp
  [catch2]=/usr/include/catch2/catch.hpp
  [libbenchmark-dev]=/usr/include/benchmark/benchmark.h
  [emscripten]=/usr/bin/em++
  [chromium]=/usr/bin/chromium
  [wabt]=/usr/bin/wasm-objdump
  # The fuzz smoke (scripts/fuzz.sh): clang and its libFuzzer/sanitizer runtime (Debian 12: clang 14).
  [clang]=/usr/bin/clang++
  [libclang-rt-14-dev]=/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
)
missing=()
for pkg in "${!probes[@]}"; do
  [ -e "${probes[$pkg]}" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages. Run this once, then try again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# EXPORT (issue 14): the PyTorch script's test runs it with Debian's python3-numpy and python3-torch
# (/usr/bin/python3). Optional: when they cannot be installed, setup warns and goes on, and
# tests/js/export-pytorch.test.mjs skips those checks with a visible message.
declare -A python_probes=(
  [python3-numpy]=/usr/lib/python3/dist-packages/numpy/__init__.py
  [python3-torch]=/usr/lib/python3/dist-packages/torch/__init__.py
)
python_missing=()
for pkg in "${!python_probes[@]}"; do
  [ -e "${python_probes[$pkg]}" ] || python_missing+=("$pkg")
done
if [ ${#python_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing optional Debian packages: ${python_missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${python_missing[@]}" >/dev/null; }; then
      echo "setup: WARNING: could not install ${python_missing[*]}; the PyTorch export test will skip what needs them" >&2
    fi
  else
    echo "setup: optional: sudo apt-get install -y --no-install-recommends ${python_missing[*]} (the PyTorch export test skips without them)" >&2
  fi
fi

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm packages: install when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
