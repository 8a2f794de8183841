// Starts a playground's worker and sends it 'init' (load the WASM engine) at once. Kept apart from
// the UI so a page can start the engine before it loads and builds the UI (main.js): messages the
// worker sends before a playground takes it over are kept and handed over in order.
// The page itself fetches and compiles the .wasm (streaming, off the main thread) while the worker
// starts and imports the glue, and posts the compiled WebAssembly.Module to it ('wasmModule'): the
// download starts at once (or earlier: index.html preloads it) instead of after worker start,
// worker script and glue. Where a Module cannot be posted or compiled, the worker fetches it itself.
import { simdSupported, wasmFileUrl } from 'backprop-playground/engine';
import { ToWorker } from './protocol.js';
import { createWorker } from './workerFactory.js';
import { faultInjectionEnabled } from './workerSupervisor.js';

// One download and one compile per .wasm URL for the whole page: six playgrounds on a page post
// the same WebAssembly.Module to their six workers.
const compiled = new Map();  // url -> Promise<WebAssembly.Module>

function compileInPage(wasmUrl) {
  if (typeof WebAssembly?.compileStreaming !== 'function') return null;
  let promise = compiled.get(wasmUrl);
  if (!promise) {
    promise = WebAssembly.compileStreaming(fetch(wasmUrl, { credentials: 'same-origin' }));
    // A failed download is not kept: the next playground tries again.
    promise.catch(() => { if (compiled.get(wasmUrl) === promise) compiled.delete(wasmUrl); });
    compiled.set(wasmUrl, promise);
  }
  return promise;
}

/** options: workerUrl, wasmBase, dataBase (resolved against the document), simd. */
export function startEngineWorker(options = {}) {
  // createWorker: where the browser refuses the worker's URL (a sandboxed frame, the component's
  // script on another origin), the same module starts through a data: URL (workerFactory.js).
  const worker = options.workerUrl
    ? createWorker((Worker) => new Worker(options.workerUrl, { type: 'module', name: 'backprop-playground' }))
    : createWorker((Worker) => new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'backprop-playground' }));
  const here = import.meta.url;
  const wasmBase = options.wasmBase ? new URL(options.wasmBase, document.baseURI).href : new URL(['..', 'wasm', ''].join('/'), here).href;
  const dataBase = options.dataBase ? new URL(options.dataBase, document.baseURI).href : new URL(['..', 'data', ''].join('/'), here).href;
  const early = [];
  let errorEvent = null;
  let markStarted;
  const started = new Promise((resolve) => { markStarted = resolve; });
  worker.onmessage = (e) => { early.push(e.data); markStarted(); };
  worker.onerror = (e) => { errorEvent = e; markStarted(); };
  // The variant is settled here, so the page's download and the worker's glue agree.
  const simd = options.simd === false ? false : simdSupported();
  // Tests only: the worker honours fault-injection messages (workerSupervisor.js, ?bp-test-faults).
  const testFaults = faultInjectionEnabled() || undefined;
  if (options.simd === true && !simd) {
    worker.postMessage({ type: ToWorker.init, wasmBase, dataBase, simd: true, testFaults });  // the worker names the error
  } else {
    const compiling = compileInPage(wasmFileUrl({ simd, baseUrl: wasmBase }));
    worker.postMessage({ type: ToWorker.init, wasmBase, dataBase, simd, precompiled: Boolean(compiling), testFaults });
    compiling?.then(
      (module) => worker.postMessage({ type: ToWorker.wasmModule, module }),
      (error) => worker.postMessage({ type: ToWorker.wasmModule, error: String(error?.message ?? error) }),
    );
  }
  return {
    worker,
    /** Resolves once the worker runs (or failed to load): Chromium starts a worker thread with
     *  tasks on the page's main thread, which a long DOM build would hold back. */
    started,
    /** Routes the worker's messages (and errors) to the handlers, the early ones first. */
    attach(onMessage, onError) {
      worker.onmessage = (e) => onMessage(e.data);
      worker.onerror = onError;
      for (const m of early.splice(0)) onMessage(m);
      if (errorEvent) onError(errorEvent);
    },
  };
}
