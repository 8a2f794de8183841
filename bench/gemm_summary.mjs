// GEMM against the machine's peak: one table from the results of `npm run bench` (scripts/bench.sh).
//
//   node bench/gemm_summary.mjs [results-dir]     (default bench/results; writes <dir>/gemm.md)
//
// Reads, from results-dir:
//   native.json, native-march.json  Google Benchmark JSON of bp_bench (BM_gemm_eigen/<n>; median,
//                                   min, max aggregates over the repetitions; GFLOP/s, per CPU second)
//   wasm-gemm.jsonl                 bp_wasm_gemm under Node (bench/wasm_gemm.cpp), one line per n
//   clock.json                      bp_clock_probe (bench/clock_probe.cpp): the measured core clock
// and /proc/cpuinfo for the vector width of the -march=native build.
//
// Peak = measured clock x fp32 flop/cycle of the build's instruction set:
//   flop/cycle = 2 pipes x lanes x 2 (an FMA is 2 flops; without FMA, 2 multiply + 2 add pipes)
// assuming a core with two FMA pipes as wide as the vectors, and two separate FP-add pipes for the
// builds without FMA (Zen 5; Skylake-X-class cores also have two 512-bit FMA pipes, but their adds
// share those pipes, which halves the SSE2 and SIMD128 figures).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchmarkJson } from './benchmark_json.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = resolve(process.argv[2] ?? join(root, 'bench/results'));
const sizes = [8, 64, 256, 512];

function readJson(name, consequence = 'its rows are left out') {
  const path = join(resultsDir, name);
  if (!existsSync(path)) {
    console.warn(`gemm_summary: ${path} is missing; ${consequence}`);
    return null;
  }
  return readBenchmarkJson(path);
}

function readJsonLines(name) {
  const path = join(resultsDir, name);
  if (!existsSync(path)) {
    console.warn(`gemm_summary: ${path} is missing; its rows are left out`);
    return [];
  }
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line));
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// Google Benchmark JSON -> Map n -> {median, min, max} GFLOP/s of BM_gemm_eigen/<n>. Uses the
// median/min/max aggregates when the run has them, else the individual runs.
function fromGoogleBenchmark(report) {
  const bySize = new Map();
  const runs = new Map();
  for (const b of report?.benchmarks ?? []) {
    const match = /^BM_gemm_eigen\/(\d+)/.exec(b.run_name ?? b.name);
    if (!match || b['GFLOP/s'] === undefined) continue;
    const n = Number(match[1]);
    if (b.run_type === 'aggregate') {
      if (['median', 'min', 'max'].includes(b.aggregate_name)) {
        bySize.set(n, { ...bySize.get(n), [b.aggregate_name]: b['GFLOP/s'] });
      }
    } else {
      runs.set(n, [...(runs.get(n) ?? []), b['GFLOP/s']]);
    }
  }
  for (const [n, values] of runs) {
    if (!bySize.get(n)?.median) {
      bySize.set(n, { median: median(values), min: Math.min(...values), max: Math.max(...values) });
    }
  }
  return bySize;
}

function fromWasm(lines) {
  const bySize = new Map();
  for (const line of lines) {
    if (line.error) console.warn(`gemm_summary: wasm n=${line.n}: ${line.error}`);
    else bySize.set(line.n, { median: line.gflops_median, min: line.gflops_min, max: line.gflops_max });
  }
  return bySize;
}

function cpuInfo() {
  const text = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const first = text.split('\n\n')[0];
  const field = (key) => new RegExp(`^${key}\\s*:\\s*(.*)$`, 'm').exec(first)?.[1]?.trim() ?? '';
  return {
    vendor: field('vendor_id'),
    family: Number(field('cpu family')),
    model: Number(field('model')),
    name: field('model name'),
    mhz: Number(field('cpu MHz')),
    flags: new Set(field('flags').split(/\s+/)),
  };
}

// The -march=native build's widest vectors, from the CPU flags (Eigen 3.4 uses AVX-512 packets
// when __AVX512F__ is defined).
function nativeVectors(cpu) {
  if (cpu.flags.has('avx512f')) {
    // Zen 4 (AMD family 0x19) runs 512-bit instructions as two halves on 256-bit pipes.
    if (cpu.vendor === 'AuthenticAMD' && cpu.family === 0x19) {
      return { isa: 'AVX-512 on 256-bit pipes (Zen 4)', lanes: 8, fma: true };
    }
    return { isa: 'AVX-512', lanes: 16, fma: true };
  }
  if (cpu.flags.has('avx2') && cpu.flags.has('fma')) return { isa: 'AVX2 + FMA', lanes: 8, fma: true };
  return { isa: 'SSE (128-bit)', lanes: 4, fma: false };
}

const flopPerCycle = ({ lanes }) => 2 * lanes * 2;
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

