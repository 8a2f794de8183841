// backprop-playground: a neural network playground whose training runs in a WASM engine inside
// a Web Worker. createPlayground(element, options) mounts one; several can share a page.
//
//   import { createPlayground } from 'backprop-playground';
//   const pg = createPlayground(document.querySelector('#here'), { state: '#dataset=spiral' });
//   pg.play(); ... pg.destroy();
//
// options: state (a hash string like '#dataset=xor&networkShape=8,8' or an object of settings),
// hash (true: read and write window.location.hash), wasmBase / dataBase (where the .wasm files
// and data CSVs are served; default: ../wasm/ and ../data/ next to the built script), simd,
// autoplay (start training as soon as the engine is ready).
import './styles.css';
import { Playground } from './playground.js';

export { parseHash, toHash, DEFAULTS } from './state.js';

/** Mounts a playground into `element`; returns its controller. */
export function createPlayground(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('createPlayground: element must be a DOM element');
  const pg = new Playground(element, options);
  return {
    play: () => pg.play(),
    pause: () => pg.pause(),
    toggle: () => pg.toggle(),
    step: () => pg.step(),
    reset: () => pg.reset(),
    getState: () => pg.getState(),
    getParameters: () => pg.getParameters(),
    setState: (s) => pg.setState(s),
    getUrl: () => pg.getUrl(),
    get stats() { return { ...pg.stats }; },
    get root() { return pg.root; },
    destroy: () => pg.destroy(),
  };
}

export { definePlaygroundElement } from './element.js';
