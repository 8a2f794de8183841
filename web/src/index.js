// backprop-playground: a neural network playground whose training runs in a WASM engine inside
// a Web Worker. Two ways in, with one API (controller.js):
//
//   import { createPlayground } from 'backprop-playground';
//   const pg = createPlayground(document.querySelector('#here'), { state: '#dataset=spiral' });
//   pg.play(); await pg.ready; pg.metrics; ... pg.destroy();
//
//   import { definePlaygroundElement } from 'backprop-playground';
//   definePlaygroundElement();  // <backprop-playground dataset="spiral" network-shape="8,8">
//
// createPlayground options: state (a hash string like '#dataset=xor&networkShape=8,8' or an
// object of settings), hash (true: read and write window.location.hash), ui ({ controls, locked,
// views }), lazy (start near the viewport), wasmBase / dataBase (where the .wasm files and data
// CSVs are served; default: ../wasm/ and ../data/ next to the built script), simd, autoplay.
export { createPlayground } from './create.js';
export { definePlaygroundElement } from './element.js';
export { parseHash, toHash, DEFAULTS } from './state.js';
export { CONTROL_IDS, CONTROL_PRESETS, VIEW_IDS, OBSERVED_ATTRIBUTES } from './attributes.js';
export { readAttributes } from './elementAttributes.js';
