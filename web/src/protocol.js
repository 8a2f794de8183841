// Messages between a playground (main thread) and its worker, which owns the WASM module.
// Every message is a plain object { type, ...fields }; large arrays travel as transferables.
// Both sides import the type names from here and nowhere else.

/** Page -> worker. */
export const ToWorker = Object.freeze({
  init: 'init',               // { wasmBase, dataBase, simd?, precompiled? }  load the module
  configure: 'configure',     // { config }  data + network settings; rebuilds what changed
  play: 'play',               // {}
  pause: 'pause',             // {}
  step: 'step',               // { steps? }  that many mini-batch steps (else one frame's worth), then a frame
  reset: 'reset',             // {}  same seed's initial weights, epoch 0
  setSpeed: 'setSpeed',       // { speed }  index into SPEEDS
  setStop: 'setStop',         // { stopEpoch, stopLoss }  0 = off
  setParameter: 'setParameter',       // { index, value }
  focus: 'focus',             // { neuron }  row of predictGrid(allNeurons), or -1 for the output
  canvases: 'canvases',       // { canvases: { thumbs: [{ canvas: OffscreenCanvas, row, isOutput }], links } }
                              // (transferred): the diagram's canvases, painted by the worker from then on
  ack: 'ack',                 // {}  the page has drawn a frame: the worker may send another
  loadCsv: 'loadCsv',         // { text, task, name }  a user's file
  recover: 'recover',         // { learningRate? }  after a divergence: last good weights, go on
  gradientCheck: 'gradientCheck', // { samples, maxParameters }
  exportModel: 'exportModel', // {}
  wasmModule: 'wasmModule',   // { module } | { error }  the .wasm compiled by the page (init's precompiled)
  // EXPORT (issue 14): { id, format: 'onnx'|'pytorch'|'csv'|'model' }; the exporter .wasm loads in the
  // worker on the first one (wasm/loader.js). Answered by FromWorker.exported with the same id.
  exportFile: 'exportFile',
  // --- math panel (issue 13) ---
  trace: 'trace',             // { id, sample, parameter, erratum, newLoss? }  sent only while the math panel is open
});

/** Worker -> page. */
export const FromWorker = Object.freeze({
  started: 'started',         // {}  the worker's script runs (sent once, before 'ready')
  ready: 'ready',             // { variant, simdSets, heapBytes, loadMs, previews }
  data: 'data',               // { info, twoD, extent, train: {n, x, labels, targets}, test: {...} }
  configured: 'configured',   // { ok, scope?, message? }  the answer to every configure
  csvLoaded: 'csvLoaded',     // { name, info }  a user's CSV parsed; the page configures dataset=csv
  network: 'network',         // { layers, activations, inputNames, head, twoD, standardize, optionsJson, numParameters }
  frame: 'frame',             // see worker/frame.js makeFrame()
  stopped: 'stopped',         // { reason }  training paused by the worker (target, divergence)
  error: 'error',             // { scope: 'csv'|'config'|'engine'|'data'|'weight', message }
  gradientCheck: 'gradientCheck', // { result } | { error }
  model: 'model',             // { json }
  // EXPORT (issue 14): { id, format, data: Uint8Array (onnx, transferred) | string } or { id, format, error }
  exported: 'exported',
  // --- math panel (issue 13) ---
  trace: 'trace',             // { id, sample, parameter, trace, seedTrace?, fd, pending, params, n } | { id, error }
});

/** Training speed: what one frame trains. 'slow' waits between single steps. */
export const SPEEDS = Object.freeze([
  { label: 'Slow motion', steps: 1, waitMs: 250 },
  { label: '1 step / frame', steps: 1 },
  { label: '10 steps / frame', steps: 10 },
  { label: '1 epoch / frame', epochs: 1 },
  { label: '10 epochs / frame', epochs: 10 },
  { label: 'As fast as possible', budgetMs: 28 },
]);
export const DEFAULT_SPEED = 3;

/** Grid sizes of the heatmaps (points per side). */
export const OUTPUT_GRID = 64;
export const THUMB_GRID = 24;

/** Frames the worker may send before the page acknowledges one (back-pressure). */
export const MAX_FRAMES_IN_FLIGHT = 2;
