#!/usr/bin/env bash
# Configures and builds one native preset (native-release, native-debug, native-march).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-native-release}
[ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
