#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan + UBSan, build/fuzz) and runs each on its
# seed corpus in fuzz/corpus/<target> with its dictionary. Fails on any crash, leak, timeout, out of
# memory or broken property (fuzz/README.md).
#   bash scripts/fuzz.sh               the smoke: 30 s per target, fixed seed (scripts/test.sh runs it)
#   bash scripts/fuzz.sh --minutes N   N minutes per target, new inputs kept in build/fuzz/corpus/
#   bash scripts/fuzz.sh --seconds N   like the smoke, N seconds per target
#   bash scripts/fuzz.sh --only csv    one target (options, model, csv, tfp); combines with --minutes
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
keep=0
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) seconds=$(( $2 * 60 )); keep=1; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "fuzz.sh: unknown argument '$1'; accepted: --minutes N, --seconds N, --only TARGET" >&2; exit 2 ;;
  esac
done

[ -f build/fuzz/build.ninja ] || nice -n 15 cmake --preset fuzz >/dev/null
nice -n 15 cmake --build --preset fuzz

targets=(options model csv tfp)
[ -n "$only" ] && targets=("$only")
out=build/fuzz/runs
mkdir -p "$out"
failed=()
for t in "${targets[@]}"; do
  bin=build/fuzz/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz.sh: no target '$t'; accepted: options, model, csv, tfp" >&2; exit 2; }
  # New inputs go to a scratch corpus (the repository's seed corpus is only read): a fresh one for
  # the smoke, so every run starts from the same inputs; build/fuzz/corpus/<t> for --minutes.
  if [ "$keep" = 1 ]; then work=build/fuzz/corpus/$t; else work=build/fuzz/smoke/$t; rm -rf "$work"; fi
  mkdir -p "$work"
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  log=$out/$t.log
  printf 'fuzz %-8s %4d s ... ' "$t" "$seconds"
  # -seed fixed: the smoke explores the same inputs on every run; -timeout: one input over 5 s is a
  # hang; -rss_limit_mb: a small input that allocates over 1 GB is a finding; -max_len 64 KiB.
  if nice -n 15 "$bin" "$work" "fuzz/corpus/$t" "${dict[@]}" -seed=1 -max_total_time="$seconds" \
       -timeout=5 -rss_limit_mb=1024 -max_len=65536 -detect_leaks=1 -print_final_stats=1 \
       -artifact_prefix="$out/$t-" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1)
    echo "ok: $execs executions, $cov"
  else
    echo "FAILED (log: $log)"
    grep -E 'ERROR|SUMMARY|fuzz property|escaped|Test unit written' "$log" | head -8
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failing targets: ${failed[*]}; reproduce with build/fuzz/fuzz/fuzz_<target> <the saved input>" >&2
  exit 1
fi
