#!/usr/bin/env bash
# npm run bench: every benchmark in one command. Installs its peers itself (dev-only, never shipped).
#   1. native Google Benchmark suite (bench/*.cpp): GEMM, forward/backward/step, naive reference
#   2. GEMM in WebAssembly (bench/wasm_gemm.cpp under Node) and the core's measured clock
#      (bench/clock_probe.cpp), for the GEMM-against-peak table
#   3. peers in one run (bench/js/run.js): our WASM module and native build against the per-node
#      JS network (TF Playground's nn.ts style), convnetjs, TensorFlow.js (wasm, cpu), PyTorch
#   4. the GEMM table: native SSE2, -march=native and WASM SIMD128 against the peak (gemm_summary.mjs)
#   5. the page in headless Chromium (bench/page/run.mjs): this build's dist/ against the page of
#      e2275f0 (built once into build/page-base/), loaded alternately: load times, transfer, WASM
#      memory, frame times, long tasks and epochs/s per speed
# Results: bench/results/ (native.json, native-march.json, wasm-gemm.jsonl, clock.json, gemm.md,
# native.md, peers-<mode>.{md,json}, page.{md,json}). Pass --quick for a short run.
#   npm run bench -- --page [run.mjs options]   # the page benchmark alone (e.g. --base-dist DIR,
#                                               # --base-rev REV, --ours DIR, --loads N, --seconds S)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}

bash scripts/setup.sh

page_bench() {
  echo "=== page in headless Chromium, against the base build (bench/results/page.md) ==="
  npm run --silent build >/dev/null
  node bench/page/run.mjs "$@"
}
if [ "$mode" = "--page" ]; then
  shift
  page_bench "$@"
  exit 0
fi
bash scripts/build-native.sh native-release   # SSE2 baseline, what the tests build
bash scripts/build-native.sh native-march     # -march=native: what this machine can do
bash scripts/build-wasm.sh

# Peers: npm packages in bench/js (their own package.json), PyTorch from Debian when root.
if [ ! -d bench/js/node_modules ] || [ bench/js/package-lock.json -nt bench/js/node_modules/.package-lock.json ]; then
  (cd bench/js && npm ci --no-audit --no-fund --loglevel=error)
fi
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "bench: installing PyTorch peer (Debian python3-torch, libopenblas0-pthread)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch libopenblas0-pthread >/dev/null
  else
    echo "bench: PyTorch peer skipped; to add it: sudo apt-get install -y python3-torch libopenblas0-pthread"
  fi
fi

mkdir -p bench/results
reps=5
[ "$mode" = "--quick" ] && reps=3
echo "=== native Google Benchmark (median of $reps) ==="
build/native-release/bench/bp_bench --benchmark_repetitions=$reps --benchmark_report_aggregates_only=true \
  --benchmark_enable_random_interleaving=true --benchmark_out=bench/results/native.json \
  --benchmark_out_format=json

echo "=== native Google Benchmark, -march=native build (GEMM and steps) ==="
build/native-march/bench/bp_bench --benchmark_filter='gemm_eigen|step_eigen' \
  --benchmark_repetitions=$reps --benchmark_report_aggregates_only=true \
  --benchmark_out=bench/results/native-march.json --benchmark_out_format=json

echo "=== GEMM in WebAssembly: Eigen's kernel built with the SIMD module's flags, under Node ==="
# bp_wasm_gemm is not part of the default wasm build (nor of dist/): build it here.
cmake --build --preset wasm --target bp_wasm_gemm
# --no-liftoff: V8's optimizing tier from the first call. With dynamic tiering the kernel once stayed
# on the baseline compiler (Liftoff) for a whole run: 18.6 GFLOP/s at n = 256 instead of 37, which is
# exactly what --liftoff-only gives. This row measures the kernel, not V8's tiering.
node --no-liftoff build/wasm/bench/bp_wasm_gemm.js $mode | tee bench/results/wasm-gemm.jsonl

echo "=== core clock: dependent add chain (for the GEMM peak) ==="
if build/native-release/bench/bp_clock_probe $mode >bench/results/clock.json; then
  cat bench/results/clock.json
else
  rm -f bench/results/clock.json
  echo "bench: no clock measurement (x86-64 only); the GEMM table has no peak column"
fi

echo "=== peers, one run ==="
# ours-native: the -march=native build; ours-native-sse2: the portable SSE2 build.
BP_BENCH_NATIVE="$PWD/build/native-march/bench/bp_bench_side" node bench/js/run.js $mode \
  --side ours-native-sse2="$PWD/build/native-release/bench/bp_bench_side"

echo "=== native table (bench/results/native.md) ==="
node bench/native_summary.mjs

echo "=== GEMM against the machine's peak (bench/results/gemm.md) ==="
node bench/gemm_summary.mjs

if [ "$mode" = "--quick" ]; then page_bench --loads 7 --seconds 2; else page_bench; fi
