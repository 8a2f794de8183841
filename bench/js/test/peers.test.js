'use strict';
// node --test bench/js/test/ : the JS peers compute the same thing (in-process, small runs),
// and the data/harness helpers behave.

const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const fs = require('fs');
const os = require('os');
const { buildWorkload, writeDataset, readDataset, mulberry32 } = require('../data');
const { median, agreement, calibrate } = require('../harness');

const PEERS = ['reference', 'pernode', 'convnetjs', 'tfjs'];
const available = (name) => {
  try {
    require(path.join(__dirname, '..', 'peers', `${name}.js`));
    return true;
  } catch (e) {
    return false;
  }
};

function cfgOf(wl) {
  const { sizes, activations, cost, lr, batchSize, weights, biases, X, Y, N } = wl;
  return { sizes, activations, cost, lr, batchSize, weights, biases, X, Y, N };
}

async function lossesAfter(name, cfg, steps) {
  const mod = require(path.join(__dirname, '..', 'peers', `${name}.js`));
  const a = await mod.create(name === 'tfjs' ? { backend: 'cpu' } : {});
  await a.setup(cfg);
  const l0 = await a.loss(0);
  await a.trainSteps(steps);
  const l1 = await a.loss(0);
  const out = await a.forward(cfg.X.subarray(0, cfg.sizes[0] * 4), 4);
  await a.dispose();
  return { l0, l1, out: Array.from(out) };
}

for (const [wid, steps] of [['w1', 60], ['w3', 3], ['w5', 10]]) {
  test(`peers agree on ${wid} after ${steps} steps`, async () => {
    const wl = buildWorkload(wid);
    const cfg = cfgOf(wl);
    const res = {};
    for (const p of PEERS.filter(available)) res[p] = await lossesAfter(p, cfg, steps);
    const ref = res.reference;
    for (const [p, r] of Object.entries(res)) {
      assert.ok(Math.abs(r.l0 - ref.l0) <= 1e-5 * Math.abs(ref.l0), `${p} loss0 ${r.l0} vs ${ref.l0}`);
      assert.ok(Math.abs(r.l1 - ref.l1) <= 1e-4 * Math.abs(ref.l1), `${p} loss after ${r.l1} vs ${ref.l1}`);
      r.out.forEach((v, i) => assert.ok(Math.abs(v - ref.out[i]) < 1e-4, `${p} forward[${i}]`));
    }
    assert.ok(ref.l1 < ref.l0, 'training lowers the loss on batch 0');
  });
}

test('dataset files round-trip', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-test-'));
  try {
    const wl = buildWorkload('w2');
    const ds = readDataset(writeDataset(dir, wl));
    assert.deepStrictEqual(ds.cfg.sizes, [2, 8, 8, 1]);
    assert.deepStrictEqual(Array.from(ds.cfg.weights[1]), Array.from(wl.weights[1]));
    assert.strictEqual(ds.gridN, 10000);
    assert.strictEqual(ds.grid[0], -6);
    assert.strictEqual(ds.grid[1], 6);
    assert.strictEqual(ds.cfg.N, 500);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('data is deterministic', () => {
  const a = buildWorkload('w1');
  const b = buildWorkload('w1');
  assert.deepStrictEqual(Array.from(a.X), Array.from(b.X));
  assert.deepStrictEqual(Array.from(a.weights[0]), Array.from(b.weights[0]));
  const r = mulberry32(1);
  assert.ok(r() >= 0 && r() < 1);
});

test('harness helpers', async () => {
  assert.strictEqual(median([3, 1, 2]), 2);
  assert.strictEqual(median([4, 1, 2, 3]), 2.5);
  const ag = agreement({ a: 1, b: 1.0000001, c: 1.1 }, { abs: 0, rel: 1e-3 });
  assert.ok(ag.perSide.a.ok && ag.perSide.b.ok && !ag.perSide.c.ok);
  // a unit costing 2 ms each: reps of ~100 ms -> 50 units
  const k = await calibrate(async (n) => 2 * n, { warmMs: 50, repMs: 100 });
  assert.strictEqual(k, 50);
});
