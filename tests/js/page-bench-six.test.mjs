// The page benchmark's six-component table (bench/page/run.mjs sixRows, sixTable, sixComponentPage)
// on MADE-UP loads: what each row adds up, the 'met?' column of the .wasm and worker counts, and the
// n/a of a side without the component build. No page is loaded and nothing is timed here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sixRows, sixTable, sixComponentPage, SIX_DATASETS, SIX_PAGE } from '../../bench/page/run.mjs';

const load = ({ wasm = 1, firstReady = 300, allReady = 900, workers = 6 } = {}) => ({
  errors: [],
  ready: [firstReady, 400, 500, 600, 700, allReady],
  firstReady, allReady, workers,
  pageHeap: 4e6, workerHeaps: [1e6, 1e6, 1e6, 1e6, 1e6, 1e6], wasmHeaps: [12.5e6, 12.5e6, 12.5e6, 12.5e6, 12.5e6, 12.5e6],
  files: [
    { path: '/bench/six-components.html', bytes: 1024, status: 200 },
    { path: '/component/backprop-playground.js', bytes: 1024, status: 200 },
    { path: '/component/assets/worker-AbCdEf12.js', bytes: 0, status: 200 },
    ...Array.from({ length: wasm }, () => ({ path: '/component/wasm/backprop-simd.wasm', bytes: 200 * 1024, status: 200 })),
    { path: '/component/data/iris.csv', bytes: 2048, status: 200 },
    { path: '/favicon.ico', bytes: 0, status: 404 },
  ],
});

const byKey = (rows) => Object.fromEntries(rows.map((r) => [r.key, r]));

test('six-component rows: counts, transfer, readiness and memory sums from made-up loads', () => {
  const rows = byKey(sixRows({ base: null, ours: [load(), load({ firstReady: 500, allReady: 1100 })] }));
  assert.equal(rows.requests.ours.median, 6, 'every answered request counts, a 404 too');
  assert.equal(rows.workerScripts.ours.median, 1);
  assert.equal(rows.wasmRequests.ours.median, 1);
  assert.equal(rows.wasmRequests.met, 'yes');
  assert.equal(rows.transfer.ours.median, (1024 + 1024 + 200 * 1024 + 2048) / 1024);
  assert.equal(rows.transferNoData.ours.median, (1024 + 1024 + 200 * 1024) / 1024);
  assert.equal(rows.workers.met, 'yes');
  assert.deepEqual([rows.firstReady.ours.median, rows.firstReady.ours.min, rows.firstReady.ours.max], [400, 300, 500]);
  assert.equal(rows.allReady.ours.median, 1000);
  assert.equal(rows.jsHeapPage.ours.median, 4);
  assert.equal(rows.jsHeapWorkers.ours.median, 6);
  assert.equal(rows.wasmMemory.ours.median, 75);
  assert.equal(rows.memory.ours.median, 85);
  assert.equal(rows.requests.base, null, 'a side without the component build has no figures');
});

test('six-component rows: one load with a second .wasm request or a missing worker is NO', () => {
  const rows = byKey(sixRows({ base: null, ours: [load(), load({ wasm: 2 }), load()] }));
  assert.equal(rows.wasmRequests.ours.median, 1);
  assert.equal(rows.wasmRequests.met, 'NO', 'the target holds for every load, not the median');
  assert.equal(byKey(sixRows({ base: null, ours: [load({ workers: 5 })] })).workers.met, 'NO');
});

test('six-component table: n/a for a side without the build, a note when neither has it', () => {
  const six = { base: null, ours: [load()] };
  const md = sixTable(sixRows(six), six, { sixLoads: 1 });
  assert.match(md, /^## Six components on one page/);
  assert.match(md, /\| \.wasm requests \(count\) \| n\/a \| 1 \| 1 \| yes \|/);
  assert.match(md, /\| memory, JS heaps \+ WASM memory \(MB\) \| n\/a \| 85\.0 \| {2}\| {2}\|/);
  const none = sixTable(sixRows({ base: null, ours: null }), { base: null, ours: null }, { sixLoads: 1 });
  assert.match(none, /Not measured/);
  assert.ok(!none.includes('| figure |'));
});

test('the generated page holds six components of the standalone build, one per data set', () => {
  const html = sixComponentPage();
  assert.equal(SIX_PAGE, '/bench/six-components.html');
  assert.equal((html.match(/<backprop-playground /g) || []).length, 6);
  for (const d of SIX_DATASETS) assert.ok(html.includes(`dataset="${d}"`), d);
  assert.equal((html.match(/<script /g) || []).length, 1);
  assert.ok(html.includes('<script type="module" src="../component/backprop-playground.js"></script>'));
});
