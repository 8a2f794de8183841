// The playground's settings: defaults, validation, and the URL hash form.
//
// A hash is a stranger's input: every field is parsed by a schema with bounds, a bad field keeps
// its default and yields a message ("learningRate: 'abc' is not a number; kept 0.03"), unknown keys
// are reported, and the whole hash is bounded in length. Nothing here touches the DOM or the engine.
import { DATASET_NAMES, datasetFacts } from './datasets.js';

export const FEATURES = Object.freeze([
  { id: 'x1', engine: 'x1', label: 'X₁' },
  { id: 'x2', engine: 'x2', label: 'X₂' },
  { id: 'x1sq', engine: 'x1^2', label: 'X₁²' },
  { id: 'x2sq', engine: 'x2^2', label: 'X₂²' },
  { id: 'x1x2', engine: 'x1*x2', label: 'X₁X₂' },
  { id: 'sinx1', engine: 'sin(x1)', label: 'sin(X₁)' },
  { id: 'sinx2', engine: 'sin(x2)', label: 'sin(X₂)' },
]);
export const ACTIVATIONS = Object.freeze(['tanh', 'relu', 'leaky_relu', 'sigmoid', 'linear']);
export const OPTIMIZERS = Object.freeze(['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam']);
export const REGULARIZATIONS = Object.freeze(['none', 'l1', 'l2']);
/** Output of a two-class problem: tanh + quadratic (TF Playground), sigmoid + BCE, softmax + CE. */
export const OUTPUTS = Object.freeze(['tanh', 'sigmoid', 'softmax']);
export const LEARNING_RATES = Object.freeze([0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
export const REGULARIZATION_RATES = Object.freeze([0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);

export const LIMITS = Object.freeze({
  maxHiddenLayers: 10,
  maxNeurons: 128,
  maxPoints: 1000,
  maxWeights: 4096,
  maxHashLength: 40000,
  // Limits from outside (issue 15); each has ONE validator below ("limits from outside").
  maxParameters: 60000,            // weights + biases that train at interactive speed (networkSizeError)
  maxCsvBytes: 32 * 1024 * 1024,   // an uploaded file (fileSizeError); the engine's kMaxCsvBytes
  maxMessageChars: 80000,          // one embed message (room for a whole link), counted by messageSizeError
  maxMessageNodes: 2000,           //   ...and its objects' keys and arrays' items
});

export const DEFAULTS = Object.freeze({
  dataset: 'circle',
  noise: 0,              // percent, 0..50 as TF Playground's slider
  percTrainData: 50,     // 10..90
  dataSeed: 1,
  seed: 1,
  features: Object.freeze(['x1', 'x2']),
  networkShape: Object.freeze([4, 2]),
  activations: Object.freeze(['tanh', 'tanh']),
  output: 'tanh',
  learningRate: 0.03,
  optimizer: 'sgd',
  momentum: 0.9,
  regularization: 'none',
  regularizationRate: 0,
  batchSize: 10,
  dropout: 0,
  speed: 3,
  stopEpoch: 0,
  stopLoss: 0,
  showTestData: false,
  discretize: false,
  points: null,          // custom data: { x: Float32Array (2n, interleaved), labels: Uint8Array }
  weights: null,         // Float32Array: starting weights the user edited
  // TensorFlow Playground import (tfpLink.js): its seed string makes the data and the starting
  // weights TFP's own (Dataset.generateTfp, tfpInitialWeights); null = this playground's generators.
  tfpSeed: null,
  tfpTraining: false,    // train as TFP does (trainer option tfpMode) while tfpSeed is set
  initZero: false,       // TFP's initZero: biases 0 instead of 0.1 in the imported weights
  // --- math panel (issue 13) ---
  sample: -1,            // the training sample the math panel shows (-1: none picked)
  step: -1,              // the step-through's equation index (-1: not stepping)
});

const SEED_MAX = 4294967295;

// --- field parsers: (text) -> value, or throw Error(message without the field name) ---------

function number(lo, hi, { integer = false, openLo = false } = {}) {
  return (text) => {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`'${clip(text)}' is not a number`);
    const v = Number(text);
    if (integer && !Number.isInteger(v)) throw new Error(`'${clip(text)}' is not a whole number`);
    if (!(openLo ? v > lo : v >= lo) || !(v <= hi)) {
      throw new Error(`${v} is outside ${openLo ? '(' : '['}${lo}, ${hi}]`);
    }
    return v;
  };
}
function oneOf(values) {
  return (text) => {
    if (!values.includes(text)) throw new Error(`'${clip(text)}' is not one of ${values.join(', ')}`);
    return text;
  };
}
function bool(text) {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new Error(`'${clip(text)}' is not true or false`);
}
function list(parseItem, { min = 0, max }) {
  return (text) => {
    const items = text === '' ? [] : text.split(',');
    if (items.length < min || items.length > max) {
      throw new Error(`needs ${min} to ${max} entries; got ${items.length}`);
    }
    return Object.freeze(items.map((item, i) => {
      try { return parseItem(item); } catch (e) { throw new Error(`entry ${i + 1}: ${e.message}`); }
    }));
  };
}
function clip(text) { return text.length > 24 ? `${text.slice(0, 21)}...` : text; }

const featureIds = FEATURES.map((f) => f.id);

function parseFeatures(text) {
  const items = list(oneOf(featureIds), { min: 1, max: FEATURES.length })(text);
  if (new Set(items).size !== items.length) throw new Error('lists a feature twice');
  return Object.freeze(featureIds.filter((id) => items.includes(id)));
}

function parseTfpSeed(text) {
  if (text.length > 256) throw new Error(`is ${text.length} characters long; at most 256`);
  if (/[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) throw new Error('holds a lone UTF-16 surrogate');
  return text;
}

function parseActivations(text) {
  // One name applies to every layer; a list gives one per hidden layer.
  return list(oneOf(ACTIVATIONS), { min: 1, max: LIMITS.maxHiddenLayers })(text);
}

// --- binary encodings (base64url) for custom points and edited weights ------------------------

export function bytesToBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export function base64UrlToBytes(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('is not base64url text');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  let bin;
  try { bin = atob(b64); } catch { throw new Error('is not valid base64url'); }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Points: per point int16 x*1000, int16 y*1000, uint8 label (5 bytes, little-endian). */
export function encodePoints(points) {
  const n = points.labels.length;
  const buf = new DataView(new ArrayBuffer(n * 5));
  for (let i = 0; i < n; i++) {
    buf.setInt16(i * 5, Math.round(points.x[2 * i] * 1000), true);
    buf.setInt16(i * 5 + 2, Math.round(points.x[2 * i + 1] * 1000), true);
    buf.setUint8(i * 5 + 4, points.labels[i]);
  }
  return bytesToBase64Url(new Uint8Array(buf.buffer));
}
export function decodePoints(text) {
  const bytes = base64UrlToBytes(text);
  if (bytes.length % 5 !== 0) throw new Error('has a length that is not whole points');
  const n = bytes.length / 5;
  if (n > LIMITS.maxPoints) throw new Error(`has ${n} points; at most ${LIMITS.maxPoints}`);
  const view = new DataView(bytes.buffer);
  const x = new Float32Array(2 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = view.getInt16(i * 5, true) / 1000;
    x[2 * i + 1] = view.getInt16(i * 5 + 2, true) / 1000;
    const label = view.getUint8(i * 5 + 4);
    if (label > 1) throw new Error(`point ${i + 1} has label ${label}; labels are 0 or 1`);
    if (Math.abs(x[2 * i]) > 6 || Math.abs(x[2 * i + 1]) > 6) throw new Error(`point ${i + 1} lies outside [-6, 6]²`);
    labels[i] = label;
  }
  return Object.freeze({ x, labels });
}

export function encodeWeights(weights) {
  return bytesToBase64Url(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength));
}
export function decodeWeights(text) {
  const bytes = base64UrlToBytes(text);
  if (bytes.length % 4 !== 0) throw new Error('has a length that is not whole float32 numbers');
  const n = bytes.length / 4;
  if (n < 1 || n > LIMITS.maxWeights) throw new Error(`has ${n} numbers; 1 to ${LIMITS.maxWeights} allowed`);
  const w = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(w[i]) || Math.abs(w[i]) > 1e6) throw new Error(`weight ${i} is ${w[i]}; must be finite, |w| <= 1e6`);
  }
  return w;
}

// --- the schema -----------------------------------------------------------------------------

const SCHEMA = Object.freeze({
  dataset: { parse: oneOf(DATASET_NAMES), write: String },
  // 0..50 from the slider; up to 80 from an imported TensorFlow Playground link (its own limit).
  noise: { parse: number(0, 80), write: String },
  percTrainData: { parse: number(10, 90, { integer: true }), write: String },
  dataSeed: { parse: number(0, SEED_MAX, { integer: true }), write: String },
  seed: { parse: number(0, SEED_MAX, { integer: true }), write: String },
  features: { parse: parseFeatures, write: (v) => v.join(',') },
  networkShape: {
    parse: list(number(1, LIMITS.maxNeurons, { integer: true }), { min: 0, max: LIMITS.maxHiddenLayers }),
    write: (v) => v.join(','),
  },
  activations: { parse: parseActivations, write: (v) => (new Set(v).size === 1 ? v[0] : v.join(',')) },
  output: { parse: oneOf(OUTPUTS), write: String },
  learningRate: { parse: number(0, 10, { openLo: true }), write: String },
  optimizer: { parse: oneOf(OPTIMIZERS), write: String },
  momentum: { parse: number(0, 0.999), write: String },
  regularization: { parse: oneOf(REGULARIZATIONS), write: String },
  regularizationRate: { parse: number(0, 10), write: String },
  batchSize: { parse: number(1, 1024, { integer: true }), write: String },
  dropout: { parse: number(0, 0.9), write: String },
  speed: { parse: number(0, 5, { integer: true }), write: String },
  stopEpoch: { parse: number(0, 1e6, { integer: true }), write: String },
  stopLoss: { parse: number(0, 100), write: String },
  showTestData: { parse: bool, write: String },
  discretize: { parse: bool, write: String },
  points: { parse: decodePoints, write: encodePoints },
  weights: { parse: decodeWeights, write: encodeWeights },
  tfpSeed: { parse: parseTfpSeed, write: String },
  tfpTraining: { parse: bool, write: String },
  initZero: { parse: bool, write: String },
  // --- math panel (issue 13) ---
  sample: { parse: number(-1, 1e6, { integer: true }), write: String },
  step: { parse: number(-1, 10000, { integer: true }), write: String },
});

export const STATE_KEYS = Object.freeze(Object.keys(SCHEMA));
/** The schema entry of a key, or null: own keys only, so '__proto__', 'toString' or 'constructor'
 *  from a link are unknown settings rather than Object.prototype's members (found by fuzzing). */
const schemaOf = (key) => (Object.hasOwn(SCHEMA, key) ? SCHEMA[key] : null);

/** `problem` is a key of links and attributes (as in TensorFlow Playground) but not a setting of
 *  its own: it picks the data set's kind. */
export const PROBLEMS = Object.freeze(['classification', 'regression']);
const DEFAULT_DATASET_OF = Object.freeze({ classification: 'circle', regression: 'reg-plane' });

/** The one parser of a setting's text (links, attributes, messages): its value, or an Error whose
 *  message says what was wrong and what is accepted (without the key's name). */
export function parseSetting(key, text) {
  if (key === 'problem') return oneOf(PROBLEMS)(String(text));
  const field = schemaOf(key);
  if (!field) throw new Error(`is not a setting`);
  return field.parse(String(text));
}

/** The text a setting is written as (the inverse of parseSetting). */
export function writeSetting(key, value) { return SCHEMA[key].write(value); }

/** Applies a `problem` to values whose dataset may or may not be given; returns an error text or ''. */
export function applyProblem(values, problem, datasetGiven) {
  const task = datasetFacts(values.dataset).task;
  if (task === problem) return '';
  if (!datasetGiven) { values.dataset = DEFAULT_DATASET_OF[problem]; return ''; }
  return `${problem} does not fit dataset ${values.dataset} (a ${task} data set); the data set is kept`;
}

/** Fills in what follows from other fields: one activation per hidden layer, a valid output. */
export function normalizeState(state, info = null) {
  const s = { ...state };
  const shape = s.networkShape;
  let acts = s.activations && s.activations.length ? s.activations : DEFAULTS.activations;
  if (acts.length !== shape.length) {
    acts = shape.map((_, i) => acts[Math.min(i, acts.length - 1)] ?? 'tanh');
  }
  s.activations = Object.freeze([...acts]);
  if (s.dataset !== 'custom') s.points = s.points ?? null;
  const facts = datasetFacts(s.dataset, info);
  if (facts.twoD && facts.name !== 'csv' && (!s.features || s.features.length === 0)) s.features = DEFAULTS.features;
  if (facts.task === 'classification' && facts.classes > 2) s.output = 'softmax';
  return Object.freeze(s);
}

/** The `key=value` pairs of a hash's text (without '#'), URL-decoded: [{ pair, key, raw }], or
 *  { pair, bad: true } for a pair that is not valid URL text. Empty pairs are skipped. The one
 *  splitter of links (parseHash) and of embed.html's hash (messages.js parseEmbedHash). */
export function hashPairs(text) {
  const out = [];
  for (const pair of String(text).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    try {
      out.push({ pair, key: decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq)), raw: eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1)) });
    } catch {
      out.push({ pair, bad: true });
    }
  }
  return out;
}

