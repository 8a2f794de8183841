// The page: one full playground whose settings live in the URL hash. The engine's worker starts
// first, so the WASM download and compile run while the UI module loads and builds the DOM.
import { startEngineWorker } from './spawn.js';

const engine = startEngineWorker();
const [, { createPlayground }] = await Promise.all([engine.started, import('./create.js')]);
// ?tfp=<url-encoded TensorFlow Playground link>: imported once, then the page's own hash holds it
// (the query is dropped so that a reload or a shared link reproduces the imported setup).
const search = new URLSearchParams(window.location.search);
const tfpLink = search.get('tfp');
if (tfpLink != null) {
  search.delete('tfp');
  const query = search.toString();
  history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
}
const playground = createPlayground(document.getElementById('playground'), {
  hash: true,
  tfpLink: tfpLink || undefined,
  autoplay: new URLSearchParams(window.location.search).has('autoplay'),
  engine,
});
// For the end-to-end tests and the curious: window.backpropPlayground.stats.
window.backpropPlayground = playground;
