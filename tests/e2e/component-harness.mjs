// Set-up for the tests of the standalone component (dist/component/, vite.component.config.js):
// serves a folder of generated pages on a free localhost port with a log of every request the
// server answered (the ground truth for "how many .wasm requests": a worker's fetches count too),
// and launches Debian's headless Chromium with the flags of docs/toolchain.md.
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../../scripts/serve.mjs';
import { root } from './harness.mjs';

export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
export const WAIT = { timeout: 90000 };
export const componentDir = join(root, 'dist', 'component');

/** Builds dist/component/ when it is missing (or E2E_REBUILD is set): `npm run build`'s second half. */
export function ensureComponentBuilt() {
  if (existsSync(join(componentDir, 'backprop-playground.js')) && !process.env.E2E_REBUILD) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-component.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error('scripts/build-component.mjs failed');
}

/** Serves `dir`; `log` lists the path of every request the server got, in order. */
export async function serveLogged(dir) {
  const site = await serveStatic(dir, 0);
  const log = [];
  site.server.on('request', (req) => log.push(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  return { ...site, log };
}

/** A test page holding the component's script (served from `component/`, see pagesFolder) and `body`. */
export const componentPage = (body, head = '') => `<!doctype html><meta charset="utf-8"><title>component test</title>
<link rel="icon" href="data:,">${head}
<script type="module" src="component/backprop-playground.js"></script>
${body}
`;

/** A folder with `component/` (a link to dist/component/) and the given pages: { name: html }. */
export function pagesFolder(pages) {
  const dir = mkdtempSync(join(tmpdir(), 'bp-component-pages-'));
  symlinkSync(componentDir, join(dir, 'component'), 'dir');
  for (const [name, html] of Object.entries(pages)) writeFileSync(join(dir, name), html);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function launch() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS });
  return browser;
}

/** A fresh context and page that records console errors, failed requests, workers and requests. */
export async function openRecorded(browser, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(WAIT.timeout);
  const page = await context.newPage();
  const rec = { errors: [], requests: [], workers: [] };
  // A page without <link rel="icon"> (the two-line page) makes the browser ask for /favicon.ico.
  const favicon = (url) => /\/favicon\.ico$/.test(url ?? '');
  page.on('console', (m) => { if (m.type() === 'error' && !favicon(m.location()?.url)) rec.errors.push(m.text()); });
  page.on('pageerror', (e) => rec.errors.push(String(e)));
  page.on('requestfailed', (r) => { if (!favicon(r.url())) rec.errors.push(`request failed: ${r.url()}`); });
  page.on('response', (r) => { if (r.status() >= 400 && !favicon(r.url())) rec.errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('worker', (w) => rec.workers.push(w.url()));
  return { context, page, rec };
}

/** Waits (90 s) until every <backprop-playground> matching `selector` has resolved el.ready (polled:
 *  a page.evaluate awaiting the promise itself would wait forever for one that never resolves). */
export async function allReady(page, selector = 'backprop-playground') {
  await page.waitForFunction(() => customElements.get('backprop-playground'), null, WAIT);
  await page.waitForFunction((sel) => {
    const els = [...document.querySelectorAll(sel)];
    for (const el of els) if (!el.__benchReadySeen) { el.__benchReadySeen = true; el.ready.then(() => { el.__benchReady = true; }); }
    return els.length > 0 && els.every((el) => el.__benchReady);
  }, selector, WAIT);
}

/** Waits until el.metrics.epoch of the element with id `id` exceeds `min`. */
export const epochAbove = (page, id, min) => page.waitForFunction(({ id, min }) => {
  const m = document.getElementById(id)?.metrics;
  return m && m.epoch > min;
}, { id, min }, WAIT);

export const epochOf = (page, id) => page.evaluate((id) => document.getElementById(id).metrics?.epoch ?? 0, id);
