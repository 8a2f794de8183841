// The page benchmark's table logic (bench/page/run.mjs buildRows, summary, fileKey) on MADE-UP
// figures: ratio = ours / base, and the 'met?' column against each target. No page is loaded and
// nothing is timed here; the measured figures come only from `npm run bench -- --page`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRows, fileKey, summary, SPEED_LABELS } from '../../bench/page/run.mjs';

test('page benchmark table: ratio ours/base and the targets, from synthetic figures', () => {
  const side = (t, p95, bytes) => ({
    loads: [{
      timeline: { htmlReceived: 1, firstScriptReceived: 2, workerScriptRequested: 3, wasmReceived: 4, readyAt: 5, firstFrameAt: 6, firstTrainedFrameAt: t },
      longTasksAfterFirstFrame: { count: 0, ms: 0 }, stats: { heapBytes: 12.6e6 }, files: [{ path: '/a.wasm', bytes, status: 200 }, { path: '/data/iris.csv', bytes: 800, status: 200 }],
    }],
    speeds: Object.fromEntries(SPEED_LABELS.map((_, k) => [k, [{ frameP50: 16, frameP95: p95, frameMax: 20, longTasks: 0, longTaskMs: 0, epochsPerSecond: 10 }]])),
  });
  const o = { speeds: SPEED_LABELS.map((_, k) => k) };
  const rows = Object.fromEntries(buildRows({ base: side(1000, 40, 300000), ours: side(390, 16.7, 290000) }, o).map((r) => [r.key, r]));
  assert.equal(rows.firstTrainedFrameAt.ratio, 0.39);
  assert.equal(rows.firstTrainedFrameAt.met, 'yes');
  assert.equal(rows['s3.frameP95'].met, 'yes');
  assert.equal(rows.transferPage.met, 'yes');
  assert.equal(rows.transferData.ours.median, 800 / 1024);
  const worse = Object.fromEntries(buildRows({ base: side(1000, 40, 300000), ours: side(450, 18, 310000) }, o).map((r) => [r.key, r]));
  assert.equal(worse.firstTrainedFrameAt.met, 'NO');
  assert.equal(worse['s3.frameP95'].met, 'NO');
  assert.equal(worse.transferPage.met, 'NO');
  assert.equal(buildRows({ base: null, ours: side(450, 18, 1) }, o)[6].met, 'needs a base');
  assert.deepEqual(summary([3, 1, 2, NaN]), { median: 2, min: 1, max: 3, n: 3 });
  assert.equal(fileKey('/assets/index-DdX3a_9Q.js'), 'assets/index-[hash].js');
  assert.equal(fileKey('/wasm/backprop-simd.wasm'), 'wasm/backprop-simd.wasm');
});
