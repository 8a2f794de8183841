// The math panel (issue 13) in Debian's Chromium: it loads (with KaTeX's fonts) only when opened;
// clicking a neuron and a weight shows the numbers of the engine's traceSample, finiteDifference
// and pendingUpdate (the worker's answer the panel received) to the digits shown; the step-through
// walks the equations in order with the arrow keys and writes step= into the URL; a URL with
// sample= and step= opens the panel there. Screenshot: tests/e2e/screenshots/math-panel.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, openPage, shot } from './harness.mjs';
import { fmt } from '../../web/src/mathFormat.js';

let env;
before(async () => { env = await startAll(); });
after(async () => { await env?.close(); });

const WAIT = { timeout: 90000 };
const text = (page, q) => page.locator(`.bp-math [data-q="${q}"]`).first().textContent();
// The trace message the panel shows, once it is the answer to the latest request.
const lastTrace = (page) => page.evaluate(() => {
  const live = document.querySelector('.bp-math').bpMath.live;
  const m = live?.msg;
  return m && !live.inFlight ? JSON.parse(JSON.stringify({
    sample: m.sample, parameter: m.parameter, params: [...m.params],
    trace: { layers: m.trace.layers.map((l) => ({ z: [...l.z], delta: [...l.delta], dCda: [...l.dCda], sigmaPrime: [...l.sigmaPrime] })), a: m.trace.a.map((a) => [...a]), gradient: [...m.trace.gradient], cost: m.trace.cost },
    fd: m.fd, pending: m.pending && { ...m.pending, batch: [...m.pending.batch] },
  })) : null;
});

