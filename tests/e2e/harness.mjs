// Shared set-up for the end-to-end tests: builds dist/ when missing, serves it on a free localhost
// port (scripts/serve.mjs), and launches Debian's headless Chromium through playwright-core with a
// fresh profile and the flags from docs/toolchain.md.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../scripts/serve.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshotDir = join(root, 'tests', 'e2e', 'screenshots');

export function ensureBuilt() {
  if (existsSync(join(root, 'dist', 'index.html')) && !process.env.E2E_REBUILD) return;
  const r = spawnSync('node', [join(root, 'scripts', 'build-web.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/** options.csp: serve dist/ with the Content-Security-Policy header (tests/e2e/csp.test.mjs). */
export async function startAll({ csp = false } = {}) {
  ensureBuilt();
  mkdirSync(screenshotDir, { recursive: true });
  const site = await serveStatic(join(root, 'dist'), 0, { csp });
  const profile = mkdtempSync(join(tmpdir(), 'bp-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: { width: 1440, height: 1000 },
  });
  // Generous waits (a busy machine is slow, not wrong): every action and wait may take 90 s.
  browser.setDefaultTimeout(90000);
  return {
    site, browser,
    async close() {
      await browser.close();
      await site.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the page (with an optional hash) and waits for the engine; collects console errors. */
export async function openPage(browser, siteUrl, hash = '', { viewport } = {}) {
  const page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(siteUrl + hash);
  await page.waitForFunction(() => window.backpropPlayground && !Number.isNaN(window.backpropPlayground.stats.firstFrameAt), null, { timeout: 90000 });
  return { page, errors };
}

export const epochOf = (page) => page.evaluate(() => Number(window.backpropPlayground.root.dataset.epoch || 0));
export const shot = (page, name, opts = {}) => page.screenshot({ path: join(screenshotDir, `${name}.png`), ...opts });
