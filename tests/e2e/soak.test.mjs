// A long run of the page in headless Chromium (issue 15): it trains "as fast as possible" while
// the setup changes every few seconds (layers, data set, features: each change rebuilds the data
// and/or the trainer in the worker), for SOAK_SECONDS (default 150; a longer run:
// `SOAK_SECONDS=600 node --test tests/e2e/soak.test.mjs`). Every SAMPLE_MS it samples, after a
// forced garbage collection (CDP HeapProfiler.collectGarbage): the page's JS heap and the worker's
// (CDP Runtime.getHeapUsage on the page's and on the worker's target), and the WASM linear memory (stats.heapBytes: the worker's module.heapBytes() in each frame). After a warm-up
// it fits a least-squares line to each and asserts the slope stays under a bound in bytes per
// minute; memory figures, not times. A leak of one 64x64 heatmap grid (16 KB) per frame would be
// ~50 MB/min at 60 frames/s; the bounds are 2 MB/min (JS heaps) and 1 MB/min (WASM memory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { ensureBuilt, root } from './harness.mjs';
import { serveStatic } from '../../scripts/serve.mjs';

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS || 150);
const WARMUP_SECONDS = Math.min(40, SOAK_SECONDS / 4);
const SAMPLE_MS = 5000;
const REBUILD_MS = 3000;
const BOUND = { pageHeap: 2 * 2 ** 20, workerHeap: 2 * 2 ** 20, wasm: 2 ** 20 };  // bytes per minute
const WAIT = { timeout: 90000 };

// The setups the run cycles through (each one a rebuild): layers, data sets (generated, a real
// CSV, regression), features.
const SETUPS = [
  { dataset: 'circle', networkShape: [4, 2], features: ['x1', 'x2'] },
  { dataset: 'spiral', networkShape: [8, 8, 5], features: ['x1', 'x2', 'x1sq', 'x2sq', 'sinx1', 'sinx2'] },
  { dataset: 'xor', networkShape: [6], features: ['x1', 'x2', 'x1x2'] },
  { dataset: 'iris', networkShape: [8] },
  { dataset: 'gaussian', networkShape: [3, 3, 3], features: ['x1', 'x2'] },
  { dataset: 'reg-plane', networkShape: [5, 4], features: ['x1', 'x2'] },
  { dataset: 'spiral', networkShape: [16, 16], features: ['x1', 'x2', 'sinx1', 'sinx2'] },
];

/** A CDP channel to the page's (one) dedicated worker: (method, params) -> result. Playwright has
 *  no CDP session for a worker, so the browser session attaches to its target (non-flat mode). */
async function workerSession(browser) {
  const b = await browser.newBrowserCDPSession();
  const { targetInfos } = await b.send('Target.getTargets');
  const workers = targetInfos.filter((t) => t.type === 'worker');
  assert.equal(workers.length, 1, `one worker target: ${JSON.stringify(targetInfos.map((t) => [t.type, t.url]))}`);
  const { sessionId } = await b.send('Target.attachToTarget', { targetId: workers[0].targetId, flatten: false });
  let next = 0; const waiting = new Map();
  b.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (waiting.has(m.id)) { waiting.get(m.id)(m); waiting.delete(m.id); }
  });
  return (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
    b.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0; let den = 0;
  for (const p of points) { num += (p.x - mx) * (p.y - my); den += (p.x - mx) ** 2; }
  return den ? num / den : 0;
}
const mb = (b) => `${(b / 2 ** 20).toFixed(2)} MB`;

test(`soak: ${SOAK_SECONDS} s of training with a rebuild every ${REBUILD_MS / 1000} s, no memory growth`, { timeout: (SOAK_SECONDS + 240) * 1000 }, async () => {
  ensureBuilt();
  const site = await serveStatic(join(root, 'dist'), 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  context.setDefaultTimeout(WAIT.timeout);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${site.url}index.html?autoplay#dataset=circle&speed=5`);
    await page.waitForFunction(() => Number(window.backpropPlayground?.root?.dataset.epoch) > 0, null, WAIT);
    const cdp = await context.newCDPSession(page);
    const workerCdp = await workerSession(browser);

    const samples = [];
    const sample = async (t) => {
      await cdp.send('HeapProfiler.collectGarbage');
      await workerCdp('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const workerHeap = (await workerCdp('Runtime.getHeapUsage')).usedSize;
      const stats = await page.evaluate(() => window.backpropPlayground.stats);
      samples.push({ t, pageHeap: usedSize, workerHeap, wasm: stats.heapBytes, steps: stats.steps });
    };

    const start = Date.now();
    let rebuilds = 0; let nextRebuild = REBUILD_MS; let nextSample = 0;
    while (Date.now() - start < SOAK_SECONDS * 1000) {
      const t = Date.now() - start;
      if (t >= nextSample) { await sample(t); nextSample += SAMPLE_MS; }
      if (t >= nextRebuild) {
        const setup = SETUPS[rebuilds % SETUPS.length];
        await page.evaluate((s) => window.backpropPlayground.setState(s), setup);
        rebuilds += 1; nextRebuild += REBUILD_MS;
      }
      await page.waitForTimeout(250);
    }
    await sample(Date.now() - start);
    const stats = await page.evaluate(() => window.backpropPlayground.stats);
    assert.equal(stats.faults ?? 0, 0, 'the worker never died');
    assert.deepEqual(errors, []);

    const after = samples.filter((s) => s.t >= WARMUP_SECONDS * 1000);
    assert.ok(after.length >= 8, `${after.length} samples after the warm-up`);
    const first = after[0]; const last = samples.at(-1);
    const minutes = (last.t - first.t) / 60000;
    const report = [`soak: ${(samples.at(-1).t / 60000).toFixed(2)} min, ${rebuilds} rebuilds, ${last.steps} training steps (${(last.steps - first.steps)} after the ${WARMUP_SECONDS} s warm-up); ${samples.length} samples`];
    for (const key of ['pageHeap', 'workerHeap', 'wasm']) {
      const pts = after.filter((s) => Number.isFinite(s[key])).map((s) => ({ x: s.t / 60000, y: s[key] }));
      assert.ok(pts.length >= 8, `${key} was sampled (${pts.length} values)`);
      const perMinute = slope(pts);
      report.push(`  ${key}: ${mb(samples[0][key])} at start, ${mb(first[key])} after warm-up, ${mb(last[key])} at the end; slope ${(perMinute / 1024).toFixed(1)} KB/min (bound ${BOUND[key] / 1024} KB/min)`);
      assert.ok(perMinute < BOUND[key], `${key} grows ${(perMinute / 1024).toFixed(1)} KB/min over ${minutes.toFixed(2)} min: more than ${BOUND[key] / 1024} KB/min\n${report.join('\n')}`);
    }
    console.log(report.join('\n'));
  } finally {
    await browser.close();
    await site.close();
  }
});
