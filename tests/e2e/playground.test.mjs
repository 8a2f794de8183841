// End-to-end tests of the page against the real WASM module, in Debian's headless Chromium driven by
// playwright-core. Builds dist/ when missing (E2E_REBUILD=1 forces it), serves it on a free port,
// takes screenshots into tests/e2e/screenshots/, and prints the budgets:
// transferred JS + WASM + CSS (gzip, data sets aside), WASM memory, first trained frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startAll, openPage, epochOf, shot } from './harness.mjs';

let env;
before(async () => { env = await startAll(); });
after(async () => { await env?.close(); });

const metricsOf = (page) => page.evaluate(() => {
  const out = [...window.backpropPlayground.root.querySelectorAll('.bp-metrics output')].map((o) => o.textContent);
  return { testLoss: Number(out[0]), trainLoss: Number(out[1]), metric: out[2] };
});
const hashOf = (page) => page.evaluate(() => window.location.hash);
const heatmapPixels = (page) => page.evaluate(() => window.backpropPlayground.root.querySelector('.bp-heat').toDataURL());

test('loads with no console errors, within the budgets', async () => {
  const sizes = [];
  const page = await env.browser.newPage();
  const dataRequests = [];
  page.on('request', (r) => { if (/\/data\/[^/]*\.csv(\?|$)/.test(r.url())) dataRequests.push(r.url()); });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', async (r) => {
    const url = r.url();
    if (!/\.(js|mjs|wasm|css)(\?|$)/.test(url)) return;
    try { sizes.push({ url, gzip: gzipSync(await r.body(), { level: 9 }).length }); } catch { /* redirected */ }
  });
  await page.goto(`${env.site.url}?autoplay#dataset=circle`);
  await page.waitForFunction(() => window.backpropPlayground && !Number.isNaN(window.backpropPlayground.stats.firstTrainedFrameAt), null, { timeout: 90000 });
  const stats = await page.evaluate(() => window.backpropPlayground.stats);
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) >= 20, null, { timeout: 90000 });
  // Builds before this one fetched every data file 1.5 s after the engine was ready: give them
  // 3 s of wall time (a wait, not a verdict on speed) to show it.
  await page.waitForFunction(() => performance.now() - window.backpropPlayground.stats.readyAt > 3000, null, { timeout: 90000 });
  await page.evaluate(() => window.backpropPlayground.pause());
  await page.waitForFunction(() => window.backpropPlayground.root.dataset.playing === 'false', null, { timeout: 90000 });
  await shot(page, 'default', { fullPage: true });
  const total = sizes.reduce((s, x) => s + x.gzip, 0);
  const heapMB = stats.heapBytes / 1048576;
  console.log(`# budget: transfer (JS + WASM + CSS, gzip) ${(total / 1024).toFixed(1)} KB in ${sizes.length} files`);
  for (const s of sizes) console.log(`#   ${(s.gzip / 1024).toFixed(1).padStart(6)} KB  ${s.url.replace(env.site.url, '')}`);
  console.log(`# budget: WASM memory ${heapMB.toFixed(1)} MB (${stats.variant})`);
  console.log(`# budget: first trained frame ${stats.firstTrainedFrameAt.toFixed(0)} ms after navigation start (engine ready at ${stats.readyAt.toFixed(0)} ms)`);
  assert.deepEqual(errors, []);
  assert.deepEqual(dataRequests, [], 'the circle data set needs no data file');
  assert.ok(total < 300 * 1024, `transfer ${total} bytes`);
  assert.ok(stats.heapBytes < 16e6, `WASM memory ${stats.heapBytes} bytes, budget under 16 MB`);
  // Times are reported above, never asserted: they belong in the page benchmark (npm run bench).
  assert.ok(stats.firstTrainedFrameAt > 0, 'a trained frame was drawn');
  await page.close();
});

test('a data file is fetched when its data set is chosen, and only that one', async () => {
  const page = await env.browser.newPage();
  const dataRequests = [];
  page.on('request', (r) => { const m = /\/data\/([^/?]*\.csv)(\?|$)/.exec(r.url()); if (m) dataRequests.push(m[1]); });
  await page.goto(`${env.site.url}#dataset=circle`);
  await page.waitForFunction(() => window.backpropPlayground && !Number.isNaN(window.backpropPlayground.stats.firstFrameAt), null, { timeout: 90000 });
  assert.deepEqual(dataRequests, []);
  await page.click('.bp-tile[title="Iris"]');
  await page.waitForFunction(() => /4–8–3/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent), null, { timeout: 90000 });
  await page.waitForFunction(() => performance.now() - window.backpropPlayground.stats.readyAt > 3000, null, { timeout: 90000 });
  assert.deepEqual(dataRequests, ['iris.csv']);
  await page.close();
});

