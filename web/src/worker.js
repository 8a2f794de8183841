// The training worker: owns the WASM module, the data sets and the Trainer of one playground.
// Each frame it trains k steps (SPEEDS), then posts a compact frame copied out of WASM memory
// (.slice() of the views) with its buffers transferred. The page acknowledges each frame it draws;
// at most MAX_FRAMES_IN_FLIGHT are outstanding, so a slow page never queues stale frames.
import {
  ToWorker, FromWorker, SPEEDS, DEFAULT_SPEED, OUTPUT_GRID, THUMB_GRID, MAX_FRAMES_IN_FLIGHT,
} from './protocol.js';
import { trainerOptions } from './model.js';
import { GENERATED, BUILTIN, PLANE_EXTENT } from './datasets.js';

const GENERATED_SAMPLES = 500;       // TensorFlow Playground's size
const SLOW_FRAME_EVERY = 12;         // confusion matrix and predictions: every n-th frame while playing

const w = {
  module: null,
  dataBase: '',
  texts: new Map(),       // builtin CSV text by name
  csv: null,              // the user's last good CSV Dataset { dataset, name }
  full: null, train: null, test: null, split: null,
  raw: null,              // { train: {x, n}, test: {x, n} } raw inputs for predict()
  info: null, twoD: false, extent: PLANE_EXTENT,
  dataKey: '', netKey: '', weightsKey: '',
  trainer: null, built: null, numNeurons: 0,
  playing: false, inFlight: 0, scheduled: false, frameNo: 0,
  speed: DEFAULT_SPEED, stopEpoch: 0, stopLoss: 0, focus: -1,
  queue: Promise.resolve(), busy: false,
};

const post = (message, transfer = []) => self.postMessage(message, transfer);
const messageOf = (e) => (e && e.message) || String(e);

self.onmessage = (event) => {
  const msg = event.data;
  // Messages that must not wait behind a slow configure (e.g. fetching a data file).
  if (msg.type === ToWorker.ack) {
    w.inFlight = Math.max(0, w.inFlight - 1);
    if (w.playing) schedule(0);
    return;
  }
  w.queue = w.queue.then(() => handle(msg)).catch((e) => post({ type: FromWorker.error, scope: 'engine', message: messageOf(e) }));
};

async function handle(msg) {
  switch (msg.type) {
    case ToWorker.init: return init(msg);
    case ToWorker.configure: return configure(msg.config);
    case ToWorker.play:
      if (!w.trainer || !w.train) {
        post({ type: FromWorker.stopped, reason: 'nodata', message: 'Add some points first: there is nothing to train on.' });
        return sendFrame();
      }
      w.playing = true; w.inFlight = 0; schedule(0); return sendFrame();
    case ToWorker.pause: w.playing = false; return sendFrame();
    case ToWorker.step:
      w.playing = false;
      if (w.trainer && w.train) trainOneFrame();
      return sendFrame();
    case ToWorker.reset:
      if (w.trainer) w.trainer.reset();
      return sendFrame();
    case ToWorker.setSpeed: w.speed = clampInt(msg.speed, 0, SPEEDS.length - 1); return undefined;
    case ToWorker.setStop: w.stopEpoch = msg.stopEpoch || 0; w.stopLoss = msg.stopLoss || 0; return undefined;
    case ToWorker.setLearningRate:
      if (w.trainer) w.trainer.setLearningRate(msg.learningRate);
      return undefined;
    case ToWorker.setParameter:
      if (w.trainer) {
        try { w.trainer.setParameter(msg.index, msg.value); } catch (e) {
          post({ type: FromWorker.error, scope: 'weight', message: messageOf(e) });
        }
      }
      return sendFrame();
    case ToWorker.focus: w.focus = msg.neuron; return w.playing ? undefined : sendFrame();
    case ToWorker.loadCsv: return loadCsv(msg);
    case ToWorker.recover:
      if (w.trainer) {
        if (msg.learningRate) w.trainer.setLearningRate(msg.learningRate);
        // The weights at the end of the last healthy epoch (the step just before the blow-up can
        // already be huge); older builds only have the last finite step, restored on divergence.
        if (typeof w.trainer.restoreHealthy === 'function') w.trainer.restoreHealthy();
        else w.trainer.clearDivergence();
      }
      return sendFrame();
    case ToWorker.gradientCheck: return gradientCheck(msg);
    case ToWorker.exportModel:
      if (w.trainer) post({ type: FromWorker.model, json: w.trainer.toModelJson() });
      return undefined;
    case ToWorker.requestFrame: return sendFrame();
    default:
      throw new Error(`unknown message '${msg.type}'`);
  }
}

