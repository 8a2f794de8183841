// Backpropagation through the JS API against central differences: Trainer.gradientCheck (double,
// the trainer's own cost) for every hidden activation × output activation × cost the core accepts,
// on real, standardized 2-D data; and the float gradient the trainer steps with (gradients()) against
// differences of the float loss (evaluate()). The native checks are tests/test_gradient_check.cpp.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { VARIANTS, loadVariant, withObjects, optionsText } from './helpers.mjs';

const HIDDEN = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu'];
const OUTPUT = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'softmax'];
const COSTS = ['quadratic', 'huber', 'binary_cross_entropy', 'cross_entropy'];
// Cross-entropy costs need outputs in (0, 1): the core rejects them on other output activations.
const accepts = (output, cost) =>
  cost === 'quadratic' || cost === 'huber' || output === 'sigmoid' || output === 'softmax';

const SAMPLES = 8;      // the first 8 training samples
const MAX_TRIES = 20;   // fresh data and weights while a ReLU-like unit sits at its kink

const COMBINATIONS = HIDDEN.flatMap((hidden) => OUTPUT.flatMap((output) =>
  COSTS.filter((cost) => accepts(output, cost)).map((cost) => ({ hidden, output, cost }))));

// The generators emit one class after the other: the first samples of a generated set are all of
// one class. A split with ratio 1 shuffles every sample into the training set (the test set is
// empty), so that the first SAMPLES, which the check uses, hold both classes.
function shuffledCircle(M, own, seed) {
  const split = own(own(M.Dataset.generate('circle', 40, 0.1, seed)).split(1.0, seed));
  const train = own(split.train());
  const labels = train.labels().slice(0, SAMPLES);
  assert.ok(labels.includes(0) && labels.includes(1), 'both classes among the checked samples');
  return { train, empty: own(split.test()) };
}

// 2-D circle data (2 classes): one output (targets 0/1, or -1/1 for tanh) or a 2-way softmax
// (one-hot targets). Every weight layer is checked: 2 -> 4 -> 3 -> k.
function check(M, { hidden, output, cost }) {
  const k = output === 'softmax' ? 2 : 1;
  const layers = [2, 4, 3, k];
  const parameterCount = 4 * 2 + 4 + 3 * 4 + 3 + k * 3 + k;
  const tries = [];
  for (let attempt = 0; attempt < MAX_TRIES; ++attempt) {
    const seed = 11 + attempt;
    const result = withObjects((own) => {
      const trainer = own(new M.Trainer(optionsText({
        layers, activations: [hidden, hidden, output], cost, init: 'glorot', seed,
      })));
      const { train, empty } = shuffledCircle(M, own, seed);
      trainer.setData(train, empty, true);
      // A few steps first, so that the biases are not all at their initial value.
      trainer.trainSteps(3);
      const r = trainer.gradientCheck(SAMPLES, 0);
      assert.equal(r.checked, parameterCount, 'every parameter is checked');
      assert.equal(trainer.parameters().length, parameterCount);
      return r;
    });
    tries.push(result);
    if (!result.nearKink) return { result, attempts: attempt + 1 };
  }
  assert.fail(`every one of ${MAX_TRIES} draws put a ReLU-like unit at its kink ` +
    `(kink distances ${tries.map((r) => r.kinkDistance.toExponential(1)).join(', ')})`);
}

// The result carries the core's one tolerance and its verdict, consistent with maxRelativeError,
// and names the worst parameter in the seed's notation (what the math panel prints).
function assertVerdict(r) {
  assert.equal(r.tolerance, 1e-6, 'the core\'s tolerance');
  assert.equal(typeof r.ok, 'boolean');
  assert.equal(r.ok, r.maxRelativeError < r.tolerance, `ok ${r.ok} but ${r.maxRelativeError} vs ${r.tolerance}`);
  assert.ok(r.worstLayer >= 1, `worstLayer ${r.worstLayer}`);
  assert.equal(r.worstName, r.worstColumn < 0 ? `b^${r.worstLayer}[${r.worstRow}]`
    : `W^${r.worstLayer}[${r.worstRow}, ${r.worstColumn}]`);
}

