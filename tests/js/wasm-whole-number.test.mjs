// Counts, indices and seeds from JS go to the core's one whole-number check as they are: NaN,
// Infinity, 2.9, -1 and huge values are errors that say what was passed (nothing is truncated by the
// bindings, e.g. NaN used to read "got -2147483648" and 2.9 became 2).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { VARIANTS, loadVariant, withObjects, optionsText } from './helpers.mjs';

const BAD = [
  [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [2.9, '2.9'], [-1, '-1'],
  [1e300, '1e\\+300'], [2 ** 53, '9.007199255e\\+15'],
];

for (const { simd, name } of VARIANTS) {
  describe(`whole numbers from JS (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    test('Dataset.fromArrays numFeatures and numClasses', () => withObjects((own) => {
      const x = [0, 1, 2, 3];
      for (const [value, shown] of BAD) {
        assert.throws(() => own(M.Dataset.fromArrays(x, [0, 1], value, 'classification', 2)),
          new RegExp(`^Error: numFeatures: must be a whole number in \\[1, 4096\\]; got ${shown}$`),
          `numFeatures = ${value}`);
        assert.throws(() => own(M.Dataset.fromArrays(x, [0, 1], 2, 'classification', value)),
          new RegExp(`^Error: numClasses: must be a whole number in \\[2, 1000\\]; got ${shown}$`),
          `numClasses = ${value}`);
      }
      assert.throws(() => own(M.Dataset.fromArrays(x, [0, 0.5], 2, 'classification', 2)),
        /^Error: y\[1\]: must be a whole number in \[0, 1\]; got 0.5$/);
      const ok = own(M.Dataset.fromArrays(x, [0, 1], 2, 'classification', 2));
      assert.equal(JSON.parse(ok.infoJson()).numFeatures, 2);
    }));

    test('trainer counts, generate, split and seeds', () => withObjects((own) => {
      const data = own(M.Dataset.generate('circle', 40, 0, 1));
      const trainer = own(new M.Trainer(optionsText({ layers: [2, 3, 1], activations: ['tanh', 'tanh'] })));
      trainer.setData(data, data, false);
      const calls = [
        ['steps', '0, 100000000', (v) => trainer.trainSteps(v)],
        ['epochs', '0, 1000000', (v) => trainer.trainEpochs(v)],
        ['n', '1, 1000000', (v) => trainer.predict(new Float32Array(4), v)],
        ['n', '1, 1000000', (v) => trainer.predictClasses(new Float32Array(4), v)],
        ['grid nx', '1, 1024', (v) => trainer.predictGrid(-1, 1, -1, 1, v, 4, false)],
        ['parameter index', '0, 2147483647', (v) => trainer.setParameter(v, 0)],
        ['samples', '1, 4096', (v) => trainer.gradientCheck(v, 0)],
        ['seed', '0, 4294967295', (v) => trainer.reseed(v)],
        ['numSamples', '1, 1000000', (v) => own(M.Dataset.generate('circle', v, 0, 1))],
        ['seed', '0, 4294967295', (v) => own(M.Dataset.generate('circle', 10, 0, v))],
        ['seed', '0, 4294967295', (v) => own(data.split(0.5, v))],
      ];
      for (const [field, range, call] of calls) {
        for (const [value, shown] of BAD) {
          const rangeText = range.replace(/[[\]]/g, '\\$&');
          assert.throws(() => call(value),
            new RegExp(`^Error: ${field}: must be a whole number in \\[${rangeText}\\]; got ${shown}$`),
            `${field} = ${value}`);
        }
      }
      assert.equal(trainer.trainSteps(2).steps, 2, 'the trainer still works');
    }));

    test('options JSON: fractional and out-of-range integers', () => {
      for (const [field, value, message] of [
        ['batchSize', 2.9, /^Error: batchSize: must be a whole number in \[1, 65536\]; got 2.9$/],
        ['batchSize', -1, /^Error: batchSize: must be a whole number in \[1, 65536\]; got -1$/],
        ['seed', 2 ** 32, /^Error: seed: must be a whole number in \[0, 4294967295\]; got 4294967296$/],
        ['decaySteps', 1e300, /^Error: decaySteps: must be a whole number in \[1, 1000000000\]; got 1e\+300$/],
      ]) {
        assert.throws(() => new M.Trainer(optionsText({ layers: [2, 1], activations: ['tanh'], [field]: value })),
          message);
      }
      // JSON has no NaN: JSON.stringify writes null, and null is refused the same way.
      assert.throws(() => new M.Trainer(optionsText({ layers: [2, 1], activations: ['tanh'], batchSize: NaN })),
        /^Error: batchSize: must be a whole number in \[1, 65536\]; got null$/);
    });
  });
}