function clampInt(v, lo, hi) { return Math.min(hi, Math.max(lo, Math.round(Number(v) || 0))); }

// --- loading ---------------------------------------------------------------------------------

async function init({ wasmBase, dataBase, simd }) {
  w.dataBase = dataBase;
  const started = performance.now();
  const { loadBackprop } = await import(/* @vite-ignore */ `${wasmBase}loader.js`);
  const loaded = await loadBackprop({ baseUrl: wasmBase, ...(simd === undefined ? {} : { simd }) });
  w.module = loaded.module;
  const variant = loaded.variant ?? (loaded.simd ? 'simd' : 'base');
  post({
    type: FromWorker.ready,
    variant,
    simdSets: safe(() => w.module.simdInstructionSets(), '?'),
    heapBytes: safe(() => w.module.heapBytes(), 0),
    loadMs: performance.now() - started,
    previews: makePreviews(),
  });
  // Fetch the real data sets in the background, so the page keeps working offline once loaded.
  setTimeout(() => {
    for (const b of Object.values(BUILTIN)) fetchText(b.file).catch(() => {});
  }, 1500);
}

function safe(f, fallback) { try { return f(); } catch { return fallback; } }

function makePreviews() {
  const previews = {};
  for (const name of Object.keys(GENERATED)) {
    const ds = w.module.Dataset.generate(name, 160, 0, 3);
    try {
      previews[name] = {
        x: Float32Array.from(ds.inputs()),
        y: GENERATED[name].task === 'regression' ? Float32Array.from(ds.targets()) : Float32Array.from(ds.labels()),
      };
    } finally { ds.delete(); }
  }
  return previews;
}

