// <backprop-playground> attributes, API and events on plain pages (dist/component/, headless
// Chromium): attributes and locked controls are respected, a changed attribute applies, a bad one
// shows its message, views="network,output" fits 640×400, ::part() and custom properties style it,
// and the element's API (step(n), state, metrics, getData, events) works. Nothing here is timed:
// every wait is for a state, with a 90 s timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ensureComponentBuilt, serveLogged, pagesFolder, launch, openRecorded, allReady, epochAbove, WAIT,
  componentPage,
} from './component-harness.mjs';
import { screenshotDir } from './harness.mjs';

const page = componentPage;

const PAGES = {
  'attrs.html': page(`<backprop-playground id="a" dataset="xor" network-shape="3" learning-rate="0.1" batch-size="5"
    controls="play,step,reset,learning-rate,dataset,noise" locked="learning-rate" views="network,output,loss,data"></backprop-playground>`),
  'bad.html': page(`<backprop-playground id="a" noise="99" optimizer="newton" views="network,chart" controls="minimal"></backprop-playground>`),
  'fit.html': page(`<div style="width: 640px"><backprop-playground id="a" views="network,output" controls="minimal"></backprop-playground></div>`,
    '<style>body { margin: 0; font-family: Georgia, serif; }</style>'),
  'styled.html': page(`<backprop-playground id="a" controls="minimal" views="network,output"></backprop-playground>`,
    `<style>
      body { font-family: Georgia, serif; }
      backprop-playground { --bp-accent: rgb(200, 0, 0); }
      backprop-playground::part(topbar) { background: rgb(1, 2, 3); }
    </style>`),
  'api.html': page(`<backprop-playground id="a" dataset="spiral" network-shape="6" controls="minimal" views="network,output"></backprop-playground>`),
  'diverge.html': page(`<backprop-playground id="a" dataset="reg-plane" activations="relu" network-shape="8,8" learning-rate="10" controls="minimal" views="output"></backprop-playground>`),
  'away.html': page(`<backprop-playground id="a" dataset="circle" controls="minimal" views="output" height="300px"></backprop-playground>
    <div style="height: 8000px"></div><p id="end">end</p>`),
  'autoplay.html': page(`<backprop-playground id="a" dataset="circle" autoplay stop-at-epoch="30" controls="minimal" views="output"></backprop-playground>`),
};

let site; let browser; let folder;
before(async () => {
  ensureComponentBuilt();
  folder = pagesFolder(PAGES);
  site = await serveLogged(folder.dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
  folder?.remove();
});

/** The ids of the controls shown in #a's shadow root, and of those locked. */
const controlsOf = (p) => p.evaluate(() => {
  const root = document.getElementById('a').shadowRoot;
  const shown = [...root.querySelectorAll('[data-control]')].filter((el) => el.checkVisibility()).map((el) => el.dataset.control);
  const locked = [...root.querySelectorAll('[data-locked]')].filter((el) => el.checkVisibility()).map((el) => el.dataset.control);
  return { shown: [...new Set(shown)].sort(), locked: [...new Set(locked)].sort() };
});
const visiblePart = (p, sel) => p.evaluate((s) => {
  const el = document.getElementById('a').shadowRoot.querySelector(s);
  return Boolean(el && el.checkVisibility());
}, sel);

test('attributes set the playground, and only the listed controls and views show; locked ones cannot change', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  try {
    await p.goto(`${site.url}attrs.html`);
    await allReady(p);
    const s = await p.evaluate(() => document.getElementById('a').state);
    assert.equal(s.dataset, 'xor');
    assert.deepEqual(s.networkShape, [3]);
    assert.equal(s.learningRate, 0.1);
    assert.equal(s.batchSize, 5);
    assert.match(await p.locator('#a .bp-net-note').innerText(), /2–3–1 neurons/);
    const { shown, locked } = await controlsOf(p);
    assert.deepEqual(shown, ['dataset', 'learning-rate', 'noise', 'play', 'reset', 'step']);
    assert.deepEqual(locked, ['learning-rate']);
    assert.equal(await p.locator('#a .bp-topbar select').first().isDisabled(), true, 'the locked learning rate is disabled');
    for (const [sel, on] of [['.bp-network', true], ['.bp-view', true], ['.bp-chart', true], ['.bp-data', true],
      ['.bp-metrics', false], ['.bp-math', false], ['.bp-training', false]]) {
      assert.equal(await visiblePart(p, sel), on, `${sel} ${on ? 'shown' : 'hidden'}`);
    }
    // A keyboard shortcut of a control that is not shown does nothing either: R resets only when shown.
    assert.deepEqual(rec.errors, []);
  } finally { await context.close(); }
});

