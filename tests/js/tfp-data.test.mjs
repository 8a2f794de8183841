// Dataset.generateTfp (core/tfp/generators.cpp) against TensorFlow Playground's own generator code
// run in Node with seedrandom (tests/js/tfp-reference.mjs): each of its six generators, for
// several seeds, noise levels and train percentages, gives the same points in the same order, the
// same labels and the same split.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { VARIANTS, loadVariant, withObjects } from './helpers.mjs';
import { GENERATORS, generateData, isRegression } from './tfp-reference.mjs';

const SEEDS = ['0.12345', '0.58835', '0.99999', 'my seed'];
const NOISES = [0, 15, 50, 80];
const PERCENTS = [10, 50, 73, 90];
// Coordinates and regression targets agree to the last bit except where Math.sin/cos/log and the
// wasm libm round differently (at most an ulp or so); class labels and the order must be identical.
const TOLERANCE = 1e-12;

function compare(M, own, name, noise, perc, seed, stats) {
  const split = own(M.Dataset.generateTfp(name, noise, perc, seed));
  const expected = generateData(name, noise, perc, seed);
  const regression = isRegression(name);
  for (const [part, points] of [['train', expected.train], ['test', expected.test]]) {
    const d = own(split[part]());
    const info = JSON.parse(d.infoJson());
    const what = `${name} noise=${noise} perc=${perc} seed=${seed} ${part}`;
    assert.equal(info.numSamples, points.length, `${what}: size`);
    assert.equal(info.task, regression ? 'regression' : 'classification');
    const x = d.inputs();
    const labels = regression ? d.targets() : d.labels();
    for (let i = 0; i < points.length; ++i) {
      const p = points[i];
      const dx = Math.abs(x[2 * i] - p.x);
      const dy = Math.abs(x[2 * i + 1] - p.y);
      if (!(dx <= TOLERANCE && dy <= TOLERANCE)) {
        assert.fail(`${what}: point ${i} is (${x[2 * i]}, ${x[2 * i + 1]}), TFP has (${p.x}, ${p.y})`);
      }
      stats.values += 2;
      stats.exact += (dx === 0) + (dy === 0);
      if (regression) {
        const dl = Math.abs(labels[i] - p.label);
        assert.ok(dl <= TOLERANCE, `${what}: target ${i} is ${labels[i]}, TFP has ${p.label}`);
        stats.values += 1;
        stats.exact += dl === 0;
      } else {
        assert.equal(labels[i], p.label > 0 ? 1 : 0, `${what}: label ${i}`);
      }
    }
  }
}

for (const { simd, name: variant } of VARIANTS) {
  describe(`Dataset.generateTfp = TFP's generateData (${variant})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    for (const name of Object.keys(GENERATORS)) {
      test(`${name}: ${SEEDS.length} seeds x ${NOISES.length} noise levels x ${PERCENTS.length} splits`, () => {
        const stats = { values: 0, exact: 0 };
        withObjects((own) => {
          for (const seed of SEEDS)
            for (const noise of NOISES)
              for (const perc of PERCENTS) compare(M, own, name, noise, perc, seed, stats);
        });
        // Nearly every value is bit-identical: the rest are last-ulp differences between the wasm
        // libm's sin/cos/log and V8's (measured: gauss 98.0%, circle 99.3%, spiral 99.5%, the others
        // 100%). A formula written in another order than TFP's would make most values differ.
        assert.ok(stats.exact / stats.values > 0.95,
          `${name}: only ${stats.exact} of ${stats.values} values are bit-identical`);
        console.log(`# ${variant} ${name}: ${stats.exact}/${stats.values} values bit-identical`);
      });
    }

    test('the comparison can fail: another seed or noise level gives other points', () => withObjects((own) => {
      const d = own(own(M.Dataset.generateTfp('circle', 10, 50, '0.12345')).train());
      const other = generateData('circle', 10, 50, '0.12346');
      assert.notEqual(d.inputs()[0], other.train[0].x);
      const noisy = generateData('xor', 20, 50, '0.12345');
      const quiet = own(own(M.Dataset.generateTfp('xor', 10, 50, '0.12345')).train());
      let differ = 0;
      noisy.train.forEach((p, i) => { differ += (p.label > 0 ? 1 : 0) !== quiet.labels()[i]; });
      assert.ok(differ > 0);
    }));

    test('bad names and values are errors naming the field and the accepted values', () => {
      assert.throws(() => M.Dataset.generateTfp('gaussian', 0, 50, '1'),
        /dataset: unknown value 'gaussian'; accepted: circle, xor, gauss, spiral, reg-plane, reg-gauss/);
      assert.throws(() => M.Dataset.generateTfp('xor', 81, 50, '1'), /noise: must be a number in \[0, 80\]/);
      assert.throws(() => M.Dataset.generateTfp('xor', NaN, 50, '1'), /noise: must be a number/);
      assert.throws(() => M.Dataset.generateTfp('xor', 0, 101, '1'), /percTrainData: must be a number in \[0, 100\]/);
    });
  });
}
