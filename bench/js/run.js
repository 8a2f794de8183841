#!/usr/bin/env node
'use strict';
// Benchmark entry: every workload on every available side, one child process per side,
// repetitions interleaved across sides, loss-agreement check, markdown table.
//
//   node bench/js/run.js [--quick] [--workloads w1,w2,...] [--sides a,b] [--skip a,b]
//                        [--reps N] [--side id='command args'] [--focus id,id]
//                        [--json out.json] [--md out.md] [--no-save] [--verbose]
// Results also go to bench/results/peers-<quick|full>.{md,json} unless --no-save.
//
// Sides found automatically: reference, pernode, convnetjs, tfjs-wasm, tfjs-cpu (if their npm
// packages are installed), torch (Debian python3-torch via /usr/bin/python3), ours
// (bench/js/peers/ours.js, when it exists) and ours-native (command in $BP_BENCH_NATIVE).
// Any other process that speaks the side protocol (README.md) can be added with --side.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { WORKLOADS, buildWorkload, writeDataset } = require('./data');
const { startSide, runWorkload, renderMarkdown } = require('./harness');

const HERE = __dirname;
const PEERS = path.join(HERE, 'peers');
const SIDE = path.join(HERE, 'side.js');
const PY = path.resolve(HERE, '../python/torch_peer.py');

