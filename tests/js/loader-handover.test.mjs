// wasm/loader.js with the .wasm handed over by the caller (a page that compiled it early and posted
// the WebAssembly.Module to its worker): the given Module or Response is used and NOTHING is
// fetched. Like loader-fetch.test.mjs, the loader is evaluated as in a page (globalThis.window) with
// fetch stubbed by a counter, and everything is restored afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { distDir, withObjects, optionsText } from './helpers.mjs';

let copies = 0;
const baseBytes = () => readFileSync(new URL('backprop-base.wasm', distDir));

async function asPage(fn) {
  const saved = { fetch: globalThis.fetch, window: Object.getOwnPropertyDescriptor(globalThis, 'window') };
  const requests = [];
  globalThis.fetch = async (url) => {
    requests.push(String(url));
    return new Response(readFileSync(new URL(url)), { headers: { 'content-type': 'application/wasm' } });
  };
  globalThis.window = {};
  try {
    const loader = await import(new URL(`loader.js?handover=${++copies}`, distDir).href);
    try {
      return { requests, value: await fn(loader) };
    } catch (error) {
      return { requests, error };
    }
  } finally {
    globalThis.fetch = saved.fetch;
    if (saved.window) Object.defineProperty(globalThis, 'window', saved.window);
    else delete globalThis.window;
  }
}

const trains = (M) => withObjects((own) => {
  const data = own(M.Dataset.generate('circle', 40, 0, 1));
  const trainer = own(new M.Trainer(optionsText({ layers: [2, 4, 1], activations: ['tanh', 'tanh'] })));
  trainer.setData(data, data, false);
  return Number.isFinite(trainer.trainSteps(5).loss);
});

test('wasmModule: the given WebAssembly.Module is instantiated, nothing is fetched', async () => {
  const compiled = await WebAssembly.compile(baseBytes());
  let instantiatedFrom = null;
  const realInstantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (source, imports) {
    instantiatedFrom = source;
    return realInstantiate.call(this, source, imports);
  };
  try {
    const { requests, value, error } = await asPage(async ({ loadBackprop }) => {
      const { module: M, variant } = await loadBackprop({ simd: false, wasmModule: compiled });
      return { variant, trains: trains(M) };
    });
    assert.ifError(error);
    assert.deepEqual(requests, [], 'no fetch');
    assert.equal(instantiatedFrom, compiled, 'instantiated from the Module passed in');
    assert.deepEqual(value, { variant: 'base', trains: true });
  } finally {
    WebAssembly.instantiate = realInstantiate;
  }
});

test('wasmModule as a promise: used once it resolves, nothing is fetched', async () => {
  const { requests, value, error } = await asPage(async ({ loadBackprop }) => {
    const { module: M } = await loadBackprop({ simd: false, wasmModule: WebAssembly.compile(baseBytes()) });
    return trains(M);
  });
  assert.ifError(error);
  assert.deepEqual(requests, []);
  assert.equal(value, true);
});

test('wasmResponse: compiled from the given Response, nothing is fetched', async () => {
  const response = new Response(baseBytes(), { headers: { 'content-type': 'application/wasm' } });
  const { requests, value, error } = await asPage(async ({ loadBackprop }) => {
    const { module: M } = await loadBackprop({ simd: false, wasmResponse: Promise.resolve(response) });
    return trains(M);
  });
  assert.ifError(error);
  assert.deepEqual(requests, []);
  assert.equal(value, true);
});

test('a bad hand-over is named, and nothing is fetched', async () => {
  const notModule = await asPage(({ loadBackprop }) => loadBackprop({ simd: false, wasmModule: {} }));
  assert.match(String(notModule.error?.message), /^loadBackprop: could not load the engine from wasmModule \(\S+backprop-base\.wasm\): wasmModule is not a WebAssembly\.Module\. Reload the page/);
  assert.deepEqual(notModule.requests, []);
  const failed = await asPage(({ loadBackprop }) => loadBackprop({ simd: false, wasmModule: Promise.reject(new Error('compile failed in the page')) }));
  assert.match(String(failed.error?.message), /wasmModule .*compile failed in the page\. Reload the page/);
  assert.deepEqual(failed.requests, []);
  const both = await asPage(({ loadBackprop }) => loadBackprop({ wasmModule: {}, wasmResponse: {} }));
  assert.match(String(both.error?.message), /pass wasmModule or wasmResponse, not both/);
});

test('wasmFileUrl names the file loadBackprop would fetch', async () => {
  const { value, error } = await asPage(({ wasmFileUrl }) => [wasmFileUrl({ simd: false }), wasmFileUrl({ simd: false, baseUrl: 'https://x.test/w/' })]);
  assert.ifError(error);
  assert.deepEqual(value, [new URL('backprop-base.wasm', distDir).href, 'https://x.test/w/backprop-base.wasm']);
});

test('createModule: the given glue factory is used, the .js is not imported from baseUrl', async () => {
  const { default: realFactory } = await import(new URL('backprop-base.js', distDir).href);
  let calls = 0;
  const factory = (options) => { ++calls; return realFactory(options); };
  // A baseUrl with no glue in it: importing backprop-base.js from there would fail.
  const { requests, value, error } = await asPage(async ({ loadBackprop }) => {
    const { module: M } = await loadBackprop({ simd: false, baseUrl: 'https://nowhere.invalid/w/', createModule: factory, wasmModule: WebAssembly.compile(baseBytes()) });
    return trains(M);
  });
  assert.ifError(error);
  assert.equal(calls, 1);
  assert.deepEqual(requests, []);
  assert.equal(value, true);
  const bad = await asPage(({ loadBackprop }) => loadBackprop({ simd: false, createModule: 'backprop-base.js' }));
  assert.match(String(bad.error?.message), /createModule must be the glue's factory function/);
  assert.deepEqual(bad.requests, [], 'nothing fetched for a bad option');
});
