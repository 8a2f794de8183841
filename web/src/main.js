// The page: one full playground whose settings live in the URL hash. The engine's worker starts
// first, so the WASM download and compile run while the UI module loads and builds the DOM.
import { startEngineWorker } from './spawn.js';

const engine = startEngineWorker();
const [, { createPlayground }] = await Promise.all([engine.started, import('./create.js')]);
const playground = createPlayground(document.getElementById('playground'), {
  hash: true,
  autoplay: new URLSearchParams(window.location.search).has('autoplay'),
  engine,
});
// For the end-to-end tests and the curious: window.backpropPlayground.stats.
window.backpropPlayground = playground;
