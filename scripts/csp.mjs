// The pages' Content-Security-Policy (issue 15), in one place: vite.config.js writes it into each
// built page as <meta http-equiv="Content-Security-Policy">, scripts/serve.mjs sends it as a header,
// tests/e2e/csp.test.mjs checks that every page runs under it without a violation.
//
// - No inline script, no 'unsafe-eval': the only code is the site's own files ('self'); the
//   Emscripten glue is linked with -sDYNAMIC_EXECUTION=0 (no new Function in Embind).
// - 'wasm-unsafe-eval': compiling the engine's .wasm (the page's compileStreaming, the worker's).
// - No third-party origin anywhere: scripts, workers, fetches (.wasm, data CSVs), styles, fonts.
// - Styles: the site's stylesheets only; no inline <style> or style="" markup. (CSSOM writes,
//   element.style.x = ..., and the component's constructed adoptedStyleSheets are not inline
//   styles and need nothing more.)
// - img-src data:: the pages' favicon is a data: URL.
// - embed.html only: worker-src data:. In <iframe sandbox="allow-scripts"> the document's origin is
//   opaque and `new Worker(<http URL>)` throws; web/src/workerFactory.js then starts the same
//   module from a one-line data: URL (`import "<worker URL>";`). The imported module itself is
//   still checked against script-src 'self'.
// frame-ancestors, which only a header can carry, is left out: embed.html exists to be framed by
// anyone's article (its message API checks origins itself: web/src/embedBridge.js).

const BASE = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** The extra sources one page needs, by its file name. */
const EXTRA = {
  'embed.html': { 'worker-src': ['data:'] },
};

/** The pages that carry the policy (the site's HTML files). */
export const CSP_PAGES = ['index.html', 'embed.html', 'article.html', 'two.html'];

/** The policy text for `page` (a file name such as 'embed.html'; any other name: the base policy). */
export function cspFor(page = 'index.html') {
  const name = String(page).split(/[\\/]/).pop() || 'index.html';
  const extra = EXTRA[name] || {};
  return Object.entries(BASE)
    .map(([directive, sources]) => [directive, ...sources, ...(extra[directive] || [])].join(' '))
    .join('; ');
}
