#!/usr/bin/env bash
# Runs every test: native release and ASan/UBSan builds under CTest, a 30 s libFuzzer smoke per
# parser of outside input, the WASM module's tests in Node (both builds, the fast-check properties
# included), and the page's end-to-end tests in headless Chromium (among them, right after the build:
# the scan of the built bundles, the CSP test, the faults and the 150 s soak). `npm test` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
export CTEST_OUTPUT_ON_FAILURE=1
jobs=$(nproc)

bash scripts/setup.sh

step() { printf '\n=== %s (at %d s) ===\n' "$*" "$SECONDS"; }

step "native release: build and CTest"
bash scripts/build-native.sh native-release
ctest --preset native-release -j "$jobs"

step "native debug with ASan + UBSan: build and CTest"
bash scripts/build-native.sh native-debug
ctest --preset native-debug -j "$jobs"

step "fuzz smoke: libFuzzer targets (clang, ASan + UBSan), 30 s each on their seed corpus (fuzz/README.md)"
bash scripts/fuzz.sh

step "benchmark smoke run and its summary tables (numbers are not checked here; see npm run bench)"
smoke=$(mktemp -d)
build/native-release/bench/bp_bench --benchmark_filter='^BM_gemm_eigen/8/|^playground' \
  --benchmark_min_time=0.01 --benchmark_repetitions=2 --benchmark_report_aggregates_only=true \
  --benchmark_out="$smoke/native.json" --benchmark_out_format=json >/dev/null
node bench/native_summary.mjs "$smoke" >/dev/null
# The playground row must carry a number in every measured column (the other rows were filtered out).
grep -Eq '^\| 2-8-8-1 [^|]*(\| [0-9.]+ ?[Mkx]? *){6}\| n/a \| [0-9.]+ \| [0-9.]+ \|$' "$smoke/native.md" ||
  { cat "$smoke/native.md"; echo "benchmark smoke: the native table's playground row is incomplete" >&2; exit 1; }
rm -rf "$smoke"

step "WebAssembly: build both variants, Node tests"
bash scripts/build-wasm.sh
node --test tests/js/

step "page: build and end-to-end tests in headless Chromium (bundle scan, CSP, faults, soak included)"
npm run --silent build
node --test --test-concurrency=1 tests/e2e/
printf '\n=== all tests passed in %d s ===\n' "$SECONDS"
