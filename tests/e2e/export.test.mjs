// The Export menu in the page (issue 14): ONNX, PyTorch and Loss CSV download through the worker's
// exporter module, which is not fetched before the first of these clicks. The ONNX file runs in
// onnxruntime-web (Node) and returns what the page's engine predicts for the same points; the
// script embeds the page's predictions; the CSV has the history's header. The component API's
// exportOnnx() etc. return the same. No wall-clock assertion: waits are for events (90 s).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAll, openPage, root } from './harness.mjs';

let env;
before(async () => { env = await startAll(); });
after(async () => { await env?.close(); });

test('Export: ONNX, PyTorch script and loss CSV download, valid, the exporter loaded on first use', async () => {
  const { page, errors } = await openPage(env.browser, env.site.url, '#dataset=circle&features=x1,x2,x1sq,sinx1&networkShape=4,2');
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.evaluate(() => window.backpropPlayground.step(500));  // a few epochs, then paused
  await page.waitForFunction(() => Number(window.backpropPlayground.root.dataset.epoch) >= 1, null, { timeout: 90000 });
  assert.ok(!requested.some((u) => u.includes('backprop-export')), 'the exporter loaded before it was used');

  const [onnx] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="onnx"]')]);
  assert.equal(onnx.suggestedFilename(), 'backprop-playground.onnx');
  const bytes = new Uint8Array(await readFile(await onnx.path()));
  assert.ok(requested.some((u) => u.endsWith('backprop-export.wasm')), 'the exporter .wasm was fetched on the click');

  const [py] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="pytorch"]')]);
  assert.equal(py.suggestedFilename(), 'backprop_playground_model.py');
  const script = await readFile(await py.path(), 'utf8');
  assert.match(script, /nn\.Sequential\(/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="csv"]')]);
  const csvText = await readFile(await csv.path(), 'utf8');
  assert.match(csvText, /^epoch,train_loss,test_loss,train_accuracy,test_accuracy\n1,/);

  // The ONNX file in onnxruntime-web: the points the script embeds, against the page's predictions.
  const inputs = JSON.parse(/SAMPLE_INPUTS = (\[[\s\S]*?\n\])/.exec(script)[1].replace(/,\n\]/, ']').replace(/,(\s*)\]/g, '$1]'));
  const pageOut = JSON.parse(/PAGE_OUTPUTS = (\[[\s\S]*?\n\])/.exec(script)[1].replace(/,(\s*)\]/g, '$1]'));
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = join(root, 'node_modules/onnxruntime-web/dist/');
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const out = await session.run({ input: new ort.Tensor('float32', Float32Array.from(inputs.flat()), [inputs.length, 2]) });
  const expected = pageOut.flat();
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(out.output.data[i] - expected[i]) <= 1e-5, `sample ${i}`);
  await session.release();

  // The API: the same exports as Promises (the controller behind window.backpropPlayground).
  const api = await page.evaluate(async () => {
    const pg = window.backpropPlayground;
    const onnxBytes = await pg.exportOnnx();
    const png = await pg.exportPng();
    return {
      onnx: onnxBytes instanceof Uint8Array ? onnxBytes.length : -1,
      model: JSON.parse(await pg.exportModel()).format,
      csv: (await pg.exportHistoryCsv()).split('\n')[0],
      py: /nn\.Sequential/.test(await pg.exportPyTorch()),
      png: png.type,
    };
  });
  assert.equal(api.onnx > 100, true);
  assert.deepEqual({ ...api, onnx: 0 }, { onnx: 0, model: 'backprop-playground-model', csv: 'epoch,train_loss,test_loss,train_accuracy,test_accuracy', py: true, png: 'image/png' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the component: <backprop-playground>.exportOnnx() etc., the exporter .wasm from the package folder', async () => {
  const { ensureComponentBuilt, serveLogged, pagesFolder, launch, openRecorded } = await import('./component-harness.mjs');
  ensureComponentBuilt();
  const pages = pagesFolder({
    'export.html': '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>export</title></head><body>'
      + '<script type="module" src="component/backprop-playground.js"></script>'
      + '<backprop-playground id="p" dataset="xor" network-shape="3"></backprop-playground></body></html>',
  });
  const site = await serveLogged(pages.dir);
  const browser = await launch();
  try {
    const { page, rec } = await openRecorded(browser);
    await page.goto(`${site.url}export.html`);
    const result = await page.evaluate(async () => {
      const el = document.getElementById('p');
      await el.ready;
      el.step(300);
      const onnx = await el.exportOnnx();
      const script = await el.exportPyTorch();
      const csv = await el.exportHistoryCsv();
      const model = JSON.parse(await el.exportModel());
      const png = await el.exportPng();
      return { onnx: onnx instanceof Uint8Array && onnx.length > 100, py: /nn\.Sequential/.test(script), csv: csv.split('\n')[0], model: model.format, png: png.type };
    });
    assert.deepEqual(result, { onnx: true, py: true, csv: 'epoch,train_loss,test_loss,train_accuracy,test_accuracy', model: 'backprop-playground-model', png: 'image/png' });
    assert.ok(site.log.includes('/component/wasm/backprop-export.wasm'), 'the exporter came from the component folder');
    assert.deepEqual(rec.errors, []);
  } finally {
    await browser.close();
    await site.close();
    pages.remove();
  }
});