async function fetchText(file) {
  if (w.texts.has(file)) return w.texts.get(file);
  const response = await fetch(`${w.dataBase}${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  const text = await response.text();
  w.texts.set(file, text);
  return text;
}

/** Builds the full Dataset for the settings (caller deletes it unless it is the kept CSV). */
async function makeDataset(state) {
  const M = w.module;
  const name = state.dataset;
  if (GENERATED[name]) return M.Dataset.generate(name, GENERATED_SAMPLES, state.noise / 100, state.dataSeed);
  if (BUILTIN[name]) return M.Dataset.builtin(name, await fetchText(BUILTIN[name].file));
  if (name === 'custom') {
    const n = state.points ? state.points.labels.length : 0;
    if (n < 2) return null;
    return M.Dataset.fromArrays(state.points.x, Float64Array.from(state.points.labels), 2, 'classification', 2);
  }
  if (name === 'csv') {
    if (!w.csv) throw new Error('no CSV file has been loaded');
    return null;  // the kept CSV dataset is used directly
  }
  throw new Error(`unknown data set '${name}'`);
}

function dataKeyOf(state) {
  const { dataset, noise, percTrainData, dataSeed } = state;
  const pts = dataset === 'custom' && state.points ? Array.from(state.points.x).join() + Array.from(state.points.labels).join() : '';
  const csv = dataset === 'csv' && w.csv ? w.csv.id : 0;
  return JSON.stringify({ dataset, noise: GENERATED[dataset] ? noise : 0, percTrainData, dataSeed, pts, csv });
}

function extentOf(info, x) {
  if (info.numFeatures !== 2 || !x || x.length === 0) return PLANE_EXTENT;
  let x0 = Infinity; let x1 = -Infinity; let y0 = Infinity; let y1 = -Infinity;
  for (let i = 0; i < x.length; i += 2) {
    x0 = Math.min(x0, x[i]); x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, x[i + 1]); y1 = Math.max(y1, x[i + 1]);
  }
  const px = (x1 - x0) * 0.08 || 1; const py = (y1 - y0) * 0.08 || 1;
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

function copySet(ds) {
  const info = JSON.parse(ds.infoJson());
  return {
    n: info.numSamples,
    x: Float32Array.from(ds.inputs()),
    labels: info.task === 'classification' ? Int32Array.from(ds.labels()) : null,
    targets: info.task === 'regression' ? Float32Array.from(ds.targets()) : null,
  };
}

/** Applies settings: rebuilds the data when it changed and the trainer when the network did. */
async function configure(config) {
  if (!w.module) throw new Error('the engine is not loaded yet');
  w.busy = true;
  try {
    await configureNow(config);
    post({ type: FromWorker.configured, ok: true });
  } catch (e) {
    post({ type: FromWorker.configured, ok: false, scope: e.scope || 'config', message: messageOf(e) });
  } finally { w.busy = false; }
  if (w.playing) schedule(0);
}

async function configureNow(config) {
  const { state } = config;
  w.speed = clampInt(state.speed, 0, SPEEDS.length - 1);
  w.stopEpoch = state.stopEpoch; w.stopLoss = state.stopLoss;
  const dataKey = dataKeyOf(state);
  const dataChanged = dataKey !== w.dataKey;

  // 1. New data in locals: on any error the previous data and trainer stay.
  let next = null;
  if (dataChanged) {
    let full = null; let split = null; let train = null; let test = null;
    try {
      full = await makeDataset(state);
      const source = state.dataset === 'csv' ? w.csv.dataset : full;
      if (source) {
        split = source.split(state.percTrainData / 100, state.dataSeed);
        train = split.train(); test = split.test();
        const info = JSON.parse(source.infoJson());
        next = { full, split, train, test, info };
      } else {
        // Custom data with fewer than two points: a network without data.
        next = { full: null, split: null, train: null, test: null,
          info: { numSamples: 0, numFeatures: 2, numClasses: 2, task: 'classification', featureNames: ['x1', 'x2'], classNames: ['0', '1'] } };
      }
    } catch (e) {
      for (const o of [test, train, split, full]) if (o) o.delete();
      throw Object.assign(new Error(messageOf(e)), { scope: 'data' });
    }
  }

  // 2. The trainer for the (new or current) data.
  const info = next ? next.info : w.info;
  const built = trainerOptions(state, info);
  const { learningRate, ...shape } = built.options;
  const netKey = JSON.stringify({ shape, standardize: built.standardize });
  const weightsKey = state.weights ? `${state.weights.length}:${state.weights.slice(0, 8).join()}:${state.weights.length && state.weights[state.weights.length - 1]}` : '';
  // Weights the user edited (config.weightsApplied): the trainer has them already; they become
  // what reset() restores, as a link with them would start from them. No rebuild.
  if (config.weightsApplied && !dataChanged && netKey === w.netKey && w.trainer && state.weights
      && state.weights.length === w.trainer.parameters().length) {
    w.trainer.setParameters(state.weights, true);
    w.weightsKey = weightsKey;
  }
  // Points added to a user's own data keep the network and its training: only the data change.
  const sameNet = netKey === w.netKey && weightsKey === w.weightsKey && !!w.trainer;
  const pointsOnly = dataChanged && sameNet && next && next.train && state.dataset === 'custom' && w.lastDataset === 'custom';
  const rebuild = !pointsOnly && (dataChanged || !sameNet);
  let warning = '';
  if (pointsOnly) {
    try {
      w.trainer.setData(next.train, next.test, built.standardize);
    } catch (e) {
      for (const o of [next.test, next.train, next.split, next.full]) if (o) o.delete();
      throw Object.assign(new Error(messageOf(e)), { scope: 'data' });
    }
    if (learningRate !== w.built.options.learningRate) w.trainer.setLearningRate(learningRate);
  } else if (rebuild) {
    let trainer = null;
    try {
      trainer = new w.module.Trainer(JSON.stringify(built.options));
      const train = next ? next.train : w.train;
      const test = next ? next.test : w.test;
      if (train) trainer.setData(train, test, built.standardize);
      if (state.weights) {
        const n = trainer.parameters().length;
        if (state.weights.length === n) trainer.setParameters(state.weights, true);
        else warning = `weights: the link has ${state.weights.length} weights but this network has ${n}; the seed's weights are used.`;
      }
    } catch (e) {
      if (trainer) trainer.delete();
      if (next) for (const o of [next.test, next.train, next.split, next.full]) if (o) o.delete();
      throw Object.assign(new Error(messageOf(e)), { scope: 'config' });
    }
    if (w.trainer) w.trainer.delete();
    w.trainer = trainer;
    w.playing = w.playing && !!(next ? next.train : w.train);
  } else if (learningRate !== w.built.options.learningRate) {
    w.trainer.setLearningRate(learningRate);
  }
  w.built = built;
  w.lastDataset = state.dataset;
  w.netKey = netKey;
  w.weightsKey = weightsKey;

  if (next) {
    for (const o of [w.test, w.train, w.split, w.full]) if (o) o.delete();
    Object.assign(w, { full: next.full, split: next.split, train: next.train, test: next.test, info: next.info });
    w.dataKey = dataKey;
    sendData(state.dataset);
  }
  if (rebuild) sendNetwork();
  if (warning) post({ type: FromWorker.error, scope: 'config', message: warning });
  sendFrame();
}

