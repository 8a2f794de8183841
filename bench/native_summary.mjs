// The native Google Benchmark table: one markdown table from the results of `npm run bench`.
//
//   node bench/native_summary.mjs [results-dir]   (default bench/results; writes <dir>/native.md)
//
// Reads <dir>/native.json (bp_bench, SSE2 build, median/min/max aggregates over the repetitions)
// and, when present, <dir>/native-march.json (the -march=native build's Eigen steps). Prints the
// table and writes it, so the README's table is the one the command printed.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchmarkJson } from './benchmark_json.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = resolve(process.argv[2] ?? join(root, 'bench/results'));

const networks = [
  ['playground_2-8-8-1', '2-8-8-1 tanh, quadratic, batch 10'],
  ['mnist-mlp_784-128-64-10', '784-128-64-10 ReLU, softmax CE, batch 64'],
  ['wide_256-512-512-10', '256-512-512-10 ReLU, softmax CE, batch 256'],
];
const steps = ['forward', 'backward', 'step_eigen', 'step_naive', 'step_trainer'];

function readReport(name) {
  const path = join(resultsDir, name);
  if (!existsSync(path)) return null;
  return readBenchmarkJson(path);
}

// Map run_name -> { median: {...counters}, min: {...}, max: {...} }
function aggregates(report) {
  const byName = new Map();
  for (const b of report?.benchmarks ?? []) {
    if (b.run_type !== 'aggregate') continue;
    // run_name carries the options after the name: "playground_2-8-8-1/forward/min_time:0.300".
    const name = b.run_name.split('/').filter((part) => !part.includes(':')).join('/');
    const entry = byName.get(name) ?? {};
    entry[b.aggregate_name] = b;
    byName.set(name, entry);
  }
  return byName;
}

function rate(x) {
  if (x === undefined || x === null || !Number.isFinite(x)) return 'n/a';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(0);
}

const sse2 = readReport('native.json');
if (!sse2) {
  console.error(`native_summary: ${join(resultsDir, 'native.json')} is missing; run npm run bench first`);
  process.exit(1);
}
const base = aggregates(sse2);
const march = aggregates(readReport('native-march.json'));
const reps = sse2.benchmarks?.find((b) => b.run_type === 'aggregate')?.repetitions ?? '?';
const median = (map, name, counter) => map.get(name)?.median?.[counter];

const lines = [
  `Native Google Benchmark, median of ${reps} repetitions (samples/s, float32, one thread; ` +
    `SSE2 build unless marked; ${sse2.context?.date ?? ''})`,
  '',
  '| network | forward | backward | Eigen step | naive step | Eigen / naive | trainer step | Eigen step `-march=native` | faults/step | allocs/step |',
  '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
];
for (const [key, label] of networks) {
  const s = Object.fromEntries(steps.map((step) => [step, median(base, `${key}/${step}`, 'samples/s')]));
  const ratio = s.step_eigen && s.step_naive ? `${(s.step_eigen / s.step_naive).toFixed(1)}x` : 'n/a';
  const faults = Math.max(...steps.map((step) => median(base, `${key}/${step}`, 'faults/step') ?? NaN));
  const allocs = Math.max(...steps.map((step) => median(base, `${key}/${step}`, 'allocs/step') ?? NaN));
  lines.push(`| ${label} | ${rate(s.forward)} | ${rate(s.backward)} | ${rate(s.step_eigen)} | ` +
    `${rate(s.step_naive)} | ${ratio} | ${rate(s.step_trainer)} | ` +
    `${rate(median(march, `${key}/step_eigen`, 'samples/s'))} | ${Number.isFinite(faults) ? faults : 'n/a'} | ` +
    `${Number.isFinite(allocs) ? allocs : 'n/a'} |`);
}
const grid = median(base, 'playground_2-8-8-1/predict_grid_100x100', 'grids/s');
lines.push('', `Decision-boundary grid (100x100 through 2-8-8-1): ${rate(grid)} grids/s.`);

const text = `${lines.join('\n')}\n`;
writeFileSync(join(resultsDir, 'native.md'), text);
console.log(text);