function parseArgs(argv) {
  const o = { quick: false, extra: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (a.includes('=') && a.startsWith('--') && a.indexOf('=') < a.length) return a.slice(a.indexOf('=') + 1);
      return argv[++i];
    };
    const key = a.startsWith('--') ? a.slice(2).split('=')[0] : a;
    switch (key) {
      case 'quick':
        o.quick = true;
        break;
      case 'verbose':
        o.verbose = true;
        break;
      case 'workloads':
        o.workloads = val().split(',');
        break;
      case 'sides':
        o.sides = val().split(',');
        break;
      case 'skip':
        o.skip = val().split(',');
        break;
      case 'reps':
        o.reps = Number(val());
        break;
      case 'focus':
        o.focus = val().split(',');
        break;
      case 'json':
        o.json = val();
        break;
      case 'md':
        o.md = val();
        break;
      case 'no-save':
        o.noSave = true;
        break;
      case 'side': {
        const v = argv[++i];
        const eq = v.indexOf('=');
        const words = v.slice(eq + 1).match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g).map((w) => w.replace(/^["']|["']$/g, ''));
        o.extra.push({ id: v.slice(0, eq), cmd: words[0], args: words.slice(1) });
        break;
      }
      case 'help':
      case 'h':
        console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(2, 15).join('\n'));
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  return o;
}

function resolvable(name) {
  try {
    require.resolve(name, { paths: [HERE] });
    return true;
  } catch (e) {
    return false;
  }
}

function jsSide(id, file, options, nodeArgs = []) {
  const args = [...nodeArgs, SIDE, path.join(PEERS, file)];
  if (options) args.push(JSON.stringify(options));
  return { id, cmd: process.execPath, args, cwd: HERE };
}

function sideSpecs(o) {
  const specs = [];
  if (fs.existsSync(path.join(PEERS, 'ours.js'))) {
    // --no-experimental-fetch: Emscripten 3.1.6 runtimes try to fetch() a file path on Node 20.
    specs.push(jsSide('ours', 'ours.js', null, ['--no-experimental-fetch']));
    // The baseline build (no SIMD, JS exceptions), for engines without wasm SIMD.
    specs.push(jsSide('ours-base', 'ours.js', { simd: false }, ['--no-experimental-fetch']));
  }
  if (process.env.BP_BENCH_NATIVE) {
    const words = process.env.BP_BENCH_NATIVE.split(/\s+/).filter(Boolean);
    specs.push({ id: 'ours-native', cmd: words[0], args: words.slice(1), cwd: HERE });
  }
  specs.push(jsSide('reference', 'reference.js'));
  specs.push(jsSide('pernode', 'pernode.js'));
  if (resolvable('convnetjs')) specs.push(jsSide('convnetjs', 'convnetjs.js'));
  if (resolvable('@tensorflow/tfjs-core') && resolvable('@tensorflow/tfjs-layers')) {
    if (resolvable('@tensorflow/tfjs-backend-wasm')) specs.push(jsSide('tfjs-wasm', 'tfjs.js', { backend: 'wasm' }));
    if (resolvable('@tensorflow/tfjs-backend-cpu')) specs.push(jsSide('tfjs-cpu', 'tfjs.js', { backend: 'cpu' }));
  }
  // Debian's python3-torch is only visible to the system interpreter, not pyenv's python3.
  if (fs.existsSync('/usr/bin/python3')) {
    specs.push({ id: 'torch', cmd: '/usr/bin/python3', args: [PY], cwd: HERE });
    // Same, with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset (both together) so OpenBLAS picks its
    // kernels for this CPU itself; the environment of this machine sets them (older OpenBLAS
    // builds misbehave on some CPUs), and they slow OpenBLAS down. Only this child is affected.
    if (process.env.OPENBLAS_CORETYPE || process.env.OPENBLAS_L2_SIZE) {
      specs.push({ id: 'torch-autoblas', cmd: '/usr/bin/python3', args: [PY], cwd: HERE,
        env: { OPENBLAS_CORETYPE: undefined, OPENBLAS_L2_SIZE: undefined } });
    }
  }
  specs.push(...o.extra);
  return specs.filter((s) => (!o.sides || o.sides.includes(s.id)) && !(o.skip || []).includes(s.id));
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const log = (m) => process.stderr.write(m + '\n');
  const timing = o.quick
    ? { reps: o.reps || 5, warmMs: 300, repMs: 150 }
    : { reps: o.reps || 7, warmMs: 1000, repMs: 400 };
  const wlIds = o.workloads || Object.keys(WORKLOADS);

  // Data and initial weights: drawn once here, written once, read by every side.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-'));
  const wls = wlIds.map((id) => {
    const wl = buildWorkload(id);
    return { ...wl, manifest: writeDataset(dir, wl) };
  });

  log(`bench: ${o.quick ? 'quick' : 'full'} run, ${timing.reps} repetitions, workloads ${wlIds.join(',')}`);
  const specs = sideSpecs(o);
  const sideInfo = {};
  const sides = [];
  for (const spec of specs) {
    const r = await startSide(spec, { verbose: o.verbose });
    if (r.side) {
      sides.push(r.side);
      sideInfo[spec.id] = r.info;
      log(`side ${spec.id}: ${r.info.version || ''} [${r.info.precision || ''}] ${r.info.notes || ''}`);
    } else {
      sideInfo[spec.id] = { error: r.error };
      log(`side ${spec.id}: unavailable (${r.error})`);
    }
  }
  const focus = o.focus || (sides.some((s) => s.id.startsWith('ours')) ? sides.filter((s) => s.id.startsWith('ours')).map((s) => s.id) : ['reference']);

  const results = [];
  try {
    for (const wl of wls) {
      const tw = Date.now();
      log(`workload ${wl.id}: ${wl.title}`);
      results.push(await runWorkload(sides, wl, { ...timing, quick: o.quick, log }));
      log(`  (${((Date.now() - tw) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await Promise.all(sides.map((s) => s.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const env = {
    date: new Date().toISOString(),
    mode: o.quick ? 'quick' : 'full',
    node: process.version,
    cpu: (os.cpus()[0] || {}).model,
    cores: os.cpus().length,
    OPENBLAS_CORETYPE: process.env.OPENBLAS_CORETYPE || '(unset)',
    seconds: (Date.now() - t0) / 1000,
    ...timing,
  };
  let md = `## Backprop Playground benchmark (${env.mode}, ${env.date})\n\n`;
  md += `node ${env.node}, ${env.cpu} x${env.cores}, OPENBLAS_CORETYPE=${env.OPENBLAS_CORETYPE}; ` +
    `${env.reps} interleaved repetitions of ~${env.repMs} ms after ${env.warmMs} ms warm-up; total ${env.seconds.toFixed(0)} s.\n\n`;
  md += renderMarkdown(results, sideInfo, focus);
  // Every side is single-threaded: if they got much less than a core, the machine was busy.
  const share = [];
  for (const r of results) for (const s of Object.values(r.sides)) if (s.cpuPerWall !== undefined) share.push(s.cpuPerWall);
  const { median } = require('./harness');
  if (share.length && median(share) < 0.8) {
    md += `\n**Machine busy:** the sides got a median of ${median(share).toFixed(2)} CPU-seconds per wall-second ` +
      `(1.0 for a single-threaded side on an idle core). Ratios within this run are comparable (repetitions were ` +
      `interleaved); absolute numbers are not.\n`;
  }
  process.stdout.write(md + '\n');
  const json = JSON.stringify({ env, sides: sideInfo, results }, null, 1);
  if (!o.noSave) {
    const out = path.resolve(HERE, '../results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `peers-${env.mode}.md`), md + '\n');
    fs.writeFileSync(path.join(out, `peers-${env.mode}.json`), json);
  }
  if (o.md) fs.writeFileSync(o.md, md + '\n');
  if (o.json) fs.writeFileSync(o.json, json);
  const invalid = results.some((r) => Object.values(r.sides).some((s) => s.valid === false));
  if (invalid) log('WARNING: at least one side disagreed in the correctness check (marked INVALID).');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
