// Trainer.traceSample through the JS API, on both builds: the trace's gradient equals the batch
// gradient of a one-sample batch (a second trainer stepping on that sample alone) and central
// differences of that sample's cost (an independent forward pass in float64, here); every delta
// satisfies delta^l = (W^{l+1})^T delta^{l+1} ⊙ sigma'(z^l) entry by entry; the seed's printed
// recursion ('seed_erratum') drops sigma' and fails the finite difference; the arrays are copies
// that survive later calls; tracing leaves training as it was; bad input is refused by name.
// The native tests are tests/test_trace.cpp.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { VARIANTS, loadVariant, withObjects, optionsText, assertAllClose } from './helpers.mjs';

const N = 40;
const COMBOS = [
  { hidden: 'tanh', output: 'sigmoid', cost: 'binary_cross_entropy', outputDelta: 'a_minus_y' },
  { hidden: 'relu', output: 'softmax', cost: 'cross_entropy', outputDelta: 'a_minus_y' },
  { hidden: 'sigmoid', output: 'linear', cost: 'quadratic', outputDelta: 'elementwise' },
  { hidden: 'leaky_relu', output: 'softmax', cost: 'quadratic', outputDelta: 'softmax_jacobian' },
  { hidden: 'tanh', output: 'tanh', cost: 'huber', outputDelta: 'elementwise' },
  { hidden: 'linear', output: 'sigmoid', cost: 'quadratic', outputDelta: 'elementwise' },
];

const layersOf = (output) => [2, 4, 3, output === 'softmax' ? 2 : 1];
const optionsOf = ({ hidden, output, cost }, extra = {}) => ({
  layers: layersOf(output), activations: [hidden, hidden, output], cost, init: 'glorot',
  batchSize: 5, learningRate: 0.1, seed: 5, ...extra,
});

// Shuffled circle data, every sample in the training set (both classes among the first ones).
function circle(M, own, seed = 3) {
  const split = own(own(M.Dataset.generate('circle', N, 0.1, seed)).split(1.0, seed));
  return { train: own(split.train()), empty: own(split.test()) };
}

function trainedTrainer(M, own, combo, extra) {
  const trainer = own(new M.Trainer(optionsText(optionsOf(combo, extra))));
  const { train, empty } = circle(M, own);
  trainer.setData(train, empty, true);
  trainer.trainSteps(3);
  return { trainer, train, empty };
}

// --- An independent float64 reference: forward pass and cost of one sample. ---
const SIGMA = {
  linear: (z) => z,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: Math.tanh,
  relu: (z) => Math.max(z, 0),
  leaky_relu: (z) => (z > 0 ? z : 0.01 * z),
};
const SIGMA_PRIME = {
  linear: () => 1,
  sigmoid: (z) => SIGMA.sigmoid(z) * (1 - SIGMA.sigmoid(z)),
  tanh: (z) => 1 - Math.tanh(z) ** 2,
  relu: (z) => (z > 0 ? 1 : 0),
  leaky_relu: (z) => (z > 0 ? 1 : 0.01),
};

// W^l (n_out × n_in, column-major) and b^l of weight layer k, from the flat parameter layout.
function layerParams(params, sizes, k) {
  let offset = 0;
  for (let j = 0; j < k; ++j) offset += sizes[j + 1] * sizes[j] + sizes[j + 1];
  const rows = sizes[k + 1];
  const cols = sizes[k];
  return {
    W: (r, c) => params[offset + c * rows + r],
    b: (r) => params[offset + rows * cols + r],
    rows, cols,
  };
}

function costOf(cost, a, y) {
  let c = 0;
  for (let i = 0; i < a.length; ++i) {
    const r = a[i] - y[i];
    if (cost === 'quadratic') c += 0.5 * r * r;
    else if (cost === 'huber') c += Math.abs(r) <= 1 ? 0.5 * r * r : Math.abs(r) - 0.5;
    else if (cost === 'binary_cross_entropy') c -= y[i] * Math.log(a[i]) + (1 - y[i]) * Math.log(1 - a[i]);
    else if (cost === 'cross_entropy') c -= y[i] * Math.log(a[i]);
  }
  return c;
}

