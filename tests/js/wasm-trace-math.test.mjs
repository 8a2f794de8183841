// Trainer.finiteDifference and Trainer.pendingUpdate through the JS API, on both builds (the native
// tests are tests/test_trace_math.cpp): the per-sample central difference agrees with traceSample's
// gradient for every activation/cost kind of COMBOS and catches the seed's printed recursion;
// per-sample gradients averaged over the next batch are its batch gradient; pendingUpdate is the
// change trainSteps(1) makes, bit for bit, for sgd, momentum, rmsprop and adam, and leaves the run
// bit-identical; bad indices are refused by name.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { VARIANTS, loadVariant, withObjects, optionsText } from './helpers.mjs';

const N = 40;
const COMBOS = [
  { hidden: 'tanh', output: 'sigmoid', cost: 'binary_cross_entropy' },
  { hidden: 'sigmoid', output: 'softmax', cost: 'cross_entropy' },
  { hidden: 'sigmoid', output: 'linear', cost: 'quadratic' },
  { hidden: 'leaky_relu', output: 'softmax', cost: 'quadratic' },
  { hidden: 'tanh', output: 'tanh', cost: 'huber' },
  { hidden: 'linear', output: 'sigmoid', cost: 'quadratic' },
];
const optionsOf = ({ hidden, output, cost }, extra = {}) => ({
  layers: [2, 4, 3, output === 'softmax' ? 2 : 1], activations: [hidden, hidden, output], cost,
  init: 'glorot', batchSize: 5, learningRate: 0.1, seed: 5, ...extra,
});
function trained(M, own, combo, extra, steps = 3) {
  const trainer = own(new M.Trainer(optionsText(optionsOf(combo, extra))));
  const split = own(own(M.Dataset.generate('circle', N, 0.1, 3)).split(1.0, 3));
  trainer.setData(own(split.train()), own(split.test()), true);
  trainer.trainSteps(steps);
  return trainer;
}
const rel = (a, b, floor) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);

for (const { simd, name } of VARIANTS) {
  describe(`finiteDifference and pendingUpdate through the API (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    for (const combo of COMBOS) {
      test(`${combo.hidden} / ${combo.output} / ${combo.cost}: FD = traceSample's gradient; the erratum fails it`,
        () => withObjects((own) => {
          const trainer = trained(M, own, combo);
          const P = trainer.parameters().length;
          let caught = false;
          for (const i of [0, 21]) {
            const g = trainer.traceSample(i).gradient;
            const seed = trainer.traceSample(i, 'seed_erratum').gradient;
            for (let p = 0; p < P; ++p) {
              const fd = trainer.finiteDifference(p, i);
              assert.equal(fd.h, 1e-5);
              assert.equal(fd.parameter, p);
              assert.equal(fd.sample, i);
              assert.ok(Math.abs(fd.value - (fd.plus - fd.minus) / 2e-5) < 1e-12);
              assert.ok(rel(fd.value, g[p], 1e-2) < 2e-3, `sample ${i} parameter ${p}: ${fd.value} vs ${g[p]}`);
              if (rel(fd.value, seed[p], 1e-4) > 1e-2) caught = true;
            }
          }
          assert.equal(caught, combo.hidden !== 'linear', 'the seed\'s recursion fails where sigma\' != 1');
        }));
    }

    test('per-sample gradients averaged over the next batch = its batch gradient',
      () => withObjects((own) => {
        const trainer = trained(M, own, COMBOS[1], { batchSize: 7 }, 2);
        const P = trainer.parameters().length;
        const { batch } = trainer.pendingUpdate(0);
        assert.equal(batch.length, 7);
        const mean = new Float64Array(P);
        for (const i of batch) trainer.traceSample(i).gradient.forEach((g, p) => { mean[p] += g / batch.length; });
        for (let p = 0; p < P; ++p) {
          const u = trainer.pendingUpdate(p);
          assert.ok(Math.abs(u.gradient - mean[p]) < 1e-6, `parameter ${p}`);
        }
      }));

    for (const optimizer of ['sgd', 'momentum', 'rmsprop', 'adam']) {
      test(`${optimizer}: pendingUpdate is the change trainSteps(1) makes, and changes nothing`,
        () => withObjects((own) => {
          const extra = { optimizer, learningRate: optimizer === 'sgd' || optimizer === 'momentum' ? 0.1 : 0.01,
            batchSize: 7, dropout: 0.2, regularization: 'l2', regularizationRate: 0.01 };
          const a = trained(M, own, COMBOS[0], extra, 0);
          const b = trained(M, own, COMBOS[0], extra, 0);
          const P = a.parameters().length;
          for (let step = 0; step < 8; ++step) {  // over the epoch's end (step 6 reshuffles)
            const before = a.parameters().slice();
            const pending = [];
            for (let p = 0; p < P; ++p) pending.push(a.pendingUpdate(p));
            a.trainSteps(1);
            b.trainSteps(1);
            assert.deepEqual(a.parameters(), b.parameters(), 'read-only: the run is bit-identical');
            const after = a.parameters();
            const g = a.gradients();
            for (let p = 0; p < P; ++p) {
              const u = pending[p];
              assert.equal(u.optimizer, optimizer);
              assert.equal(u.value, before[p]);
              assert.equal(u.next, after[p], `step ${step} parameter ${p}`);
              assert.equal(u.update, Math.fround(after[p] - before[p]));
              assert.equal(u.gradient, g[p]);
              assert.equal(u.step, step + 1);
              const keys = { sgd: ['gradient'], momentum: ['velocity'], rmsprop: ['meanSquare'],
                adam: ['m', 'v', 'mHat', 'vHat'] }[optimizer];
              assert.deepEqual(Object.keys(u.state), keys);
              if (optimizer === 'sgd') assert.equal(u.state.gradient, g[p]);
            }
          }
          assert.deepEqual(a.report(), b.report());
          assert.deepEqual(a.history(), b.history());
        }));
    }

    test('bad indices are refused by name, and the trainer stays usable', () => withObjects((own) => {
      const empty = own(new M.Trainer(optionsText(optionsOf(COMBOS[0]))));
      assert.throws(() => empty.finiteDifference(0, 0), /^Error: sample: there is no training data yet/);
      assert.throws(() => empty.pendingUpdate(0), /^Error: data: there is no training data yet/);
      const trainer = trained(M, own, COMBOS[0]);
      const P = trainer.parameters().length;  // 31
      for (const bad of [-1, P, 1.5, NaN, Infinity]) {
        const re = new RegExp(`^Error: parameterIndex: must be a whole number in \\[0, ${P - 1}\\]; got `);
        assert.throws(() => trainer.finiteDifference(bad, 0), re, String(bad));
        assert.throws(() => trainer.pendingUpdate(bad), re, String(bad));
      }
      for (const bad of [-1, N, 0.5, NaN]) {
        assert.throws(() => trainer.finiteDifference(0, bad), /^Error: sample: must be a whole number in \[0, 39\]; got /);
      }
      assert.throws(() => trainer.finiteDifference(0), /called with 1 arguments, expected 2/);
      const tfp = trained(M, own, COMBOS[4], { tfpMode: true, cost: 'quadratic' });
      assert.throws(() => tfp.pendingUpdate(0), /^Error: pendingUpdate: is not available in tfpMode/);
      assert.ok(Number.isFinite(trainer.finiteDifference(P - 1, N - 1).value));
    }));
  });
}
