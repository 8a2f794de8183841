'use strict';
// TensorFlow.js peer: @tensorflow/tfjs-core with either the WASM backend
// (@tensorflow/tfjs-backend-wasm, XNNPACK, SIMD binary) or the plain-JS CPU backend
// (@tensorflow/tfjs-backend-cpu). NOT tfjs-node.
//
// Notes (measured/checked here):
//   - tfjs-core alone registers no gradients: @tensorflow/tfjs-layers is loaded for its side
//     effect of registering them (its node bundle imports register_all_gradients).
//   - Chained ops (t.sum()) are not registered by tfjs-core alone either: only tf.op(t) calls.
//   - WASM backend in Node: tfjs disables threads when IS_NODE (WASM_HAS_MULTITHREAD_SUPPORT is
//     false), so it runs single-threaded, using tfjs-backend-wasm-simd.wasm when the engine
//     validates SIMD (Node 20 does). The .wasm files are located with setWasmPaths() pointing
//     at the package's dist/ folder in node_modules (resolved with require.resolve), which is
//     also where Emscripten's default locateFile would look.
//
// Model: W^l as tf.variable of shape [n_in, n_out] (the benchmark's column-major n_out x n_in
// buffer is exactly a row-major [n_in, n_out] tensor, no copy), b^l [n_out];
// z = fused.matMul(a, W, bias) (as tfjs-layers' Dense does), then the activation.
// Training: tf.train.sgd(lr).minimize(loss, false, vars) per batch; batches are pre-uploaded
// tensors. Loss: quadratic 0.5*mean_b(sum_i (a-y)^2) or tf.losses.softmaxCrossEntropy (mean).
// Memory stays flat (checked with tf.memory().numTensors after each trainSteps).

const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
require('@tensorflow/tfjs-layers'); // registers the gradients
const { validate } = require('./common');

function pkgVersion(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch (e) {
    return 'missing';
  }
}

let initialized = null;
async function init(backend) {
  if (initialized) {
    if (initialized !== backend) throw new Error('one tfjs backend per process');
    return;
  }
  if (backend === 'wasm') {
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(dist + path.sep);
  }
  tf.enableProdMode();
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`tfjs backend ${backend} failed to initialize`);
  await tf.ready();
  initialized = backend;
}

function activate(name, z) {
  switch (name) {
    case 'tanh':
      return tf.tanh(z);
    case 'relu':
      return tf.relu(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'linear':
      return z;
    case 'softmax':
      return tf.softmax(z);
    default:
      throw new Error(name);
  }
}

class TfjsNet {
  constructor(options) {
    this.backend = options.backend || 'wasm';
  }

  async setup(cfg) {
    await init(this.backend);
    const { L, nb } = validate(cfg);
    this.L = L;
    this.nb = nb;
    this.sizes = cfg.sizes.slice();
    this.acts = cfg.activations.slice();
    this.cost = cfg.cost;
    this.B = cfg.batchSize;
    this.W = [];
    this.b = [];
    for (let l = 1; l <= L; l++) {
      this.W.push(tf.variable(tf.tensor2d(cfg.weights[l - 1], [cfg.sizes[l - 1], cfg.sizes[l]]), true, `W${l}`));
      this.b.push(tf.variable(tf.tensor1d(cfg.biases[l - 1]), true, `b${l}`));
    }
    this.vars = [...this.W, ...this.b];
    const n0 = cfg.sizes[0];
    const nL = cfg.sizes[L];
    const B = this.B;
    this.Xb = [];
    this.Yb = [];
    for (let k = 0; k < nb; k++) {
      this.Xb.push(tf.tensor2d(cfg.X.subarray(k * B * n0, (k + 1) * B * n0), [B, n0]));
      this.Yb.push(tf.tensor2d(cfg.Y.subarray(k * B * nL, (k + 1) * B * nL), [B, nL]));
    }
    this.opt = tf.train.sgd(cfg.lr);
    this.cursor = 0;
    this.tensorsAfterSetup = tf.memory().numTensors;
  }

  /** Logits (pre-activation of the last layer) for a [n, n0] input. */
  _logits(x) {
    let a = x;
    for (let l = 0; l < this.L; l++) {
      const z = tf.fused.matMul({ a, b: this.W[l], bias: this.b[l] });
      a = l === this.L - 1 ? z : activate(this.acts[l], z);
    }
    return a;
  }

  _lossOf(x, y) {
    const z = this._logits(x);
    if (this.cost === 'cross-entropy') return tf.losses.softmaxCrossEntropy(y, z);
    const a = activate(this.acts[this.L - 1], z);
    return tf.mul(tf.scalar(0.5), tf.mean(tf.sum(tf.square(tf.sub(a, y)), 1)));
  }

  trainSteps(n) {
    for (let i = 0; i < n; i++) {
      const k = this.cursor;
      this.cursor = (this.cursor + 1) % this.nb;
      tf.tidy(() => {
        this.opt.minimize(() => this._lossOf(this.Xb[k], this.Yb[k]), false, this.vars);
      });
    }
    // The optimizer keeps no state for plain SGD, so the count must be back to where it was.
    const leak = tf.memory().numTensors - this.tensorsAfterSetup;
    if (leak > 4) throw new Error(`tfjs peer leaks tensors: +${leak}`);
  }

  loss(k) {
    k %= this.nb;
    const t = tf.tidy(() => this._lossOf(this.Xb[k], this.Yb[k]));
    const v = t.dataSync()[0];
    t.dispose();
    return v;
  }

  forward(points, n) {
    const n0 = this.sizes[0];
    if (n === undefined) n = points.length / n0;
    const out = tf.tidy(() => activate(this.acts[this.L - 1], this._logits(tf.tensor2d(points, [n, n0]))));
    const res = out.dataSync(); // [n, nL] row-major == nL x n column-major
    out.dispose();
    return res instanceof Float32Array ? res : Float32Array.from(res);
  }

  forwardGrid(points) {
    return this.forward(points);
  }

  dispose() {
    if (!this.vars) return;
    tf.dispose([...this.vars, ...this.Xb, ...this.Yb]);
    if (this.opt) this.opt.dispose();
    this.vars = this.W = this.b = this.Xb = this.Yb = this.opt = null;
  }
}

module.exports = {
  async describe(options = {}) {
    const backend = options.backend || 'wasm';
    await init(backend);
    const info = {
      name: `tfjs-${backend}`,
      version: `tfjs-core ${pkgVersion('@tensorflow/tfjs-core')}, tfjs-backend-${backend} ${pkgVersion(
        `@tensorflow/tfjs-backend-${backend}`
      )}, tfjs-layers ${pkgVersion('@tensorflow/tfjs-layers')}`,
      precision: 'f32',
      backend: tf.getBackend(),
    };
    if (backend === 'wasm') {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      info.notes = `wasm SIMD ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off (tfjs disables them in Node)'}`;
    } else {
      info.notes = 'plain JS kernels, single thread';
    }
    return info;
  },
  create(options = {}) {
    return new TfjsNet(options);
  },
};
