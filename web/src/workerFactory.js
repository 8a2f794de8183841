// Starting a module worker where the browser refuses the script's own URL.
//
// `new Worker(url)` requires `url` to be same-origin with the document. Two cases break that:
// - a page in `<iframe sandbox="allow-scripts">` (no allow-same-origin) has an opaque origin
//   ('null'), so every http(s) URL is cross-origin: Chromium throws a SecurityError;
// - the component's script loaded from another origin (a CDN) names a worker on that origin.
// A data: URL worker is allowed from any document. Its one line, `import "<the real worker URL>";`,
// loads the real worker module as a cross-origin module import (CORS: its host must send
// Access-Control-Allow-Origin, see scripts/serve.mjs); the module keeps its own import.meta.url,
// so its relative imports still resolve. A static import, not import(): a module worker's message
// queue opens only once its module graph has run, so no early message is lost.
// (Measured in headless Chromium 156 from an opaque origin: a blob: module worker fails to load
// with an error event and no message, a blob: classic worker loads, a data: module worker loads.)

/** A data: URL whose module script imports the worker module at `url`. */
export function workerShimUrl(url) {
  const href = new URL(String(url), document.baseURI).href;
  return `data:text/javascript;charset=utf-8,${encodeURIComponent(`import ${JSON.stringify(href)};`)}`;
}

/** The worker constructor used when the direct one is refused: (url, options) -> module Worker. */
export function shimModuleWorker(url, options = {}) {
  return new Worker(workerShimUrl(url), { ...options, type: 'module' });
}

/**
 * Calls `make(Worker)`; if the browser refuses the worker's URL (SecurityError), calls it again
 * with a constructor that starts the same module through a data: URL. `make` is written as
 * `(Worker) => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })` so that
 * bundlers (Vite) still see, and bundle, the worker.
 */
export function createWorker(make) {
  try {
    return make(Worker);
  } catch (error) {
    if (error?.name !== 'SecurityError') throw error;
    return make(shimModuleWorker);
  }
}