function forward(params, sizes, activations, x) {
  let a = Array.from(x);
  for (let k = 0; k < activations.length; ++k) {
    const { W, b, rows, cols } = layerParams(params, sizes, k);
    const z = [];
    for (let r = 0; r < rows; ++r) {
      let s = b(r);
      for (let c = 0; c < cols; ++c) s += W(r, c) * a[c];
      z.push(s);
    }
    if (activations[k] === 'softmax') {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((p, q) => p + q, 0);
      a = e.map((v) => v / sum);
    } else {
      a = z.map(SIGMA[activations[k]]);
    }
  }
  return a;
}

// Central differences of C(a^L(x), y) in float64 at the trainer's (float32) parameters.
function centralDifferences(params32, sizes, activations, cost, x, y, h = 1e-6) {
  const params = Float64Array.from(params32);
  const g = new Float64Array(params.length);
  for (let i = 0; i < params.length; ++i) {
    const saved = params[i];
    params[i] = saved + h;
    const plus = costOf(cost, forward(params, sizes, activations, x), y);
    params[i] = saved - h;
    const minus = costOf(cost, forward(params, sizes, activations, x), y);
    params[i] = saved;
    g[i] = (plus - minus) / (2 * h);
  }
  return g;
}

function relativeError(a, b) {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; ++i) {
    d += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  return Math.sqrt(d) / (Math.sqrt(na) + Math.sqrt(nb) || 1);
}

// Nearest distance of a ReLU-like z to its kink, over the trace.
const kinkDistance = (trace, activations) => Math.min(...trace.layers.flatMap((layer, k) =>
  (['relu', 'leaky_relu'].includes(activations[k]) ? Array.from(layer.z, Math.abs) : [Infinity])));

