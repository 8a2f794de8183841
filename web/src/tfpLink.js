// The one parser of a TensorFlow Playground link (https://playground.tensorflow.org/#... or just its
// hash). It reads every key of TFP's src/state.ts with TFP's own rules (deserializeState and
// makeGUI, see /work/notes/tfp-core.md): the hash split on & and = with no URL decoding, a key
// counting only when its value is non-empty after trim (networkShape: present at all), booleans
// true unless the exact text `false`, numbers by `+value`, an unknown value of a choice ignored.
// Returns { state, tfp, hidden, removedInputs, messages }: the settings of this project, the TFP
// facts the engine needs (seed string, data set name for Dataset.generateTfp, initZero), the control
// ids a `_hide` key hides, and a message for every key or value that has no counterpart here (never
// dropped silently). Pure: no DOM, no engine.
import { DEFAULTS, LIMITS, normalizeState } from './state.js';

/** TFP data set key -> this project's dataset id. */
const CLASSIFY = Object.freeze({ circle: 'circle', xor: 'xor', gauss: 'gaussian', spiral: 'spiral' });
const REGRESS = Object.freeze({ 'reg-plane': 'reg-plane', 'reg-gauss': 'reg-gauss' });
/** This project's dataset id -> the name Dataset.generateTfp takes. */
export const TFP_DATASET_OF = Object.freeze({
  circle: 'circle', xor: 'xor', gaussian: 'gauss', spiral: 'spiral', 'reg-plane': 'reg-plane', 'reg-gauss': 'reg-gauss',
});
const ACTIVATIONS = Object.freeze({ relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'linear' });
const REGULARIZATIONS = Object.freeze({ none: 'none', L1: 'l1', L2: 'l2' });
const PROBLEMS = Object.freeze(['classification', 'regression']);

/** TFP's input nodes (playground.ts INPUTS, in its order) -> this project's feature ids. */
export const TFP_INPUTS = Object.freeze({
  x: 'x1', y: 'x2', xSquared: 'x1sq', ySquared: 'x2sq', xTimesY: 'x1x2', sinX: 'sinx1', sinY: 'sinx2',
});
/** TFP's HIDABLE_CONTROLS (playground.ts) -> this project's control ids (attributes.js CONTROL_IDS). */
export const TFP_HIDE_CONTROLS = Object.freeze({
  showTestData: 'show-test-data', discretize: 'discretize', playButton: 'play', stepButton: 'step',
  resetButton: 'reset', learningRate: 'learning-rate', activation: 'activation', regularization: 'regularization',
  regularizationRate: 'regularization-rate', problem: 'problem', dataset: 'dataset', percTrainData: 'perc-train-data',
  noise: 'noise', batchSize: 'batch-size', numHiddenLayers: 'network-shape',
});

/** Every key of TFP's State.PROPS (src/state.ts). */
export const TFP_KEYS = Object.freeze([
  'activation', 'regularization', 'batchSize', 'dataset', 'regDataset', 'learningRate', 'regularizationRate',
  'noise', 'networkShape', 'seed', 'showTestData', 'discretize', 'percTrainData', 'x', 'y', 'xTimesY',
  'xSquared', 'ySquared', 'cosX', 'sinX', 'cosY', 'sinY', 'collectStats', 'problem', 'initZero', 'hideText',
  'tutorial',
]);

const clip = (t) => (t.length > 40 ? `${t.slice(0, 37)}...` : t);

/** The hash part of a TFP link: the text after the first '#', or the whole text when it has none. */
export function tfpHashOf(link) {
  const text = String(link ?? '').trim();
  const i = text.indexOf('#');
  return i >= 0 ? text.slice(i + 1) : text.replace(/^\?/, '');
}

/**
 * Parses a TensorFlow Playground link. options.random: () => number in [0, 1) for a link without a
 * seed (TFP draws Math.random().toFixed(5); default Math.random).
 */
