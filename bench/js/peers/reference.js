'use strict';
// Reference peer: a straightforward batched implementation on Float32Array matrices.
// No library, no tricks beyond preallocated workspaces. Values are stored as float32 (every
// store rounds), arithmetic in between is JS double. It exists to validate that the other
// peers agree with each other and to exercise the harness.

const { validate } = require('./common');

function act(name, z, a, n) {
  switch (name) {
    case 'tanh':
      for (let k = 0; k < n; k++) a[k] = Math.tanh(z[k]);
      break;
    case 'relu':
      for (let k = 0; k < n; k++) a[k] = z[k] > 0 ? z[k] : 0;
      break;
    case 'sigmoid':
      for (let k = 0; k < n; k++) a[k] = 1 / (1 + Math.exp(-z[k]));
      break;
    case 'linear':
      for (let k = 0; k < n; k++) a[k] = z[k];
      break;
    default:
      throw new Error(name);
  }
}

/** Column-wise softmax of an (m x cols) column-major array. */
function softmaxCols(z, a, m, cols) {
  for (let s = 0; s < cols; s++) {
    const o = s * m;
    let mx = -Infinity;
    for (let i = 0; i < m; i++) if (z[o + i] > mx) mx = z[o + i];
    let sum = 0;
    for (let i = 0; i < m; i++) {
      const e = Math.exp(z[o + i] - mx);
      a[o + i] = e;
      sum += e;
    }
    for (let i = 0; i < m; i++) a[o + i] /= sum;
  }
}

/** delta *= f'(z) given a = f(z), elementwise over n entries. */
function mulActDer(name, z, a, delta, n) {
  switch (name) {
    case 'tanh':
      for (let k = 0; k < n; k++) delta[k] *= 1 - a[k] * a[k];
      break;
    case 'relu':
      for (let k = 0; k < n; k++) if (!(z[k] > 0)) delta[k] = 0;
      break;
    case 'sigmoid':
      for (let k = 0; k < n; k++) delta[k] *= a[k] * (1 - a[k]);
      break;
    case 'linear':
      break;
    default:
      throw new Error(name);
  }
}

class ReferenceNet {
  setup(cfg) {
    const { L, N, nb } = validate(cfg);
    this.L = L;
    this.N = N;
    this.nb = nb;
    this.sizes = cfg.sizes.slice();
    this.acts = cfg.activations.slice();
    this.cost = cfg.cost;
    this.lr = cfg.lr;
    this.B = cfg.batchSize;
    this.W = cfg.weights.map((w) => Float32Array.from(w));
    this.b = cfg.biases.map((b) => Float32Array.from(b));
    this.dW = this.W.map((w) => new Float32Array(w.length));
    this.db = this.b.map((b) => new Float32Array(b.length));
    this.X = cfg.X;
    this.Y = cfg.Y;
    this.cursor = 0;
    this.ws = this._workspace(this.B);
    this.fws = null;
  }

  _workspace(cols) {
    const Z = [null];
    const A = [null];
    const D = [null];
    for (let l = 1; l <= this.L; l++) {
      Z.push(new Float32Array(this.sizes[l] * cols));
      A.push(new Float32Array(this.sizes[l] * cols));
      D.push(new Float32Array(this.sizes[l] * cols));
    }
    return { cols, Z, A, D };
  }

  /** Forward `cols` samples whose inputs are in X0 (n0 x cols, column-major). */
  _forward(ws, X0, cols) {
    const { Z, A } = ws;
    A[0] = X0;
    for (let l = 1; l <= this.L; l++) {
      const nin = this.sizes[l - 1];
      const nout = this.sizes[l];
      const W = this.W[l - 1];
      const b = this.b[l - 1];
      const z = Z[l];
      const ain = A[l - 1];
      for (let s = 0; s < cols; s++) {
        const zo = s * nout;
        for (let i = 0; i < nout; i++) z[zo + i] = b[i];
        const ao = s * nin;
        for (let j = 0; j < nin; j++) {
          const x = ain[ao + j];
          if (x === 0) continue;
          const wo = j * nout;
          for (let i = 0; i < nout; i++) z[zo + i] += W[wo + i] * x;
        }
      }
      if (this.acts[l - 1] === 'softmax') softmaxCols(z, A[l], nout, cols);
      else act(this.acts[l - 1], z, A[l], nout * cols);
    }
    return A[this.L];
  }

