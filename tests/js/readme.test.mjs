// Every fenced code block of README.md, web/README.md and bench/page/README.md, as written. How a block is checked comes
// from its fence's info string (the first word is the language GitHub colours; the rest says where
// it runs); a block whose info string is not in the table below fails the test, so none is skipped:
//
//   ```js node      run verbatim by Node from a temporary .mjs file inside the repository (under
//                   build/), so `backprop-playground/...` resolves by the package's self-reference
//                   (package.json "exports"), as it would for a user who installed the package
//   ```js browser   run verbatim as a module in headless Chromium, on a page served by Vite (the
//                   `npm start` server) whose import map points `backprop-playground` at the
//                   package's entry (web/src/index.js); the page has a `<div id="here">` to mount
//                   into. Passes when no error is thrown or logged and a playground's worker came up
//   ```sh           every command line must be `npm start`, `npm test` or `npm run <script>` of a
//                   script defined in package.json. The commands are NOT run here (npm test would
//                   run this test again, npm start serves forever); this checks that they exist
//   ```text tree    a directory listing: the first word of every line must be a directory of the
//                   repository (`name/`)
//   ```python export run verbatim by Debian's /usr/bin/python3 in a folder holding what the engine
//                   exports for a small trained network (backprop_playground_model.py from
//                   trainer.toPyTorch(), backprop-playground.onnx from trainer.toOnnx()); skipped,
//                   visibly, when a module it imports (torch, numpy, onnxruntime) is missing
//
// Indented (non-fenced) blocks are not code fences and are not checked.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoPath } from './helpers.mjs';
import { fencedBlocks } from './markdown.mjs';

const run = promisify(execFile);
const DOCS = ['README.md', 'web/README.md', 'bench/page/README.md'];

export const KINDS = {
  'js node': 'node', 'javascript node': 'node',
  'js browser': 'browser', 'javascript browser': 'browser',
  sh: 'sh', bash: 'sh', shell: 'sh',
  'text tree': 'tree',
  'python export': 'python',
};
export const kindOf = (info) => KINDS[info.replace(/\s+/g, ' ')] ?? null;

const blocks = DOCS.flatMap((doc) => fencedBlocks(readFileSync(repoPath(doc), 'utf8'))
  .map((b) => ({ ...b, doc, kind: kindOf(b.info), name: `${doc}:${b.line} \`\`\`${b.info}` })));

test('the fence reader finds blocks and the table knows every info string', () => {
  const sample = 'a\n```js node\nx\n```\n  ~~~~sh\nnpm test\n~~~~\n    indented\n```\nplain\n```\n';
  assert.deepEqual(fencedBlocks(sample).map((b) => [b.info, b.code, b.line]),
    [['js node', 'x\n', 2], ['sh', 'npm test\n', 5], ['', 'plain\n', 9]]);
  assert.throws(() => fencedBlocks('```sh\nnever closed\n'), /never closed/);
  assert.equal(kindOf('js'), null, 'a js block must say where it runs');
  assert.equal(kindOf(''), null);
  assert.ok(blocks.length >= 4, `found only ${blocks.length} code blocks`);
  const unknown = blocks.filter((b) => !b.kind).map((b) => b.name);
  assert.deepEqual(unknown, [], `blocks with no known way to check them (info strings: ${Object.keys(KINDS).join(', ')})`);
});

// --- sh: the commands exist ---

const scripts = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')).scripts;

/** The npm script a command line names, or an Error saying why it cannot be checked. */
export function npmScriptOf(line) {
  const m = /^npm\s+(?:(start|test)|run(?:-script)?\s+(\S+))(?:\s+--(?:\s.*)?)?$/.exec(line);
  if (!m) return new Error(`'${line}' is not 'npm start', 'npm test' or 'npm run <script>' (the only commands this test can check)`);
  return m[1] || m[2];
}

