// Golden numbers through the JS API: tests/golden/spiral-2-8-8-1.json holds the seeded data and
// initial weights this core draws, and the first 20 batch losses computed from them by an
// independent NumPy reference (tests/golden/make_golden.py). The native test is tests/test_golden.cpp.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  VARIANTS, loadVariant, withObjects, optionsText, assertAllClose, readRepoText,
} from './helpers.mjs';

const golden = JSON.parse(readRepoText('tests/golden/spiral-2-8-8-1.json'));

// As the native golden run: the generated set, in its order, for training, and an empty test set.
// The API makes an empty set as the test part of a split with ratio 1 (of any set).
function goldenRun(M, own) {
  const { generator, numSamples, noise, seed } = golden.data;
  const data = own(M.Dataset.generate(generator, numSamples, noise, seed));
  const empty = own(own(data.split(1.0, 0)).test());
  assert.equal(JSON.parse(empty.infoJson()).numSamples, 0);
  const trainer = own(new M.Trainer(optionsText(golden.options)));
  trainer.setData(data, empty, false);
  return { data, trainer };
}

function firstLosses(trainer, count) {
  const losses = [];
  for (let step = 0; step < count; ++step) {
    const r = trainer.trainSteps(1);
    assert.equal(r.steps, step + 1);
    assert.equal(r.diverged, false);
    losses.push(r.loss);
  }
  return losses;
}

const lossesByVariant = {};

for (const { simd, name } of VARIANTS) {
  describe(`golden spiral 2-8-8-1 run (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    test('the generated data equals the golden x and labels', () => withObjects((own) => {
      const { data } = goldenRun(M, own);
      const info = JSON.parse(data.infoJson());
      assert.equal(info.numSamples, golden.data.numSamples);
      assert.equal(info.numFeatures, 2);
      assertAllClose(data.inputs(), golden.x, 1e-12, 'inputs()');
      assert.deepEqual(Array.from(data.labels()), golden.labels);
    }));

    test('the initial parameters equal the golden ones (float32)', () => withObjects((own) => {
      const { trainer } = goldenRun(M, own);
      const p = trainer.parameters();
      assert.equal(p.length, 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1);
      assertAllClose(p, golden.initialParameters, 1e-7, 'parameters()');
    }));

    test('the first 20 batch losses match the NumPy reference to 1e-5', () => withObjects((own) => {
      const { trainer } = goldenRun(M, own);
      assert.equal(golden.losses.length, 20);
      const losses = firstLosses(trainer, 20);
      lossesByVariant[name] = losses;
      assert.ok(Number.isNaN(trainer.evaluate().testLoss), 'testLoss is NaN without a test set');
      assertAllClose(losses, golden.losses, 1e-5, 'losses');
      // A frozen run would be a useless golden: the losses must move.
      assert.ok(Math.abs(losses[0] - losses[19]) > 1e-3);
    }));

    test('reset() replays the same losses', () => withObjects((own) => {
      const { trainer } = goldenRun(M, own);
      const first = firstLosses(trainer, 5);
      trainer.reset();
      assert.equal(trainer.report().steps, 0);
      assertAllClose(trainer.parameters(), golden.initialParameters, 1e-7, 'parameters after reset');
      assert.deepEqual(firstLosses(trainer, 5), first);
    }));
  });
}

test('the simd and base builds give the same losses to 1e-6', () => {
  assert.ok(lossesByVariant.simd && lossesByVariant.base, 'both golden runs must have run');
  assertAllClose(lossesByVariant.simd, lossesByVariant.base, 1e-6, 'simd vs base losses');
});
