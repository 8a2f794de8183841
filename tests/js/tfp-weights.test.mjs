// tfpInitialWeights / tfpFeatures (core/tfp/weights.cpp, features.cpp) against TensorFlow
// Playground's buildNetwork order (tests/js/tfp-reference.mjs): for several network shapes and
// feature sets, every weight and bias lands at its place in the engine's layout (W^l column-major,
// W^l(i, j) = node i's link from node j, then b^l), drawn from the stream generateData left.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { VARIANTS, loadVariant } from './helpers.mjs';
import {
  generateData, buildNetwork, inputIds, Activations, Regularizations,
} from './tfp-reference.mjs';

const CASES = [
  { dataset: 'circle', features: ['x', 'y'], hidden: [4, 2] },         // TFP's defaults
  { dataset: 'spiral', features: ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'], hidden: [8, 8, 8, 8, 8, 8] },
  { dataset: 'gauss', features: ['sinY', 'x'], hidden: [] },
  { dataset: 'xor', features: ['xTimesY'], hidden: [1] },
  { dataset: 'reg-plane', features: ['ySquared', 'y', 'sinX'], hidden: [3, 5] },
  { dataset: 'reg-gauss', features: ['x', 'y', 'xTimesY'], hidden: [8, 1, 2] },
];
const SEEDS = ['0.58835', '0.12345', 'x'];

/** The reference network's parameters in the engine's layout. */
function referenceLayout(network) {
  const out = [];
  for (let l = 1; l < network.length; ++l) {
    const nodes = network[l];
    const nIn = network[l - 1].length;
    const W = new Array(nodes.length * nIn);
    nodes.forEach((node, i) => node.inputLinks.forEach((link, j) => { W[i + j * nodes.length] = link.weight; }));
    out.push(...W, ...nodes.map((node) => node.bias));
  }
  return out;
}

for (const { simd, name } of VARIANTS) {
  describe(`tfpInitialWeights = buildNetwork's order (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    for (const { dataset, features, hidden } of CASES) {
      test(`${dataset}, features ${features.join(',')}, hidden [${hidden}]`, () => {
        const ids = inputIds(features);
        // tfpFeatures puts the keys in TFP's input-node order, as constructInputIds does.
        const engineOrder = { x: 'x1', y: 'x2', xSquared: 'x1^2', ySquared: 'x2^2', xTimesY: 'x1*x2', sinX: 'sin(x1)', sinY: 'sin(x2)' };
        assert.deepEqual(M.tfpFeatures(features), ids.map((id) => engineOrder[id]));
        const shape = [ids.length, ...hidden, 1];
        for (const seed of SEEDS) {
          for (const initZero of [false, true]) {
            for (const noise of [0, 30]) {
              const { random } = generateData(dataset, noise, 50, seed);
              const network = buildNetwork(shape, Activations.tanh, Activations.tanh, Regularizations.none, ids, initZero, random);
              const expected = referenceLayout(network);
              const actual = M.tfpInitialWeights(dataset, noise, 50, seed, shape, initZero);
              assert.ok(actual instanceof Float64Array);
              assert.equal(actual.length, expected.length);
              for (let i = 0; i < expected.length; ++i) {
                assert.equal(actual[i], expected[i], `${seed} initZero=${initZero} parameter ${i}`);
              }
            }
          }
        }
      });
    }

    test('the check can fail: without generateData first the weights differ', () => {
      const { random } = generateData('circle', 0, 50, '0.5');
      random();  // one extra draw: every weight shifts
      const network = buildNetwork([2, 4, 2, 1], Activations.tanh, Activations.tanh, null, ['x', 'y'], false, random);
      const actual = M.tfpInitialWeights('circle', 0, 50, '0.5', [2, 4, 2, 1], false);
      assert.notEqual(actual[0], referenceLayout(network)[0]);
    });

    test('bad layers and keys are errors naming them', () => {
      assert.throws(() => M.tfpInitialWeights('circle', 0, 50, '1', [2, 4, 2], false), /layers: must end with the single output/);
      assert.throws(() => M.tfpInitialWeights('circle', 0, 50, '1', [2, 0, 1], false), /layers\[1\]: must be a whole number/);
      assert.throws(() => M.tfpInitialWeights('circle', 0, 50, '1', [2.5, 1], false), /layers\[0\]: must be a whole number/);
      assert.throws(() => M.tfpFeatures(['cosX']), /features: 'cosX' is a TensorFlow Playground state key without an input node/);
      assert.throws(() => M.tfpFeatures(['x', 'z']), /features: unknown value 'z'; accepted: x, y, xSquared, ySquared, xTimesY, sinX, sinY/);
      assert.throws(() => M.tfpFeatures(['x', 3]), /features: entry 1 is not a string/);
      assert.throws(() => M.tfpFeatures('x'), /features: must be an array/);
    });
  });
}
