#!/usr/bin/env node
'use strict';
// One benchmark side in its own process: hosts a JS peer adapter and speaks the side
// protocol (JSON lines) on stdin/stdout. The runner (run.js via harness.js) starts one of these
// per side, so JITs, heaps and WASM instances of different sides never share a process.
//
//   node side.js <adapter module path> ['<json options>']
//
// stdout carries protocol replies only; anything the adapter or its libraries print goes to
// stderr (console.* is redirected before the adapter is loaded). The protocol is described in
// README.md; bench/python/torch_peer.py implements the same one in Python, and a native side
// only has to do the same on its stdin/stdout.

const path = require('path');
const readline = require('readline');

// Keep stdout clean for the protocol.
for (const k of ['log', 'info', 'warn', 'debug']) console[k] = console.error.bind(console);
const send = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

const modPath = path.resolve(process.argv[2] || '');
const options = process.argv[3] ? JSON.parse(process.argv[3]) : {};
const { readDataset } = require('./data');

let mod = null;
let adapter = null;
let ds = null;

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms
const faults = () => process.resourceUsage().minorPageFault;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function pointsFor(set) {
  if (set === 'grid') return { P: ds.grid, n: ds.gridN };
  if (set === 'test') return { P: ds.testX, n: ds.testN };
  if (set === 'train') return { P: ds.cfg.X, n: ds.cfg.N };
  throw new Error(`unknown point set ${set}`);
}

function accuracyOf(out, Ytrue, nL, n) {
  let correct = 0;
  for (let s = 0; s < n; s++) {
    let bi = 0;
    let yi = 0;
    for (let i = 1; i < nL; i++) {
      if (out[s * nL + i] > out[s * nL + bi]) bi = i;
      if (Ytrue[s * nL + i] > Ytrue[s * nL + yi]) yi = i;
    }
    if (bi === yi) correct++;
  }
  return correct / n;
}

const handlers = {
  async hello() {
    // CommonJS adapters are required; an ES-module adapter (.mjs) is imported.
    mod = modPath.endsWith('.mjs') ? await import(require('url').pathToFileURL(modPath).href) : require(modPath);
    if (mod.default && !mod.create) mod = mod.default;
    const info = mod.describe ? await mod.describe(options) : { name: path.basename(modPath, '.js') };
    return { ...info, pid: process.pid, runtime: `node ${process.version}` };
  },

  async setup(req) {
    if (adapter) await adapter.dispose();
    adapter = null;
    ds = readDataset(req.manifest);
    const t0 = now();
    adapter = await mod.create(options);
    await adapter.setup(ds.cfg);
    return { ms: now() - t0 };
  },

  async train(req) {
    const f0 = faults();
    const c0 = cpuMs();
    const t0 = now();
    await adapter.trainSteps(req.steps);
    const ms = now() - t0;
    return { ms, cpuMs: cpuMs() - c0, steps: req.steps, minorFaults: faults() - f0 };
  },

  async loss(req) {
    return { loss: await adapter.loss(req.batch || 0) };
  },

  async forward(req) {
    const { P, n } = pointsFor(req.set || 'grid');
    const reps = req.reps || 1;
    const call = adapter.forwardGrid && req.set === 'grid' ? (p) => adapter.forwardGrid(p) : (p) => adapter.forward(p, n);
    let out = null;
    const f0 = faults();
    const c0 = cpuMs();
    const t0 = now();
    for (let r = 0; r < reps; r++) out = await call(P);
    const ms = now() - t0;
    const res = { ms, cpuMs: cpuMs() - c0, reps, minorFaults: faults() - f0 };
    if (req.returnOutput) res.output = Array.from(out);
    return res;
  },

  /** Train epoch by epoch (nb steps each) until the test accuracy reaches targetAcc. */
  async fit(req) {
    const nL = ds.cfg.sizes[ds.cfg.sizes.length - 1];
    const nb = ds.cfg.N / ds.cfg.batchSize;
    let epochs = 0;
    let acc = 0;
    const t0 = now();
    while (epochs < req.maxEpochs) {
      await adapter.trainSteps(nb);
      epochs++;
      const out = await adapter.forward(ds.testX, ds.testN);
      acc = accuracyOf(out, ds.testY, nL, ds.testN);
      if (acc >= req.targetAcc) break;
    }
    return { ms: now() - t0, epochs, acc, reached: acc >= req.targetAcc };
  },

  async mem() {
    return { memory: process.memoryUsage(), minorFaults: faults() };
  },

  async quit() {
    if (adapter) await adapter.dispose();
    adapter = null;
    setImmediate(() => process.exit(0));
    return {};
  },
};

// Serve requests strictly one at a time, in order.
let chain = Promise.resolve();
const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on('line', (line) => {
  if (!line.trim()) return;
  chain = chain.then(async () => {
    let req;
    try {
      req = JSON.parse(line);
      const h = handlers[req.cmd];
      if (!h) throw new Error(`unknown command ${req.cmd}`);
      const res = await h(req);
      send({ id: req.id, ok: true, ...res });
    } catch (e) {
      send({ id: req && req.id, ok: false, error: String((e && e.stack) || e) });
    }
  });
});
rl.on('close', () => {
  chain.then(() => process.exit(0));
});
