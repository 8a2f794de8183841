// The packed package, as a user gets it: `npm pack` (its "prepack" builds wasm/dist/ and
// dist/component/) into a temporary folder, `npm install --offline` of the tarball into an empty
// project with an EMPTY npm cache (so any dependency it needed would fail to install), then
//   - the README's Node example ("## Using it from JavaScript", its ```js node block), verbatim;
//   - a plain HTML page holding just the two embed lines, its script in the installed package,
//     in headless Chromium: the component comes up and trains.
// Nothing here is timed: every wait is for a state, with a 90 s timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from './harness.mjs';
import { fencedBlocks } from '../js/markdown.mjs';
import { serveLogged, launch, openRecorded, allReady, WAIT } from './component-harness.mjs';

const run = promisify(execFile);
const npm = (args, cwd) => run('npm', args, { cwd, timeout: 900000, encoding: 'utf8', maxBuffer: 1 << 26,
  env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });

export const EMBED_SCRIPT = (src) => `<script type="module" src="${src}"></script>`;
export const EMBED_TAG = '<backprop-playground dataset="spiral" network-shape="8,8"></backprop-playground>';

/** The ```js node block of README.md's "## Using it from JavaScript" section (the first one). */
export function readmeNodeExample(markdown) {
  const start = markdown.search(/^## Using it from JavaScript\s*$/m);
  assert.ok(start >= 0, 'README.md has no "## Using it from JavaScript" section');
  const rest = markdown.slice(start);
  const next = rest.slice(3).search(/^## /m);
  const section = next < 0 ? rest : rest.slice(0, next + 3);
  const block = fencedBlocks(section)
    .find((b) => ['js node', 'javascript node'].includes(b.info.replace(/\s+/g, ' ')));
  assert.ok(block, 'README.md\'s "## Using it from JavaScript" has no ```js node block');
  return block.code;
}

let work; let tarball; let project;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'bp-package-'));
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  try {
    await npm(['pack', '--pack-destination', packDir], root);
  } catch (error) {
    throw new Error(`npm pack failed:\n${error.stderr || error.message}`);
  }
  const tgz = readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
  assert.equal(tgz.length, 1, `npm pack wrote ${tgz.join(', ') || 'nothing'}`);
  tarball = join(packDir, tgz[0]);

  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bp-empty-project', version: '1.0.0', private: true }, null, 2));
  try {
    // --offline with an empty cache: nothing can come from a registry, so the package must need nothing.
    await npm(['install', '--offline', '--cache', join(work, 'empty-cache'), '--no-audit', '--no-fund', tarball], project);
  } catch (error) {
    throw new Error(`npm install --offline of the tarball failed:\n${error.stderr || error.message}`);
  }
});
after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