test('a changed attribute applies at once: settings, views, controls and locks', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  try {
    await p.goto(`${site.url}attrs.html`);
    await allReady(p);
    await p.evaluate(() => {
      window.changes = [];
      document.getElementById('a').addEventListener('change', (e) => window.changes.push(e.detail.hash));
      const el = document.getElementById('a');
      el.setAttribute('network-shape', '5,4');
      el.setAttribute('views', 'network,output,math');
      el.setAttribute('controls', 'minimal');
      el.removeAttribute('locked');
    });
    await p.locator('#a .bp-net-note', { hasText: '2–5–4–1' }).waitFor(WAIT);
    assert.equal(await visiblePart(p, '.bp-math'), true);
    assert.equal(await visiblePart(p, '.bp-data'), false);
    assert.deepEqual((await controlsOf(p)).shown, ['play', 'reset', 'step']);
    assert.ok((await p.evaluate(() => window.changes)).some((h) => /networkShape=5,4/.test(h)), 'a change event carries the new hash');
    await p.evaluate(() => document.getElementById('a').setAttribute('dataset', 'gaussian'));
    await p.waitForFunction(() => document.getElementById('a').state.dataset === 'gaussian', null, WAIT);
    assert.deepEqual(rec.errors, []);
  } finally { await context.close(); }
});

test('a bad attribute shows a message naming it and the accepted values, keeps the default and warns', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  const warnings = [];
  p.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  try {
    await p.goto(`${site.url}bad.html`);
    await allReady(p);
    const banner = await p.locator('#a .bp-banner').innerText();
    assert.match(banner, /noise: 99 is outside \[0, 80\]; kept 0/);
    assert.match(banner, /optimizer: 'newton' is not one of sgd, momentum, nesterov, rmsprop, adam; kept sgd/);
    assert.match(banner, /views: 'chart' is not accepted.*network, output, loss, data, metrics, math/);
    const s = await p.evaluate(() => document.getElementById('a').state);
    assert.equal(s.noise, 0);
    assert.equal(s.optimizer, 'sgd');
    assert.equal(await visiblePart(p, '.bp-math'), true, 'views kept its default: every panel');
    for (const name of ['noise', 'optimizer', 'views']) assert.ok(warnings.some((w) => w.includes(`<backprop-playground> ${name}:`)), `a console warning for ${name}`);
    // At run time too: a bad value is refused with a message, the current value stays.
    await p.evaluate(() => document.getElementById('a').setAttribute('learning-rate', 'fast'));
    await p.locator('#a .bp-banner', { hasText: "learning-rate: 'fast' is not a number" }).waitFor(WAIT);
    assert.equal(await p.evaluate(() => document.getElementById('a').state.learningRate), 0.03);
    assert.deepEqual(rec.errors, []);
  } finally { await context.close(); }
});