function sendData(dataset) {
  const train = w.train ? copySet(w.train) : { n: 0, x: new Float32Array(0), labels: new Int32Array(0), targets: null };
  const test = w.test ? copySet(w.test) : { n: 0, x: new Float32Array(0), labels: new Int32Array(0), targets: null };
  w.raw = { train, test };
  w.twoD = w.built.twoD;
  w.extent = w.twoD ? (dataset === 'csv' ? extentOf(w.info, train.x) : PLANE_EXTENT) : null;
  const copy = (s) => ({ ...s, x: s.x.slice(), labels: s.labels && s.labels.slice(), targets: s.targets && s.targets.slice() });
  const message = { type: FromWorker.data, info: w.info, twoD: w.twoD, extent: w.extent, train: copy(train), test: copy(test) };
  const buffers = [message.train, message.test].flatMap((s) => [s.x.buffer, s.labels?.buffer, s.targets?.buffer]).filter(Boolean);
  post(message, buffers);
}

function sendNetwork() {
  const { options, inputNames, head, twoD, standardize } = w.built;
  w.numNeurons = options.layers.reduce((a, b) => a + b, 0);
  w.focus = -1;
  post({
    type: FromWorker.network, layers: options.layers, activations: options.activations, inputNames, head, twoD, standardize,
    optionsJson: safe(() => w.trainer.optionsJson(), '{}'), numParameters: w.trainer.parameters().length,
  });
}

async function loadCsv({ text, task, name }) {
  let ds;
  try {
    ds = w.module.Dataset.fromCsv(text, task || 'auto');
    const info = JSON.parse(ds.infoJson());
    if (info.numSamples < 2) throw new Error(`csv: ${info.numSamples} data row; at least 2 are needed`);
  } catch (e) {
    if (ds) ds.delete();
    post({ type: FromWorker.error, scope: 'csv', message: messageOf(e) });
    return;
  }
  const info = JSON.parse(ds.infoJson());
  const previous = w.csv;
  w.csv = { dataset: ds, name, id: (previous ? previous.id : 0) + 1 };
  // The page answers with a configure for dataset=csv; the previous CSV is freed once that works.
  post({ type: FromWorker.csvLoaded, name, info });
  // train/test are copies made by split(), so the previous file's Dataset can go now.
  if (previous) previous.dataset.delete();
}

function gradientCheck({ samples, maxParameters }) {
  if (!w.trainer || !w.train) {
    post({ type: FromWorker.gradientCheck, error: 'There is no training data to check gradients on.' });
    return;
  }
  try {
    const t0 = performance.now();
    const result = w.trainer.gradientCheck(samples, maxParameters);
    post({ type: FromWorker.gradientCheck, result: { ...result }, ms: performance.now() - t0 });
  } catch (e) {
    post({ type: FromWorker.gradientCheck, error: messageOf(e) });
  }
}

