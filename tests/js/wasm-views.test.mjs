// Zero-copy views and lifetime, as backprop.d.ts documents them: which methods return a VIEW into
// WASM memory and which a copy, what writing to a view does, the grid layout, that memory growth
// detaches old views, and the documented behaviour of reset, setParameters and divergence.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { VARIANTS, loadVariant, withObjects, optionsText, assertAllClose } from './helpers.mjs';

const NET = {
  layers: [2, 8, 8, 1], activations: ['tanh', 'tanh', 'tanh'], features: ['x1', 'x2'], seed: 3,
};

for (const { simd, name } of VARIANTS) {
  describe(`views and lifetime (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });
    const memory = () => M.HEAPU8.buffer;  // the module's WebAssembly.Memory buffer

    function playground(own, options = NET) {
      const data = own(M.Dataset.generate('circle', 100, 0.1, 2));
      const trainer = own(new M.Trainer(optionsText(options)));
      trainer.setData(data, data, false);
      return { data, trainer };
    }

    test('parameters() and gradients() are views; writing parameters changes predictions',
      () => withObjects((own) => {
        const { trainer } = playground(own);
        const p = trainer.parameters();
        assert.ok(p instanceof Float32Array);
        assert.equal(p.buffer, memory());
        assert.equal(p.length, 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1);
        assert.equal(trainer.parameters().byteOffset, p.byteOffset, 'the same buffer each time');
        trainer.trainSteps(1);
        const g = trainer.gradients();
        assert.equal(g.buffer, memory());
        assert.equal(g.length, p.length);
        assert.ok(g.some((v) => v !== 0));

        const x = new Float32Array([0.5, -1.5, 2, 1]);
        const before = trainer.predict(x, 2);
        assert.notEqual(before.buffer, memory(), 'predict() returns a copy');
        // The output bias is the last parameter: +0.3 moves both tanh outputs up.
        p[p.length - 1] += 0.3;
        const after = trainer.predict(x, 2);
        for (let i = 0; i < 2; ++i) assert.ok(after[i] > before[i] + 1e-3);
        assert.equal(JSON.parse(trainer.toModelJson()).parameters.at(-1), p[p.length - 1]);
        // Training reads the written weights too: a step from them, not from the old ones.
        p.fill(0);
        trainer.trainSteps(1);
        assert.ok(trainer.parameters().slice(0, 16).every((v) => v === 0),
          'with all weights 0, the first layer gets no gradient');
      }));

    test('predictGrid() is a view in the documented layout; row j = 0 is the bottom',
      () => withObjects((own) => {
        const { trainer } = playground(own);
        trainer.trainSteps(50);
        const [x0, x1, y0, y1, nx, ny] = [-4, 4, -3, 5, 5, 4];
        const grid = trainer.predictGrid(x0, x1, y0, y1, nx, ny, false);
        assert.equal(grid.buffer, memory());
        assert.equal(grid.length, nx * ny);
        const copy = grid.slice();
        const points = new Float32Array(2 * nx * ny);
        for (let j = 0; j < ny; ++j) {
          for (let i = 0; i < nx; ++i) {
            const p = j * nx + i;
            points[2 * p] = x0 + (i * (x1 - x0)) / (nx - 1);
            points[2 * p + 1] = y0 + (j * (y1 - y0)) / (ny - 1);
          }
        }
        assertAllClose(copy, trainer.predict(points, nx * ny), 1e-6, 'grid vs predict');

        // allNeurons: rows = inputs (2), hidden (8, 8), output (1); view[p * rows + r].
        const all = trainer.predictGrid(x0, x1, y0, y1, nx, ny, true);
        const rows = 2 + 8 + 8 + 1;
        assert.equal(all.length, rows * nx * ny);
        for (let p = 0; p < nx * ny; ++p) {
          assert.ok(Math.abs(all[p * rows] - points[2 * p]) < 1e-6, 'row 0 is x1');
          assert.ok(Math.abs(all[p * rows + 1] - points[2 * p + 1]) < 1e-6, 'row 1 is x2');
          assert.ok(Math.abs(all[p * rows + rows - 1] - copy[p]) < 1e-6, 'last row is the output');
        }

        // The view is reused: a new grid call overwrites what an older view shows.
        const first = trainer.predictGrid(x0, x1, y0, y1, nx, ny, false);
        const kept = first.slice();
        trainer.predictGrid(-1, 1, -1, 1, nx, ny, false);
        assert.ok(first.length === 0 || first.some((v, k) => v !== kept[k]),
          'the old view now shows the new grid (or is detached)');
      }));

    test('Dataset inputs()/labels()/targets() are views; confusion() and predict() are copies',
      () => withObjects((own) => {
        const { data, trainer } = playground(own);
        const x = data.inputs();
        assert.ok(x instanceof Float64Array);
        assert.equal(x.buffer, memory());
        assert.equal(x.length, 2 * 100);
        const labels = data.labels();
        assert.ok(labels instanceof Int32Array);
        assert.equal(labels.length, 100);
        assert.equal(data.targets().length, 0, 'no targets for classification');
        const regression = own(M.Dataset.generate('reg-plane', 30, 0, 1));
        assert.equal(regression.targets().length, 30);
        assert.equal(regression.labels().length, 0);

        const cm = trainer.confusion(false);
        assert.ok(cm instanceof Int32Array);
        assert.notEqual(cm.buffer, memory());
        assert.equal(cm.reduce((a, b) => a + b, 0), 100);

        // fromArrays copies its input: changing the JS array afterwards changes nothing.
        const xs = new Float64Array([1, 2, 3, 4]);
        const drawn = own(M.Dataset.fromArrays(xs, [0, 1], 2, 'classification', 2));
        xs[0] = 99;
        assert.deepEqual(Array.from(drawn.inputs()), [1, 2, 3, 4]);
      }));

    test('history() is a view of the chart\'s 5 columns: epoch, train/test loss, train/test metric',
      () => withObjects((own) => {
        const { trainer } = playground(own);
        assert.equal(trainer.history().length, 0);
        trainer.trainEpochs(3);
        const h = trainer.history();
        assert.equal(h.buffer, memory());
        assert.equal(h.length, 3 * 5);
        assert.deepEqual([h[0], h[5], h[10]], [1, 2, 3]);
        // Test loss and test accuracy: the whole test set at the epoch's end, as evaluate() has them.
        const m = trainer.evaluate();
        assert.ok(Math.abs(h[12] - m.testLoss) < 1e-6);
        assert.equal(h[14], m.testAccuracy);
        // Train loss: the mean of the epoch's batch losses. Replay epoch 1 step by step (100
        // samples, batch size 10 from NET) on an identical trainer and average its batch losses.
        const replay = playground(own).trainer;
        let sum = 0;
        for (let step = 0; step < 10; step++) sum += replay.trainSteps(1).loss;
        assert.equal(replay.report().epoch, 1);
        assert.ok(Math.abs(h[1] - sum / 10) < 1e-6, `${h[1]} vs ${sum / 10}`);
        assert.ok(h[3] >= 0 && h[3] <= 1 && h[13] >= 0 && h[13] <= 1, 'accuracies in [0, 1]');
        // Train metric: over the epoch's batches too. With one batch of the whole set, epoch 1's
        // batch is the initial weights on every sample: exactly evaluate() before the step.
        for (const [kind, head, metric] of [['circle', 'tanh', 'trainAccuracy'], ['reg-plane', 'linear', 'trainR2']]) {
          const set = own(M.Dataset.generate(kind, 100, 0.1, 2));
          const full = own(new M.Trainer(optionsText({ ...NET, activations: ['tanh', 'tanh', head],
            batchSize: 100, shuffle: false })));
          full.setData(set, set, false);
          const initial = full.evaluate();
          full.trainEpochs(1);
          const [point] = [full.history()];
          assert.ok(Math.abs(point[1] - initial.trainLoss) < 1e-6, `${kind}: train loss`);
          assert.ok(Math.abs(point[3] - initial[metric]) < 1e-6, `${kind}: ${point[3]} vs ${initial[metric]}`);
          const after = full.evaluate();
          assert.ok(Math.abs(point[4] - (kind === 'circle' ? after.testAccuracy : after.testR2)) < 1e-9);
        }
      }));

    test('reset(), reseed() and setParameters(asInitial) as documented', () => withObjects((own) => {
      const { trainer } = playground(own);
      const initial = trainer.parameters().slice();
      trainer.trainEpochs(2);
      trainer.reset();
      assert.deepEqual(trainer.parameters().slice(), initial);
      assert.deepEqual(trainer.report(), { steps: 0, epoch: 0, loss: trainer.report().loss, diverged: false });

      const mine = new Float32Array(initial.length).map((_, i) => Math.sin(i));
      trainer.setParameters(mine, false);
      assert.deepEqual(trainer.parameters().slice(), mine);
      trainer.reset();
      assert.deepEqual(trainer.parameters().slice(), initial, 'not asInitial: reset restores the seed');
      trainer.setParameters(mine, true);
      trainer.trainSteps(5);
      trainer.reset();
      assert.deepEqual(trainer.parameters().slice(), mine, 'asInitial: reset restores them');

      trainer.reseed(4);
      const reseeded = trainer.parameters().slice();
      assert.notDeepEqual(reseeded, initial);
      assert.equal(JSON.parse(trainer.optionsJson()).seed, 4);
      // The same seed in a new trainer gives the same weights.
      const again = own(new M.Trainer(optionsText({ ...NET, seed: 4 })));
      assert.deepEqual(again.parameters().slice(), reseeded);
    }));

    test('optionsJson() fills every default; a model file round-trips', () => withObjects((own) => {
      const { trainer } = playground(own);
      const options = JSON.parse(trainer.optionsJson());
      assert.deepEqual(options, {
        ...NET, cost: 'quadratic', init: 'playground', optimizer: 'sgd', learningRate: 0.03,
        momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.9, epsilon: 1e-8, regularization: 'none',
        regularizationRate: 0, dropout: 0, schedule: 'constant', decayRate: 0.96, decaySteps: 100,
        batchSize: 10, shuffle: true, tfpMode: false,
      });
      trainer.trainSteps(7);
      const copy = own(M.Trainer.fromModelJson(trainer.toModelJson()));
      assert.deepEqual(copy.parameters().slice(), trainer.parameters().slice());
      const x = new Float32Array([0.1, 0.2, -3, 2]);
      assert.deepEqual(copy.predict(x, 2), trainer.predict(x, 2));
    }));

    test('after a divergence the last good weights are kept; clearDivergence() resumes',
      () => withObjects((own) => {
        const options = {
          layers: [2, 8, 1], activations: ['relu', 'linear'], init: 'he', learningRate: 100,
        };
        const { trainer } = playground(own, options);
        const r = trainer.trainSteps(50);
        assert.equal(r.diverged, true);
        assert.ok(r.steps < 50);
        assert.match(trainer.divergenceMessage(), /Lower the learning rate/);
        const kept = trainer.parameters().slice();
        assert.ok(kept.every(Number.isFinite), 'finite weights kept');
        // They are the weights after the last good step: a replay of that many steps gives them.
        const replay = playground(own, options).trainer;
        assert.equal(replay.trainSteps(r.steps).diverged, false);
        assert.deepEqual(replay.parameters().slice(), kept);
        // Stopped: more steps do nothing until the flag is cleared.
        assert.deepEqual(trainer.trainSteps(5), r);
        assert.deepEqual(trainer.parameters().slice(), kept);
        trainer.clearDivergence();
        assert.equal(trainer.divergenceMessage(), '');
        trainer.setLearningRate(0.01);
        trainer.reset();
        const resumed = trainer.trainSteps(500);
        assert.equal(resumed.steps, 500);
        assert.equal(resumed.diverged, false);
      }));

    test('memory growth detaches old views; re-taken views show the same numbers',
      () => withObjects((own) => {
        const { trainer } = playground(own);
        trainer.trainSteps(5);
        const view = trainer.parameters();
        const values = view.slice();
        const heap = M.heapBytes();
        // 1,000,000 samples x 2 doubles = 16 MB: more than the free memory, so the memory grows.
        own(M.Dataset.generate('circle', 1_000_000, 0, 1));
        assert.ok(M.heapBytes() > heap, 'the memory grew');
        assert.equal(view.length, 0, 'the old view is detached');
        assert.notEqual(view.buffer, memory());
        const again = trainer.parameters();
        assert.equal(again.buffer, memory());
        assert.deepEqual(again.slice(), values);
      }));
  });
}