test('the panel loads with its fonts only when opened, and shows the engine\'s numbers', async () => {
  const requests = [];
  const page = await env.browser.newPage();
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${env.site.url}#dataset=circle`);
  await page.waitForFunction(() => window.backpropPlayground && !Number.isNaN(window.backpropPlayground.stats.firstFrameAt), null, WAIT);
  await page.evaluate(() => window.backpropPlayground.step(30));
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) >= 1, null, WAIT);
  const katex = (list) => list.filter((u) => /KaTeX_|katex|mathLive/i.test(u));
  assert.deepEqual(katex(requests), [], 'nothing of the math panel before it opens');

  await page.click('.bp-math summary');
  await page.waitForFunction(() => document.querySelector('.bp-math').bpMath.live?.msg?.trace, null, WAIT);
  await page.waitForFunction(() => document.fonts.status === 'loaded', null, WAIT);
  const after = katex(requests);
  assert.ok(after.some((u) => /mathLive/.test(u)), `the panel's module loads on open: ${after}`);
  assert.ok(after.some((u) => /KaTeX_.*\.woff2/.test(u)), `KaTeX fonts load on open: ${after}`);
  assert.ok(after.filter((u) => /KaTeX_/.test(u)).every((u) => /\.woff2/.test(u)), 'only woff2, only the faces used');
  console.log(`# math panel: ${after.length} requests on open (${after.filter((u) => /KaTeX_/.test(u)).length} fonts)`);

  // A neuron: level 2, neuron 2 (diagram column 1).
  await page.locator('.bp-node[data-level="1"][data-neuron="1"] canvas').click();
  await page.waitForFunction(() => /Neuron 2 of level 2/.test(document.querySelector('.bp-math').bpMath.live.pickInfo.textContent), null, WAIT);
  await page.waitForFunction(() => { const l = document.querySelector('.bp-math').bpMath.live; return !l.inFlight && l.msg.id === l.id; }, null, WAIT);
  let m = await lastTrace(page);
  assert.equal(await text(page, 'z'), fmt(m.trace.layers[0].z[1]));
  assert.equal(await text(page, 'a'), fmt(m.trace.a[1][1]));
  assert.equal(await text(page, 'sp'), fmt(m.trace.layers[0].sigmaPrime[1]));
  assert.equal(await text(page, 'dCda'), fmt(m.trace.layers[0].dCda[1]));
  assert.equal(await text(page, 'delta'), fmt(m.trace.layers[0].delta[1]));
  assert.match(await text(page, 'delta-inst'), /^δ¹₂ = \(.*\) · /, 'the recursion, instantiated');
  // Each term of the recursion links to where it came from: hovering δ³₁ w³₁₂ (the first term)
  // highlights neuron 1 of level 3 (diagram column 2) and that weight (W^2 row 0 column 1 = 14).
  const term = page.locator('.bp-math [data-q="delta-inst"] .bp-math-term').first();
  const paren = (x) => (x < 0 ? `(${fmt(x)})` : fmt(x));
  assert.equal(await term.textContent(), `${paren(m.trace.layers[1].delta[0])}·${paren(m.params[14])}`);
  await term.hover();
  const lit = () => page.evaluate(() => ({
    nodes: [...document.querySelectorAll('.bp-node.bp-hl')].map((e) => `${e.dataset.level}:${e.dataset.neuron}`),
    links: [...document.querySelectorAll('.bp-link-hit.bp-hl')].map((e) => Number(e.dataset.parameter)),
  }));
  assert.deepEqual(await lit(), { nodes: ['2:0'], links: [14] });
  await page.mouse.move(2, 2);
  assert.deepEqual((await lit()).nodes, ['1:1'], 'leaving the term shows the picked neuron again');

  // A weight: the link into level 3 neuron 1 from level 2 neuron 2 (W^2, row 0, column 1).
  const parameter = await page.evaluate(() => {
    const net = document.querySelector('.bp-math').bpMath.live.host.net(); // layers [2, 4, 2, 1]
    return net.layers[0] * net.layers[1] + net.layers[1] + 1 * net.layers[2] + 0;
  });
  await page.locator(`.bp-link-hit[data-parameter="${parameter}"]`).click();
  await page.keyboard.press('Escape');
  await page.waitForFunction((p) => { const l = document.querySelector('.bp-math').bpMath.live; return l.msg.parameter === p && !l.inFlight && l.msg.id === l.id; }, parameter, WAIT);
  m = await lastTrace(page);
  assert.equal(m.parameter, parameter);
  assert.equal(await text(page, 'grad'), fmt(m.trace.gradient[parameter]));
  assert.equal(await text(page, 'fd'), fmt(m.fd.value));
  const g = m.trace.gradient[parameter];
  assert.ok(Math.abs(g - m.fd.value) <= 2e-3 * Math.max(Math.abs(g), 1e-2), `FD ${m.fd.value} vs backprop ${g}`);
  assert.equal(await text(page, 'batch'), fmt(m.pending.gradient));
  assert.equal(await text(page, 'update'), fmt(m.pending.update));
  assert.match(await text(page, 'update-inst'), new RegExp(`→ ${fmt(m.pending.next).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(await text(page, 'batch-inst'), /mean over the 10 samples of the next batch/);

  // Step-through with the keyboard: the equations in order, step= in the URL.
  await page.focus('.bp-math-stepper');
  const titles = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => window.location.hash.includes(`step=${n}`), i, WAIT);
    titles.push(await text(page, 'step-title'));
  }
  // 2-4-2-1: z¹ a², z² a³, z³ a⁴, cost, δ³, δ², δ¹, gradients, update, new loss
  assert.deepEqual(titles.map((t) => t.split(':')[0]), [
    'Forward, layer 1', 'Forward, layer 1', 'Forward, layer 2', 'Forward, layer 2', 'Forward, layer 3', 'Forward, layer 3',
    'The cost of this sample', 'Backward', 'Backward pass at layer 2', 'Backward pass at layer 1',
    'Gradients ∂C/∂b = δ, ∂C/∂w = δ aᵀ', 'The update of the picked parameter']);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => window.location.hash.includes('step=10'), null, WAIT);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => window.location.hash.includes('step=9'), null, WAIT);
  assert.equal(await text(page, 'step-title'), 'Backward pass at layer 1: δ¹ by the recursion');
  // The erratum toggle at the recursion: the seed's delta beside backprop's, training untouched.
  const before = await page.evaluate(() => Array.from(window.backpropPlayground.getParameters()));
  await page.locator('.bp-math-erratum').check();
  await page.waitForFunction(() => /seed: /.test(document.querySelector('.bp-math [data-q="step-lines"]').textContent), null, WAIT);
  assert.deepEqual(await page.evaluate(() => Array.from(window.backpropPlayground.getParameters())), before, 'the toggle never touches training');
  await page.locator('.bp-math').scrollIntoViewIfNeeded();
  await page.locator('.bp-math').screenshot({ path: 'tests/e2e/screenshots/math-panel.png' });
  await page.focus('.bp-math-stepper');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /after the next step = /.test(document.querySelector('.bp-math [data-q="step-lines"]').textContent), null, WAIT);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a URL with sample= and step= opens the panel there', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=circle&sample=7&step=8');
  await page.waitForFunction(() => document.querySelector('.bp-math').bpMath.live?.msg?.trace, null, WAIT);
  assert.equal(await page.evaluate(() => document.querySelector('.bp-math').open), true);
  assert.equal(await page.evaluate(() => document.querySelector('.bp-math').bpMath.live.msg.sample), 7);
  assert.equal(await page.locator('.bp-math-sample').getAttribute('data-sample'), '7');
  assert.equal(await text(page, 'step-title'), 'Backward pass at layer 2: δ² by the recursion');
  assert.match(await text(page, 'step'), /^9 \/ 13$/);
  assert.equal(await page.evaluate(() => window.backpropPlayground.getState().sample), 7);
  await shot(page, 'math-url');
  assert.deepEqual(errors, []);
  await page.close();
});