test('two links whose weights differ only in the middle start from their own weights', async () => {
  // circle, 2 features, one hidden layer of 3: 2*3 + 3 + 3*1 + 1 = 13 parameters.
  const base = Array.from({ length: 13 }, (_, i) => (i % 2 ? -1 : 1) * (0.25 + i / 16));
  const other = base.slice(); other[10] = 1.5;  // not among the first 8, not the last
  const enc = (a) => Buffer.from(new Float32Array(a).buffer).toString('base64url');
  const link = (a) => `#dataset=circle&networkShape=3&weights=${enc(a)}`;
  const { page, errors } = await openPage(env.browser, env.site.url, link(base));
  const params = () => page.evaluate(() => Array.from(window.backpropPlayground.getParameters()));
  assert.deepEqual(await params(), base);
  await page.evaluate((hash) => { window.location.hash = hash; }, link(other));
  await page.waitForFunction((v) => window.backpropPlayground.getParameters()[10] === v, other[10], { timeout: 60000 });
  assert.deepEqual(await params(), other);
  // Reset goes back to the second link's weights, not the first's.
  await page.evaluate(() => window.backpropPlayground.step());
  await page.waitForFunction(() => window.backpropPlayground.getParameters()[0] !== 0.25);
  await page.evaluate(() => window.backpropPlayground.reset());
  await page.waitForFunction((v) => JSON.stringify(Array.from(window.backpropPlayground.getParameters())) === JSON.stringify(v), other, { timeout: 60000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('play on the spiral: the epoch rises, the test loss falls, the heatmap changes', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=spiral&features=x1,x2,sinx1,sinx2&networkShape=8,8,5&learningRate=0.01&showTestData=true');
  await page.waitForFunction(() => Number.isFinite(Number(window.backpropPlayground.root.querySelector('.bp-metrics output').textContent)), null, { timeout: 90000 });
  const before0 = await metricsOf(page);
  const pixels0 = await heatmapPixels(page);
  // The worker paints the neuron thumbnails and the links (OffscreenCanvas): what shows on screen.
  // Clips: the thumbnail's top right (the bias square sits bottom left), and the strip between the
  // first two hidden layers (links only, no nodes).
  const a = await page.locator('.bp-thumb').nth(7).boundingBox();
  const b = await page.locator('.bp-thumb').nth(15).boundingBox();
  const pictures = () => Promise.all([
    page.screenshot({ clip: { x: a.x + a.width / 2, y: a.y, width: a.width / 2, height: a.height / 2 } }),
    page.screenshot({ clip: { x: a.x + a.width + 6, y: a.y, width: b.x - a.x - a.width - 12, height: 200 } }),
  ]);
  const [thumb0, links0] = await pictures();
  await page.click('.bp-play');
  // Responsiveness while training: the main thread's frame times.
  const frames = await page.evaluate(() => new Promise((done) => {
    const times = []; let last = performance.now();
    const tick = (t) => { times.push(t - last); last = t; if (times.length < 120) requestAnimationFrame(tick); else done(times); };
    requestAnimationFrame(tick);
  }));
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) >= 150, null, { timeout: 90000 });
  const epoch = await epochOf(page);
  const after1 = await metricsOf(page);
  const pixels1 = await heatmapPixels(page);
  const [thumb1, links1] = await pictures();
  await shot(page, 'spiral-trained', { fullPage: true });
  const sorted = frames.slice(1).sort((a, b) => a - b);
  console.log(`# spiral: epoch ${epoch}, test loss ${before0.testLoss} -> ${after1.testLoss}; main-thread frame p50 ${sorted[sorted.length >> 1].toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms`);
  assert.ok(epoch >= 150);
  assert.ok(after1.testLoss < before0.testLoss * 0.6, `test loss ${before0.testLoss} -> ${after1.testLoss}`);
  assert.notEqual(pixels0, pixels1, 'the heatmap canvas changed');
  assert.ok(!thumb0.equals(thumb1), 'the first hidden neuron\'s thumbnail changed on screen');
  assert.ok(!links0.equals(links1), 'the links changed on screen');
  assert.equal(frames.length, 120, 'the main thread kept drawing animation frames while training');
  assert.deepEqual(errors, []);
  await page.close();
});

test('adding a layer and a neuron rebuilds the network', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=xor');
  const note = () => page.locator('.bp-net-note').innerText();
  assert.match(await note(), /2–4–2–1 neurons/);
  await page.click('button[aria-label="Add a hidden layer"]');
  await page.waitForFunction(() => /2–4–2–2–1/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent));
  await page.click('button[aria-label="Add a neuron to layer 1"]');
  await page.waitForFunction(() => /2–5–2–2–1/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent));
  assert.match(await hashOf(page), /networkShape=5,2,2/);
  assert.equal(await page.locator('.bp-node').count(), 7 + 5 + 2 + 2 + 1);
  await page.click('button[aria-label="Remove a neuron from layer 2"]');
  await page.waitForFunction(() => /2–5–1–2–1/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent));
  await page.click('.bp-play');
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 5);
  await shot(page, 'layers-added');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a URL with state restores that state; a bad one says why and keeps the defaults', async () => {
  const hash = '#dataset=xor&noise=20&percTrainData=70&seed=7&features=x1,x2,x1x2&networkShape=6,3&activations=relu'
    + '&learningRate=0.1&regularization=l2&regularizationRate=0.001&optimizer=momentum&batchSize=20';
  const { page, errors } = await openPage(env.browser, env.site.url, hash);
  const root = page.locator('.bp-root');
  assert.equal(await root.locator('.bp-tile[aria-checked="true"]').getAttribute('title'), 'XOR');
  assert.match(await page.locator('.bp-net-note').innerText(), /3–6–3–1 neurons/);
  assert.equal(await root.locator('.bp-topbar select').nth(0).inputValue(), '0.1');
  assert.equal(await root.locator('.bp-topbar select').nth(1).inputValue(), 'relu');
  assert.equal(await root.locator('.bp-topbar select').nth(2).inputValue(), 'l2');
  assert.equal(await root.locator('.bp-training select').first().inputValue(), 'momentum');
  assert.match(await page.locator('.bp-seed').innerText(), /^7$/);
  assert.equal(await root.locator('.bp-banner').isHidden(), true);
  // Same link, same initial weights (the seed), on a second page.
  const w1 = await page.evaluate(() => Array.from(window.backpropPlayground.getParameters()));
  const second = await openPage(env.browser, env.site.url, hash);
  const w2 = await second.page.evaluate(() => Array.from(window.backpropPlayground.getParameters()));
  assert.deepEqual(w1, w2);
  await second.page.close();
  assert.deepEqual(errors, []);
  await page.close();

  const bad = await openPage(env.browser, env.site.url, '#learningRate=abc&networkShape=3,999&dataset=spiral&bogus=1');
  const banner = bad.page.locator('.bp-banner');
  await banner.waitFor();
  const text = await banner.innerText();
  assert.match(text, /learningRate: 'abc' is not a number; kept 0.03/);
  assert.match(text, /networkShape: entry 2: 999 is outside \[1, 128\]/);
  assert.match(text, /Unknown setting 'bogus'/);
  assert.match(await bad.page.locator('.bp-net-note').innerText(), /2–4–2–1 neurons/);
  await shot(bad.page, 'bad-link');
  await bad.page.close();
});

