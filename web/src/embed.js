// embed.html#<settings>&controls=…&views=…&locked=…&autoplay&allowedOrigins=…&origin=…
// One playground for sites that only allow iframes, driven by messages from the parent
// (embedBridge.js, validated by messages.js). It works in <iframe sandbox="allow-scripts">: the
// frame's origin is then opaque, so the worker starts from a data: URL (workerFactory.js) and every
// script, .wasm and data file is a CORS request (the host sends Access-Control-Allow-Origin).
import workerScriptUrl from './worker.js?worker&url';
import { createPlayground } from './index.js';
import { readUi } from './attributes.js';
import { parseEmbedHash } from './messages.js';
import { connectEmbed } from './embedBridge.js';
import { workerShimUrl } from './workerFactory.js';

const mount = document.getElementById('playground');
const options = readOptions(window.location.hash);
const controller = createPlayground(mount, {
  state: options.stateHash,
  ui: options.ui,
  autoplay: options.autoplay,
  pauseWhenAway: true,
  // A sandboxed frame (opaque origin) may not start a worker from an http URL: a data: URL shim
  // imports it (workerFactory.js). Only then: the shim's import is a CORS request, which a host
  // without Access-Control-Allow-Origin refuses, and a frame with an origin needs no shim.
  ...(window.origin === 'null' ? { workerUrl: workerShimUrl(workerScriptUrl) } : {}),
});
// resize reports the body's height: the notes above the playground count too.
connectEmbed({ controller, mount, allowedOrigins: options.allowedOrigins, origin: options.origin, sizeElement: document.body });

// The parent may change the frame's hash (a new src with only another #...): the new settings and
// controls apply; who may send commands stays as the page was opened.
window.addEventListener('hashchange', () => {
  const next = readOptions(window.location.hash);
  controller.setState(next.stateHash || '#');
  controller.setUi(next.ui);
});

// For the end-to-end tests and the curious, as on the main page.
window.backpropPlayground = controller;

/** The hash's settings and embed options; bad options are shown above the playground. */
function readOptions(hash) {
  const o = parseEmbedHash(hash);
  const errors = [...o.errors];
  const texts = { controls: o.controls, views: o.views, locked: o.locked };
  // The component's own validator (attributes.js) reads controls, views and locked.
  const ui = readUi((name) => texts[name] ?? null, (name, message) => errors.push(`${name}: ${message}`));
  showNotes(errors);
  return { ...o, ui };
}

function showNotes(errors) {
  const box = document.getElementById('embed-notes');
  for (const e of errors) console.warn(`backprop-playground embed: ${e}`);
  box.replaceChildren(...errors.map((e) => Object.assign(document.createElement('p'), { textContent: e })));
  box.hidden = errors.length === 0;
}
