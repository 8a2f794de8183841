// Smoke run of the page benchmark (bench/page/run.mjs --smoke: 1 cold load, 1 s per speed, this
// build's dist/ only): a behaviour check that every figure gets a number. It never looks at what
// the numbers are; timings belong to `npm run bench`. Plus the table's ratio and target columns,
// from synthetic figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt, root } from './harness.mjs';
import { buildRows, fileKey, summary, SPEED_LABELS } from '../../bench/page/run.mjs';

const run = promisify(execFile);

test('page benchmark smoke: every figure of this build has a number', async () => {
  ensureBuilt();
  const out = mkdtempSync(join(tmpdir(), 'bp-page-bench-'));
  try {
    try {
      await run(process.execPath, [join(root, 'bench', 'page', 'run.mjs'), '--smoke', '--out', out],
        { cwd: root, timeout: 300000, maxBuffer: 1 << 24 });
    } catch (error) {
      assert.fail(`bench/page/run.mjs --smoke failed:\n${error.stderr || error.message}`);
    }
    const result = JSON.parse(readFileSync(join(out, 'page.json'), 'utf8'));
    const md = readFileSync(join(out, 'page.md'), 'utf8');
    assert.ok(md.includes('| figure | base median (min–max) | ours median (min–max) | ratio | target | met? |'));
    assert.equal(result.rows.length, 12 + 6 * SPEED_LABELS.length);
    const missing = result.rows.filter((r) => !(r.ours && Number.isFinite(r.ours.median))).map((r) => r.figure);
    assert.deepEqual(missing, [], 'figures without a number');
    for (const r of result.rows) assert.ok(md.includes(`| ${r.figure} | n/a | `), `page.md has no row '${r.figure}'`);
    const load = result.sides.ours.loads[0];
    assert.ok(load.files.some((f) => f.path.endsWith('.wasm') && f.bytes > 0), 'the .wasm transfer was counted');
    assert.ok(load.longTaskObserver, 'the long-task observer ran');
    for (const k of result.meta.speeds) assert.ok(result.sides.ours.speeds[k][0].epochsPerSecond > 0, `speed ${k} trained`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

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
