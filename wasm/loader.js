// Loads the backprop WebAssembly module: the SIMD build where the engine validates it, the baseline
// build otherwise. One ES module for a page, a module Web Worker and Node 20 (no flags needed).
//
//   import { loadBackprop } from './loader.js';
//   const { module, variant } = await loadBackprop();          // 'simd' or 'base'
//   const { module } = await loadBackprop({ simd: false });    // force the baseline
//
// The .js/.wasm files are looked up next to this file unless `baseUrl` says where they are.
// Browsers: the loader fetches the .wasm itself (streaming compile, ArrayBuffer fallback when the
// server sends a wrong MIME type). Node: it reads the .wasm with fs and hands the bytes to the
// module (Emscripten 3.1.6 would otherwise fetch() a file path with Node 20's fetch and fail).
// In a browser the .wasm fetch starts together with the import of the .js glue, not after it.
//
// A page may start the download and compile itself, early, and hand the result over (e.g. to a
// worker, as a posted WebAssembly.Module): `wasmModule` (a WebAssembly.Module or a promise of one)
// or `wasmResponse` (a Response or a promise of one, compiled streaming). Nothing is fetched then.
// `wasmFileUrl()` names the file such a page fetches; the variant must match (pass `simd`).
// `createModule` is the variant's glue (the default export of backprop-<variant>.js) when the
// caller bundled it: then the .js is not imported from baseUrl.

// (module (func (result v128) i32.const 0 i8x16.splat))
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11,
]);
// (module (func try catch_all end)): the exception instructions the SIMD build uses.
const EH_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11,
]);

export const isNode =
  typeof process === 'object' && typeof process.versions?.node === 'string' &&
  typeof window === 'undefined' && typeof importScripts === 'undefined' &&
  typeof WorkerGlobalScope === 'undefined';