/** Parses a location hash ('#a=1&b=2' or 'a=1&b=2'). Returns { state, errors }; never throws. */
export function parseHash(hash, base = DEFAULTS) {
  const errors = [];
  const values = { ...base };
  let text = String(hash ?? '');
  if (text.startsWith('#')) text = text.slice(1);
  const long = hashLengthError(text);
  if (long) {
    errors.push(long);
    return { state: normalizeState(values), errors };
  }
  if (text === '') return { state: normalizeState(values), errors };
  const seen = new Set();
  let problem = '';
  for (const { pair, key, raw, bad } of hashPairs(text)) {
    if (bad) {
      errors.push(`'${clip(pair)}' is not valid URL text; ignored.`);
      continue;
    }
    const field = schemaOf(key);
    if (!field && key !== 'problem') {
      errors.push(`Unknown setting '${clip(key)}'; ignored.`);
      continue;
    }
    if (seen.has(key)) {
      errors.push(`${key} appears twice; the first value is kept.`);
      continue;
    }
    seen.add(key);
    try {
      if (key === 'problem') problem = parseSetting(key, raw);
      else values[key] = field.parse(raw);
    } catch (e) {
      errors.push(`${key}: ${e.message}; kept ${key === 'problem' ? 'the data set\'s own' : describeValue(key, base[key])}.`);
    }
  }
  if (problem) {
    const wrong = applyProblem(values, problem, seen.has('dataset'));
    if (wrong) errors.push(`problem: ${wrong}.`);
  }
  if (values.dataset === 'csv') {
    errors.push('dataset: an uploaded CSV cannot travel in a link; showing the circle data instead.');
    values.dataset = 'circle';
  }
  if (values.dataset !== 'custom' && values.points) {
    errors.push('points: only used with dataset=custom; ignored.');
    values.points = null;
  }
  if (values.dataset === 'custom' && !values.points) values.points = Object.freeze({ x: new Float32Array(0), labels: new Uint8Array(0) });
  const big = networkSizeError(values);
  if (big) {
    errors.push(`${big} Kept networkShape=${base.networkShape.join(',')}.`);
    values.networkShape = base.networkShape;
    values.activations = base.activations;
    values.weights = null;
  }
  return { state: normalizeState(values), errors };
}

