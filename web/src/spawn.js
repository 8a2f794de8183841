// Starts a playground's worker and sends it 'init' (load the WASM engine) at once. Kept apart from
// the UI so a page can start the engine before it loads and builds the UI (main.js): messages the
// worker sends before a playground takes it over are kept and handed over in order.
import { ToWorker } from './protocol.js';

/** options: workerUrl, wasmBase, dataBase (resolved against the document), simd. */
export function startEngineWorker(options = {}) {
  const worker = options.workerUrl
    ? new Worker(options.workerUrl, { type: 'module', name: 'backprop-playground' })
    : new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'backprop-playground' });
  const here = import.meta.url;
  const wasmBase = options.wasmBase ? new URL(options.wasmBase, document.baseURI).href : new URL(['..', 'wasm', ''].join('/'), here).href;
  const dataBase = options.dataBase ? new URL(options.dataBase, document.baseURI).href : new URL(['..', 'data', ''].join('/'), here).href;
  const early = [];
  let errorEvent = null;
  let markStarted;
  const started = new Promise((resolve) => { markStarted = resolve; });
  worker.onmessage = (e) => { early.push(e.data); markStarted(); };
  worker.onerror = (e) => { errorEvent = e; markStarted(); };
  worker.postMessage({ type: ToWorker.init, wasmBase, dataBase, simd: options.simd });
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