for (const { simd, name } of VARIANTS) {
  describe(`gradient check through the API (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    test('covers 5 hidden x (6 outputs x quadratic/huber + sigmoid/softmax x 2 CE costs)', () => {
      assert.equal(COMBINATIONS.length, 5 * (6 * 2 + 2 * 2));
    });

    for (const combination of COMBINATIONS) {
      const { hidden, output, cost } = combination;
      test(`${hidden} hidden, ${output} output, ${cost}`, (t) => {
        const { result, attempts } = check(M, combination);
        if (attempts > 1) t.diagnostic(`${attempts} draws to get away from the ReLU kinks`);
        assert.ok(result.maxRelativeError < 1e-6,
          `maxRelativeError ${result.maxRelativeError} at parameter ${result.worstParameter}`);
        assertVerdict(result);
        assert.ok(result.vectorRelativeError < 1e-6,
          `vectorRelativeError ${result.vectorRelativeError}`);
      });
    }

    test('gradientCheck carries tolerance and ok, and the worst parameter\'s place in the layout',
      () => withObjects((own) => {
        const { train, empty } = shuffledCircle(M, own, 3);
        const trainer = own(new M.Trainer(optionsText({
          layers: [2, 4, 3, 1], activations: ['tanh', 'sigmoid', 'tanh'], init: 'glorot', seed: 3,
        })));
        trainer.setData(train, empty, true);
        trainer.trainSteps(3);
        const r = trainer.gradientCheck(SAMPLES, 0);
        assertVerdict(r);
        assert.equal(r.ok, true);
        // Flat index -> (layer, row, column): W^l is n^{l+1} x n^l column-major, then b^l.
        const layers = [2, 4, 3, 1];
        let offset = 0;
        let place = null;
        for (let l = 1; l < layers.length && !place; l++) {
          const rows = layers[l], cols = layers[l - 1];
          if (r.worstParameter < offset + rows * cols) {
            const k = r.worstParameter - offset;
            place = [l, k % rows, Math.floor(k / rows)];
          } else if (r.worstParameter < offset + rows * cols + rows) {
            place = [l, r.worstParameter - offset - rows * cols, -1];
          }
          offset += rows * cols + rows;
        }
        assert.deepEqual([r.worstLayer, r.worstRow, r.worstColumn], place);
        // A check on a subset of the parameters still gives the verdict.
        const some = trainer.gradientCheck(SAMPLES, 5);
        assert.equal(some.checked, 5);
        assertVerdict(some);
      }));

    // A softmax over a single output is constantly 1; the softmax/cross-entropy shortcut
    // (delta = a - y) would then be wrong, so the core rejects it.
    test('a one-output softmax is rejected, or its cross-entropy gradient is right', () => withObjects((own) => {
        let trainer;
        try {
          trainer = own(new M.Trainer(optionsText({
            layers: [2, 4, 1], activations: ['tanh', 'softmax'], cost: 'cross_entropy',
          })));
        } catch (error) {
          assert.match(error.message, /softmax/);
          return;
        }
        const { train, empty } = shuffledCircle(M, own, 1);
        trainer.setData(train, empty, false);
        const r = trainer.gradientCheck(SAMPLES, 0);
        assert.ok(r.maxRelativeError < 1e-6, `maxRelativeError ${r.maxRelativeError}`);
      }));

    test('the core rejects a cross-entropy cost on an output outside (0, 1)', () => {
      for (const output of ['linear', 'tanh', 'relu', 'leaky_relu']) {
        for (const cost of ['binary_cross_entropy', 'cross_entropy']) {
          assert.throws(() => withObjects((own) => own(new M.Trainer(optionsText({
            layers: [2, 3, 1], activations: ['tanh', output], cost,
          })))), /cost: .*needs outputs in \(0, 1\)/, `${output} with ${cost}`);
        }
      }
    });

    // The playground trains in float: the gradient it steps with must be dLoss/dtheta of the loss
    // it reports. One full batch (batch size = all 40 samples), so gradients() after one step is the
    // gradient of evaluate().trainLoss at the parameters before that step.
    for (const cost of ['quadratic', 'binary_cross_entropy']) {
      test(`gradients() of a full-batch step match float differences of evaluate() (${cost})`,
        () => withObjects((own) => {
          const data = own(M.Dataset.generate('circle', 40, 0.1, 3));
          const trainer = own(new M.Trainer(optionsText({
            layers: [2, 4, 1], activations: ['tanh', 'sigmoid'], cost, init: 'glorot',
            batchSize: 40, seed: 3,
          })));
          trainer.setData(data, data, true);
          const theta = trainer.parameters().slice();
          trainer.trainSteps(1);
          const analytic = trainer.gradients().slice();
          assert.equal(analytic.length, theta.length);
          trainer.setParameters(theta, false);
          const h = 1e-2;
          const lossAt = (i, value) => {
            trainer.setParameter(i, value);
            const loss = trainer.evaluate().trainLoss;
            trainer.setParameter(i, theta[i]);
            return loss;
          };
          let largest = 0;
          for (let i = 0; i < theta.length; ++i) {
            const numeric = (lossAt(i, theta[i] + h) - lossAt(i, theta[i] - h)) / (2 * h);
            largest = Math.max(largest, Math.abs(analytic[i]));
            assert.ok(Math.abs(analytic[i] - numeric) <= 2e-4 + 1e-2 * Math.abs(numeric),
              `parameter ${i}: gradients() ${analytic[i]}, float central difference ${numeric}`);
          }
          assert.ok(largest > 1e-3, 'the gradient is not trivially zero');
        }));
    }
  });
}
