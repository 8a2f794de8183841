// The pages under their Content-Security-Policy (scripts/csp.mjs), in headless Chromium: the site
// is served with the policy as a header (scripts/serve.mjs csp) and each built page carries it as
// a <meta> tag too. Every page (index, article, two = the component through the page module, the
// sandboxed embed in <iframe sandbox="allow-scripts">, and a page that loads the standalone
// component from dist/component/) must train to an epoch > 0 with no `securitypolicyviolation`
// event in any frame and no CSP error on the console (a worker's violations are reported there;
// one in the Emscripten glue would also stop the engine, so no epoch). No third-party request.
// Then a negative check: the policy is really enforced (an inserted inline script and eval() do
// not run, and each raises a violation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAll, root } from './harness.mjs';
import { serveStatic } from '../../scripts/serve.mjs';
import { cspFor, CSP_PAGES } from '../../scripts/csp.mjs';

const WAIT = { timeout: 90000 };
let env; let dir; let pages; let parent;

before(async () => {
  env = await startAll({ csp: true });
  // A page of "someone else's site" loading the standalone component, served with the same policy,
  // and a parent page (no policy of its own) framing the embed from the site's origin.
  dir = mkdtempSync(join(tmpdir(), 'bp-csp-'));
  symlinkSync(join(root, 'dist', 'component'), join(dir, 'component'), 'dir');
  writeFileSync(join(dir, 'component.html'), `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>component</title>
<script type="module" src="component/backprop-playground.js"></script></head>
<body><backprop-playground state="#dataset=circle&amp;networkShape=3" lazy="false"></backprop-playground></body></html>`);
  writeFileSync(join(dir, 'parent.html'), `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>parent</title></head>
<body><iframe sandbox="allow-scripts" width="1100" height="900" src="${env.site.url}embed.html#dataset=xor&amp;controls=minimal&amp;autoplay"></iframe></body></html>`);
  // The negative check's probe: a page script (from 'self', so the policy judges it as the site's
  // own code) that tries what the policy forbids.
  writeFileSync(join(dir, 'probe.html'), `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>probe</title>
<script src="probe.js"></script></head><body></body></html>`);
  writeFileSync(join(dir, 'probe.js'), `window.probe = {};
try { window.probe.eval = eval('1 + 1') === 2; } catch (e) { window.probe.eval = e.name; }
try { window.probe.fn = new Function('return 2')() === 2; } catch (e) { window.probe.fn = e.name; }
try { new Worker('data:text/javascript,postMessage(1)'); window.probe.dataWorker = 'constructed'; } catch (e) { window.probe.dataWorker = e.name; }
const s = document.createElement('script'); s.textContent = 'window.probe.inline = true;'; document.head.append(s);
window.probe.done = true;
`);
  pages = await serveStatic(dir, 0, { csp: true });
  parent = await serveStatic(dir, 0);
});
after(async () => {
  await pages?.close(); await parent?.close(); await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every frame records its violations (an init script: run by the browser, not subject to CSP). */
const RECORD = () => {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile });
  });
};

async function open(url) {
  const page = await env.browser.newPage();
  await page.addInitScript(RECORD);
  const rec = { console: [], requests: [], workers: 0 };
  page.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(m.text())) rec.console.push(m.text()); });
  page.on('pageerror', (e) => rec.console.push(String(e)));
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('worker', (w) => {
    rec.workers += 1;
    w.on?.('console', (m) => { if (m.type() === 'error') rec.console.push(`worker: ${m.text()}`); });
  });
  await page.goto(url);
  return { page, rec };
}

/** Plays the first playground of `frame` (when it does not autoplay) and waits for epoch > 0. */
// (Predicates are functions, not strings: a string would be eval()ed in the page, which the policy refuses.)
async function trains(frame, { press = true } = {}) {
  // A lazy <backprop-playground> starts near the viewport.
  if (await frame.locator('backprop-playground').count()) await frame.locator('backprop-playground').first().scrollIntoViewIfNeeded();
  await frame.waitForFunction(() => {
    // The playgrounds' roots, through open shadow roots.
    const roots = [...document.querySelectorAll('.bp-root'),
      ...[...document.querySelectorAll('backprop-playground')].map((e) => e.shadowRoot?.querySelector('.bp-root')).filter(Boolean)];
    window.bpRoots = roots;
    return roots.length > 0 && roots.every((r) => /neurons/.test(r.querySelector('.bp-net-note')?.textContent || ''));
  }, null, WAIT);
  if (press) await frame.locator('.bp-play').first().click();
  await frame.waitForFunction(() => Number(window.bpRoots[0].dataset.epoch) > 0, null, WAIT);
}

async function violations(page) {
  const all = [];
  for (const f of page.frames()) all.push(...await f.evaluate(() => window.cspViolations || []).catch(() => []));
  return all;
}

/** Only the site's own origins (and data: URLs) are ever asked for. */
function ownRequests(rec, ...origins) {
  const foreign = rec.requests.filter((u) => !u.startsWith('data:') && !origins.some((o) => u.startsWith(o)));
  assert.deepEqual(foreign, [], 'no third-party request');
}