  _batchX(k) {
    const n0 = this.sizes[0];
    const o = k * this.B * n0;
    return this.X.subarray(o, o + this.B * n0);
  }

  _batchY(k) {
    const nL = this.sizes[this.L];
    const o = k * this.B * nL;
    return this.Y.subarray(o, o + this.B * nL);
  }

  _step() {
    const k = this.cursor;
    this.cursor = (this.cursor + 1) % this.nb;
    const B = this.B;
    const ws = this.ws;
    const { Z, A, D } = ws;
    const aL = this._forward(ws, this._batchX(k), B);
    const Yb = this._batchY(k);
    const L = this.L;
    const nL = this.sizes[L];
    const dL = D[L];
    for (let t = 0; t < nL * B; t++) dL[t] = aL[t] - Yb[t];
    if (this.cost === 'quadratic') mulActDer(this.acts[L - 1], Z[L], A[L], dL, nL * B);
    // (softmax + cross-entropy: delta = a - y, nothing else to do)
    for (let l = L; l >= 1; l--) {
      const nin = this.sizes[l - 1];
      const nout = this.sizes[l];
      const d = D[l];
      const ain = A[l - 1];
      const dW = this.dW[l - 1];
      const db = this.db[l - 1];
      dW.fill(0);
      db.fill(0);
      for (let s = 0; s < B; s++) {
        const dOff = s * nout;
        for (let i = 0; i < nout; i++) db[i] += d[dOff + i];
        const aOff = s * nin;
        for (let j = 0; j < nin; j++) {
          const x = ain[aOff + j];
          if (x === 0) continue;
          const wo = j * nout;
          for (let i = 0; i < nout; i++) dW[wo + i] += d[dOff + i] * x;
        }
      }
      if (l > 1) {
        // delta^{l-1} = (W^T delta^l) .* f'(z^{l-1})  (with the weights before this update)
        const W = this.W[l - 1];
        const dp = D[l - 1];
        for (let s = 0; s < B; s++) {
          const dOff = s * nout;
          for (let j = 0; j < nin; j++) {
            const wo = j * nout;
            let acc = 0;
            for (let i = 0; i < nout; i++) acc += W[wo + i] * d[dOff + i];
            dp[s * nin + j] = acc;
          }
        }
        mulActDer(this.acts[l - 2], Z[l - 1], A[l - 1], dp, nin * B);
      }
    }
    const scale = this.lr / B;
    for (let l = 0; l < L; l++) {
      const W = this.W[l];
      const dW = this.dW[l];
      for (let t = 0; t < W.length; t++) W[t] -= scale * dW[t];
      const b = this.b[l];
      const db = this.db[l];
      for (let t = 0; t < b.length; t++) b[t] -= scale * db[t];
    }
  }

  trainSteps(n) {
    for (let i = 0; i < n; i++) this._step();
  }

  loss(k) {
    k %= this.nb;
    const B = this.B;
    const aL = this._forward(this.ws, this._batchX(k), B);
    const Yb = this._batchY(k);
    const nL = this.sizes[this.L];
    let sum = 0;
    for (let t = 0; t < nL * B; t++) {
      if (this.cost === 'quadratic') sum += 0.5 * (aL[t] - Yb[t]) ** 2;
      else if (Yb[t] !== 0) sum -= Yb[t] * Math.log(aL[t]);
    }
    return sum / B;
  }

  forward(points, n) {
    if (n === undefined) n = points.length / this.sizes[0];
    if (!this.fws || this.fws.cols !== n) this.fws = this._workspace(n);
    return Float32Array.from(this._forward(this.fws, points, n));
  }

  forwardGrid(points) {
    return this.forward(points);
  }

  dispose() {
    this.W = this.b = this.dW = this.db = this.ws = this.fws = null;
  }
}

module.exports = {
  describe() {
    return {
      name: 'reference',
      version: 'bench/js/peers/reference.js',
      precision: 'f32 storage, f64 arithmetic between stores',
      notes: 'plain JS batched Float32Array matrices, single thread',
    };
  },
  create() {
    return new ReferenceNet();
  },
};