test('the tarball holds the built engine, component and types, and nothing from the sources', async () => {
  const { stdout } = await run('tar', ['-tzf', tarball], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const files = new Set(stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')));
  for (const f of ['package.json', 'wasm/backprop.d.ts', 'web/src/index.d.ts', 'web/src/component.d.ts', 'wasm/dist/loader.js',
    'wasm/dist/backprop-simd.js', 'wasm/dist/backprop-simd.wasm', 'wasm/dist/backprop-base.js', 'wasm/dist/backprop-base.wasm',
    'dist/component/backprop-playground.js', 'dist/component/index.js',
    'dist/component/wasm/backprop-simd.wasm', 'dist/component/wasm/backprop-base.wasm', 'dist/component/wasm/backprop-base.js',
    // EXPORT (issue 14): the exporter module, for the engine and for the component.
    'wasm/dist/backprop-export.js', 'wasm/dist/backprop-export.wasm', 'wasm/dist/export.js',
    'dist/component/wasm/backprop-export.js', 'dist/component/wasm/backprop-export.wasm',
    ...readdirSync(join(root, 'data')).filter((n) => n.endsWith('.csv')).map((n) => `dist/component/data/${n}`)]) {
    assert.ok(files.has(f), `the tarball lacks ${f}`);
  }
  assert.ok([...files].some((f) => /^dist\/component\/assets\/worker-[\w-]+\.js$/.test(f)), 'the tarball lacks the worker');
  const stray = [...files].filter((f) => /^(core|build|tests|bench|node_modules|scripts)\//.test(f) || /^web\/src\/.*\.js$/.test(f) || f === 'dist/index.html');
  assert.deepEqual(stray, [], 'the tarball ships sources or build trees');
});

test('installed offline with nothing else: no dependency, and the exports resolve to built files', async () => {
  const installed = readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
  assert.deepEqual(installed, ['backprop-playground'], 'the install pulled in other packages');
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules', 'backprop-playground', 'package.json'), 'utf8'));
  assert.equal(pkg.dependencies, undefined, 'the package declares runtime dependencies');
  const script = `for (const s of ['backprop-playground', 'backprop-playground/component', 'backprop-playground/engine'])
    console.log(s + ' ' + import.meta.resolve(s));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
  const where = Object.fromEntries(stdout.trim().split('\n').map((l) => l.split(' ')));
  const base = new URL(`file://${join(project, 'node_modules', 'backprop-playground')}/`).href;
  assert.equal(where['backprop-playground'], `${base}dist/component/index.js`);
  assert.equal(where['backprop-playground/component'], `${base}dist/component/backprop-playground.js`);
  assert.equal(where['backprop-playground/engine'], `${base}wasm/dist/loader.js`);
  for (const url of Object.values(where)) assert.ok(existsSync(new URL(url)), `${url} is not in the installed package`);
  for (const t of [pkg.types, pkg.exports['.'].types, pkg.exports['./component'].types, pkg.exports['./engine'].types]) {
    assert.ok(existsSync(join(project, 'node_modules', 'backprop-playground', t)), `types ${t} are not in the package`);
  }
});

// A TypeScript user of the installed package: every export's types resolve (package.json "types"
// conditions) and are real (a wrong use is an error, which `any` from a missing .d.ts would not be).
const TS_USER = `
import { createPlayground } from 'backprop-playground';
import type { PlaygroundController, PlaygroundMetrics } from 'backprop-playground';
import { definePlaygroundElement } from 'backprop-playground/component';
import { loadBackprop } from 'backprop-playground/engine';
import type { Trainer, TrainerOptions } from 'backprop-playground/engine';

export async function use(element: HTMLElement): Promise<number> {
  const pg: PlaygroundController = createPlayground(element, { state: '#dataset=xor' });
  const metrics: PlaygroundMetrics | null = pg.metrics;
  const ctor = definePlaygroundElement('my-playground');
  const options: TrainerOptions = { layers: [2, 4, 1], activations: ['tanh', 'tanh'] };
  const { module } = await loadBackprop();
  const trainer: Trainer = new module.Trainer(JSON.stringify(options));
  trainer.delete();
  return (metrics?.epoch ?? 0) + (ctor ? 1 : 0);
}
// @ts-expect-error: createPlayground needs an element
export const noElement = () => createPlayground('#here');
// @ts-expect-error: 'rleu' is not an activation
export const typo: TrainerOptions = { layers: [2, 1], activations: ['rleu'] };
`;

test('TypeScript finds the types of every export in the installed package (tsc --strict)', async () => {
  const file = join(project, 'user.ts');
  writeFileSync(file, TS_USER);
  try {
    await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict',
      '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', file],
    { cwd: project, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc found errors in a user of the installed package:\n${error.stdout}${error.stderr}`);
  }
});

test("README's Node example runs verbatim in the installed project", async () => {
  const code = readmeNodeExample(readFileSync(join(root, 'README.md'), 'utf8'));
  const file = join(project, 'readme-example.mjs');
  writeFileSync(file, code);
  let out;
  try {
    out = await run(process.execPath, [file], { cwd: project, timeout: 120000, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`the README example failed in the installed project (exit ${error.code}):\n${error.stderr || error.message}`);
  }
  assert.equal(out.stderr.trim(), '', 'the example wrote to stderr');
  assert.match(out.stdout, /\S/, 'the example printed nothing');
});

test('a plain page with just the two embed lines trains, everything served from the installed package', async () => {
  const src = 'node_modules/backprop-playground/dist/component/backprop-playground.js';
  writeFileSync(join(project, 'index.html'), `${EMBED_SCRIPT(src)}\n${EMBED_TAG}\n`);
  const site = await serveLogged(project);
  const browser = await launch();
  try {
    const { context, page, rec } = await openRecorded(browser);
    try {
      await page.goto(site.url);
      await allReady(page);
      await page.evaluate(() => document.querySelector('backprop-playground').play());
      await page.waitForFunction(() => {
        const m = document.querySelector('backprop-playground').metrics;
        return m && m.epoch > 0 && Number.isFinite(m.trainLoss);
      }, null, WAIT);
      const state = await page.evaluate(() => document.querySelector('backprop-playground').state);
      assert.equal(state.dataset, 'spiral');
      assert.deepEqual(state.networkShape, [8, 8]);
      const outside = site.log.filter((p) => p !== '/' && p !== '/favicon.ico' && !p.startsWith('/node_modules/backprop-playground/dist/component/'));
      assert.deepEqual(outside, [], 'the page fetched files from outside the component build');
      assert.equal(site.log.filter((p) => p.endsWith('.wasm')).length, 1);
      assert.deepEqual(rec.errors, []);
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
});

test("the page module ('backprop-playground', by an import map) mounts a playground that trains", async () => {
  writeFileSync(join(project, 'module.html'), `<!doctype html><meta charset="utf-8"><title>page module</title><link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "backprop-playground": "./node_modules/backprop-playground/dist/component/index.js" } }</script>
<div id="here"></div>
<script type="module">
import { createPlayground } from 'backprop-playground';
window.pg = createPlayground(document.querySelector('#here'), { state: '#dataset=xor&networkShape=4' });
window.pg.ready.then(() => { window.pgReady = true; });
</script>
`);
  const site = await serveLogged(project);
  const browser = await launch();
  try {
    const { context, page, rec } = await openRecorded(browser);
    try {
      await page.goto(`${site.url}module.html`);
      await page.waitForFunction(() => window.pgReady === true, null, WAIT);
      await page.evaluate(() => window.pg.play());
      await page.waitForFunction(() => window.pg.metrics && window.pg.metrics.epoch > 0, null, WAIT);
      // Its light-DOM playground uses the page stylesheet, which the page module links itself.
      const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href).filter(Boolean));
      assert.ok(sheets.length >= 1 && sheets.every((h) => h.includes('/node_modules/backprop-playground/dist/component/assets/')),
        `stylesheets: ${sheets.join(', ')}`);
      assert.equal(site.log.filter((p) => p.endsWith('.wasm')).length, 1);
      assert.deepEqual(rec.errors, []);
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
});
