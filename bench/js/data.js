'use strict';
// Benchmark data: deterministic PRNG, the TensorFlow Playground spiral, Glorot-uniform
// initial weights, the UCI digits set, and the W1..W5 workload definitions.
//
// Everything here runs once, in the runner process. Every side gets the very same arrays
// (written to a binary file, see writeDataset), so sides never generate data themselves.
//
// Layout conventions (shared by every side, see README.md):
//   W^l : n_out x n_in, column-major Float32Array   -> W(i,j) = W[i + j*n_out]
//         (byte-identical to a row-major [n_in, n_out] array, i.e. a TF/Keras dense kernel;
//          a PyTorch nn.Linear weight [n_out, n_in] is its transpose)
//   b^l : n_out
//   X   : features x samples, column-major         -> sample s occupies X[s*n_in .. s*n_in+n_in)
//   Y   : targets  x samples, column-major         -> one-hot for softmax-CE, +-1 for W1

const fs = require('fs');
const path = require('path');

/** mulberry32: small deterministic 32-bit PRNG returning floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- Port of TensorFlow Playground src/dataset.ts (Apache-2.0, Copyright 2016 Google Inc.):
// classifySpiralData() and shuffle(), with Math.random replaced by a seeded PRNG. ----
function randUniform(rand, a, b) {
  return rand() * (b - a) + a;
}

function classifySpiralData(rand, numSamples, noise) {
  const points = [];
  const n = numSamples / 2;
  function genSpiral(deltaT, label) {
    for (let i = 0; i < n; i++) {
      const r = (i / n) * 5;
      const t = ((1.75 * i) / n) * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + randUniform(rand, -1, 1) * noise;
      const y = r * Math.cos(t) + randUniform(rand, -1, 1) * noise;
      points.push({ x, y, label });
    }
  }
  genSpiral(0, 1); // positive examples
  genSpiral(Math.PI, -1); // negative examples
  return points;
}

/** Fisher-Yates, as in dataset.ts shuffle(). */
function shuffle(rand, array) {
  let counter = array.length;
  while (counter > 0) {
    const index = Math.floor(rand() * counter);
    counter--;
    const temp = array[counter];
    array[counter] = array[index];
    array[index] = temp;
  }
  return array;
}
// ---- end of port ----

/** Glorot-uniform W (n_out x n_in, column-major) and small uniform biases in [-0.1, 0.1]. */
function glorotInit(rand, sizes) {
  const weights = [];
  const biases = [];
  for (let l = 1; l < sizes.length; l++) {
    const nin = sizes[l - 1];
    const nout = sizes[l];
    const limit = Math.sqrt(6 / (nin + nout));
    const W = new Float32Array(nout * nin);
    for (let k = 0; k < W.length; k++) W[k] = (2 * rand() - 1) * limit;
    const b = new Float32Array(nout);
    for (let k = 0; k < nout; k++) b[k] = (2 * rand() - 1) * 0.1;
    weights.push(W);
    biases.push(b);
  }
  return { weights, biases };
}

function spiralDataset(rand, numSamples, noise) {
  const pts = shuffle(rand, classifySpiralData(rand, numSamples, noise));
  const X = new Float32Array(2 * pts.length);
  const Y = new Float32Array(pts.length);
  pts.forEach((p, s) => {
    X[2 * s] = p.x;
    X[2 * s + 1] = p.y;
    Y[s] = p.label;
  });
  return { X, Y, N: pts.length };
}

/** 100x100 grid over [-6,6]^2: point (ix, iy) at index iy*n + ix, x = -6 + 12*ix/(n-1), y = 6 - 12*iy/(n-1). */
function gridPoints(n = 100, lo = -6, hi = 6) {
  const P = new Float32Array(2 * n * n);
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      const k = iy * n + ix;
      P[2 * k] = lo + ((hi - lo) * ix) / (n - 1);
      P[2 * k + 1] = hi - ((hi - lo) * iy) / (n - 1);
    }
  }
  return P;
}

function randomClassification(rand, nin, nclass, N) {
  const X = new Float32Array(nin * N);
  for (let k = 0; k < X.length; k++) X[k] = rand();
  const Y = new Float32Array(nclass * N);
  for (let s = 0; s < N; s++) Y[s * nclass + Math.floor(rand() * nclass)] = 1;
  return { X, Y, N };
}

