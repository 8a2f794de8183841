// Unit tests of the URL hash schema (web/src/state.js) and the parameter layout (web/src/model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULTS, parseHash, toHash, encodePoints, decodePoints, encodeWeights, decodeWeights, LIMITS,
} from '../../web/src/state.js';
import { trainerOptions, parameterLayout, weightIndex, biasIndex, neuronRow } from '../../web/src/model.js';

test('an empty hash gives the defaults and no errors', () => {
  const { state, errors } = parseHash('');
  assert.deepEqual(errors, []);
  assert.equal(state.dataset, 'circle');
  assert.deepEqual([...state.networkShape], [4, 2]);
  assert.deepEqual([...state.activations], ['tanh', 'tanh']);
});

test('a full hash round-trips', () => {
  const hash = '#dataset=spiral&noise=20&percTrainData=70&dataSeed=7&seed=42&features=x1,x2,sinx1'
    + '&networkShape=8,8,5&activations=relu,tanh,relu&learningRate=0.01&optimizer=adam'
    + '&regularization=l2&regularizationRate=0.001&batchSize=25&dropout=0.1&showTestData=true&discretize=true';
  const { state, errors } = parseHash(hash);
  assert.deepEqual(errors, []);
  assert.equal(state.dataset, 'spiral');
  assert.equal(state.noise, 20);
  assert.deepEqual([...state.features], ['x1', 'x2', 'sinx1']);
  assert.deepEqual([...state.networkShape], [8, 8, 5]);
  assert.deepEqual([...state.activations], ['relu', 'tanh', 'relu']);
  assert.equal(state.optimizer, 'adam');
  const again = parseHash(toHash(state));
  assert.deepEqual(again.errors, []);
  for (const key of ['dataset', 'noise', 'percTrainData', 'dataSeed', 'seed', 'learningRate', 'optimizer',
    'regularization', 'regularizationRate', 'batchSize', 'dropout', 'showTestData', 'discretize']) {
    assert.equal(again.state[key], state[key], key);
  }
  assert.deepEqual([...again.state.networkShape], [8, 8, 5]);
  assert.deepEqual([...again.state.activations], ['relu', 'tanh', 'relu']);
});

test('bad fields keep their defaults and say why', () => {
  const { state, errors } = parseHash('#learningRate=abc&networkShape=4,999&dataset=moon&activation=relu&noise=-3');
  assert.equal(state.learningRate, DEFAULTS.learningRate);
  assert.deepEqual([...state.networkShape], [4, 2]);
  assert.equal(state.dataset, 'circle');
  assert.equal(state.noise, 0);
  assert.equal(errors.length, 5);
  assert.match(errors.join('\n'), /learningRate: 'abc' is not a number; kept 0.03/);
  assert.match(errors.join('\n'), /networkShape: entry 2: 999 is outside \[1, 128\]/);
  assert.match(errors.join('\n'), /dataset: 'moon' is not one of/);
  assert.match(errors.join('\n'), /Unknown setting 'activation'/);
});

test('hostile input is bounded', () => {
  const { state, errors } = parseHash('#' + 'a'.repeat(LIMITS.maxHashLength + 1));
  assert.equal(state.dataset, 'circle');
  assert.equal(errors.length, 1);
  const r = parseHash('#dataset=circle&dataset=xor&%E0%A4%A=1&learningRate=1e400&seed=1.5&weights=!!');
  assert.equal(r.state.dataset, 'circle');
  assert.equal(r.state.learningRate, 0.03);
  assert.equal(r.state.seed, 1);
  assert.equal(r.state.weights, null);
  assert.equal(r.errors.length, 5);
  const shape = parseHash('#networkShape=' + Array(11).fill(2).join(','));
  assert.match(shape.errors[0], /needs 0 to 10 entries; got 11/);
});

test('zero hidden layers is a valid network', () => {
  const { state, errors } = parseHash('#networkShape=');
  assert.deepEqual(errors, []);
  assert.deepEqual([...state.networkShape], []);
  assert.deepEqual([...state.activations], []);
});

test('csv data cannot come from a link', () => {
  const { state, errors } = parseHash('#dataset=csv');
  assert.equal(state.dataset, 'circle');
  assert.match(errors[0], /uploaded CSV cannot travel in a link/);
});

test('points and weights encode compactly and round-trip', () => {
  const points = { x: new Float32Array([1.5, -2.25, 0, 6]), labels: new Uint8Array([1, 0]) };
  const text = encodePoints(points);
  const back = decodePoints(text);
  assert.deepEqual([...back.x], [1.5, -2.25, 0, 6]);
  assert.deepEqual([...back.labels], [1, 0]);
  const w = new Float32Array([0.5, -0.25, 3]);
  assert.deepEqual([...decodeWeights(encodeWeights(w))], [0.5, -0.25, 3]);
  assert.throws(() => decodeWeights(encodeWeights(new Float32Array([NaN]))), /finite/);
  const { state } = parseHash(`#dataset=custom&points=${text}`);
  assert.equal(state.points.labels.length, 2);
});

test('trainer options follow the data: binary, multi-class, regression', () => {
  const { state } = parseHash('#dataset=spiral&features=x1,x2,x1sq&networkShape=6');
  const twoD = trainerOptions(state, { numFeatures: 2, numClasses: 2, task: 'classification', featureNames: ['x1', 'x2'] });
  assert.deepEqual(twoD.options.layers, [3, 6, 1]);
  assert.deepEqual(twoD.options.features, ['x1', 'x2', 'x1^2']);
  assert.deepEqual(twoD.options.activations, ['tanh', 'tanh']);
  assert.equal(twoD.options.cost, 'quadratic');
  const digits = trainerOptions(parseHash('#dataset=digits&networkShape=32').state,
    { numFeatures: 64, numClasses: 10, task: 'classification', featureNames: [] });
  assert.deepEqual(digits.options.layers, [64, 32, 10]);
  assert.equal(digits.options.cost, 'cross_entropy');
  assert.equal(digits.options.activations[1], 'softmax');
  assert.equal(digits.options.features, undefined);
  assert.equal(digits.standardize, true);
  const reg = trainerOptions(parseHash('#dataset=reg-plane').state,
    { numFeatures: 2, numClasses: 0, task: 'regression', featureNames: ['x1', 'x2'] });
  assert.deepEqual(reg.options.layers, [2, 4, 2, 1]);
  assert.equal(reg.options.activations[2], 'linear');
});

test('parameter layout matches the engine: W^l column-major then b^l', () => {
  const layout = parameterLayout([2, 3, 1]);
  assert.equal(layout.size, 2 * 3 + 3 + 3 * 1 + 1);
  assert.equal(weightIndex(layout, 0, 1, 2), 1 * 3 + 2);
  assert.equal(biasIndex(layout, 0, 2), 6 + 2);
  assert.equal(weightIndex(layout, 1, 2, 0), 9 + 2);
  assert.equal(biasIndex(layout, 1, 0), 12);
  assert.equal(neuronRow([2, 3, 1], 2, 0), 5);
});