const cpu = cpuInfo();
const clock = readJson('clock.json', 'no peak');
const ghz = clock?.ghz;
const march = nativeVectors(cpu);
const builds = [
  {
    label: 'native SSE2 (g++ -O3)',
    vectors: { isa: 'SSE2', lanes: 4, fma: false },
    results: fromGoogleBenchmark(readJson('native.json')),
  },
  {
    label: `native -march=native (${march.isa})`,
    vectors: march,
    results: fromGoogleBenchmark(readJson('native-march.json')),
  },
  {
    label: `WASM SIMD128 (Node ${process.versions.node}, --no-liftoff)`,
    vectors: { isa: 'SIMD128', lanes: 4, fma: false },
    results: fromWasm(readJsonLines('wasm-gemm.jsonl')),
  },
];

const rows = [
  '| build | n | GFLOP/s, median (min–max) | peak GFLOP/s | % of peak |',
  '|---|--:|--:|--:|--:|',
];
for (const build of builds) {
  const peak = ghz ? flopPerCycle(build.vectors) * ghz : undefined;
  for (const n of sizes) {
    const r = build.results.get(n);
    if (!r) continue;
    const range = r.min !== undefined && r.max !== undefined ? ` (${fmt(r.min)}–${fmt(r.max)})` : '';
    rows.push(`| ${build.label} | ${n} | ${fmt(r.median)}${range} | ${peak ? fmt(peak) : 'n/a'} | ` +
      `${peak ? `${Math.round((100 * r.median) / peak)}%` : 'n/a'} |`);
  }
}

const perCycleLines = builds.map(({ label, vectors }) => {
  const how = vectors.fma
    ? `2 FMA pipes × ${vectors.lanes} lanes × 2 flop per FMA`
    : `no FMA: (2 multiply + 2 add pipes) × ${vectors.lanes} lanes`;
  return `- ${label}: ${vectors.isa}, ${vectors.lanes} fp32 lanes → ${flopPerCycle(vectors)} flop/cycle ` +
    `(${how})${ghz ? ` → ${fmt(flopPerCycle(vectors) * ghz)} GFLOP/s` : ''}`;
});

const clockLine = clock
  ? `**Clock: ${clock.ghz.toFixed(2)} GHz**, measured by \`bp_clock_probe\` (bench/clock_probe.cpp): a chain of ` +
    `dependent register adds (1-cycle latency, x86-64 inline asm), ${clock.cycles_per_repetition / 1e9} ` +
    `billion cycles per repetition, median of ${clock.repetitions} (${clock.ghz_min.toFixed(2)}–${clock.ghz_max.toFixed(2)}) ` +
    `on thread CPU time; ${clock.ghz_wall.toFixed(2)} GHz on wall time; a dependent \`imul\` chain (3-cycle ` +
    `latency) gives ${clock.imul_ghz.toFixed(2)} GHz. /proc/cpuinfo: ${cpu.name || 'an unnamed CPU'} ` +
    `(${cpu.vendor}, family ${cpu.family}, model ${cpu.model}), \`cpu MHz\` ${cpu.mhz || '?'}: the ` +
    `nominal clock, which the cores exceed. Vector flags: ` +
    `${['sse2', 'avx2', 'fma', 'avx512f'].filter((f) => cpu.flags.has(f)).join(', ') || 'none found'}.`
  : '**Clock: not measured** (clock.json missing; bp_clock_probe is x86-64 only), so no peak.';

const markdown = [
  '### GEMM against the machine\'s peak (float32, one thread, `C.noalias() = A * B`, square n × n)',
  '',
  ...rows,
  '',
  clockLine,
  '',
  'Peak fp32 flop/cycle per build = 2 pipes × lanes × 2. Assumption: two FMA pipes as wide as the ' +
    'widest vectors, and, for the builds without FMA (SSE2 and WASM SIMD128, where Eigen multiplies ' +
    'then adds), two multiply and two separate add pipes, which also gives 16 flop/cycle at 128 bits. ' +
    'This holds for Zen 5 (AMD family 26: four FP pipes, two FMA and two FADD, 512 bits wide). ' +
    'Skylake-X-class cores also have two 512-bit FMA pipes, but their adds share them: their SSE2 and ' +
    'SIMD128 peaks would be half the figures below. The clock is measured on integer code; a core ' +
    'that slows down under wide vector load (Intel\'s AVX-512 licence levels) would have a lower ' +
    'peak in the -march=native row.',
  ...perCycleLines,
  '',
  'GFLOP/s = 2n³ per product / time. Native: Google Benchmark (`bp_bench`, `BM_gemm_eigen`), ' +
    'rates per CPU second, median (min–max) over the repetitions. WASM: `bp_wasm_gemm` ' +
    '(bench/wasm_gemm.cpp, the SIMD module\'s compile flags) in Node, per CPU second of the Node ' +
    'process (process.cpuUsage); its wall-time medians are in wasm-gemm.jsonl.',
  '',
].join('\n');

writeFileSync(join(resultsDir, 'gemm.md'), markdown);
console.log(markdown);
console.log(`gemm_summary: wrote ${join(resultsDir, 'gemm.md')}`);