// --- training loop ---------------------------------------------------------------------------

function schedule(delay) {
  if (w.scheduled) return;
  w.scheduled = true;
  setTimeout(loop, delay);
}

function stepsPerEpoch() {
  const n = w.raw ? w.raw.train.n : 1;
  return Math.max(1, Math.ceil(n / w.built.options.batchSize));
}

function trainOneFrame() {
  const speed = SPEEDS[w.speed];
  const t = w.trainer;
  if (speed.budgetMs) {
    const start = performance.now();
    const chunk = Math.max(1, Math.min(stepsPerEpoch(), 50));
    let r;
    do { r = t.trainSteps(chunk); } while (!r.diverged && performance.now() - start < speed.budgetMs);
    return r;
  }
  let steps = speed.epochs ? speed.epochs * stepsPerEpoch() : speed.steps;
  if (w.stopEpoch > 0) {
    const r = t.report();
    const left = (w.stopEpoch - r.epoch) * stepsPerEpoch();
    if (left > 0) steps = Math.min(steps, left);
  }
  return t.trainSteps(steps);
}

function loop() {
  w.scheduled = false;
  if (!w.playing || w.busy || !w.trainer) return;
  if (w.inFlight >= MAX_FRAMES_IN_FLIGHT) return;  // the next ack reschedules
  const r = trainOneFrame();
  let stop = null;
  if (r.diverged) stop = { reason: 'diverged', message: w.trainer.divergenceMessage() || 'The loss became NaN or infinite.' };
  const frame = makeFrame(false);
  if (!stop && w.stopEpoch > 0 && r.epoch >= w.stopEpoch) stop = { reason: 'epoch', message: `Stopped at epoch ${r.epoch}, as asked.` };
  if (!stop && w.stopLoss > 0 && frame.message.metrics) {
    const m = frame.message.metrics;
    const loss = Number.isFinite(m.testLoss) ? m.testLoss : m.trainLoss;
    if (loss <= w.stopLoss) stop = { reason: 'loss', message: `Stopped: the ${Number.isFinite(m.testLoss) ? 'test' : 'training'} loss ${loss.toFixed(4)} reached the target ${w.stopLoss}.` };
  }
  if (stop) {
    w.playing = false;
    frame.message.playing = false;
    post({ type: FromWorker.stopped, ...stop });
  }
  w.inFlight++;
  post(frame.message, frame.transfer);
  if (w.playing) schedule(SPEEDS[w.speed].waitMs || 0);
}

function sendFrame() {
  if (!w.trainer) return;
  const frame = makeFrame(true);
  post(frame.message, frame.transfer);
}

function makeFrame(full) {
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
    const thumbs = t.predictGrid(x0, x1, y0, y1, THUMB_GRID, THUMB_GRID, true).slice();
    message.thumbs = { n: THUMB_GRID, rows: w.numNeurons, values: thumbs };
    transfer.push(thumbs.buffer);
  }
  message.params = t.parameters().slice();
  transfer.push(message.params.buffer);
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

/** Predicted class (or value) of every sample, train then test, for the projection and digit views. */
function predictAll() {
  const out = {};
  for (const part of ['train', 'test']) {
    const s = w.raw[part];
    if (!s.n) { out[part] = new Float32Array(0); continue; }
    const y = w.trainer.predict(s.x, s.n);
    const k = y.length / s.n;
    const result = new Float32Array(s.n);
    for (let i = 0; i < s.n; i++) {
      if (w.info.task === 'regression') { result[i] = y[i]; continue; }
      if (k === 1) { result[i] = y[i] > (w.built.head === 'tanh' ? 0 : 0.5) ? 1 : 0; continue; }
      let best = 0;
      for (let c = 1; c < k; c++) if (y[i * k + c] > y[i * k + best]) best = c;
      result[i] = best;
    }
    out[part] = result;
  }
  return out;
}