test('an edited weight goes into the link and comes back from it', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=circle&networkShape=3');
  const link = page.locator('.bp-link-hit').first();
  await link.hover({ force: true });
  await page.locator('.bp-card').waitFor();
  assert.match(await page.locator('.bp-card').innerText(), /Weight X₁ → L1 n1/);
  await shot(page, 'weight-card', { clip: { x: 250, y: 250, width: 700, height: 400 } });
  await link.click({ force: true });
  const input = page.locator('.bp-card input');
  await input.fill('2.5');
  await input.press('Enter');
  await page.waitForFunction(() => /weights=/.test(window.location.hash));
  const params = await page.evaluate(() => Array.from(window.backpropPlayground.getParameters()));
  assert.equal(params[0], 2.5);
  // The output neuron's bias is editable too (last parameter).
  await page.locator('.bp-node-out .bp-bias').click();
  await page.locator('.bp-card input').fill('-0.75');
  await page.locator('.bp-card input').press('Enter');
  await page.waitForFunction(() => window.backpropPlayground.getParameters().at(-1) === -0.75);
  await page.waitForFunction(() => window.backpropPlayground.getState().weights?.at(-1) === -0.75 && window.location.hash.includes('weights='));
  const url = await page.evaluate(() => window.location.href);
  const again = await openPage(env.browser, url, '');
  const restored = await again.page.evaluate(() => Array.from(window.backpropPlayground.getParameters()));
  assert.equal(restored[0], 2.5);
  assert.equal(restored.at(-1), -0.75);
  await again.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('digits: the preset network reaches the stated accuracy (>= 93% test after 30 epochs)', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=circle');
  await page.click('.bp-tile[title="Digits"]');
  await page.waitForFunction(() => /64–32–16–10/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent));
  assert.match(await page.locator('.bp-credit').innerText(), /Alpaydin.*CC BY 4.0/);
  await page.getByLabel('Stop at epoch').fill('30');
  await page.getByLabel('Stop at epoch').press('Tab');
  await page.click('.bp-play');
  await page.waitForFunction(() => window.backpropPlayground.root.dataset.playing === 'false' && Number(window.backpropPlayground.root.dataset.epoch) >= 30, null, { timeout: 90000 });
  await page.waitForFunction(() => /%$/.test(window.backpropPlayground.root.querySelectorAll('.bp-metrics output')[2].textContent)
    && /accuracy \d+\.\d%/.test(window.backpropPlayground.root.querySelector('.bp-confusion-title').textContent), null, { timeout: 90000 });
  const m = await metricsOf(page);
  const accuracy = parseFloat(m.metric);
  console.log(`# digits: test accuracy ${m.metric} after epoch ${await epochOf(page)}, test loss ${m.testLoss}`);
  assert.ok(accuracy >= 93, `test accuracy ${m.metric}`);
  assert.equal(await page.locator('.bp-digit').count(), 40);
  assert.match(await page.locator('.bp-confusion-title').innerText(), /accuracy \d+\.\d%/);
  await shot(page, 'digits', { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a bad CSV shows an error and the previous data remain', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=circle');
  const good = ['x,y,label', ...Array.from({ length: 60 }, (_, i) => {
    const k = i % 3; const a = (i / 60) * 6.28;
    return `${(k * 2 + Math.cos(a) * 0.5).toFixed(3)},${(k - 1 + Math.sin(a) * 0.5).toFixed(3)},${k}`;
  })].join('\n');
  const file = page.locator('input[type="file"]');
  await file.setInputFiles({ name: 'three-blobs.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.waitForFunction(() => /three-blobs\.csv: 60 rows, 2 features, 3 classes/.test(window.backpropPlayground.root.querySelector('.bp-csv').textContent));
  await page.waitForFunction(() => /2–16–8–3/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent));
  await page.click('.bp-play');
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 20);
  await page.click('.bp-play');
  await file.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,0\n3,oops,1\n4,5,1\n') });
  const error = page.locator('.bp-csv .bp-error');
  await error.waitFor();
  const text = await error.innerText();
  console.log(`# bad csv: ${text}`);
  assert.match(text, /previous data are kept/);
  assert.match(text, /line 3/);
  assert.match(await page.locator('.bp-net-note').innerText(), /2–16–8–3/);
  assert.equal(await page.evaluate(() => window.backpropPlayground.getState().dataset), 'csv');
  assert.match(await page.locator('.bp-csv').innerText(), /three-blobs\.csv/);
  await shot(page, 'bad-csv', { fullPage: true });
  // Over the size limit: the engine's message, the data still there.
  const big = Buffer.alloc(33 * 1024 * 1024, '1,2,0\n');
  await file.setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: big });
  await page.waitForFunction(() => /MB|bytes|large|limit/i.test(window.backpropPlayground.root.querySelector('.bp-csv .bp-error').textContent)
    && !/line 3/.test(window.backpropPlayground.root.querySelector('.bp-csv .bp-error').textContent), null, { timeout: 90000 });
  console.log(`# huge csv: ${await error.innerText()}`);
  assert.equal(await page.evaluate(() => window.backpropPlayground.getState().dataset), 'csv');
  assert.match(await page.locator('.bp-net-note').innerText(), /2–16–8–3/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a diverging learning rate shows the NaN message, and recovery works', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=reg-plane&activations=relu&networkShape=8,8&learningRate=10');
  await page.click('.bp-play');
  const banner = page.locator('.bp-banner-divergence');
  await banner.waitFor({ timeout: 90000 });
  const text = await banner.innerText();
  assert.match(text, /diverged/i);
  assert.match(text, /NaN/);
  await shot(page, 'diverged', { fullPage: true });
  assert.equal(await page.evaluate(() => window.backpropPlayground.root.dataset.playing), 'false');
  const params = await page.evaluate(() => Array.from(window.backpropPlayground.getParameters()));
  assert.ok(params.every(Number.isFinite), 'the last good weights are finite');
  await page.click('text=…and use learning rate 1');
  await banner.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => window.backpropPlayground.getState().learningRate), 1);
  // Back to the last good weights, then train on with a sane rate.
  await page.selectOption('.bp-topbar select >> nth=0', '0.01');
  const epoch0 = await epochOf(page);
  await page.click('.bp-play');
  await page.waitForFunction((e) => Number(window.backpropPlayground.root.dataset.epoch) > e + 20, epoch0, { timeout: 90000 });
  assert.equal(await page.locator('.bp-banner-divergence').count() && await banner.isVisible(), false);
  const m = await metricsOf(page);
  assert.ok(Number.isFinite(m.testLoss), `test loss ${m.testLoss}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard shortcuts, drawn points, gradient check and export', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=custom');
  // Draw: clicks add blue points, shift-clicks orange ones.
  const plot = page.locator('.bp-points');
  const box = await plot.boundingBox();
  const at = (fx, fy) => ({ x: box.width * fx, y: box.height * fy });
  for (const [fx, fy] of [[0.3, 0.3], [0.35, 0.25], [0.25, 0.35], [0.3, 0.4]]) await plot.click({ position: at(fx, fy) });
  for (const [fx, fy] of [[0.7, 0.7], [0.75, 0.65], [0.65, 0.75], [0.7, 0.6]]) await plot.click({ position: at(fx, fy), modifiers: ['Shift'] });
  await page.waitForFunction(() => window.backpropPlayground.getState().points?.labels.length === 8);
  assert.match(await hashOf(page), /dataset=custom&.*points=/);
  // Keyboard: focus inside the playground, P plays, P pauses, S steps, R resets.
  await page.waitForFunction(() => window.backpropPlayground.stats.pending === 0);
  const initial = await page.evaluate(() => Array.from(window.backpropPlayground.getParameters()));
  await page.focus('.bp-root');
  await page.keyboard.press('p');
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 10);
  await page.keyboard.press('p');
  await page.waitForFunction(() => window.backpropPlayground.root.dataset.playing === 'false');
  await shot(page, 'custom-points');
  await page.keyboard.press('r');
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) === 0);
  assert.deepEqual(await page.evaluate(() => Array.from(window.backpropPlayground.getParameters())), initial, 'reset restores the same initial weights');
  await page.keyboard.press('s');
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) >= 1);
  // Gradient check in the worker.
  await page.click('.bp-math summary');
  await page.click('text=Check gradients');
  await page.waitForFunction(() => /agree|disagree/.test(window.backpropPlayground.root.querySelector('.bp-check-result').textContent));
  const check = await page.locator('.bp-check-result').innerText();
  console.log(`# gradient check: ${check}`);
  assert.match(check, /Gradients agree/);
  await page.locator('.bp-math').screenshot({ path: 'tests/e2e/screenshots/math.png' });
  // Export: model JSON and PNG downloads.
  const [model] = await Promise.all([page.waitForEvent('download'), page.click('text=Model JSON')]);
  const json = JSON.parse(await (await import('node:fs/promises')).readFile(await model.path(), 'utf8'));
  assert.ok(json && typeof json === 'object');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('button:text-is("PNG")')]);
  assert.equal(png.suggestedFilename(), 'backprop-playground.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('every control is reachable and has a name for screen readers', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=circle');
  const unnamed = await page.evaluate(() => {
    const root = window.backpropPlayground.root;
    const named = (el) => el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.closest('label')
      || (el.id && root.querySelector(`label[for="${el.id}"]`)) || (el.tagName !== 'INPUT' && el.tagName !== 'SELECT' && el.textContent.trim());
    return [...root.querySelectorAll('button, input, select, summary, [tabindex="0"]')]
      .filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 120));
  });
  assert.deepEqual(unnamed, []);
  // Tab reaches the run buttons and the selects of the top bar.
  await page.focus('.bp-root');
  const reached = new Set();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement.getAttribute('aria-label') || document.activeElement.closest('label')?.textContent.trim()));
  }
  for (const name of ['Reset to the initial weights (R)', 'Play (space)', 'Step: train one frame (S or →)']) assert.ok(reached.has(name), name);
  assert.deepEqual(errors, []);
  await page.close();
});