export function parseTfpLink(link, { random = Math.random } = {}) {
  const messages = [];
  const note = (text) => messages.push(text);
  const hash = tfpHashOf(link);
  if (hash.length > LIMITS.maxHashLength) {
    note(`The TensorFlow Playground link is ${hash.length} characters long; at most ${LIMITS.maxHashLength} are read. Nothing was imported.`);
    return { state: null, tfp: null, hidden: [], removedInputs: [], messages };
  }
  // state.ts: for (keyvalue of hash.split('&')) { [name, value] = keyvalue.split('='); map[name] = value }
  const map = new Map();
  for (const keyvalue of hash.split('&')) {
    if (keyvalue === '') continue;
    const [name, value] = keyvalue.split('=');
    if (map.has(name)) note(`${clip(name)} appears twice; TensorFlow Playground uses the last value, and so does this import.`);
    map.set(name, value);
  }
  const has = (name) => map.has(name) && map.get(name) != null && map.get(name).trim() !== '';
  const text = (name) => map.get(name);

  const v = { ...DEFAULTS };
  const choice = (name, table, apply) => {
    if (!has(name)) return;
    const value = text(name);
    if (Object.hasOwn(table, value)) apply(table[value]);
    else note(`${name}: '${clip(value)}' is not one of TensorFlow Playground's values (${Object.keys(table).join(', ')}); TensorFlow Playground ignores it, and the default is kept.`);
  };
  const number = (name) => (has(name) ? +text(name) : undefined);
  const bool = (name) => (has(name) ? text(name) !== 'false' : undefined);

  // --- choices ---
  choice('activation', ACTIVATIONS, (a) => { v.activations = [a]; });
  choice('regularization', REGULARIZATIONS, (r) => { v.regularization = r; });
  let problem = 'classification';
  choice('problem', Object.fromEntries(PROBLEMS.map((p) => [p, p])), (p) => { problem = p; });
  let classify = 'circle'; let regress = 'reg-plane';
  choice('dataset', CLASSIFY, (d) => { classify = d; });
  choice('regDataset', REGRESS, (d) => { regress = d; });
  v.dataset = problem === 'regression' ? regress : classify;

  // --- numbers: TFP takes +value; this project takes the value when it is within its bounds ---
  const numeric = (name, key, { lo, hi, integer = false, openLo = false }) => {
    const x = number(name);
    if (x === undefined) return;
    const ok = Number.isFinite(x) && (openLo ? x > lo : x >= lo) && x <= hi && (!integer || Number.isInteger(x));
    if (ok) { v[key] = x; return; }
    note(`${name}: '${clip(text(name))}' is ${Number.isNaN(x) ? 'not a number (TensorFlow Playground would use NaN)' : `outside what this playground takes (${integer ? 'a whole number in ' : ''}${openLo ? '(' : '['}${lo}, ${hi}])`}; kept ${DEFAULTS[key]}.`);
  };
  numeric('learningRate', 'learningRate', { lo: 0, hi: 10, openLo: true });
  numeric('regularizationRate', 'regularizationRate', { lo: 0, hi: 10 });
  numeric('batchSize', 'batchSize', { lo: 1, hi: 1024, integer: true });
  // noise: makeGUI clamps before the data are made: > 80 -> 50, < 0 -> 0.
  const noise = number('noise');
  if (noise !== undefined) {
    if (Number.isNaN(noise)) note(`noise: '${clip(text('noise'))}' is not a number; kept 0.`);
    else if (noise > 80) { v.noise = 50; note(`noise: ${noise} is above TensorFlow Playground's 80; it uses 50 instead, and so does this import.`); }
    else if (noise < 0) { v.noise = 0; note(`noise: ${noise} is below 0; TensorFlow Playground uses 0, and so does this import.`); }
    else v.noise = noise;
  }
  const perc = number('percTrainData');
  if (perc !== undefined) {
    if (Number.isInteger(perc) && perc >= 10 && perc <= 90) v.percTrainData = perc;
    else note(`percTrainData: '${clip(text('percTrainData'))}' is outside what this playground takes (a whole number in [10, 90]); kept 50.`);
  }
  // networkShape: present at all; '' = no hidden layer.
  if (map.has('networkShape')) {
    const raw = text('networkShape') ?? '';
    const shape = raw.trim() === '' ? [] : raw.split(',').map(Number);
    const bad = shape.findIndex((n) => !Number.isInteger(n) || n < 1 || n > LIMITS.maxNeurons);
    if (bad >= 0) note(`networkShape: entry ${bad + 1} ('${clip(raw.split(',')[bad])}') is not a whole number of neurons in [1, ${LIMITS.maxNeurons}]; kept 4,2.`);
    else if (shape.length > LIMITS.maxHiddenLayers) note(`networkShape: ${shape.length} hidden layers; this playground takes at most ${LIMITS.maxHiddenLayers}; kept 4,2.`);
    else v.networkShape = shape;
  }
  // --- booleans ---
  for (const key of ['showTestData', 'discretize', 'initZero']) {
    const b = bool(key);
    if (b !== undefined) v[key] = b;
  }
  // --- the seed: the raw text ---
  let seed;
  let seedDrawn = false;
  if (has('seed')) seed = text('seed');
  else {
    seed = random().toFixed(5);
    seedDrawn = true;
    note(`seed: the link has none, so TensorFlow Playground draws a new one each time (not reproducible); this import drew ${seed}, and this playground's own link keeps it.`);
  }
  if (/[\uD800-\uDFFF]/.test(seed.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
    note(`seed: '${clip(seed)}' holds a lone UTF-16 surrogate, which the engine cannot take; a new seed was drawn.`);
    seed = random().toFixed(5);
    seedDrawn = true;
  }

  // --- inputs, in TFP's input-node order; `<input>_hide` removes the input (playground.ts) ---
  const hideKeys = [...map.keys()].filter((k) => k.endsWith('_hide'));
  const hiddenProps = hideKeys.filter((k) => map.get(k) === 'true').map((k) => k.slice(0, -'_hide'.length));
  const removedInputs = [];
  const features = [];
  for (const [input, id] of Object.entries(TFP_INPUTS)) {
    const b = bool(input);
    const on = b === undefined ? (input === 'x' || input === 'y') : b;
    if (hiddenProps.includes(input)) {
      removedInputs.push(id);
      if (on) note(`${input}_hide: TensorFlow Playground removes the ${input} input node at start-up even though ${input}=true; so does this import.`);
      continue;
    }
    if (on) features.push(id);
  }
  for (const key of ['cosX', 'cosY']) {
    if (bool(key)) note(`${key}=true: ${key} has no input node in TensorFlow Playground either (it is in its state.ts but not in its INPUTS), so it has no effect.`);
  }
  if (features.length === 0) {
    note('The link turns every input off; TensorFlow Playground then builds a network with no inputs, which this engine cannot: x and y are used instead.');
    features.push('x1', 'x2');
  }
  v.features = features;

  // --- keys of TFP with no counterpart here ---
  if (bool('collectStats')) note("collectStats=true: TensorFlow Playground's neuron statistics collection has no counterpart here; ignored.");
  if (bool('hideText')) note("hideText=true: TensorFlow Playground's article text below the playground has no counterpart here (there is no such text to hide); ignored.");
  if (has('tutorial')) note(`tutorial=${clip(text('tutorial'))}: TensorFlow Playground loads that tutorial's text beside the playground; there is no such text here; ignored.`);

  // --- _hide keys: controls ---
  const hidden = [];
  for (const key of hideKeys) {
    const prop = key.slice(0, -'_hide'.length);
    const value = map.get(key);
    if (Object.hasOwn(TFP_INPUTS, prop)) continue;   // handled above
    if (prop === 'cosX' || prop === 'cosY') { if (value === 'true') note(`${key}: TensorFlow Playground has no ${prop} input either; no effect.`); continue; }
    if (!Object.hasOwn(TFP_HIDE_CONTROLS, prop)) {
      note(`${clip(key)}: TensorFlow Playground has no control '${clip(prop)}' to hide; ignored.`);
      continue;
    }
    if (value === 'true' && !hidden.includes(TFP_HIDE_CONTROLS[prop])) hidden.push(TFP_HIDE_CONTROLS[prop]);
  }

  // --- unknown keys ---
  for (const key of map.keys()) {
    if (TFP_KEYS.includes(key) || key.endsWith('_hide')) continue;
    note(`Unknown TensorFlow Playground key '${clip(key)}' (not in its state.ts); ignored.`);
  }
  // A value TFP parses but this project's state holds anyway without effect.
  if (has('regularizationRate') && v.regularization === 'none' && v.regularizationRate !== 0) {
    note(`regularizationRate=${v.regularizationRate} has no effect while regularization is none (as in TensorFlow Playground).`);
  }

  Object.assign(v, {
    output: 'tanh', optimizer: 'sgd', dropout: 0, points: null, weights: null,
    tfpSeed: seed, tfpTraining: true,
  });
  const state = normalizeState(v);
  return {
    state,
    tfp: Object.freeze({ seed, seedDrawn, dataset: TFP_DATASET_OF[v.dataset], problem, initZero: v.initZero, noise: v.noise, percTrainData: v.percTrainData }),
    hidden: Object.freeze(hidden),
    removedInputs: Object.freeze(removedInputs),
    messages: Object.freeze(messages),
  };
}

/** The controls left after a link's `_hide` keys: `controls` minus `hidden`. */
export function withoutHidden(controls, hidden) {
  return Object.freeze(controls.filter((id) => !hidden.includes(id)));
}