/**
 * UCI digits (data/digits.csv: 64 pixel columns 0..16, then the label). Shuffled with the
 * seed, split into nTrain training rows and the rest for testing, standardized with the
 * training mean/std (columns with zero std are only centred).
 */
function digitsDataset(rand, csvPath, nTrain) {
  const rows = fs
    .readFileSync(csvPath, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim().length)
    .map((l) => l.split(',').map(Number));
  if (rows.length !== 1797 || rows[0].length !== 65) {
    throw new Error(`unexpected digits.csv shape ${rows.length}x${rows[0].length}`);
  }
  shuffle(rand, rows);
  const nf = 64;
  const mean = new Float64Array(nf);
  const sd = new Float64Array(nf);
  for (let r = 0; r < nTrain; r++) for (let f = 0; f < nf; f++) mean[f] += rows[r][f];
  for (let f = 0; f < nf; f++) mean[f] /= nTrain;
  for (let r = 0; r < nTrain; r++) for (let f = 0; f < nf; f++) sd[f] += (rows[r][f] - mean[f]) ** 2;
  for (let f = 0; f < nf; f++) {
    sd[f] = Math.sqrt(sd[f] / nTrain);
    if (sd[f] < 1e-8) sd[f] = 1;
  }
  const pack = (rs) => {
    const X = new Float32Array(nf * rs.length);
    const Y = new Float32Array(10 * rs.length);
    const labels = new Int32Array(rs.length);
    rs.forEach((row, s) => {
      for (let f = 0; f < nf; f++) X[s * nf + f] = (row[f] - mean[f]) / sd[f];
      labels[s] = row[nf];
      Y[s * 10 + row[nf]] = 1;
    });
    return { X, Y, labels, N: rs.length };
  };
  return { train: pack(rows.slice(0, nTrain)), test: pack(rows.slice(nTrain)) };
}

const DIGITS_CSV = path.resolve(__dirname, '../../data/digits.csv');

/**
 * Workload definitions. `check.steps` is N for the loss-agreement check (after N steps the
 * loss on batch 0 must agree across sides); `fit` is for W5 (train to a test accuracy).
 */
const WORKLOADS = {
  w1: {
    id: 'w1',
    title: 'W1 playground 2-8-8-1 tanh, quadratic, batch 10',
    kind: 'train',
    sizes: [2, 8, 8, 1],
    activations: ['tanh', 'tanh', 'tanh'],
    cost: 'quadratic',
    lr: 0.03,
    batchSize: 10,
    check: { steps: 200, quickSteps: 100 },
  },
  w2: {
    id: 'w2',
    title: 'W2 heatmap: forward of the W1 net on a 100x100 grid',
    kind: 'grid',
    base: 'w1',
  },
  w3: {
    id: 'w3',
    title: 'W3 mnist-mlp 784-128-64-10 ReLU, softmax-CE, batch 64',
    kind: 'train',
    sizes: [784, 128, 64, 10],
    activations: ['relu', 'relu', 'softmax'],
    cost: 'cross-entropy',
    lr: 0.03,
    batchSize: 64,
    check: { steps: 32, quickSteps: 16 },
  },
  w4: {
    id: 'w4',
    title: 'W4 wide 256-512-512-10 ReLU, softmax-CE, batch 256',
    kind: 'train',
    sizes: [256, 512, 512, 10],
    activations: ['relu', 'relu', 'softmax'],
    cost: 'cross-entropy',
    lr: 0.03,
    batchSize: 256,
    check: { steps: 8, quickSteps: 4 },
  },
  w5: {
    id: 'w5',
    title: 'W5 digits 64-32-10 tanh, softmax-CE, batch 32, to 95% test accuracy',
    kind: 'fit',
    sizes: [64, 32, 10],
    activations: ['tanh', 'softmax'],
    cost: 'cross-entropy',
    lr: 0.03,
    batchSize: 32,
    nTrain: 1440,
    fit: { targetAcc: 0.95, maxEpochs: 100 },
    check: { steps: 45, quickSteps: 45 },
  },
};