test('phone-sized viewport: stacked, no horizontal scrolling, touch-sized controls', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=spiral', { viewport: { width: 390, height: 844 } });
  await page.click('.bp-play');
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 30);
  await page.click('.bp-play');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const small = await page.evaluate(() => [...window.backpropPlayground.root.querySelectorAll('.bp-topbar button, .bp-neuron-ctl button, .bp-layers-ctl button')]
    .map((b) => b.getBoundingClientRect()).filter((r) => r.width < 32 || r.height < 32).length);
  assert.equal(small, 0, 'buttons are at least 32 px on a phone');
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  await shot(page, 'phone', { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('phone-sized viewport: the network diagram fits its panel, or the panel scrolls to the output column', async () => {
  const outputInPanel = (page) => page.evaluate(() => {
    const root = window.backpropPlayground.root;
    const panel = root.querySelector('.bp-network').getBoundingClientRect();
    const out = root.querySelector('.bp-node-out').getBoundingClientRect();
    return out.left >= panel.left && out.right <= panel.right && out.width > 0;
  });
  const scrollable = (page) => page.evaluate(() => {
    const panel = window.backpropPlayground.root.querySelector('.bp-network');
    return { overflow: getComputedStyle(panel).overflowX, scrollWidth: panel.scrollWidth, clientWidth: panel.clientWidth };
  });
  const viewport = { width: 390, height: 844 };
  // The default network fits.
  const small = await openPage(env.browser, env.site.url, '#dataset=circle', { viewport });
  assert.equal(await outputInPanel(small.page), true, 'the output column of 2-4-2-1 is inside the panel');
  await small.page.locator('.bp-network').screenshot({ path: 'tests/e2e/screenshots/phone-network.png' });
  assert.deepEqual(small.errors, []);
  await small.page.close();
  // A deeper one fits, or its panel scrolls sideways to the output column.
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=spiral&features=x1,x2,sinx1,sinx2&networkShape=8,8,5', { viewport });
  if (!(await outputInPanel(page))) {
    const s = await scrollable(page);
    assert.ok(['auto', 'scroll'].includes(s.overflow) && s.scrollWidth > s.clientWidth, `the panel does not scroll: ${JSON.stringify(s)}`);
    await page.evaluate(() => { const p = window.backpropPlayground.root.querySelector('.bp-network'); p.scrollLeft = p.scrollWidth; });
    assert.equal(await outputInPanel(page), true, 'scrolled, the output column is inside the panel');
  }
  await page.locator('.bp-network').screenshot({ path: 'tests/e2e/screenshots/phone-network-deep.png' });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, 'the page itself does not scroll sideways');
  assert.deepEqual(errors, []);
  await page.close();
});

test('hovering a neuron shows its heatmap in the main plot; iris shows a projection', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=circle&networkShape=4');
  await page.click('.bp-play');
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 40);
  await page.click('.bp-play');
  const output = await heatmapPixels(page);
  await page.hover('[aria-label^="Layer 1 neuron 2"]');
  await page.waitForFunction(() => /Showing layer 1 neuron 2/i.test(window.backpropPlayground.root.querySelector('.bp-plot-caption').textContent));
  await page.waitForFunction((before) => window.backpropPlayground.root.querySelector('.bp-heat').toDataURL() !== before, output, { timeout: 90000 });
  assert.notEqual(await heatmapPixels(page), output, 'the plot shows the neuron');
  await shot(page, 'neuron-hover');
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => window.backpropPlayground.root.querySelector('.bp-plot-caption').hidden);
  await page.click('.bp-tile[title="Iris"]');
  await page.waitForFunction(() => /4–8–3/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent));
  // The projection view loads with the first data set that is not 2-D (playground.js DATA_VIEWS).
  await page.locator('.bp-proj').waitFor({ state: 'visible', timeout: 90000 });
  assert.equal(await page.locator('.bp-heat').isVisible(), false, 'the 2-D plot is hidden');
  await page.click('.bp-play');
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 60);
  await page.click('.bp-play');
  await page.waitForFunction(() => window.backpropPlayground.root.dataset.playing === 'false');
  await shot(page, 'iris', { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('two playgrounds on one page train independently; keyboard stays inside each', async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.site.url}two.html`);
  // The second is a <backprop-playground> element: its playground lives in its shadow root and
  // starts when it nears the viewport.
  await page.locator('backprop-playground').scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    window.bpRoots = () => [...document.querySelectorAll('.bp-root'),
      ...[...document.querySelectorAll('backprop-playground')].map((e) => e.shadowRoot.querySelector('.bp-root')).filter(Boolean)];
  });
  const roots = page.locator('.bp-root');  // Playwright's CSS locators pierce open shadow roots
  await page.waitForFunction(() => window.bpRoots().length === 2
    && window.bpRoots().every((r) => /neurons/.test(r.querySelector('.bp-net-note').textContent)), null, { timeout: 90000 });
  assert.match(await roots.nth(0).locator('.bp-net-note').innerText(), /2–4–1/);
  assert.match(await roots.nth(1).locator('.bp-net-note').innerText(), /4–8–8–1/);
  await roots.nth(1).focus();
  await page.keyboard.press('p');
  await page.waitForFunction(() => Number(window.bpRoots()[1].dataset.epoch) > 20);
  assert.equal(await roots.nth(0).getAttribute('data-epoch'), '0');
  await page.keyboard.press('p');
  await roots.nth(0).locator('.bp-play').click();
  await page.waitForFunction(() => Number(window.bpRoots()[0].dataset.epoch) > 20);
  await roots.nth(0).locator('.bp-play').click();
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length, 'no duplicate ids');
  await shot(page, 'embed', { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('works from a sub-path and offline once loaded', async () => {
  const { mkdtempSync, symlinkSync, mkdirSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { serveStatic } = await import('../../scripts/serve.mjs');
  const { root } = await import('./harness.mjs');
  const top = mkdtempSync(join(tmpdir(), 'bp-subpath-'));
  mkdirSync(join(top, 'some', 'sub'), { recursive: true });
  symlinkSync(join(root, 'dist'), join(top, 'some', 'sub', 'path'));
  const site = await serveStatic(top, 0);
  try {
    const { page, errors } = await openPage(env.browser, `${site.url}some/sub/path/`, '#dataset=gaussian');
    const note = () => page.evaluate(() => window.backpropPlayground.root.querySelector('.bp-net-note').textContent);
    // A data file chosen once is kept: Wine works again offline.
    await page.click('.bp-tile[title="Wine"]');
    await page.waitForFunction(() => /13–8–3/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent), null, { timeout: 90000 });
    await page.click('.bp-tile[title="Gaussian"]');
    await page.waitForFunction(() => /2–4–2–\d neurons/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent), null, { timeout: 90000 });
    await env.browser.setOffline(true);
    await page.click('.bp-tile[title="Wine"]');
    await page.waitForFunction(() => /13–8–3/.test(window.backpropPlayground.root.querySelector('.bp-net-note').textContent), null, { timeout: 90000 });
    await page.click('.bp-play');
    await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) > 10);
    await page.click('.bp-play');
    await page.waitForFunction(() => window.backpropPlayground.root.dataset.playing === 'false');
    // One never fetched: a clear message, and the previous settings stay.
    await page.click('.bp-tile[title="Iris"]');
    const banner = page.locator('.bp-banner');
    await banner.waitFor({ timeout: 90000 });
    const text = await banner.innerText();
    console.log(`# offline iris: ${text.replace(/\s+/g, ' ')}`);
    assert.match(text, /could not download the Iris data \(iris\.csv\)/);
    assert.match(text, /offline/i);
    await page.waitForFunction(() => window.backpropPlayground.getState().dataset === 'wine' && window.backpropPlayground.stats.pending === 0);
    assert.match(await note(), /13–8–3/);
    await shot(page, 'offline-iris');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await env.browser.setOffline(false);
    await site.close();
    rmSync(top, { recursive: true, force: true });
  }
});
