'use strict';
// Shared helpers for peer adapters: config validation and the batch schedule.

const ACTS = new Set(['tanh', 'relu', 'linear', 'sigmoid', 'softmax']);

/**
 * Validate a setup() config. Returns {L, nb}: number of weight layers and batches per epoch.
 * Contract (see README.md):
 *   sizes = [n0, ..., nL]; activations.length = L (the last one is the output activation);
 *   cost 'quadratic' (1/B sum 1/2||a-y||^2) or 'cross-entropy' (requires output 'softmax');
 *   weights[l-1]: Float32Array n_l*n_{l-1}, W^l column-major (n_out x n_in);
 *   biases[l-1]: Float32Array n_l; X: n0*N, Y: nL*N (column-major, one sample per column);
 *   batch k = samples [(k mod nb)*B, (k mod nb)*B + B), nb = N / B (N must be a multiple of B).
 */
function validate(cfg) {
  const { sizes, activations, cost, lr, batchSize, weights, biases, X, Y } = cfg;
  const L = sizes.length - 1;
  if (L < 1) throw new Error('need at least one layer');
  if (activations.length !== L) throw new Error(`activations: expected ${L}, got ${activations.length}`);
  activations.forEach((a, i) => {
    if (!ACTS.has(a)) throw new Error(`unknown activation ${a}`);
    if (a === 'softmax' && i !== L - 1) throw new Error('softmax only on the output layer');
  });
  if (cost === 'cross-entropy' && activations[L - 1] !== 'softmax') throw new Error('cross-entropy needs a softmax output');
  if (cost === 'quadratic' && activations[L - 1] === 'softmax') throw new Error('quadratic with softmax not supported');
  if (cost !== 'quadratic' && cost !== 'cross-entropy') throw new Error(`unknown cost ${cost}`);
  if (!(lr > 0)) throw new Error('lr');
  for (let l = 1; l <= L; l++) {
    if (weights[l - 1].length !== sizes[l] * sizes[l - 1]) throw new Error(`W${l} size`);
    if (biases[l - 1].length !== sizes[l]) throw new Error(`b${l} size`);
  }
  const N = cfg.N !== undefined ? cfg.N : X.length / sizes[0];
  if (X.length !== N * sizes[0] || Y.length !== N * sizes[L]) throw new Error('X/Y size');
  if (N % batchSize !== 0) throw new Error('N must be a multiple of batchSize');
  return { L, N, nb: N / batchSize };
}

/** Index of the largest entry of column s of an (n x cols) column-major array. */
function argmaxCol(A, n, s) {
  let best = 0;
  let bv = A[s * n];
  for (let i = 1; i < n; i++) {
    if (A[s * n + i] > bv) {
      bv = A[s * n + i];
      best = i;
    }
  }
  return best;
}

module.exports = { validate, argmaxCol };
