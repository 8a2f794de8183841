// embed.html#<settings>&controls=…&views=…&locked=…&autoplay&allowedOrigins=…&origin=…
// One playground for sites that only allow iframes, driven by messages from the parent
// (embedBridge.js, validated by messages.js). It works in <iframe sandbox="allow-scripts">: the
// frame's origin is then opaque, so the worker starts from a data: URL (workerFactory.js) and every
// script, .wasm and data file is a CORS request (the host sends Access-Control-Allow-Origin).
import workerScriptUrl from './worker.js?worker&url';
import { createPlayground } from './index.js';
import { parseEmbedHash } from './messages.js';
import { connectEmbed } from './embedBridge.js';
import { workerShimUrl } from './workerFactory.js';

const options = parseEmbedHash(window.location.hash);
showNotes(options.errors);

const mount = document.getElementById('playground');
const controller = createPlayground(mount, {
  state: options.stateHash,
  ...(options.controls !== undefined ? { controls: options.controls } : {}),
  ...(options.views !== undefined ? { views: options.views } : {}),
  ...(options.locked !== undefined ? { locked: options.locked } : {}),
  autoplay: options.autoplay,
  // A sandboxed frame (opaque origin) may not start a worker from an http URL: a data: URL shim
  // imports it (workerFactory.js). Harmless where the frame has an origin.
  workerUrl: workerShimUrl(workerScriptUrl),
});
connectEmbed({ controller, mount, allowedOrigins: options.allowedOrigins, origin: options.origin });

// The parent may change the frame's hash (a new src with only another #...): the new settings apply.
window.addEventListener('hashchange', () => {
  const next = parseEmbedHash(window.location.hash);
  showNotes(next.errors);
  controller.setState(next.stateHash || '#');
});

// For the end-to-end tests and the curious, as on the main page.
window.backpropPlayground = controller;

function showNotes(errors) {
  const box = document.getElementById('embed-notes');
  for (const e of errors) console.warn(`backprop-playground embed: ${e}`);
  box.replaceChildren(...errors.map((e) => Object.assign(document.createElement('p'), { textContent: e })));
  box.hidden = errors.length === 0;
}