function validates(bytes) {
  try {
    return WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

// True when this engine can run the SIMD build (wasm SIMD128 and wasm exception handling).
export function simdSupported() {
  return validates(SIMD_PROBE) && validates(EH_PROBE);
}

/** The URL of the .wasm that loadBackprop({ simd, baseUrl }) would fetch. */
export function wasmFileUrl({ simd, baseUrl } = {}) {
  const supported = simd === false ? false : simdSupported();
  return new URL(`backprop-${supported ? 'simd' : 'base'}.wasm`, new URL(baseUrl ?? './', import.meta.url)).href;
}

/** A file's bytes in Node (also used by export.js). */
export async function readNodeFile(url) {
  const fsModule = 'node:fs/promises';  // a variable, so bundlers leave it alone
  const { readFile } = await import(/* @vite-ignore */ fsModule);
  return readFile(url);
}

// One fetch: streaming compile from a clone of the response, and, when there is no streaming API or
// it refuses the response (TypeError: a wrong MIME type), the bytes of the same response.
export async function instantiateFromResponse(responsePromise, imports) {
  const response = await responsePromise;
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);  // caller adds the URL
  if (typeof WebAssembly.instantiateStreaming === 'function') {
    try {
      return await WebAssembly.instantiateStreaming(response.clone(), imports);
    } catch (error) {
      // Wrong MIME type (not application/wasm): compile from the bytes instead. Other errors recur.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}

async function instantiateFromModule(modulePromise, imports) {
  const module = await modulePromise;
  if (!(module instanceof WebAssembly.Module)) throw new Error('wasmModule is not a WebAssembly.Module');
  return { instance: await WebAssembly.instantiate(module, imports), module };
}

// --- load-failure messages (issue 15): what went wrong and what to do, in words -----------------
/** The Error loadBackprop rejects with when the .wasm cannot be had: the URL, the cause, then what
 *  to do. error.kind: 'http' (the server answered with an error status), 'corrupt' (the bytes are
 *  not a whole valid module: truncated, altered, an HTML error page), 'network' (the download
 *  failed or was blocked), 'other'. */
export function loadFailure(what, error) {
  const detail = String(error?.message ?? error);
  let kind = 'other';
  let advice = 'Reload the page.';
  const status = /^HTTP (\d+)/.exec(detail);
  if (status) {
    kind = 'http';
    advice = status[1] === '404'
      ? 'The file is not on the server: deploy the engine files (wasm/dist/) with the page, or set wasm-base (wasmBase).'
      : 'The server failed to send it: check the server, then reload.';
  } else if (error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError) {
    kind = 'corrupt';
    advice = 'The file arrived damaged or incomplete: reload; if it persists, deploy backprop-*.wasm again.';
  } else if (error instanceof TypeError) {
    kind = 'network';
    advice = "The download failed or was blocked: check the connection, a content or ad blocker, and the site's CSP (connect-src 'self', 'wasm-unsafe-eval'); then reload.";
  }
  return Object.assign(new Error(`loadBackprop: could not load the engine from ${what}: ${detail}. ${advice}`), { kind, cause: error });
}

/**
 * @param {{simd?: boolean, baseUrl?: string|URL, print?: (s: string) => void,
 *          printErr?: (s: string) => void,
 *          wasmModule?: WebAssembly.Module|Promise<WebAssembly.Module>,
 *          wasmResponse?: Response|Promise<Response>, createModule?: Function}} [options]
 *   simd: undefined = use SIMD when supported; false = baseline; true = SIMD or throw.
 *   wasmModule / wasmResponse: the variant's .wasm, compiled or fetched by the caller (no fetch then).
 *   createModule: the variant's glue factory, bundled by the caller (no import of the .js then).
 * @returns {Promise<{module: object, variant: 'simd'|'base'}>}
 */
export async function loadBackprop({ simd, baseUrl, print, printErr, wasmModule, wasmResponse, createModule } = {}) {
  if (wasmModule !== undefined && wasmResponse !== undefined) {
    throw new Error('loadBackprop: pass wasmModule or wasmResponse, not both');
  }
  if (createModule !== undefined && typeof createModule !== 'function') {
    throw new Error('loadBackprop: createModule must be the glue\'s factory function (default export of backprop-<variant>.js)');
  }
  const supported = simd === false ? false : simdSupported();
  if (simd === true && !supported) {
    throw new Error('loadBackprop: this engine lacks WebAssembly SIMD or exception handling');
  }
  const variant = supported ? 'simd' : 'base';
  const base = new URL(baseUrl ?? './', import.meta.url);
  const jsUrl = new URL(`backprop-${variant}.js`, base);
  const wasmUrl = new URL(`backprop-${variant}.wasm`, base);

  // The .wasm first (or what the caller handed over), then the glue: both download at once.
  let source;
  let what = wasmUrl.href;
  if (wasmModule !== undefined) {
    const compiled = Promise.resolve(wasmModule);
    compiled.catch(() => {});  // reported through instantiateWasm
    source = (imports) => instantiateFromModule(compiled, imports);
    what = 'wasmModule';
  } else if (wasmResponse !== undefined) {
    const response = Promise.resolve(wasmResponse);
    response.catch(() => {});  // reported through instantiateWasm
    source = (imports) => instantiateFromResponse(response, imports);
    what = 'wasmResponse';
  } else if (isNode) {
    const bytes = readNodeFile(wasmUrl);
    bytes.catch(() => {});
    source = async (imports) => WebAssembly.instantiate(await bytes, imports);
  } else {
    const response = fetch(wasmUrl.href, { credentials: 'same-origin' });
    response.catch(() => {});  // reported through instantiateWasm
    source = (imports) => instantiateFromResponse(response, imports);
  }

  const createBackpropModule = createModule ?? (await import(/* @vite-ignore */ jsUrl.href)).default;
  const options = {};
  if (print) options.print = print;
  if (printErr) options.printErr = printErr;

  let failLoad;
  const loadFailed = new Promise((_, reject) => (failLoad = reject));
  options.instantiateWasm = (imports, receiveInstance) => {
    source(imports).then(
      ({ instance, module }) => receiveInstance(instance, module),
      (error) => failLoad(loadFailure(what === wasmUrl.href ? what : `${what} (${wasmUrl.href})`, error)),
    );
    return {};  // the exports arrive through receiveInstance
  };
  options.onAbort = (what) => failLoad(new Error(`loadBackprop: module aborted: ${what}`));
  const module = await Promise.race([createBackpropModule(options), loadFailed]);
  installExport(module, base);  // EXPORT (issue 14): trainer.toOnnx() etc., below
  return { module, variant };
}

// --- EXPORT (issue 14) ------------------------------------------------------------------------------
// trainer.toOnnx() -> Promise<Uint8Array>, toPyTorch() -> Promise<string>, historyCsv() ->
// Promise<string>: export.js (next to this file; a chunk of its own when bundled) and the exporter
// module backprop-export.{js,wasm} it loads from the engine's baseUrl, both on the first call, so
// that neither the engine's .wasm nor this file carries the export code.
function installExport(module, base) {
  const proto = module.Trainer?.prototype;
  for (const name of proto && !proto.toOnnx ? ['toOnnx', 'toPyTorch', 'historyCsv'] : []) {
    proto[name] = async function (...args) { return (await import('./export.js'))[name](this, base, ...args); };
  }
}

/** The exporter module (see export.js), loaded once per baseUrl (default: next to this file). */
export async function loadExporter(options) { return (await import('./export.js')).loadExporter(options); }