for (const b of blocks.filter((x) => x.kind === 'sh')) {
  test(`${b.name}: every command is a defined npm script (checked, not run)`, () => {
    const commands = b.code.split('\n').map((l) => l.replace(/(^|\s)#.*$/, '').trim()).filter(Boolean);
    assert.ok(commands.length > 0, 'an empty sh block');
    for (const c of commands) {
      const script = npmScriptOf(c);
      if (script instanceof Error) assert.fail(script.message);
      assert.ok(Object.hasOwn(scripts, script), `'${c}': package.json has no script '${script}'`);
    }
  });
}

test('the sh check can fail: an undefined script and a non-npm command are refused', () => {
  assert.equal(npmScriptOf('npm run bench -- --quick'), 'bench');
  assert.equal(npmScriptOf('npm test'), 'test');
  assert.ok(!Object.hasOwn(scripts, npmScriptOf('npm run no-such-script')));
  assert.ok(npmScriptOf('rm -rf build') instanceof Error);
});

// --- text tree: the directories exist ---

for (const b of blocks.filter((x) => x.kind === 'tree')) {
  test(`${b.name}: every listed directory exists`, () => {
    const lines = b.code.split('\n').filter((l) => l.trim());
    assert.ok(lines.length > 0);
    for (const l of lines) {
      const dir = /^(\S+)\//.exec(l)?.[1];
      assert.ok(dir, `'${l}' does not start with a directory name ending in /`);
      assert.ok(existsSync(repoPath(dir)) && statSync(repoPath(dir)).isDirectory(), `${dir}/ is not a directory of the repository`);
    }
  });
}

// --- js node: run verbatim ---

function scratchDir(prefix) {
  mkdirSync(repoPath('build'), { recursive: true });
  return mkdtempSync(join(repoPath('build'), prefix));
}

for (const b of blocks.filter((x) => x.kind === 'node')) {
  test(`${b.name}: runs in Node as written`, async () => {
    const dir = scratchDir('readme-node-');
    try {
      const file = join(dir, 'block.mjs');
      writeFileSync(file, b.code);
      let out;
      try {
        out = await run(process.execPath, [file], { cwd: dir, timeout: 120000, encoding: 'utf8' });
      } catch (error) {
        assert.fail(`the block failed (exit ${error.code}):\n${error.stderr || error.message}`);
      }
      assert.equal(out.stderr.trim(), '', 'the block wrote to stderr');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// --- js browser: run verbatim in Chromium ---

const browserBlocks = blocks.filter((x) => x.kind === 'browser');
describe('browser blocks, in headless Chromium on the Vite dev server', { skip: browserBlocks.length === 0 }, () => {
  let server; let browser;
  before(async () => {
    const { prepareWeb } = await import('../../scripts/prepare-web.mjs');
    prepareWeb();  // the .wasm and data sets the dev server serves (incremental)
    const { createServer } = await import('vite');
    const { chromium } = await import('playwright-core');
    const pages = new Map(browserBlocks.map((b, i) => [`/__readme/${i}.js`, b.code]));
    const html = (src) => `<!doctype html><meta charset="utf-8"><title>README block</title><link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "backprop-playground": "/src/index.js" } }</script>
<div id="here"></div><script type="module" src="${src}"></script>`;
    server = await createServer({
      configFile: repoPath('vite.config.js'), root: repoPath('web'), logLevel: 'error', clearScreen: false,
      server: { host: '127.0.0.1', port: 0, hmr: false },
      plugins: [{
        name: 'readme-blocks',
        configureServer(s) {
          s.middlewares.use((req, res, next) => {
            const path = req.url.split('?')[0];
            if (path.endsWith('.html') && pages.has(path.replace(/\.html$/, '.js'))) {
              res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(html(path.replace(/\.html$/, '.js')));
            } else if (pages.has(path)) {
              res.setHeader('content-type', 'text/javascript; charset=utf-8'); res.end(pages.get(path));
            } else next();
          });
        },
      }],
    });
    await server.listen();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
  });
  after(async () => { await browser?.close(); await server?.close(); });

  browserBlocks.forEach((b, i) => {
    test(`${b.name}: runs in the browser as written`, async () => {
      const context = await browser.newContext();
      await context.addInitScript(() => {
        window.__workers = 0; window.__workerMessages = 0;
        const Native = window.Worker;
        window.Worker = class extends Native {
          constructor(...args) {
            super(...args); window.__workers += 1;
            this.addEventListener('message', () => { window.__workerMessages += 1; });
          }
        };
      });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
      page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
      try {
        const url = `${server.resolvedUrls.local[0].replace(/\/$/, '')}/__readme/${i}.html`;
        const response = await page.goto(url);
        assert.equal(response.status(), 200);
        // The block ran: it started a playground's worker; a playground it leaves mounted must get
        // its engine's answer (a block may also destroy what it made, as web/README.md's does).
        await page.waitForFunction(() => window.__workers > 0, null, { timeout: 90000 });
        await page.waitForFunction(() => !document.querySelector('#here .bp-root') || window.__workerMessages > 0, null, { timeout: 90000 });
        await page.waitForTimeout(1000);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  });
});

// --- python export: run verbatim next to freshly exported files ---

const pythonBlocks = blocks.filter((x) => x.kind === 'python');
// The PATH's python3 may be a build that cannot see Debian's packages (docs/toolchain.md).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const INSTALL_HINT = (m) => (m === 'onnxruntime'
  ? 'onnxruntime: pip install onnxruntime (Debian 12 does not package it)'
  : `${m}: apt-get install --no-install-recommends python3-${m}`);
const importable = (name) => spawnSync(PYTHON, ['-c', `import ${name}`]).status === 0;
describe('python export blocks, next to a network the engine exported', { skip: pythonBlocks.length === 0 }, () => {
  let dir;
  before(async () => {
    const { loadVariant } = await import('./helpers.mjs');
    const { module: M } = await loadVariant(true);
    const trainer = new M.Trainer(JSON.stringify({ layers: [2, 6, 1], activations: ['tanh', 'sigmoid'],
      cost: 'binary_cross_entropy', seed: 3 }));
    const data = M.Dataset.generate('circle', 100, 0.1, 3);
    try {
      trainer.setData(data, new M.Dataset(), false);
      trainer.trainEpochs(5);
      dir = scratchDir('readme-python-');
      writeFileSync(join(dir, 'backprop_playground_model.py'), await trainer.toPyTorch());
      writeFileSync(join(dir, 'backprop-playground.onnx'), await trainer.toOnnx());
    } finally {
      trainer.delete(); data.delete();
    }
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  for (const b of pythonBlocks) {
    const needs = ['torch', 'numpy', 'onnxruntime'].filter((m) => new RegExp(`\\bimport ${m}\\b|\\bfrom ${m}\\b`).test(b.code));
    const missing = needs.filter((m) => !importable(m));
    const skip = missing.length
      ? `${PYTHON} cannot import ${missing.join(', ')} (${missing.map(INSTALL_HINT).join('; ')})`
      : false;
    test(`${b.name}: runs in Python as written`, { skip }, async () => {
      const file = join(dir, 'block.py');
      writeFileSync(file, `${b.code}\nprint(repr(y))\n`);
      let out;
      try {
        out = await run(PYTHON, [file], { cwd: dir, timeout: 120000, encoding: 'utf8' });
      } catch (error) {
        assert.fail(`the block failed (exit ${error.code}):\n${error.stderr || error.message}`);
      }
      assert.match(out.stdout, /\d/, 'the block computed y');
    });
  }
});
