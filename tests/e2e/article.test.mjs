// The example article (web/article.html) as the component's integration test, in headless Chromium
// through playwright-core: it loads with no console error or page error; it holds at least four
// <backprop-playground> embeds; each one starts lazily when scrolled into view and trains (epoch > 0
// through the element API); each shows exactly the controls and views its attributes ask for; the
// whole page compiles the .wasm from one request; the erratum table and the engine's gradient check
// say what the text says; every link resolves. Screenshot: tests/e2e/screenshots/article.png.
// No assertion on time: waits are generous (90 s), nothing is timed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, shot } from './harness.mjs';

let env;
before(async () => { env = await startAll(); });
after(async () => { await env?.close(); });

const WAIT = { timeout: 90000 };

// The presets of docs (notes/embed-api.md): controls="none|minimal|standard|full".
const MINIMAL = ['play', 'step', 'reset'];
const PRESETS = {
  none: [],
  minimal: MINIMAL,
  standard: [...MINIMAL, 'learning-rate', 'activation', 'regularization', 'regularization-rate', 'problem', 'dataset',
    'noise', 'perc-train-data', 'features', 'network-shape', 'batch-size', 'show-test-data', 'discretize'],
};
const VIEWS = ['network', 'output', 'loss', 'data', 'metrics', 'math'];
const expand = (text, presets) => [...new Set(String(text).split(',').map((s) => s.trim()).filter(Boolean)
  .flatMap((id) => presets[id] ?? [id]))].sort();

// What the article sets up, paragraph by paragraph (the page is checked against this too, so an
// embed that loses its set-up fails here).
const ARTICLE = {
  'pg-neuron': { controls: ['play', 'step', 'reset', 'learning-rate'], views: ['network', 'output', 'metrics'] },
  'pg-xor': { controls: ['play', 'step', 'reset', 'network-shape'], views: ['network', 'output', 'metrics'] },
  'pg-spiral': { controls: ['play', 'step', 'reset', 'features', 'learning-rate'], views: ['network', 'output', 'loss'] },
  'pg-erratum': { controls: ['play', 'step', 'reset'], views: ['network', 'math'] },
};

/** Visible control ids and view parts inside one embed's shadow root. */
const shownIn = (page, id) => page.evaluate(({ id, views }) => {
  const root = document.getElementById(id).shadowRoot;
  if (!root) return null;
  const visible = (e) => e.checkVisibility({ visibilityProperty: true }) && e.getClientRects().length > 0;
  const controls = new Set([...root.querySelectorAll('[data-control]')].filter(visible).map((e) => e.dataset.control));
  // The features control is the diagram's input column itself: all seven features offered (the
  // unused ones greyed) instead of only the ones in use.
  const featureNodes = [...root.querySelectorAll('button.bp-node[aria-label^="Feature "]')].filter(visible);
  if (featureNodes.length === 7) controls.add('features');
  const shownViews = views.filter((v) => [...root.querySelectorAll(`[part~="${v}"]`)].some(visible)).sort();
  return { controls: [...controls].sort(), views: shownViews };
}, { id, views: VIEWS });