/** Build the arrays of one workload (deterministic for a given seed). */
function buildWorkload(id, seed = 20240611) {
  const def = WORKLOADS[id];
  if (!def) throw new Error(`unknown workload ${id}`);
  if (def.kind === 'grid') {
    const base = buildWorkload(def.base, seed);
    return { ...base, ...def, base: def.base, grid: gridPoints(100), gridN: 100 * 100 };
  }
  // Separate PRNG streams for data and weights, so the weights do not depend on the data size.
  const seedOf = (k) => (seed ^ (Math.imul(k, 0x9e3779b1) >>> 0)) >>> 0;
  const rData = mulberry32(seedOf(1 + id.charCodeAt(1)));
  const rInit = mulberry32(seedOf(101 + id.charCodeAt(1)));
  let data;
  let test = null;
  if (id === 'w1') data = spiralDataset(rData, 500, 0.1);
  else if (id === 'w3') data = randomClassification(rData, 784, 10, 64 * 16);
  else if (id === 'w4') data = randomClassification(rData, 256, 10, 256 * 8);
  else if (id === 'w5') {
    const d = digitsDataset(rData, DIGITS_CSV, def.nTrain);
    data = d.train;
    test = d.test;
  }
  if (data.N % def.batchSize !== 0) throw new Error(`${id}: N=${data.N} not a multiple of batch ${def.batchSize}`);
  const { weights, biases } = glorotInit(rInit, def.sizes);
  return { ...def, weights, biases, X: data.X, Y: data.Y, N: data.N, test };
}

/**
 * Write a workload to <dir>/<id>.json (manifest) + <id>.bin (little-endian float32 arrays,
 * each named in manifest.arrays with its element offset and length). Returns the manifest path.
 */
function writeDataset(dir, wl) {
  const parts = [];
  const arrays = {};
  let offset = 0;
  const add = (name, arr) => {
    if (!arr) return;
    const f = arr instanceof Float32Array ? arr : Float32Array.from(arr);
    arrays[name] = { offset, length: f.length };
    parts.push(f);
    offset += f.length;
  };
  wl.weights.forEach((W, l) => add(`W${l + 1}`, W));
  wl.biases.forEach((b, l) => add(`b${l + 1}`, b));
  add('X', wl.X);
  add('Y', wl.Y);
  if (wl.grid) add('grid', wl.grid);
  if (wl.test) {
    add('testX', wl.test.X);
    add('testY', wl.test.Y);
  }
  const all = new Float32Array(offset);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  const bin = path.join(dir, `${wl.id}.bin`);
  fs.writeFileSync(bin, Buffer.from(all.buffer, all.byteOffset, all.byteLength));
  const manifest = {
    id: wl.id,
    title: wl.title,
    kind: wl.kind,
    sizes: wl.sizes,
    activations: wl.activations,
    cost: wl.cost,
    lr: wl.lr,
    batchSize: wl.batchSize,
    N: wl.N,
    gridN: wl.gridN || 0,
    testN: wl.test ? wl.test.N : 0,
    fit: wl.fit || null,
    layout: 'W^l n_out x n_in column-major; X features x samples column-major; Y targets x samples column-major; little-endian float32',
    bin: path.basename(bin),
    arrays,
  };
  const mpath = path.join(dir, `${wl.id}.json`);
  fs.writeFileSync(mpath, JSON.stringify(manifest, null, 1));
  return mpath;
}

/** Read a manifest written by writeDataset into the object that adapters' setup() takes. */
function readDataset(manifestPath) {
  const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const buf = fs.readFileSync(path.join(path.dirname(manifestPath), m.bin));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const get = (name) => {
    const a = m.arrays[name];
    return a ? all.slice(a.offset, a.offset + a.length) : null;
  };
  const L = m.sizes.length - 1;
  const weights = [];
  const biases = [];
  for (let l = 1; l <= L; l++) {
    weights.push(get(`W${l}`));
    biases.push(get(`b${l}`));
  }
  return {
    manifest: m,
    cfg: {
      sizes: m.sizes,
      activations: m.activations,
      cost: m.cost,
      lr: m.lr,
      batchSize: m.batchSize,
      weights,
      biases,
      X: get('X'),
      Y: get('Y'),
      N: m.N,
    },
    grid: get('grid'),
    gridN: m.gridN,
    testX: get('testX'),
    testY: get('testY'),
    testN: m.testN,
  };
}

module.exports = {
  mulberry32,
  classifySpiralData,
  shuffle,
  glorotInit,
  spiralDataset,
  gridPoints,
  digitsDataset,
  WORKLOADS,
  buildWorkload,
  writeDataset,
  readDataset,
};
