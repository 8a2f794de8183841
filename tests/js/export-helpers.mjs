// Shared by the export tests (tests/js/export-*.test.mjs): networks that together cover every
// activation, output and cost, the derived features and the standardizer, trained a little, and the
// inputs to compare predictions on.
import { readFileSync } from 'node:fs';
import { repoPath, optionsText } from './helpers.mjs';

const ALL_FEATURES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'];

/** name, options, data(M) -> Dataset, standardize. */
export const NETWORKS = [
  { name: 'all 7 derived features, standardized; tanh, relu hidden; sigmoid + binary cross-entropy',
    options: { layers: [7, 5, 4, 1], activations: ['tanh', 'relu', 'sigmoid'], cost: 'binary_cross_entropy', features: ALL_FEATURES },
    data: (M) => M.Dataset.generate('circle', 120, 0.1, 4), standardize: true },
  { name: 'raw 2-D inputs; leaky_relu, linear hidden; softmax + cross-entropy',
    options: { layers: [2, 6, 4, 2], activations: ['leaky_relu', 'linear', 'softmax'], cost: 'cross_entropy', init: 'glorot' },
    data: (M) => M.Dataset.generate('xor', 120, 0.1, 5), standardize: false },
  { name: 'three derived features, unstandardized; relu hidden; tanh output + quadratic',
    options: { layers: [3, 5, 1], activations: ['relu', 'tanh'], cost: 'quadratic', features: ['x1^2', 'x1*x2', 'sin(x2)'] },
    data: (M) => M.Dataset.generate('circle', 100, 0.1, 6), standardize: false },
  { name: 'regression, standardized; sigmoid hidden; linear output + huber',
    options: { layers: [2, 6, 1], activations: ['sigmoid', 'linear'], cost: 'huber' },
    data: (M) => M.Dataset.generate('reg-plane', 100, 0.1, 7), standardize: true },
  { name: 'regression with features; tanh hidden; relu output + quadratic',
    options: { layers: [2, 4, 1], activations: ['tanh', 'relu'], cost: 'quadratic', features: ['x2', 'sin(x1)'] },
    data: (M) => M.Dataset.generate('reg-gauss', 100, 0.1, 8), standardize: false },
  { name: 'regression; leaky_relu output + huber',
    options: { layers: [2, 3, 1], activations: ['sigmoid', 'leaky_relu'], cost: 'huber' },
    data: (M) => M.Dataset.generate('reg-plane', 80, 0.1, 9), standardize: true },
  { name: 'iris (4 raw inputs), standardized; softmax + cross-entropy',
    options: { layers: [4, 5, 3], activations: ['tanh', 'softmax'], cost: 'cross_entropy' },
    data: (M) => M.Dataset.builtin('iris', readFileSync(repoPath('data/iris.csv'), 'utf8')), standardize: true },
];

/** A trained trainer (caller deletes it with `own`) and its raw data as Float32 columns. */
export function trainedNetwork(M, own, { options, data, standardize }) {
  const d = own(data(M));
  const trainer = own(new M.Trainer(optionsText({ seed: 11, learningRate: 0.05, ...options })));
  trainer.setData(d, new M.Dataset(), standardize);
  trainer.trainEpochs(3);
  const info = JSON.parse(d.infoJson());
  const x = new Float32Array(d.inputs());  // numFeatures × n, column-major = a row per sample
  return { trainer, x, n: info.numSamples, width: info.numFeatures };
}
