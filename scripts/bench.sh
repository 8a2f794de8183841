#!/usr/bin/env bash
# npm run bench: every benchmark in one command. Installs its peers itself (dev-only, never shipped).
#   1. native Google Benchmark suite (bench/*.cpp): GEMM, forward/backward/step, naive reference
#   2. peers in one run (bench/js/run.js): our WASM module and native build against the per-node
#      JS network (TF Playground's nn.ts style), convnetjs, TensorFlow.js (wasm, cpu), PyTorch
# Results: bench/results/ (native.json, peers-<mode>.{md,json}). Pass --quick for a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}

bash scripts/setup.sh
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

echo "=== peers, one run ==="
# ours-native: the -march=native build; ours-native-sse2: the portable SSE2 build.
BP_BENCH_NATIVE="$PWD/build/native-march/bench/bp_bench_side" node bench/js/run.js $mode \
  --side ours-native-sse2="$PWD/build/native-release/bench/bp_bench_side"
