// The standalone component (dist/component/backprop-playground.js) on plain pages, in headless
// Chromium: two components train independently; nothing starts (no worker, no .wasm request)
// before a component nears the viewport; six components on one page download the .wasm once.
// Requests are counted by the server (a worker's fetches included) and workers by page.on('worker').
// Nothing here is timed: every wait is for a state, with a 90 s timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ensureComponentBuilt, serveLogged, pagesFolder, launch, openRecorded, allReady, epochAbove, epochOf, WAIT,
  componentPage,
} from './component-harness.mjs';

const page = componentPage;

const PAGES = {
  'two.html': page(`<backprop-playground id="a" dataset="xor" network-shape="4" seed="1" views="output,loss" controls="minimal" height="360px"></backprop-playground>
<backprop-playground id="b" dataset="spiral" network-shape="8,8" seed="2" views="output,loss" controls="minimal" height="360px"></backprop-playground>`),
  'lazy.html': page(`<p>Spacer below: the component is far out of view.</p>
<div id="spacer" style="height: 6000px"></div>
<backprop-playground id="late" dataset="circle" network-shape="4"></backprop-playground>`),
  'six.html': page(`<div style="display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px">
${['circle', 'xor', 'gaussian', 'spiral', 'reg-plane', 'reg-gauss'].map((d, i) =>
    `  <backprop-playground id="p${i}" dataset="${d}" network-shape="4" views="output" controls="none" height="280px"></backprop-playground>`).join('\n')}
</div>`),
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

const wasmRequests = (log) => log.filter((p) => p.endsWith('.wasm'));

test('two components on one page train independently; pausing one leaves the other running', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  try {
    await p.goto(`${site.url}two.html`);
    await allReady(p);
    const states = await p.evaluate(() => ['a', 'b'].map((id) => {
      const s = document.getElementById(id).state;
      return { dataset: s.dataset, networkShape: s.networkShape };
    }));
    assert.deepEqual(states, [{ dataset: 'xor', networkShape: [4] }, { dataset: 'spiral', networkShape: [8, 8] }]);
    await p.evaluate(() => { document.getElementById('a').play(); document.getElementById('b').play(); });
    await epochAbove(p, 'a', 0);
    await epochAbove(p, 'b', 0);
    assert.equal(rec.workers.length, 2, 'one worker per component');

    await p.evaluate(() => document.getElementById('a').pause());
    // B keeps training while A's last frames arrive; then A must stand still while B goes on.
    const b0 = await epochOf(p, 'b');
    await epochAbove(p, 'b', b0 + 5);
    const a1 = await epochOf(p, 'a');
    const b1 = await epochOf(p, 'b');
    await epochAbove(p, 'b', b1 + 5);
    const a2 = await epochOf(p, 'a');
    assert.equal(a2, a1, `the paused component went on training (epoch ${a1} -> ${a2})`);
    const params = await p.evaluate(() => ['a', 'b'].map((id) => document.getElementById(id).getParameters()?.length ?? 0));
    assert.ok(params[0] > 0 && params[1] > params[0], `each has its own network (parameter counts ${params})`);
    assert.deepEqual(rec.errors, []);
  } finally {
    await context.close();
  }
});

test('no worker and no .wasm request before the component is scrolled into view', async () => {
  const { context, page: p, rec } = await openRecorded(browser);
  try {
    site.log.length = 0;
    await p.goto(`${site.url}lazy.html`);
    await p.waitForFunction(() => customElements.get('backprop-playground') && document.readyState === 'complete', null, WAIT);
    // Give anything eager a chance to show itself (a wait, not an assertion on time).
    await p.waitForTimeout(2000);
    assert.equal(rec.workers.length, 0, `workers started out of view: ${rec.workers}`);
    assert.deepEqual(wasmRequests(site.log), [], 'a .wasm was requested out of view');
    assert.deepEqual(rec.requests.filter((u) => u.endsWith('.wasm')), []);
    assert.equal(await p.evaluate(() => document.getElementById('late').metrics), null, 'no metrics before the engine runs');

    await p.evaluate(() => document.getElementById('late').scrollIntoView());
    await allReady(p);
    assert.equal(rec.workers.length, 1, 'one worker once in view');
    assert.equal(wasmRequests(site.log).length, 1, `the .wasm requests once in view: ${wasmRequests(site.log)}`);
    assert.deepEqual(rec.errors, []);
  } finally {
    await context.close();
  }
});

test('six components on one page make exactly one .wasm request (one compiled Module, six workers)', async () => {
  const { context, page: p, rec } = await openRecorded(browser, { viewport: { width: 1440, height: 1000 } });
  try {
    site.log.length = 0;
    await p.goto(`${site.url}six.html`);
    await allReady(p);
    // Scroll through the whole page too: a component that started late must not fetch again.
    await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await allReady(p);
    await p.evaluate(() => [...document.querySelectorAll('backprop-playground')].forEach((el) => el.play()));
    for (let i = 0; i < 6; ++i) await epochAbove(p, `p${i}`, 0);
    assert.equal(rec.workers.length, 6, 'one worker per component');
    const wasm = wasmRequests(site.log);
    assert.equal(wasm.length, 1, `.wasm requests: ${wasm.join(', ')}`);
    assert.match(wasm[0], /^\/component\/wasm\/backprop-(simd|base)\.wasm$/);
    assert.deepEqual(rec.errors, []);
  } finally {
    await context.close();
  }
});