test('views="network,output" fits 640×400 without scrolling, in the article\'s font', async () => {
  const { context, page: p, rec } = await openRecorded(browser, { viewport: { width: 640, height: 400 } });
  try {
    await p.goto(`${site.url}fit.html`);
    await allReady(p);
    const box = await p.evaluate(() => {
      const el = document.getElementById('a');
      const r = el.getBoundingClientRect();
      return {
        height: r.height, width: r.width, scrollW: document.documentElement.scrollWidth, scrollH: document.documentElement.scrollHeight,
        font: getComputedStyle(el.shadowRoot.querySelector('.bp-root')).fontFamily,
      };
    });
    await p.screenshot({ path: join(screenshotDir, 'component-640x400.png') });
    assert.ok(box.height <= 400, `the component is ${box.height}px tall`);
    assert.ok(box.scrollW <= 640 && box.scrollH <= 400, `the page scrolls: ${box.scrollW}×${box.scrollH}`);
    assert.match(box.font, /Georgia/, 'the component inherits the article\'s font');
    assert.deepEqual(rec.errors, []);
  } finally { await context.close(); }
});

test('::part() and custom properties style the component; dark mode and reduced motion are honoured', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  try {
    await p.goto(`${site.url}styled.html`);
    await allReady(p);
    const look = () => p.evaluate(() => {
      const root = document.getElementById('a').shadowRoot;
      return {
        topbar: getComputedStyle(root.querySelector('[part~="topbar"]')).backgroundColor,
        play: getComputedStyle(root.querySelector('.bp-play')).backgroundColor,
        panel: getComputedStyle(root.querySelector('.bp-network')).backgroundColor,
        transition: getComputedStyle(root.querySelector('.bp-play')).transitionDuration,
      };
    });
    const light = await look();
    assert.equal(light.topbar, 'rgb(1, 2, 3)');
    await p.evaluate(() => document.getElementById('a').play());
    // The button's colour eases in (a CSS transition): wait for its end colour.
    await p.waitForFunction(() => {
      const b = document.getElementById('a').shadowRoot.querySelector('.bp-play.bp-playing');
      return b && getComputedStyle(b).backgroundColor === 'rgb(200, 0, 0)';
    }, null, WAIT);
    await p.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    const dark = await look();
    assert.notEqual(dark.panel, light.panel, 'panels darken in dark mode');
    assert.equal(dark.transition.split(',').every((t) => parseFloat(t) === 0), true, 'no transitions with reduced motion');
    assert.deepEqual(rec.errors, []);
  } finally { await context.close(); }
});

test('autoplay trains to stop-at-epoch; with reduced motion it waits for play', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  try {
    await p.goto(`${site.url}autoplay.html`);
    await allReady(p);
    await p.waitForFunction(() => document.getElementById('a').metrics?.epoch === 30
      && document.getElementById('a').shadowRoot.querySelector('.bp-root').dataset.playing === 'false', null, WAIT);
    assert.deepEqual(rec.errors, []);
  } finally { await context.close(); }
  const reduced = await openRecorded(browser);
  try {
    await reduced.page.emulateMedia({ reducedMotion: 'reduce' });
    await reduced.page.goto(`${site.url}autoplay.html`);
    await allReady(reduced.page);
    assert.match(await reduced.page.locator('#a .bp-banner').innerText(), /reduced motion: press play/);
    assert.equal(await reduced.page.evaluate(() => document.getElementById('a').metrics.epoch), 0);
    await reduced.page.evaluate(() => document.getElementById('a').play());
    await epochAbove(reduced.page, 'a', 0);
  } finally { await reduced.context.close(); }
});