test('the build writes the policy into every page as a <meta> tag, and the server sends it as a header', async () => {
  for (const name of CSP_PAGES) {
    const html = readFileSync(join(root, 'dist', name), 'utf8');
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    assert.ok(meta, `${name} has the CSP meta tag`);
    assert.equal(meta[1], cspFor(name));
    assert.ok(html.indexOf(meta[0]) < html.indexOf('<script'), `${name}: the policy comes before every script`);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${name}: no inline script`);
    const res = await fetch(`${env.site.url}${name}`);
    assert.equal(res.headers.get('content-security-policy'), cspFor(name));
  }
  for (const policy of CSP_PAGES.map(cspFor)) {
    assert.doesNotMatch(policy, /'unsafe-eval'|'unsafe-inline'|https?:|\*/, 'no unsafe-eval, no inline, no outside origin');
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  }
  assert.match(cspFor('embed.html'), /worker-src 'self' data:/, 'the sandboxed embed starts its worker from a data: URL shim');
  assert.match(cspFor('index.html'), /worker-src 'self';/);
});

for (const [name, path, press] of [['index.html', 'index.html?autoplay', false], ['article.html', 'article.html', true], ['two.html', 'two.html', true]]) {
  test(`${name} trains under the policy without a violation`, async () => {
    const { page, rec } = await open(env.site.url + path);
    await trains(page, { press });
    assert.ok(rec.workers >= 1, 'a worker runs');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(rec.console, []);
    ownRequests(rec, env.site.url);
    await page.close();
  });
}

test('index.html under the policy: the math panel (KaTeX CSS and fonts) and the ONNX, PyTorch and CSV exports (the exporter module) work without a violation', async () => {
  const { page, rec } = await open(`${env.site.url}index.html#dataset=circle&networkShape=3`);
  await trains(page);
  await page.click('.bp-math summary');
  await page.waitForFunction(() => document.querySelector('.bp-math')?.bpMath?.live?.msg?.trace, null, WAIT);
  // KaTeX's stylesheet applied (a .katex element gets its font), from 'self'.
  await page.waitForFunction(() => /KaTeX/.test(getComputedStyle(document.querySelector('.bp-math .katex') || document.body).fontFamily), null, WAIT);
  for (const format of ['onnx', 'pytorch', 'csv']) {
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click(`button[data-export="${format}"]`)]);
    assert.ok(download.suggestedFilename(), `${format}: a file`);
  }
  assert.ok(rec.requests.some((u) => /backprop-export\.wasm/.test(u)), 'the exporter module was fetched');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(rec.console, []);
  ownRequests(rec, env.site.url);
  await page.close();
});

test('the embed in <iframe sandbox="allow-scripts"> (opaque origin, data: worker shim) trains under its policy', async () => {
  const { page, rec } = await open(`${parent.url}parent.html`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await trains(frame, { press: false });
  assert.equal(await frame.evaluate(() => window.origin), 'null', 'the frame is sandboxed');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(rec.console, []);
  ownRequests(rec, env.site.url, parent.url);
  await page.close();
});

test('a page loading the standalone component (dist/component/, shadow DOM, adoptedStyleSheets) trains under the policy', async () => {
  const { page, rec } = await open(`${pages.url}component.html`);
  await trains(page);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(rec.console, []);
  ownRequests(rec, pages.url);
  await page.close();
});

test('the policy is enforced (header): a page script cannot eval, new Function, start a data: worker or add an inline script', async () => {
  const { page } = await open(`${pages.url}probe.html`);
  await page.waitForFunction(() => window.probe?.done, null, WAIT);
  const probe = await page.evaluate(() => window.probe);
  assert.equal(probe.inline, undefined, 'the inserted inline script did not run');
  assert.equal(probe.eval, 'EvalError');
  assert.equal(probe.fn, 'EvalError');
  await page.waitForFunction(() => window.cspViolations.length >= 4, null, WAIT);
  const directives = (await violations(page)).map((v) => v.directive).sort();
  assert.deepEqual(directives, ['script-src', 'script-src', 'script-src-elem', 'worker-src'], 'each attempt is reported');
  await page.close();
});

test('the policy is enforced (meta tag alone, served without the header): an inline script does not run', async () => {
  const plain = await serveStatic(join(root, 'dist'), 0);
  try {
    const page = await env.browser.newPage();
    await page.addInitScript(RECORD);
    await page.goto(`${plain.url}index.html`);
    assert.equal((await page.request.get(`${plain.url}index.html`)).headers()['content-security-policy'], undefined);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true;';
      document.head.append(s);
    });
    await page.waitForFunction(() => window.cspViolations.length >= 1, null, WAIT);
    assert.equal(await page.evaluate(() => window.inlineRan), undefined);
    assert.deepEqual((await violations(page)).map((v) => v.directive), ['script-src-elem']);
    await page.close();
  } finally { await plain.close(); }
});
