// Faults (issue 15), in headless Chromium: a training worker that dies is restarted with the
// user's setup and the last good weights, and the page says so (web/src/workerSupervisor.js); a
// .wasm that cannot be had (HTTP 404, truncated, the request blocked) gives a message that says
// what happened and what to do (wasm/loader.js loadFailure). Faults are injected with
// ?bp-test-faults (the worker honours fault messages only then), through the handle (terminate
// behind the supervisor's back), and as a real uncaught error inside the worker (Playwright's
// worker.evaluate: no test hook involved). Every wait is for a state, 90 s at most.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAll, root } from './harness.mjs';

const WAIT = { timeout: 90000 };
let env;
const injected = []; const recovered = [];  // recovered: restarted, or the failure explained (load) or given up on (repeated), as designed

before(async () => { env = await startAll(); });
after(async () => {
  console.log(`faults: ${injected.length} injected (${injected.join(', ')}); ${recovered.length} handled as designed (${recovered.join(', ')})`);
  await env?.close();
});

async function open(query = '?bp-test-faults', hash = '#dataset=xor&networkShape=4,3') {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.site.url}index.html${query}${hash}`);
  await page.waitForFunction(() => window.backpropPlayground?.root?.querySelector('.bp-net-note')?.textContent.includes('neurons'), null, WAIT);
  if (query.includes('bp-test-faults')) await page.waitForFunction(() => window.backpropPlayground.root.bpFaultInjection, null, WAIT);
  return { page, errors };
}
const pg = (page, f, arg) => page.evaluate(f, arg);
const epoch = (page) => pg(page, () => Number(window.backpropPlayground.root.dataset.epoch || 0));
const params = (page) => pg(page, () => Array.from(window.backpropPlayground.getParameters() || []));
const banner = (page) => pg(page, () => {
  const b = window.backpropPlayground.root.querySelector('.bp-banner');
  return b.hidden ? '' : `${b.className}: ${b.textContent}`;
});

/** Trains to epoch > 5, pauses, kills the worker with `kill`, and checks the restart: banner,
 *  the same weights in the new worker, and training that goes on. */
async function killAndRecover(page, what, kill) {
  await pg(page, () => window.backpropPlayground.play());
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 5, null, WAIT);
  await pg(page, () => window.backpropPlayground.pause());
  await page.waitForFunction(() => window.backpropPlayground.root.dataset.playing === 'false', null, WAIT);
  const before = await params(page);
  const restarts = (await pg(page, () => window.backpropPlayground.stats.restarts)) || 0;
  injected.push(what);
  await kill();
  await page.waitForFunction((n) => window.backpropPlayground.stats.restarts === n + 1, restarts, WAIT);
  assert.match(await banner(page), /bp-banner-fault: The training worker stopped \(.+\); a new one was started\.Your settings and the weights of epoch \d+ are restored/);
  // The new worker's first frame carries the restored weights, bit for bit (float32).
  await page.waitForFunction(() => window.backpropPlayground.stats.pending === 0 && /Engine ready/.test(window.backpropPlayground.root.querySelector('.bp-status').textContent), null, WAIT);
  await page.waitForFunction((b) => {
    const p = window.backpropPlayground.getParameters();
    return p && p.length === b.length && p.every((v, i) => v === Math.fround(b[i]));
  }, before, WAIT);
  await pg(page, () => window.backpropPlayground.play());
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 3, null, WAIT);
  recovered.push(what);
  return { before };
}

test('a worker that throws (an uncaught error: the error event) is restarted with the setup and the last good weights', async () => {
  const { page, errors } = await open();
  await killAndRecover(page, 'throw (bp-test-faults)', () => pg(page, () => window.backpropPlayground.root.bpFaultInjection.inject('throw')));
  assert.match(await pg(page, () => window.backpropPlayground.stats.lastFault), /it threw: .*injected fault/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a real uncaught error inside the worker (no test hook) and a worker terminated through the handle recover too', async () => {
  const { page } = await open('?bp-test-faults');
  await killAndRecover(page, 'real error in the worker', async () => {
    const worker = page.workers().at(-1);
    await worker.evaluate(() => { setTimeout(() => { throw new Error('a real error thrown inside the worker'); }); });
  });
  assert.match(await pg(page, () => window.backpropPlayground.stats.lastFault), /a real error thrown inside the worker/);
  await killAndRecover(page, 'terminate()', () => pg(page, () => window.backpropPlayground.root.bpFaultInjection.terminate()));
  assert.match(await pg(page, () => window.backpropPlayground.stats.lastFault), /did not answer for \d+ s/);
  await killAndRecover(page, 'hang', () => pg(page, () => window.backpropPlayground.root.bpFaultInjection.inject('hang')));
  await page.close();
});

test('a worker that dies again at once is restarted at most 3 times, then the page says it gave up', async () => {
  const { page } = await open();  // paused: no trained frame between the deaths
  for (let n = 1; n <= 3; n++) {
    injected.push('throw (repeated)');
    await pg(page, () => window.backpropPlayground.root.bpFaultInjection.inject('throw'));
    await page.waitForFunction((k) => window.backpropPlayground.stats.restarts === k && /Engine ready/.test(window.backpropPlayground.root.querySelector('.bp-status').textContent), n, WAIT);
    recovered.push('throw (repeated)');
  }
  injected.push('throw (4th in a row)');
  await pg(page, () => window.backpropPlayground.root.bpFaultInjection.inject('throw'));
  await page.waitForFunction(() => window.backpropPlayground.stats.faults === 4, null, WAIT);
  assert.match(await banner(page), /The training worker stopped again \(it threw: .*\) and was not restarted: it failed 4 times without training in between\.Reload the page/);
  assert.equal(await pg(page, () => window.backpropPlayground.stats.restarts), 3);
  recovered.push('throw (4th in a row): given up, with a message');
  await page.close();
});

test('without ?bp-test-faults the page has no fault hook and the worker ignores fault messages', async () => {
  const { page } = await open('');
  assert.equal(await pg(page, () => 'bpFaultInjection' in window.backpropPlayground.root), false);
  const worker = page.workers().at(-1);
  await worker.evaluate(() => self.onmessage({ data: { type: 'bp-test-fault', kind: 'throw' } }));
  await pg(page, () => window.backpropPlayground.step(3));
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 0 || window.backpropPlayground.metrics?.epoch >= 0, null, WAIT);
  await pg(page, () => window.backpropPlayground.step(3));
  await page.waitForFunction(() => window.backpropPlayground.stats.pending === 0, null, WAIT);
  assert.equal(await pg(page, () => window.backpropPlayground.stats.faults), undefined);
  await page.close();
});

for (const [what, handler, expected] of [
  ['HTTP 404', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }), /HTTP 404.*The file is not on the server: deploy the engine files/],
  ['a truncated file', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: readFileSync(join(root, 'dist', 'wasm', route.request().url().split('/').pop())).subarray(0, 50000) }), /The file arrived damaged or incomplete: .*deploy backprop-\*\.wasm again/],
  ['a blocked request', (route) => route.abort('blockedbyclient'), /The download failed or was blocked: check the connection, a content or ad blocker/],
]) {
  test(`a .wasm that fails to load (${what}) gives a readable message with what to do`, async () => {
    const context = env.browser;
    const page = await context.newPage();
    await page.route(/backprop-(simd|base)\.wasm$/, handler);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${env.site.url}index.html`);
    await page.waitForFunction(() => !window.backpropPlayground?.root?.querySelector('.bp-banner')?.hidden, null, WAIT);
    const text = await banner(page);
    assert.match(text, /^bp-banner bp-banner-engine: The engine could not load, so nothing can train\.loadBackprop: could not load the engine from /);
    assert.match(text, expected);
    assert.match(await pg(page, () => window.backpropPlayground.root.querySelector('.bp-status').textContent), /The engine could not load/);
    assert.deepEqual(errors, []);
    injected.push(`.wasm ${what}`); recovered.push(`.wasm ${what}: message shown`);
    await page.close();
  });
}