export function describeValue(key, value) {
  if (value === null || value === undefined) return 'none';
  return SCHEMA[key].write(value) || "''";
}

/** The hash for a state: only fields that differ from the defaults (and always the dataset). */
export function toHash(state) {
  const parts = [];
  for (const key of STATE_KEYS) {
    const value = state[key];
    if (value === null || value === undefined) continue;
    if (key === 'points' && state.dataset !== 'custom') continue;
    if (key === 'weights' && value.length > LIMITS.maxWeights) continue;
    // No hidden layers: no activations to write (an empty list would not parse back).
    if (key === 'activations' && value.length === 0) continue;
    const text = SCHEMA[key].write(value);
    const def = DEFAULTS[key];
    if (key !== 'dataset' && key !== 'seed' && def !== null && SCHEMA[key].write(def) === text) continue;
    parts.push(`${key}=${encodeURIComponent(text).replace(/%2C/g, ',')}`);
  }
  return `#${parts.join('&')}`;
}

// --- limits from outside (issue 15): one validator per rule, each returns '' or the message ------
// Layers and neurons per layer: the networkShape schema (LIMITS.maxHiddenLayers, maxNeurons);
// points and weights in a link: decodePoints / decodeWeights; rows, features and classes of a
// file: the engine (core/data/csv.cpp: kMaxSamples, kMaxFeatures, kMaxLayerWidth classes), which
// the page reaches only through fileSizeError's bound; an embed message's size: messages.js
// messageSizeError; the rest here.

