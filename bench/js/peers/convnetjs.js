'use strict';
// ConvNetJS peer (npm "convnetjs", Andrej Karpathy, MIT).
//
// The net is assembled from convnetjs's own layer objects rather than makeLayers(), because
// makeLayers() always inserts a fresh fc layer before a 'regression' layer, which makes a
// tanh output with quadratic loss impossible. Layers used:
//   input -> [fc -> tanh|relu]* -> fc -> (tanh -> regression) | softmax
// convnetjs's RegressionLayer passes dx = a - y (the gradient of 1/2||a-y||^2) but *reports*
// 2*(a-y)^2 as its loss; loss() therefore computes the loss from the net's forward output.
// Training uses convnetjs.Trainer with method 'sgd', momentum 0, l1/l2 decay 0 and
// batch_size B: Trainer.train() per example accumulates the filters' dw and, every B calls,
// applies p -= lr * dw / B.  Storage is Float64Array (convnetjs's zeros()).

const convnetjs = require('convnetjs');
const { validate, argmaxCol } = require('./common');

let version = 'unknown';
try {
  version = require('convnetjs/package.json').version;
} catch (e) {
  /* ignore */
}

class ConvNetJSNet {
  setup(cfg) {
    const { L, N, nb } = validate(cfg);
    if (cfg.activations.slice(0, L - 1).some((a) => a !== 'tanh' && a !== 'relu' && a !== 'sigmoid')) {
      throw new Error('convnetjs peer: hidden activations must be tanh, relu or sigmoid');
    }
    const out = cfg.activations[L - 1];
    if (cfg.cost === 'quadratic' && !['tanh', 'linear', 'sigmoid', 'relu'].includes(out)) {
      throw new Error('convnetjs peer: unsupported output activation ' + out);
    }
    const dims = (d) => ({ in_sx: 1, in_sy: 1, in_depth: d });
    const layers = [new convnetjs.InputLayer({ out_sx: 1, out_sy: 1, out_depth: cfg.sizes[0] })];
    this.fc = [];
    const actLayer = (name, d) => {
      if (name === 'tanh') return new convnetjs.TanhLayer(dims(d));
      if (name === 'relu') return new convnetjs.ReluLayer(dims(d));
      if (name === 'sigmoid') return new convnetjs.SigmoidLayer(dims(d));
      return null;
    };
    for (let l = 1; l <= L; l++) {
      const nin = cfg.sizes[l - 1];
      const nout = cfg.sizes[l];
      const fc = new convnetjs.FullyConnLayer({ num_neurons: nout, ...dims(nin), l2_decay_mul: 0, l1_decay_mul: 0 });
      // filters[i] is output neuron i's weight vector over the inputs: W(i, :)
      const W = cfg.weights[l - 1];
      for (let i = 0; i < nout; i++) {
        const w = fc.filters[i].w;
        for (let j = 0; j < nin; j++) w[j] = W[i + j * nout];
      }
      const b = cfg.biases[l - 1];
      for (let i = 0; i < nout; i++) fc.biases.w[i] = b[i];
      layers.push(fc);
      this.fc.push(fc);
      const name = cfg.activations[l - 1];
      if (name === 'softmax') layers.push(new convnetjs.SoftmaxLayer(dims(nout)));
      else {
        const a = actLayer(name, nout);
        if (a) layers.push(a);
      }
    }
    if (cfg.cost === 'quadratic') layers.push(new convnetjs.RegressionLayer(dims(cfg.sizes[L])));
    this.net = new convnetjs.Net();
    this.net.layers = layers;
    this.trainer = new convnetjs.Trainer(this.net, {
      method: 'sgd',
      learning_rate: cfg.lr,
      momentum: 0.0,
      l1_decay: 0.0,
      l2_decay: 0.0,
      batch_size: cfg.batchSize,
    });
    this.cost = cfg.cost;
    this.sizes = cfg.sizes.slice();
    this.L = L;
    this.nb = nb;
    this.B = cfg.batchSize;
    const n0 = cfg.sizes[0];
    const nL = cfg.sizes[L];
    this.vols = [];
    this.targets = [];
    for (let s = 0; s < N; s++) {
      const v = new convnetjs.Vol(1, 1, n0, 0.0);
      for (let j = 0; j < n0; j++) v.w[j] = cfg.X[s * n0 + j];
      this.vols.push(v);
      // softmax layer takes a class index; regression layer takes an Array of targets
      this.targets.push(cfg.cost === 'cross-entropy' ? argmaxCol(cfg.Y, nL, s) : Array.from(cfg.Y.subarray(s * nL, (s + 1) * nL)));
    }
    this.cursor = 0;
  }

  trainSteps(n) {
    const B = this.B;
    for (let step = 0; step < n; step++) {
      const base = this.cursor * B;
      this.cursor = (this.cursor + 1) % this.nb;
      for (let s = base; s < base + B; s++) this.trainer.train(this.vols[s], this.targets[s]);
    }
  }

  loss(k) {
    k %= this.nb;
    const B = this.B;
    let sum = 0;
    for (let s = k * B; s < (k + 1) * B; s++) {
      const a = this.net.forward(this.vols[s], false).w;
      const y = this.targets[s];
      if (this.cost === 'cross-entropy') sum -= Math.log(a[y]);
      else for (let i = 0; i < a.length; i++) sum += 0.5 * (a[i] - y[i]) ** 2;
    }
    return sum / B;
  }

  forward(points, n) {
    const n0 = this.sizes[0];
    const nL = this.sizes[this.L];
    if (n === undefined) n = points.length / n0;
    const res = new Float32Array(nL * n);
    const v = new convnetjs.Vol(1, 1, n0, 0.0);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < n0; j++) v.w[j] = points[s * n0 + j];
      const a = this.net.forward(v, false).w;
      for (let i = 0; i < nL; i++) res[s * nL + i] = a[i];
    }
    return res;
  }

  forwardGrid(points) {
    return this.forward(points);
  }

  dispose() {
    this.net = this.trainer = this.vols = this.targets = null;
  }
}

module.exports = {
  describe() {
    return {
      name: 'convnetjs',
      version,
      precision: 'f64',
      notes: 'per-example Vol objects, Trainer sgd (momentum 0, decay 0)',
    };
  },
  create() {
    return new ConvNetJSNet();
  },
};
