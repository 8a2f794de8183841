// Data: the real data sets' CSV files (fetched when first chosen, then kept), the engine's Datasets
// for the settings, the split into train and test, and the copies the page draws.
import { FromWorker } from '../protocol.js';
import { GENERATED, BUILTIN, PLANE_EXTENT } from '../datasets.js';
import { w, post, messageOf, scoped } from './session.js';
import { disposeAll, disposeData } from './dispose.js';

const GENERATED_SAMPLES = 500;       // TensorFlow Playground's size
const PREVIEW_SAMPLES = 160;

/** The generated sets' thumbnails for the data panel: inputs and labels (or targets). */
export function makePreviews() {
  const previews = {};
  for (const name of Object.keys(GENERATED)) {
    const ds = w.module.Dataset.generate(name, PREVIEW_SAMPLES, 0, 3);
    try {
      previews[name] = {
        x: Float32Array.from(ds.inputs()),
        y: GENERATED[name].task === 'regression' ? Float32Array.from(ds.targets()) : Float32Array.from(ds.labels()),
      };
    } finally { disposeAll(ds); }
  }
  return previews;
}

/** A real data set's CSV text: fetched the first time it is chosen, from memory after that. */
async function fetchText(name) {
  const { file, label } = BUILTIN[name];
  if (w.texts.has(file)) return w.texts.get(file);
  const url = `${w.dataBase}${file}`;
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`could not download the ${label} data (${file}): ${messageOf(e)}. Are you offline? Choose it again once connected.`);
  }
  if (!response.ok) throw new Error(`could not download the ${label} data (${file}): HTTP ${response.status} ${response.statusText}`.trim());
  const text = await response.text();
  w.texts.set(file, text);
  return text;
}

/** The full Dataset for the settings (null: the kept CSV, or custom data with under 2 points). */
async function makeDataset(state) {
  const M = w.module;
  const name = state.dataset;
  if (GENERATED[name]) return M.Dataset.generate(name, GENERATED_SAMPLES, state.noise / 100, state.dataSeed);
  if (BUILTIN[name]) return M.Dataset.builtin(name, await fetchText(name));
  if (name === 'custom') {
    const n = state.points ? state.points.labels.length : 0;
    if (n < 2) return null;
    return M.Dataset.fromArrays(state.points.x, Float64Array.from(state.points.labels), 2, 'classification', 2);
  }
  if (name === 'csv') {
    if (!w.csv) throw new Error('no CSV file has been loaded');
    return null;
  }
  throw new Error(`unknown data set '${name}'`);
}

/** TensorFlow Playground's data (Dataset.generateTfp) for an imported link: the project's dataset
 *  id -> TFP's name; null when the settings are not an imported link's. */
export function tfpDataOf(state) {
  if (state.tfpSeed == null || !GENERATED[state.dataset]) return null;
  const name = state.dataset === 'gaussian' ? 'gauss' : state.dataset;
  return { dataset: name, noise: state.noise, percTrainData: state.percTrainData, seed: state.tfpSeed };
}

/** What the data depend on: equal keys, equal data. */
export function dataKeyOf(state) {
  const tfp = tfpDataOf(state);
  if (tfp) return JSON.stringify({ source: 'tfp', ...tfp });
  const { dataset, noise, percTrainData, dataSeed } = state;
  const pts = dataset === 'custom' && state.points ? Array.from(state.points.x).join() + Array.from(state.points.labels).join() : '';
  const csv = dataset === 'csv' && w.csv ? w.csv.id : 0;
  return JSON.stringify({ dataset, noise: GENERATED[dataset] ? noise : 0, percTrainData, dataSeed, pts, csv });
}

const NO_DATA_INFO = Object.freeze({
  numSamples: 0, numFeatures: 2, numClasses: 2, task: 'classification', featureNames: ['x1', 'x2'], classNames: ['0', '1'],
});

/** A new data bundle { full, split, train, test, info } for the settings; on error nothing is kept. */
export async function buildData(state) {
  let bundle = null;
  const tfp = tfpDataOf(state);
  if (tfp) {
    // TFP's generateData(true): its 500 (1200) points, shuffled and split from its seed's stream.
    try {
      bundle = { full: null, split: null, train: null, test: null, info: NO_DATA_INFO };
      bundle.split = w.module.Dataset.generateTfp(tfp.dataset, tfp.noise, tfp.percTrainData, tfp.seed);
      bundle.train = bundle.split.train();
      bundle.test = bundle.split.test();
      const info = JSON.parse(bundle.train.infoJson());
      info.numSamples += JSON.parse(bundle.test.infoJson()).numSamples;
      bundle.info = info;
      return bundle;
    } catch (e) {
      disposeData(bundle);
      throw scoped(e, 'data');
    }
  }
  try {
    const full = await makeDataset(state);
    bundle = { full, split: null, train: null, test: null, info: NO_DATA_INFO };
    const source = state.dataset === 'csv' ? w.csv.dataset : full;
    if (source) {
      bundle.split = source.split(state.percTrainData / 100, state.dataSeed);
      bundle.train = bundle.split.train();
      bundle.test = bundle.split.test();
      bundle.info = JSON.parse(source.infoJson());
    }
    return bundle;
  } catch (e) {
    disposeData(bundle);
    throw scoped(e, 'data');
  }
}

/** Makes `bundle` the session's data (freeing the previous) and sends the page its copy. */
export function adoptData(bundle, dataKey, dataset) {
  disposeData(w);
  Object.assign(w, { full: bundle.full, split: bundle.split, train: bundle.train, test: bundle.test, info: bundle.info });
  w.dataKey = dataKey;
  const empty = { n: 0, x: new Float32Array(0), labels: new Int32Array(0), targets: null };
  const train = w.train ? copySet(w.train) : empty;
  const test = w.test ? copySet(w.test) : empty;
  w.raw = { train, test };
  w.twoD = w.built.twoD;
  w.extent = w.twoD ? (dataset === 'csv' ? extentOf(w.info, train.x) : PLANE_EXTENT) : null;
  const copy = (s) => ({ ...s, x: s.x.slice(), labels: s.labels && s.labels.slice(), targets: s.targets && s.targets.slice() });
  const message = { type: FromWorker.data, info: w.info, twoD: w.twoD, extent: w.extent, train: copy(train), test: copy(test) };
  const buffers = [message.train, message.test].flatMap((s) => [s.x.buffer, s.labels?.buffer, s.targets?.buffer]).filter(Boolean);
  post(message, buffers);
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

/** The plotted plane of a 2-feature CSV: its bounding box plus 8%. */
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

/** A user's CSV file: parsed and kept; the page then configures dataset=csv. */
export function loadCsv({ text, task, name }) {
  let ds = null;
  let info;
  try {
    ds = w.module.Dataset.fromCsv(text, task || 'auto');
    info = JSON.parse(ds.infoJson());
    if (info.numSamples < 2) throw new Error(`csv: ${info.numSamples} data row; at least 2 are needed`);
  } catch (e) {
    disposeAll(ds);
    post({ type: FromWorker.error, scope: 'csv', message: messageOf(e) });
    return;
  }
  const previous = w.csv;
  w.csv = { dataset: ds, name, id: (previous ? previous.id : 0) + 1 };
  post({ type: FromWorker.csvLoaded, name, info });
  // The session's train/test are copies made by split(), so the previous file's Dataset can go now.
  if (previous) disposeAll(previous.dataset);
}
