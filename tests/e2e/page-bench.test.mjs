// Smoke run of the page benchmark (bench/page/run.mjs --smoke: 1 cold load, 1 s per speed, this
// build's dist/ only): a behaviour check that every figure gets a number. It never looks at what
// the numbers are; timings belong to `npm run bench`. It includes one load of the six-component page
// (dist/component/, so the build must have it: `npm run build`). The table's ratio and target columns are
// checked on made-up figures in tests/js/page-bench-table.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt, root } from './harness.mjs';
import { SPEED_LABELS } from '../../bench/page/run.mjs';

const run = promisify(execFile);

test('page benchmark smoke: every figure of this build has a number', async () => {
  ensureBuilt();
  const out = mkdtempSync(join(tmpdir(), 'bp-page-bench-'));
  try {
    try {
      await run(process.execPath, [join(root, 'bench', 'page', 'run.mjs'), '--smoke', '--out', out],
        { cwd: root, timeout: 300000, maxBuffer: 1 << 24 });
    } catch (error) {
      assert.fail(`bench/page/run.mjs --smoke failed:\n${error.stderr || error.message}`);
    }
    const result = JSON.parse(readFileSync(join(out, 'page.json'), 'utf8'));
    const md = readFileSync(join(out, 'page.md'), 'utf8');
    assert.ok(md.includes('| figure | base median (min–max) | ours median (min–max) | ratio | target | met? |'));
    // 13 figures of the default page (the math panel's first-open transfer is the 13th) and 6 per speed.
    assert.equal(result.rows.length, 13 + 6 * SPEED_LABELS.length);
    const missing = result.rows.filter((r) => !(r.ours && Number.isFinite(r.ours.median))).map((r) => r.figure);
    assert.deepEqual(missing, [], 'figures without a number');
    for (const r of result.rows) assert.ok(md.includes(`| ${r.figure} | n/a | `), `page.md has no row '${r.figure}'`);
    const load = result.sides.ours.loads[0];
    assert.ok(load.files.some((f) => f.path.endsWith('.wasm') && f.bytes > 0), 'the .wasm transfer was counted');
    assert.ok(load.longTaskObserver, 'the long-task observer ran');
    for (const k of result.meta.speeds) assert.ok(result.sides.ours.speeds[k][0].epochsPerSecond > 0, `speed ${k} trained`);
    // The six-component page (dist/component/): every row has a number, and its section is in page.md.
    assert.deepEqual(result.six.errors, [], 'the six-component page had errors');
    const sixMissing = result.six.rows.filter((r) => !(r.ours && Number.isFinite(r.ours.median))).map((r) => r.figure);
    assert.deepEqual(sixMissing, [], 'six-component figures without a number');
    assert.ok(md.includes('## Six components on one page'));
    for (const r of result.six.rows) assert.ok(md.includes(`| ${r.figure} | n/a | `), `page.md has no six-component row '${r.figure}'`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
