'use strict';
// Our side: the Backprop Playground WASM module (side 'ours': SIMD build; 'ours-base': baseline), driven through
// its public JS API exactly as the page's worker drives it: one Trainer, coarse trainSteps(n) calls,
// predictGrid for the decision-boundary grid. Needs the wasm build: bash scripts/build-wasm.sh.
//
// Fairness notes: the trainer gets no test set (see setup), so like every other side it only trains;
// the epoch's training loss is the mean of its batch losses, computed anyway. Batches follow the data order
// (options.shuffle = false), as the benchmark contract asks of every side.

const path = require('node:path');

const DIST = path.resolve(__dirname, '../../../build/wasm/dist/loader.js');

function ourActivation(name) {
  return name; // tanh, relu, sigmoid, linear, softmax: the same names
}

class OursAdapter {
  constructor(bp, variant) {
    this.bp = bp;
    this.variant = variant;
    this.owned = [];
  }

  setup(cfg) {
    this.dispose();
    const { sizes, activations, cost, lr, batchSize, weights, biases, X, Y } = cfg;
    const L = sizes.length - 1;
    const N = cfg.N ?? X.length / sizes[0];
    this.sizes = sizes.slice();
    this.cost = cost;
    this.B = batchSize;
    this.nb = N / batchSize;
    this.X = Float32Array.from(X);
    this.Y = Float32Array.from(Y);
    const options = {
      layers: sizes,
      activations: activations.map(ourActivation),
      cost: cost === 'cross-entropy' ? 'cross_entropy' : 'quadratic',
      optimizer: 'sgd',
      learningRate: lr,
      batchSize,
      shuffle: false,
    };
    const bp = this.bp;
    this.trainer = new bp.Trainer(JSON.stringify(options));
    this.owned.push(this.trainer);
    // Data: regression on the raw targets for the quadratic cost (W1: one output, +-1); classes
    // (argmax of the one-hot columns) for cross-entropy, which the core encodes back to one-hot.
    const nOut = sizes[L];
    let train;
    if (cost === 'quadratic') {
      if (nOut !== 1) throw new Error('ours: quadratic workloads have one output');
      train = bp.Dataset.fromArrays(X, Y, sizes[0], 'regression', 0);
    } else {
      const labels = new Float64Array(N);
      for (let s = 0; s < N; s++) {
        let best = 0;
        for (let i = 1; i < nOut; i++) if (Y[s * nOut + i] > Y[s * nOut + best]) best = i;
        labels[s] = best;
      }
      train = bp.Dataset.fromArrays(X, labels, sizes[0], 'classification', nOut);
    }
    this.owned.push(train);
    // No test set (an empty Dataset): the trainer then skips its per-epoch test-loss pass, so every
    // side does the same work, training only. The page passes its test split here.
    const noTest = new bp.Dataset();
    this.owned.push(noTest);
    this.trainer.setData(train, noTest, false);
    // Parameters: our layout is [W^1 | b^1 | W^2 | b^2 | ...], W column-major n_out x n_in:
    // exactly the contract's arrays, concatenated.
    let total = 0;
    for (let l = 0; l < L; l++) total += weights[l].length + biases[l].length;
    const p = new Float32Array(total);
    let o = 0;
    for (let l = 0; l < L; l++) {
      p.set(weights[l], o);
      o += weights[l].length;
      p.set(biases[l], o);
      o += biases[l].length;
    }
    this.trainer.setParameters(p, true);
  }

  trainSteps(n) {
    const r = this.trainer.trainSteps(n);
    if (r.diverged) throw new Error('ours: diverged: ' + this.trainer.divergenceMessage());
  }

  loss(k) {
    const n0 = this.sizes[0];
    const nL = this.sizes[this.sizes.length - 1];
    const s0 = (k % this.nb) * this.B;
    const out = this.trainer.predict(this.X.subarray(s0 * n0, (s0 + this.B) * n0), this.B);
    const y = this.Y.subarray(s0 * nL, (s0 + this.B) * nL);
    let sum = 0;
    if (this.cost === 'quadratic') {
      for (let i = 0; i < out.length; i++) sum += 0.5 * (out[i] - y[i]) ** 2;
    } else {
      for (let i = 0; i < out.length; i++) if (y[i] > 0) sum -= y[i] * Math.log(Math.max(out[i], 1e-7));
    }
    return sum / this.B;
  }

  forward(points, n) {
    return this.trainer.predict(points, n);
  }

  // The page's per-frame decision boundary: predictGrid evaluates the 100x100 grid without
  // uploading points (the runner's grid is x = -6..6 left to right, y = +6..-6 top to bottom).
  forwardGrid(points) {
    const n = Math.round(Math.sqrt(points.length / 2));
    return this.trainer.predictGrid(-6, 6, 6, -6, n, n, false);
  }

  dispose() {
    for (const o of this.owned.splice(0)) o.delete();
    this.trainer = null;
  }
}

// options.simd: false selects the baseline build (side 'ours-base'); default: SIMD when supported.
async function load(options) {
  const { loadBackprop } = await import(DIST);
  return loadBackprop({ simd: options && options.simd === false ? false : undefined });
}

module.exports = {
  async describe(options) {
    const { module, variant } = await load(options);
    return {
      name: 'ours',
      version: 'build/wasm/dist (this checkout)',
      precision: 'f32',
      notes: `wasm ${variant === 'simd' ? 'SIMD128 (Eigen SSE path: ' + module.simdInstructionSets() + ')' : 'baseline, no SIMD'}, 1 thread`,
    };
  },
  async create(options) {
    const { module, variant } = await load(options);
    return new OursAdapter(module, variant);
  },
};