/** A link's (or embed hash's, or setState string's) length. */
export function hashLengthError(text) {
  const n = String(text).length;
  return n > LIMITS.maxHashLength ? `The link's settings are ${n} characters long; at most ${LIMITS.maxHashLength} are read. Defaults kept.` : '';
}

/** The number of weights and biases of state's network on its data (info: a CSV's dataset info). */
export function parameterCount(state, info = null) {
  let facts;
  try { facts = datasetFacts(state.dataset, info); } catch { return 0; }
  const inputs = facts.twoD && facts.name !== 'csv' ? Math.max(1, state.features?.length || DEFAULTS.features.length)
    : (info?.numFeatures ?? facts.features ?? 2);
  const outputs = facts.task === 'classification' && facts.classes > 2 ? facts.classes : 1;
  let total = 0; let prev = inputs;
  for (const n of [...(state.networkShape || []), outputs]) { total += (prev + 1) * n; prev = n; }
  return total;
}

/** A network too big to train at interactive speed in the page (told before anything is built). */
export function networkSizeError(state, info = null) {
  const n = parameterCount(state, info);
  if (n <= LIMITS.maxParameters) return '';
  return `networkShape: ${state.networkShape.join(',')} makes ${n.toLocaleString('en-US')} weights and biases on this data; ` +
    `at most ${LIMITS.maxParameters.toLocaleString('en-US')} train at interactive speed: use fewer or narrower layers.`;
}

/** An uploaded file, checked before it is read (File.size). */
export function fileSizeError(bytes) {
  if (bytes <= LIMITS.maxCsvBytes) return '';
  return `csv: the file has ${(bytes / 1048576).toFixed(1)} MB; at most ${LIMITS.maxCsvBytes / 1048576} MB are accepted.`;
}
