// What the page draws: the network message after a rebuild and the frames (report, metrics,
// heatmap grids, parameters, now and then the confusion matrix and the per-sample predictions),
// each copied out of WASM memory (.slice()) with its buffers transferred.
import { FromWorker, OUTPUT_GRID, THUMB_GRID } from '../protocol.js';
import { w, post } from './session.js';
import { dropCanvases, paintThumbs, paintLinks } from './offscreen.js';

const SLOW_FRAME_EVERY = 12;         // confusion matrix and predictions: every n-th frame while playing

export function sendNetwork() {
  const { options, inputNames, head, twoD, standardize } = w.built;
  w.numNeurons = options.layers.reduce((a, b) => a + b, 0);
  w.focus = -1;
  dropCanvases();
  post({
    type: FromWorker.network, layers: options.layers, activations: options.activations, inputNames, head, twoD, standardize,
    optionsJson: w.trainer.optionsJson(), numParameters: w.trainer.parameters().length,
  });
}

/** Sends a full frame now (after a command or a configure), outside the loop's back-pressure. */
export function sendFrame() {
  if (!w.trainer) return;
  const frame = makeFrame(true);
  post(frame.message, frame.transfer);
}

/** { message, transfer }: full = with the slow parts (confusion matrix, predictions). */
export function makeFrame(full) {
  const t = w.trainer;
  const r = t.report();
  const hasData = !!w.train;
  const message = {
    type: FromWorker.frame,
    steps: r.steps,
    epoch: r.epoch,
    epochFloat: hasData ? (r.steps * w.built.options.batchSize) / Math.max(1, w.raw.train.n) : 0,
    loss: r.loss,
    diverged: r.diverged,
    divergence: r.diverged ? t.divergenceMessage() : '',
    playing: w.playing,
    metrics: hasData ? { ...t.evaluate() } : null,
    heapBytes: w.module.heapBytes(),
  };
  const transfer = [];
  w.frameNo++;
  if (w.twoD && w.extent) {
    const { x0, x1, y0, y1 } = w.extent;
    const nOut = w.built.options.layers[w.built.options.layers.length - 1];
    if (w.focus >= 0 && w.focus < w.numNeurons) {
      const view = t.predictGrid(x0, x1, y0, y1, OUTPUT_GRID, OUTPUT_GRID, true);
      const rows = w.numNeurons; const P = OUTPUT_GRID * OUTPUT_GRID;
      const values = new Float32Array(P);
      for (let p = 0; p < P; p++) values[p] = view[p * rows + w.focus];
      message.grid = { n: OUTPUT_GRID, rows: 1, values, focus: w.focus };
    } else {
      const values = t.predictGrid(x0, x1, y0, y1, OUTPUT_GRID, OUTPUT_GRID, false).slice();
      message.grid = { n: OUTPUT_GRID, rows: nOut, values, focus: -1 };
    }
    transfer.push(message.grid.values.buffer);
    const view = t.predictGrid(x0, x1, y0, y1, THUMB_GRID, THUMB_GRID, true);
    if (w.thumbs) {
      paintThumbs({ n: THUMB_GRID, rows: w.numNeurons, values: view });  // no copy, nothing sent
    } else {
      const thumbs = view.slice();
      message.thumbs = { n: THUMB_GRID, rows: w.numNeurons, values: thumbs };
      transfer.push(thumbs.buffer);
    }
  }
  message.params = t.parameters().slice();
  paintLinks(message.params);
  transfer.push(message.params.buffer);
  const history = hasData ? historyIfChanged(full) : null;
  if (history) { message.history = history; transfer.push(history.buffer); }
  const slow = full || w.frameNo % SLOW_FRAME_EVERY === 0;
  if (slow && hasData) {
    if (w.info.task === 'classification') {
      const k = Math.max(2, w.info.numClasses);
      message.confusion = { k, train: Int32Array.from(t.confusion(false)), test: w.raw.test.n ? Int32Array.from(t.confusion(true)) : null };
    }
    if (!w.twoD) message.predictions = predictAll();
  }
  return { message, transfer };
}

/** Predicted class (the core's rule) or value of every sample, train then test, for the
 *  projection and digit views. */
function predictAll() {
  const out = {};
  for (const part of ['train', 'test']) {
    const s = w.raw[part];
    if (!s.n) out[part] = new Float32Array(0);
    else if (w.info.task === 'regression') out[part] = w.trainer.predict(s.x, s.n);
    else out[part] = Float32Array.from(w.trainer.predictClasses(s.x, s.n));
  }
  return out;
}

/** The core's loss history (5 numbers per epoch), copied when it changed since the last frame. */
function historyIfChanged(full) {
  const view = w.trainer.history();
  const n = view.length;
  const key = n ? `${n}:${view[n - 5]}:${view[0]}` : '0';
  if (!full && key === w.historyKey) return null;
  w.historyKey = key;
  return view.slice();
}