for (const { simd, name } of VARIANTS) {
  describe(`traceSample through the API (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    for (const combo of COMBOS) {
      const label = `${combo.hidden} / ${combo.output} / ${combo.cost}`;

      test(`${label}: shapes, the seed's equations entry by entry, a^1 and the target`, () => withObjects((own) => {
        const { trainer, train } = trainedTrainer(M, own, combo);
        const sizes = layersOf(combo.output);
        const activations = [combo.hidden, combo.hidden, combo.output];
        const params = trainer.parameters().slice();
        const inputs = train.inputs().slice();
        for (const i of [0, 13, N - 1]) {
          const t = trainer.traceSample(i);
          assert.equal(t.sample, i);
          assert.equal(t.rule, 'backprop');
          assert.equal(t.outputDelta, combo.outputDelta);
          assert.equal(t.layers.length, 3);
          assert.equal(t.a.length, 4);
          assert.deepEqual(t.a.map((a) => a.length), sizes);
          assert.ok(t.gradient instanceof Float32Array && t.input instanceof Float64Array);
          assert.equal(t.gradient.length, params.length);
          assert.deepEqual(Array.from(t.input), Array.from(inputs.subarray(2 * i, 2 * i + 2)));
          assert.deepEqual(t.prediction, t.a[3]);
          for (let k = 0; k < 3; ++k) {
            const { W, b, rows, cols } = layerParams(params, sizes, k);
            const L = t.layers[k];
            for (const key of ['z', 'sigmaPrime', 'dCda', 'delta']) assert.equal(L[key].length, rows);
            for (let r = 0; r < rows; ++r) {
              let z = b(r);
              for (let c = 0; c < cols; ++c) z += W(r, c) * t.a[k][c];
              assert.ok(Math.abs(L.z[r] - z) <= 1e-5 * (1 + Math.abs(z)), `z^${k + 1}_${r}`);
              if (activations[k] === 'softmax') assert.ok(Number.isNaN(L.sigmaPrime[r]));
              else assert.ok(Math.abs(L.sigmaPrime[r] - SIGMA_PRIME[activations[k]](L.z[r])) <= 1e-6);
            }
            if (k < 2) {
              // dC/da^{l+1}_i = sum_r delta^{l+1}_r w^{l+1}_ri;  delta^l_i = that * sigma'(z^l_i)
              const up = layerParams(params, sizes, k + 1);
              for (let c = 0; c < rows; ++c) {
                let g = 0;
                for (let r = 0; r < up.rows; ++r) g += t.layers[k + 1].delta[r] * up.W(r, c);
                assert.ok(Math.abs(L.dCda[c] - g) <= 1e-6 * (1 + Math.abs(g)), `dC/da^${k + 2}_${c}`);
                assert.ok(Math.abs(L.delta[c] - g * L.sigmaPrime[c]) <= 1e-6 * (1 + Math.abs(g)),
                  `delta^${k + 1}_${c}`);
              }
            }
          }
          // The output layer's delta, by the kind the trace names.
          const out = t.layers[2];
          const aL = t.a[3];
          for (let r = 0; r < aL.length; ++r) {
            let want;
            if (t.outputDelta === 'a_minus_y') want = aL[r] - t.target[r];
            else if (t.outputDelta === 'elementwise') want = out.dCda[r] * out.sigmaPrime[r];
            else {
              let ag = 0;
              for (let j = 0; j < aL.length; ++j) ag += aL[j] * out.dCda[j];
              want = aL[r] * (out.dCda[r] - ag);
            }
            assert.ok(Math.abs(out.delta[r] - want) <= 1e-6 * (1 + Math.abs(want)), `delta^3_${r}`);
          }
          // Gradient layout: dC/dW^l = delta^l (a^l)^T, then dC/db^l = delta^l.
          let offset = 0;
          for (let k = 0; k < 3; ++k) {
            const rows = sizes[k + 1];
            for (let c = 0; c < sizes[k]; ++c)
              for (let r = 0; r < rows; ++r)
                assert.ok(Math.abs(t.gradient[offset + c * rows + r] - t.layers[k].delta[r] * t.a[k][c])
                  <= 1e-6 * (1 + Math.abs(t.gradient[offset + c * rows + r])));
            offset += rows * sizes[k];
            assert.deepEqual(t.gradient.subarray(offset, offset + rows), t.layers[k].delta);
            offset += rows;
          }
          // Classification: the label, its encoding and the core's class rule.
          assert.equal(t.label, train.labels()[i]);
          const predicted = trainer.predictClasses(Float32Array.from(t.input), 1)[0];
          assert.equal(t.predictedClass, predicted);
          assertAllClose(trainer.predict(Float32Array.from(t.input), 1), t.prediction, 1e-6, 'prediction');
          if (combo.output === 'softmax') assert.equal(t.target[t.label], 1);
          else assert.equal(t.target[0], t.label === 1 ? 1 : combo.output === 'tanh' ? -1 : 0);
          // The cost of this one sample.
          const c = costOf(combo.cost, Array.from(aL), Array.from(t.target));
          assert.ok(Math.abs(t.cost - c) <= 1e-5 * (1 + c), `cost ${t.cost} vs ${c}`);
        }
      }));

      test(`${label}: gradient = a one-sample batch's gradient, and central differences (float64)`, () => withObjects((own) => {
        const { trainer } = trainedTrainer(M, own, combo);
        const sizes = layersOf(combo.output);
        const activations = [combo.hidden, combo.hidden, combo.output];
        let seedDiffers = false;
        for (const i of [2, 21, 33]) {
          const t = trainer.traceSample(i);
          // The same sample, in network form, as the only training sample of a second trainer with
          // batch size 1: its gradients() after one step are the batch gradient of that sample.
          const one = own(new M.Trainer(optionsText(optionsOf(combo, { batchSize: 1 }))));
          const data = own(M.Dataset.fromArrays(Float64Array.from(t.a[0]), [t.label], 2,
            'classification', 2));
          one.setData(data, own(new M.Dataset()), false);
          one.setParameters(trainer.parameters(), false);
          one.trainSteps(1);
          assert.deepEqual(t.gradient, one.gradients(), 'bit for bit the one-sample batch gradient');

          const params = trainer.parameters().slice();
          const fd = centralDifferences(params, sizes, activations, combo.cost, t.a[0], t.target);
          if (kinkDistance(t, activations) < 1e-4) continue;  // a ReLU at its kink: no verdict
          const err = relativeError(t.gradient, fd);
          assert.ok(err < 1e-4, `sample ${i}: relative error ${err} against central differences`);

          // The seed's recursion as printed: the same delta^{L-1}, no sigma' below it.
          const s = trainer.traceSample(i, 'seed_erratum');
          assert.equal(s.rule, 'seed_erratum');
          assert.deepEqual(s.layers[2].delta, t.layers[2].delta);
          for (let k = 0; k < 2; ++k) {
            const up = layerParams(params, sizes, k + 1);
            for (let c = 0; c < sizes[k + 1]; ++c) {
              let g = 0;
              for (let r = 0; r < up.rows; ++r) g += s.layers[k + 1].delta[r] * up.W(r, c);
              assert.ok(Math.abs(s.layers[k].delta[c] - g) <= 1e-6 * (1 + Math.abs(g)));
              assert.equal(s.layers[k].delta[c], s.layers[k].dCda[c]);
            }
          }
          const seedErr = relativeError(s.gradient, fd);
          if (combo.hidden === 'linear') {
            assert.ok(seedErr < 1e-4, 'sigma\' = 1: the printed equation is right there');
          } else if (relativeError(s.gradient, t.gradient) > 1e-3) {
            seedDiffers = true;
            assert.ok(seedErr > 1e-3, `the seed's gradient passed the check (${seedErr})`);
          }
        }
        if (combo.hidden !== 'linear') assert.ok(seedDiffers, 'the seed\'s version differs from backprop');
      }));
    }

    test('the arrays are copies: they survive training and memory growth', () => withObjects((own) => {
      const { trainer } = trainedTrainer(M, own, COMBOS[0]);
      const t = trainer.traceSample(5);
      const saved = { gradient: Array.from(t.gradient), delta: Array.from(t.layers[0].delta),
        a: Array.from(t.a[1]), input: Array.from(t.input) };
      const view = trainer.parameters();
      trainer.trainSteps(50);
      const heap = M.heapBytes();
      trainer.predictGrid(-1, 1, -1, 1, 1024, 1024, true);  // 10 rows x 1M points: the heap grows
      assert.ok(M.heapBytes() > heap, 'the memory grew');
      assert.equal(view.length, 0, 'a view is detached by the growth (the contrast)');
      assert.deepEqual(Array.from(t.gradient), saved.gradient);
      assert.deepEqual(Array.from(t.layers[0].delta), saved.delta);
      assert.deepEqual(Array.from(t.a[1]), saved.a);
      assert.deepEqual(Array.from(t.input), saved.input);
      // A new trace of the same sample sees the new weights.
      assert.notDeepEqual(Array.from(trainer.traceSample(5).gradient), saved.gradient);
    }));

    test('tracing leaves the training run bit-identical to an untraced one', () => withObjects((own) => {
      const extra = { optimizer: 'adam', learningRate: 0.01, dropout: 0.2, regularization: 'l2',
        regularizationRate: 0.001, batchSize: 7 };
      const a = trainedTrainer(M, own, COMBOS[3], extra).trainer;
      const b = trainedTrainer(M, own, COMBOS[3], extra).trainer;
      const gradientsBefore = b.gradients().slice();
      for (const i of [0, 7, N - 1]) {
        a.traceSample(i);
        a.traceSample(i, 'seed_erratum');
      }
      assert.deepEqual(a.gradients(), gradientsBefore, 'the last step\'s gradients are untouched');
      a.trainSteps(25);
      b.trainSteps(25);
      assert.deepEqual(a.parameters(), b.parameters());
      assert.deepEqual(a.gradients(), b.gradients());
      assert.deepEqual(a.report(), b.report());
      assert.deepEqual(a.history(), b.history());
    }));

    test('bad input is refused by name, and the trainer stays usable', () => withObjects((own) => {
      const empty = own(new M.Trainer(optionsText(optionsOf(COMBOS[0]))));
      assert.throws(() => empty.traceSample(0), /^Error: sample: there is no training data yet/);
      const { trainer } = trainedTrainer(M, own, COMBOS[0]);
      const range = /^Error: sample: must be a whole number in \[0, 39\]; got /;
      for (const bad of [-1, N, 1.5, NaN, Infinity, 1e12]) {
        assert.throws(() => trainer.traceSample(bad), range, String(bad));
        assert.throws(() => trainer.traceSample(bad, 'backprop'), range, String(bad));
      }
      assert.throws(() => trainer.traceSample(0, 'seed'),
        /^Error: rule: unknown value 'seed'; accepted: backprop, seed_erratum$/);
      assert.throws(() => trainer.traceSample(0, true), /^Error: rule: must be a string/);
      assert.throws(() => trainer.traceSample(), /invalid number of arguments/);
      assert.equal(trainer.traceSample(N - 1).sample, N - 1);
      assert.equal(trainer.traceSample(0, 'seed_erratum').rule, 'seed_erratum');
    }));
  });
}
