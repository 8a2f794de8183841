// The erratum made visible, in plain JavaScript (double precision, no engine): a small tanh network
// with a linear output and the quadratic cost, its gradient by backprop with the corrected recursion,
// by backprop with the seed's last equation (no σ′ factor), and by central differences.
// Notation of docs/backprop-derivation.md: layers l = 1..L, a^1 the input, W^l (n^{l+1} × n^l) and
// b^l map layer l to l+1, z^l = W^l a^l + b^l, a^{l+1} = σ(z^l), δ^l = ∂C/∂z^l. Arrays are 0-based:
// W[k] is W^{k+1}. Used by the article (web/src/article.js) and by tests/js/article-erratum.test.mjs.

/** Seeded PRNG (mulberry32): the same table on every load. */
export function rng(seed) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6D2B79F5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** A network with layer sizes `sizes` (n^1 .. n^L), Glorot-uniform weights, zero biases. */
export function makeNetwork(sizes, random) {
  const W = []; const b = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    const fanIn = sizes[k]; const fanOut = sizes[k + 1];
    const r = Math.sqrt(6 / (fanIn + fanOut));
    W.push(Array.from({ length: fanOut }, () => Array.from({ length: fanIn }, () => (2 * random() - 1) * r)));
    b.push(Array.from({ length: fanOut }, () => 0.1 * (2 * random() - 1)));
  }
  return { sizes, W, b };
}

/** Forward pass for one sample x: returns a^1..a^L (tanh in hidden layers, linear output). */
export function forward(net, x) {
  const a = [x];
  const last = net.W.length - 1;
  for (let k = 0; k <= last; k++) {
    // z^l = W^l a^l + b^l, a^{l+1} = σ(z^l)
    const z = net.W[k].map((row, i) => row.reduce((s, w, j) => s + w * a[k][j], net.b[k][i]));
    a.push(k === last ? z : z.map(Math.tanh));
  }
  return a;
}

/** C = ½ Σ_samples ‖a^L − y‖² / m over the samples (xs, ys). */
export function cost(net, xs, ys) {
  let c = 0;
  xs.forEach((x, s) => { const aL = forward(net, x).at(-1); aL.forEach((v, i) => { c += 0.5 * (v - ys[s][i]) ** 2; }); });
  return c / xs.length;
}

/**
 * The gradient by backprop, as { W: [dW^1..], b: [db^1..] } averaged over the samples.
 * seedRecursion: use the seed's δ^{l-1}_i = Σ_k δ^l_k w^l_ki (drops σ′(z^{l-1}_i)).
 */
export function backprop(net, xs, ys, { seedRecursion = false } = {}) {
  const dW = net.W.map((Wk) => Wk.map((row) => row.map(() => 0)));
  const db = net.b.map((bk) => bk.map(() => 0));
  const m = xs.length;
  xs.forEach((x, s) => {
    const a = forward(net, x);
    // δ^{L-1} = ∂C/∂a^L ⊙ σ′(z^{L-1}); linear output: σ′ = 1
    let delta = a.at(-1).map((v, i) => (v - ys[s][i]) / m);
    for (let k = net.W.length - 1; k >= 0; k--) {
      // ∂C/∂b^l = δ^l, ∂C/∂W^l = δ^l (a^l)ᵀ
      delta.forEach((d, i) => { db[k][i] += d; a[k].forEach((aj, j) => { dW[k][i][j] += d * aj; }); });
      if (k === 0) break;
      // ∂C/∂a^l_i = Σ_k δ^l_k w^l_ki
      const dCda = a[k].map((_, i) => delta.reduce((sum, d, r) => sum + d * net.W[k][r][i], 0));
      // corrected: δ^{l-1} = (W^l)ᵀ δ^l ⊙ σ′(z^{l-1}), tanh′(z) = 1 − a²; the seed stops at the sum
      delta = seedRecursion ? dCda : dCda.map((g, i) => g * (1 - a[k][i] ** 2));
    }
  });
  return { W: dW, b: db };
}

/** The gradient by central differences, (C(θ+h) − C(θ−h)) / 2h, in the same layout. */
export function numericGradient(net, xs, ys, h = 1e-6) {
  const probe = (arr, idx) => {
    const saved = arr[idx];
    arr[idx] = saved + h; const plus = cost(net, xs, ys);
    arr[idx] = saved - h; const minus = cost(net, xs, ys);
    arr[idx] = saved;
    return (plus - minus) / (2 * h);
  };
  return {
    W: net.W.map((Wk) => Wk.map((row) => row.map((_, j) => probe(row, j)))),
    b: net.b.map((bk) => bk.map((_, i) => probe(bk, i))),
  };
}

const flat = (g, k) => [...g.W[k].flat(), ...g.b[k]];
/** ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖) over weight layer k's W and b. */
export function relativeError(g, gHat, k) {
  const u = flat(g, k); const v = flat(gHat, k);
  const norm = (w) => Math.sqrt(w.reduce((s, x) => s + x * x, 0));
  return norm(u.map((x, i) => x - v[i])) / (norm(u) + norm(v) || 1);
}

/**
 * The article's table: for each weight layer l = 1..L-1, the relative error of the corrected and of
 * the seed's backprop against central differences, on the network of tests/test_erratum.cpp's shape
 * (2-5-4-1, tanh, linear output, 8 samples in [-2, 2]²).
 */
export function erratumTable({ sizes = [2, 5, 4, 1], samples = 8, seed = 2024 } = {}) {
  const random = rng(seed);
  const net = makeNetwork(sizes, random);
  const xs = Array.from({ length: samples }, () => Array.from({ length: sizes[0] }, () => 4 * random() - 2));
  const ys = Array.from({ length: samples }, () => Array.from({ length: sizes.at(-1) }, () => 2 * random() - 1));
  const numeric = numericGradient(net, xs, ys);
  const corrected = backprop(net, xs, ys);
  const seedG = backprop(net, xs, ys, { seedRecursion: true });
  return net.W.map((_, k) => ({
    layer: k + 1,
    shape: `${sizes[k + 1]}×${sizes[k]}`,
    corrected: relativeError(corrected, numeric, k),
    seed: relativeError(seedG, numeric, k),
  }));
}
