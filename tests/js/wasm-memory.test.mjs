// Memory over long runs. Two measures:
// - heapBytes(): the size of WASM linear memory. It only grows, and only when the allocator runs
//   out, so on its own it misses any leak that fits in the free memory (12 MiB to start).
// - freeHeapBelow() (helpers.mjs): the allocator's free memory below a fixed address, found by
//   filling it with 1 KiB malloc blocks and freeing them. A leak of L bytes lowers it by about L,
//   whatever the memory size; a test below shows it sees a deliberate leak.
// Each describe loads a fresh module instance.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  VARIANTS, loadVariant, withObjects, optionsText, freeHeapBelow,
} from './helpers.mjs';

const PLAYGROUND = { layers: [2, 8, 8, 1], activations: ['tanh', 'tanh', 'tanh'], batchSize: 10 };
const REBUILDS = 10_000;
const SOAK_CHUNKS = 100;       // x 10,000 steps = 1,000,000 training steps
const CHUNK = 10_000;
// Allowed drop of free memory: fragmentation noise, far below what a leak of one small block per
// iteration would cost (16 bytes x 10,000 = 160 KiB).
const NOISE = 16 * 1024;

// One life of the objects a page creates when the user changes a setting.
function rebuild(M, i) {
  withObjects((own) => {
    const data = own(M.Dataset.generate('spiral', 500, 0.1, i));
    const split = own(data.split(0.5, i));
    const train = own(split.train());
    const testSet = own(split.test());
    const trainer = own(new M.Trainer(optionsText({ ...PLAYGROUND, seed: i })));
    trainer.setData(train, testSet, true);
    trainer.trainSteps(10);
    trainer.predictGrid(-6, 6, -6, 6, 20, 20, i % 2 === 0);
    trainer.evaluate();
    trainer.history();
    if (i % 10 === 0) own(M.Trainer.fromModelJson(trainer.toModelJson())).predict(new Float32Array(2), 1);
  });
}

for (const { simd, name } of VARIANTS) {
  describe(`memory (${name})`, () => {
    let M;
    let limit;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
      limit = M.heapBytes();
      freeHeapBelow(M, limit);  // the first fill may grow the memory once; later ones do not
    });

    test('the free-heap probe sees a deliberate leak of 100 undeleted Datasets', () => {
      const free0 = freeHeapBelow(M, limit);
      const kept = [];
      try {
        for (let i = 0; i < 100; ++i) kept.push(M.Dataset.generate('spiral', 500, 0, i));
        const lost = free0 - freeHeapBelow(M, limit);
        // 100 x (500 x 2 doubles + 500 int labels) = 1 MB at least.
        assert.ok(lost >= 100 * 500 * 20, `the probe saw only ${lost} bytes`);
      } finally {
        for (const d of kept) d.delete();
      }
      assert.ok(free0 - freeHeapBelow(M, limit) <= NOISE, 'deleting them gives the memory back');
    });

    test(`${REBUILDS} builds and deletes of Trainer + Dataset leak nothing`, (t) => {
      for (let i = 0; i < 100; ++i) rebuild(M, i);  // warm-up: caches, first growth
      const heap0 = M.heapBytes();
      const free0 = freeHeapBelow(M, limit);
      const handles0 = M.count_emval_handles();
      const started = performance.now();
      for (let i = 0; i < REBUILDS; ++i) {
        rebuild(M, 100 + i);
        if (i % 1000 === 0) assert.equal(M.heapBytes(), heap0, `memory grew at rebuild ${i}`);
      }
      const ms = performance.now() - started;
      const lost = free0 - freeHeapBelow(M, limit);
      t.diagnostic(`${(1000 * ms / REBUILDS).toFixed(1)} µs a rebuild; heap ${M.heapBytes()} bytes; ` +
        `free memory below ${limit}: ${free0} -> ${free0 - lost}`);
      assert.equal(M.heapBytes(), heap0, 'heapBytes() grew');
      assert.ok(lost <= NOISE, `${lost} bytes of free heap lost over ${REBUILDS} rebuilds ` +
        `(${(lost / REBUILDS).toFixed(1)} bytes each)`);
      assert.equal(M.count_emval_handles(), handles0, 'Emval handles leaked');
    });

    test('soak: 1,000,000 steps of 2-8-8-1 on spiral 500 with a 100x100 grid each 10,000 steps',
      (t) => withObjects((own) => {
        const data = own(M.Dataset.generate('spiral', 500, 0.1, 7));
        const split = own(data.split(0.5, 7));
        const train = own(split.train());
        const testSet = own(split.test());
        const trainer = own(new M.Trainer(optionsText({ ...PLAYGROUND, seed: 1 })));
        trainer.setData(train, testSet, false);
        const started = performance.now();
        let heap0 = 0;
        let free0 = 0;
        for (let chunk = 1; chunk <= SOAK_CHUNKS; ++chunk) {
          const r = trainer.trainSteps(CHUNK);
          assert.equal(r.steps, chunk * CHUNK);
          assert.ok(!r.diverged && Number.isFinite(r.loss), `chunk ${chunk}: ${JSON.stringify(r)}`);
          const grid = trainer.predictGrid(-6, 6, -6, 6, 100, 100, false);
          assert.equal(grid.length, 100 * 100);
          if (chunk === 1) {
            heap0 = M.heapBytes();
            free0 = freeHeapBelow(M, limit);
          } else {
            assert.equal(M.heapBytes(), heap0, `memory grew in chunk ${chunk}`);
          }
          if (chunk === SOAK_CHUNKS) {
            for (const v of grid) assert.ok(v >= -1 && v <= 1, `tanh output ${v} outside [-1, 1]`);
          }
        }
        const seconds = (performance.now() - started) / 1000;
        const lost = free0 - freeHeapBelow(M, limit);
        const history = trainer.history();
        const m = trainer.evaluate();
        t.diagnostic(`${seconds.toFixed(1)} s for ${SOAK_CHUNKS * CHUNK} steps + ${SOAK_CHUNKS} grids; ` +
          `epoch ${trainer.report().epoch}, test accuracy ${m.testAccuracy}, ` +
          `history ${history.length / 5} points`);
        assert.ok(lost <= NOISE, `${lost} bytes of free heap lost during the soak`);
        assert.ok(history.length / 5 <= 4096 && history.length > 0, 'history stays bounded');
        assert.equal(history.length % 5, 0, '5 numbers a point');
        // Decimated but evenly spaced, in order, up to the end of the run.
        for (let i = 5; i < history.length; i += 5) assert.ok(history[i] > history[i - 5]);
        assert.ok(history[history.length - 5] > 0.99 * trainer.report().epoch);
        assert.ok(m.trainAccuracy > 0.9, `a million steps learn the spiral (${m.trainAccuracy})`);
      }));
  });
}
