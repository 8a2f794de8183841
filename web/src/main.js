// The page: one full playground whose settings live in the URL hash.
import { createPlayground } from './index.js';

const playground = createPlayground(document.getElementById('playground'), {
  hash: true,
  autoplay: new URLSearchParams(window.location.search).has('autoplay'),
});
// For the end-to-end tests and the curious: window.backpropPlayground.stats.
window.backpropPlayground = playground;
