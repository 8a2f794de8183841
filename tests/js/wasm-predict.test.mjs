// Predictions through the bindings: predictClasses is the core's rule (threshold for one output,
// argmax for several), returned as a copy; predict checks the feature count before anything else.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { VARIANTS, loadVariant, withObjects, optionsText } from './helpers.mjs';

for (const { simd, name } of VARIANTS) {
  describe(`predictions (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    test('predictClasses: one output, threshold 0 for tanh and 0.5 for sigmoid; a copy',
      () => withObjects((own) => {
        for (const [head, threshold] of [['tanh', 0], ['sigmoid', 0.5]]) {
          const data = own(M.Dataset.generate('circle', 200, 0.1, 2));
          const trainer = own(new M.Trainer(optionsText({
            layers: [2, 8, 1], activations: ['tanh', head], seed: 3,
          })));
          trainer.setData(data, data, false);
          trainer.trainEpochs(3);
          const x = new Float32Array(data.inputs());
          const classes = trainer.predictClasses(x, 200);
          assert.ok(classes instanceof Int32Array);
          assert.notEqual(classes.buffer, M.HEAPU8.buffer, 'a copy, not a view');
          assert.equal(classes.length, 200);
          const y = trainer.predict(x, 200);
          for (let i = 0; i < 200; i++) assert.equal(classes[i], y[i] > threshold ? 1 : 0);
          // The rule evaluate() counts accuracy with.
          const labels = data.labels();
          const correct = classes.reduce((sum, c, i) => sum + (c === labels[i] ? 1 : 0), 0);
          assert.ok(Math.abs(correct / 200 - trainer.evaluate().trainAccuracy) < 1e-12);
        }
      }));

    test('predictClasses: argmax over several outputs (first on ties)', () => withObjects((own) => {
      const x = [0, 0, 1, 1, 2, 0, 0, 2, -1, -1];
      const data = own(M.Dataset.fromArrays(x, [0, 1, 2, 1, 0], 2, 'classification', 3));
      const trainer = own(new M.Trainer(optionsText({
        layers: [2, 3], activations: ['softmax'], cost: 'cross_entropy', seed: 5,
      })));
      trainer.setData(data, new M.Dataset(), false);
      trainer.trainSteps(3);
      const probe = new Float32Array([0.3, -2, 1.5, 0.5, -1, 2, 4, 4]);
      const classes = trainer.predictClasses(probe, 4);
      const y = trainer.predict(probe, 4);
      for (let i = 0; i < 4; i++) {
        let best = 0;
        for (let c = 1; c < 3; c++) if (y[i * 3 + c] > y[i * 3 + best]) best = c;
        assert.equal(classes[i], best);
      }
      // Equal outputs (all weights zero): class 0.
      trainer.setParameters(new Float32Array(trainer.parameters().length), false);
      assert.deepEqual(Array.from(trainer.predictClasses(probe, 4)), [0, 0, 0, 0]);
    }));

    // Before the fix the core standardized first and compared the feature count after: 3 features
    // a sample against a 2-feature standardizer read past its mean and std (ASan natively; here,
    // garbage in wasm memory). Now the count is checked first, and nothing else is touched.
    test('predict with too many features after setData(..., standardize) is a clear error',
      () => withObjects((own) => {
        const data = own(M.Dataset.generate('circle', 100, 0.1, 4));
        const trainer = own(new M.Trainer(optionsText({ layers: [2, 4, 1], activations: ['tanh', 'tanh'] })));
        trainer.setData(data, data, true);
        for (const features of [3, 1, 40]) {
          const x = new Float32Array(features * 5).fill(1);
          assert.throws(() => trainer.predict(x, 5),
            new RegExp(`^Error: input: has ${features} features per sample but the network takes 2$`));
          assert.throws(() => trainer.predictClasses(x, 5), /^Error: input: has \d+ features/);
        }
        const y = trainer.predict(new Float32Array([0, 0, 1, 1]), 2);
        assert.equal(y.length, 2);
        assert.ok(y.every(Number.isFinite));
      }));

    test('predictClasses throws a clear error for regression', () => withObjects((own) => {
      const data = own(M.Dataset.generate('reg-plane', 50, 0, 1));
      const trainer = own(new M.Trainer(optionsText({ layers: [2, 4, 1], activations: ['tanh', 'linear'] })));
      trainer.setData(data, data, false);
      assert.throws(() => trainer.predictClasses(new Float32Array([0, 0]), 1),
        /^Error: predictClasses: needs a classification data set; this one is regression/);
      assert.equal(trainer.predict(new Float32Array([0, 0]), 1).length, 1, 'still usable');
    }));
  });
}