test('the article loads cleanly and every embed trains, showing only what its paragraph needs', async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const wasmRequests = [];
  page.on('request', (r) => { if (/\.wasm(\?|$)/.test(r.url())) wasmRequests.push(r.url()); });
  let workers = 0;
  page.on('worker', () => { workers++; });

  await page.goto(`${env.site.url}article.html`);
  await page.waitForFunction(() => customElements.get('backprop-playground') !== undefined, null, WAIT);
  const embeds = await page.evaluate(() => [...document.querySelectorAll('backprop-playground')].map((e) => ({
    id: e.id, controls: e.getAttribute('controls'), views: e.getAttribute('views'),
  })));
  assert.ok(embeds.length >= 4, `the article has ${embeds.length} embeds; at least four`);
  assert.deepEqual(embeds.map((e) => e.id).sort(), Object.keys(ARTICLE).sort());
  for (const e of embeds) {
    assert.deepEqual(expand(e.controls, PRESETS), [...ARTICLE[e.id].controls].sort(), `${e.id}: controls attribute`);
    assert.deepEqual(expand(e.views, {}), [...ARTICLE[e.id].views].sort(), `${e.id}: views attribute`);
  }
  // Lazy start: at the top of the page, the embeds far below have started no worker yet.
  assert.ok(workers < embeds.length, `${workers} workers started before scrolling; ${embeds.length} embeds`);

  await page.evaluate((ids) => {
    window.articleTest = { epochs: {}, ready: {} };
    for (const id of ids) {
      const el = document.getElementById(id);
      el.addEventListener('epoch', (ev) => { window.articleTest.epochs[id] = ev.detail?.epoch ?? 0; });
      Promise.resolve(el.ready).then(() => { window.articleTest.ready[id] = true; });
    }
  }, embeds.map((e) => e.id));

  for (const { id } of embeds) {
    const el = page.locator(`#${id}`);
    await el.scrollIntoViewIfNeeded();
    await page.waitForFunction((id) => window.articleTest.ready[id] === true, id, WAIT);
    await page.evaluate((id) => document.getElementById(id).play(), id);
    await page.waitForFunction((id) => {
      const el = document.getElementById(id);
      return (el.metrics?.epoch ?? 0) > 0 || (window.articleTest.epochs[id] ?? 0) > 0;
    }, id, WAIT);
    const metrics = await page.evaluate((id) => document.getElementById(id).metrics, id);
    assert.ok(metrics && metrics.epoch > 0 && Number.isFinite(metrics.trainLoss), `${id} trains: ${JSON.stringify(metrics)}`);
    await page.evaluate((id) => document.getElementById(id).pause(), id);

    const shown = await shownIn(page, id);
    assert.ok(shown, `${id} has an open shadow root`);
    assert.deepEqual(shown.views, [...ARTICLE[id].views].sort(), `${id}: visible views`);
    assert.deepEqual(shown.controls, [...ARTICLE[id].controls].sort(), `${id}: visible controls`);
  }
  assert.equal(workers, embeds.length, 'one worker per embed once all were seen');
  assert.equal(wasmRequests.length, 1, `one .wasm request for the whole article: ${wasmRequests.join(', ')}`);

  // The erratum, made visible: the page's own table (plain JS) ...
  await page.waitForFunction(() => document.getElementById('erratum-table').dataset.ready === 'true', null, WAIT);
  const table = await page.$$eval('#erratum-table tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
  assert.equal(table.length, 3);
  for (const row of table) assert.match(row[2], /✓$/, `corrected recursion agrees: ${row}`);
  for (const row of table.slice(0, -1)) assert.match(row[3], /✗$/, `the seed's recursion fails below the last layer: ${row}`);
  assert.match(table.at(-1)[3], /✓$/, 'the last layer needs no recursion');
  // ... and the engine's gradient check in the math view of the last embed.
  const erratum = page.locator('#pg-erratum');
  await erratum.scrollIntoViewIfNeeded();
  const summary = erratum.locator('details.bp-math > summary');
  if (await summary.count() && !(await erratum.locator('details.bp-math').evaluate((d) => d.open))) await summary.click();
  await erratum.getByRole('button', { name: 'Check gradients' }).click();
  await page.waitForFunction(() => /Gradients (agree|disagree)/.test(document.getElementById('pg-erratum').shadowRoot
    ?.querySelector('.bp-check-result')?.textContent ?? ''), null, WAIT);
  const verdict = await erratum.locator('.bp-check-result').textContent();
  assert.match(verdict, /✓ Gradients agree/, verdict);

  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'article', { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the article's links resolve, and the playground links to the article", async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.site.url}article.html`);
  const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  const site = new URL(env.site.url);
  const local = [...new Set(links.filter((h) => new URL(h).origin === site.origin).map((h) => h.split('#')[0]))];
  const external = links.filter((h) => new URL(h).origin !== site.origin);
  assert.ok(local.some((h) => /\/index\.html$/.test(h)), 'the article links back to the playground');
  for (const url of local) {
    const r = await page.request.get(url);
    assert.equal(r.status(), 200, `${url} resolves`);
  }
  // Outside links are not fetched (the test runs offline); they must at least be https.
  for (const url of external) assert.match(url, /^https:\/\//, url);

  const index = await page.request.get(`${env.site.url}index.html`);
  assert.equal(index.status(), 200);
  assert.match(await index.text(), /href="\.\/article\.html"/, "the playground's header links the article");
  await page.close();
});