test('the element API: ready, step(n), state, getParameters, getData, metrics, epoch and change events', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  try {
    await p.goto(`${site.url}api.html`);
    const result = await p.evaluate(async () => {
      const el = document.getElementById('a');
      const events = { epoch: 0, change: 0 };
      el.addEventListener('epoch', () => { events.epoch++; });
      el.addEventListener('change', () => { events.change++; });
      const same = await el.ready;
      const before = Array.from(el.getParameters());
      el.step(5);
      // The step's frame arrives from the worker: wait for its parameters.
      await new Promise((resolve) => {
        const poll = setInterval(() => {
          const now = el.getParameters();
          if (now.some((v, i) => v !== before[i])) { clearInterval(poll); resolve(); }
        }, 20);
      });
      const after = Array.from(el.getParameters());
      let refused = '';
      try { el.step(0); } catch (e) { refused = e.message; }
      el.play();
      const epochDetail = await new Promise((resolve) => el.addEventListener('epoch', (e) => resolve(e.detail), { once: true }));
      el.pause();
      const data = el.getData();
      el.state = { learningRate: 0.3 };
      const hashed = (el.state = '#dataset=xor&networkShape=2', el.state);
      return {
        same: same === el, changed: before.some((v, i) => v !== after[i]), refused, metrics: el.metrics,
        train: data.train.length, test: data.test.length, row: data.train[0],
        inPlane: data.train.every((r) => r.length === 3 && Math.abs(r[0]) <= 6 && Math.abs(r[1]) <= 6 && (r[2] === 0 || r[2] === 1)),
        events, epochDetail, dataset: hashed.dataset, shape: hashed.networkShape, lr: hashed.learningRate,
      };
    });
    assert.equal(result.same, true, 'await el.ready resolves with the element');
    assert.equal(result.changed, true, 'step(5) trained');
    assert.match(result.refused, /n must be a whole number from 1 to 100000; got 0/);
    assert.equal(result.train + result.test, 500);
    assert.equal(result.inPlane, true, 'points in the plane\'s coordinates with a 0/1 label');
    assert.equal(result.metrics.metric, 'accuracy');
    assert.ok(Number.isFinite(result.metrics.trainLoss));
    assert.ok(result.events.epoch >= 1 && result.events.change >= 2, JSON.stringify(result.events));
    assert.equal(typeof result.epochDetail.epoch, 'number');
    assert.ok(Number.isFinite(result.epochDetail.trainLoss));
    assert.equal(result.dataset, 'xor');
    assert.deepEqual(result.shape, [2]);
    assert.equal(result.lr, 0.03, 'a whole hash replaces every setting');
    assert.deepEqual(rec.errors, []);
  } finally { await context.close(); }
});

test('a diverging learning rate fires a diverged event with the epoch and the rate', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  try {
    await p.goto(`${site.url}diverge.html`);
    await allReady(p);
    const detail = await p.evaluate(() => new Promise((resolve) => {
      const el = document.getElementById('a');
      el.addEventListener('diverged', (e) => resolve(e.detail), { once: true });
      el.play();
    }));
    assert.equal(detail.learningRate, 10);
    assert.match(detail.message, /NaN|inf/);
    assert.ok(Number.isInteger(detail.epoch));
    assert.deepEqual(rec.errors, []);
  } finally { await context.close(); }
});

test('it pauses while scrolled away or while the tab is hidden, and resumes when seen again', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  const playing = () => p.evaluate(() => document.getElementById('a').shadowRoot.querySelector('.bp-root').dataset.playing);
  const waitPlaying = (v) => p.waitForFunction((want) => document.getElementById('a').shadowRoot.querySelector('.bp-root').dataset.playing === want, v, WAIT);
  try {
    await p.goto(`${site.url}away.html`);
    await allReady(p);
    await p.evaluate(() => document.getElementById('a').play());
    await epochAbove(p, 'a', 0);
    await waitPlaying('true');
    await p.evaluate(() => document.getElementById('end').scrollIntoView());
    await waitPlaying('false');
    const epochAway = await p.evaluate(() => document.getElementById('a').metrics.epoch);
    await p.evaluate(() => document.getElementById('a').scrollIntoView());
    await waitPlaying('true');
    await epochAbove(p, 'a', epochAway);
    // The tab hidden (simulated: the page is told its visibility changed), then shown again.
    await p.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitPlaying('false');
    await p.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitPlaying('true');
    // A reader's own pause is kept: paused, scrolled away and back, it stays paused.
    await p.evaluate(() => document.getElementById('a').pause());
    await waitPlaying('false');
    await p.evaluate(() => document.getElementById('end').scrollIntoView());
    await p.evaluate(() => document.getElementById('a').scrollIntoView());
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await playing(), 'false');
    assert.deepEqual(rec.errors, []);
  } finally { await context.close(); }
});
