// wasm/loader.js in a page: the .wasm is fetched ONCE, whether the engine compiles it streaming,
// has no instantiateStreaming (the bytes of the same response), or refuses the response's MIME type
// (TypeError: the bytes of the same response again, no second request). Node takes the loader's
// fs path, so these tests pretend to be a page (globalThis.window) while a fresh copy of loader.js
// is evaluated, stub fetch with a counter, and restore everything afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { distDir, withObjects, optionsText } from './helpers.mjs';

let copies = 0;

async function loadThroughUrl({ streaming, contentType = 'application/wasm', status = 200, truncate = false, blocked = false }) {
  const saved = {
    fetch: globalThis.fetch,
    streaming: Object.getOwnPropertyDescriptor(WebAssembly, 'instantiateStreaming'),
    window: Object.getOwnPropertyDescriptor(globalThis, 'window'),
  };
  const requests = [];
  globalThis.fetch = async (url) => {
    requests.push(String(url));
    if (blocked) throw new TypeError('Failed to fetch');
    if (status !== 200) return new Response('not here', { status, statusText: 'Not Found' });
    const bytes = readFileSync(new URL(url));
    return new Response(truncate ? bytes.subarray(0, bytes.length >> 1) : bytes, { headers: { 'content-type': contentType } });
  };
  if (!streaming) delete WebAssembly.instantiateStreaming;
  globalThis.window = {};
  try {
    // A query string makes a new module instance, evaluated while `window` exists (isNode false).
    const { loadBackprop } = await import(new URL(`loader.js?page=${++copies}`, distDir).href);
    try {
      const { module: M, variant } = await loadBackprop({ simd: false });
      assert.equal(variant, 'base');
      const loss = withObjects((own) => {
        const data = own(M.Dataset.generate('circle', 40, 0, 1));
        const trainer = own(new M.Trainer(optionsText({ layers: [2, 4, 1], activations: ['tanh', 'tanh'] })));
        trainer.setData(data, data, false);
        return trainer.trainSteps(5).loss;
      });
      assert.ok(Number.isFinite(loss), 'the module fetched this way trains');
      return { requests };
    } catch (error) {
      return { requests, error };
    }
  } finally {
    globalThis.fetch = saved.fetch;
    if (saved.streaming) Object.defineProperty(WebAssembly, 'instantiateStreaming', saved.streaming);
    if (saved.window) Object.defineProperty(globalThis, 'window', saved.window);
    else delete globalThis.window;
  }
}

test('no WebAssembly.instantiateStreaming: one fetch, compiled from its bytes', async () => {
  const { requests, error } = await loadThroughUrl({ streaming: false });
  assert.ifError(error);
  assert.equal(typeof WebAssembly.instantiateStreaming, 'function', 'restored');
  assert.equal(typeof globalThis.window, 'undefined', 'restored');
  assert.deepEqual(requests.map((u) => u.split('/').pop()), ['backprop-base.wasm']);
});

test('streaming with the right MIME type: one fetch', async () => {
  const { requests, error } = await loadThroughUrl({ streaming: true });
  assert.ifError(error);
  assert.equal(requests.length, 1);
});

test('streaming refuses a wrong MIME type (TypeError): still one fetch', async () => {
  const { requests, error } = await loadThroughUrl({ streaming: true, contentType: 'text/plain' });
  assert.ifError(error);
  assert.equal(requests.length, 1, `fetched ${requests.length} times`);
});

test('an HTTP error names the URL and the status, after one fetch', async () => {
  for (const streaming of [true, false]) {
    const { requests, error } = await loadThroughUrl({ streaming, status: 404 });
    assert.match(String(error?.message), /^loadBackprop: could not load the engine from file:\S*\/backprop-base\.wasm: HTTP 404 Not Found\. The file is not on the server: deploy the engine files/);
    assert.equal(requests.length, 1);
  }
});

// Load failures in words (issue 15): what went wrong, then what to do; error.kind for the page.
test('a truncated .wasm: a readable message that says the file is damaged and what to do', async () => {
  for (const streaming of [true, false]) {
    const { error } = await loadThroughUrl({ streaming, truncate: true });
    assert.equal(error?.kind, 'corrupt', String(error?.message));
    assert.match(error.message, /^loadBackprop: could not load the engine from file:\S*\/backprop-base\.wasm: .+\. The file arrived damaged or incomplete: reload; if it persists, deploy backprop-\*\.wasm again/);
  }
});

test('a blocked download (fetch rejects): a readable message naming blockers and the CSP', async () => {
  const { error } = await loadThroughUrl({ streaming: true, blocked: true });
  assert.equal(error?.kind, 'network', String(error?.message));
  assert.match(error.message, /Failed to fetch\. The download failed or was blocked: .*connect-src 'self'/);
});
