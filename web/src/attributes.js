// The attributes of <backprop-playground> and the embed page's extra keys: which exist, what they
// accept, and the one parser that turns them into settings plus the component's options. Settings
// use the URL hash's parser (state.js parseSetting) under their kebab-case names, so an attribute
// accepts exactly what a link accepts. Never throws: a bad value keeps its default and is listed.
// readAttributes, the whole element's reader, is in elementAttributes.js (it imports the TensorFlow
// Playground link parser, which the default page loads only when it imports a link).
import { STATE_KEYS, DEFAULTS } from './state.js';

/** Every control a component can show, by id (control ids are kebab-case like attributes). */
export const CONTROL_IDS = Object.freeze([
  'play', 'step', 'reset', 'learning-rate', 'activation', 'regularization', 'regularization-rate',
  'problem', 'dataset', 'noise', 'perc-train-data', 'data-seed', 'features', 'network-shape',
  'optimizer', 'momentum', 'batch-size', 'dropout', 'output', 'speed', 'stop', 'seed',
  'show-test-data', 'discretize', 'upload', 'weights', 'export', 'embed', 'tfp',
]);
const MINIMAL = ['play', 'step', 'reset'];
export const CONTROL_PRESETS = Object.freeze({
  none: Object.freeze([]),
  minimal: Object.freeze(MINIMAL),
  standard: Object.freeze([...MINIMAL, 'learning-rate', 'activation', 'regularization', 'regularization-rate',
    'problem', 'dataset', 'noise', 'perc-train-data', 'features', 'network-shape', 'batch-size',
    'show-test-data', 'discretize']),
  full: CONTROL_IDS,
});
/** The panels: network diagram, output plot, loss chart, data column, loss/accuracy figures and
 *  confusion matrix, the math panel. */
export const VIEW_IDS = Object.freeze(['network', 'output', 'loss', 'data', 'metrics', 'math']);

export const kebab = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

/** Attribute name -> setting key: every hash key in kebab-case, `problem`, and the alias. */
export const SETTING_ATTRIBUTES = Object.freeze(Object.fromEntries([
  ...STATE_KEYS.map((k) => [kebab(k), k]),
  ['problem', 'problem'],
  ['stop-at-epoch', 'stopEpoch'],
]));
/** The component's own attributes beyond the settings. */
export const OPTION_ATTRIBUTES = Object.freeze([
  'state', 'tfp', 'controls', 'locked', 'views', 'autoplay', 'height', 'hash', 'lazy', 'wasm-base', 'data-base',
]);
export const OBSERVED_ATTRIBUTES = Object.freeze([...Object.keys(SETTING_ATTRIBUTES), ...OPTION_ATTRIBUTES]);

const clip = (t) => (t.length > 40 ? `${t.slice(0, 37)}...` : t);

/** 'none' | 'minimal' | ... | 'play,step,dataset' -> frozen list of control ids; throws with the accepted values. */
export function parseControls(text) {
  const t = String(text).trim();
  if (Object.hasOwn(CONTROL_PRESETS, t)) return CONTROL_PRESETS[t];
  return idList(t, CONTROL_IDS, `a preset (${Object.keys(CONTROL_PRESETS).join(', ')}) or a comma list of control ids`);
}
/** A comma list of control ids ('' = none). */
export function parseLocked(text) {
  const t = String(text).trim();
  if (t === 'all') return CONTROL_IDS;
  return idList(t, CONTROL_IDS, "'all' or a comma list of control ids");
}
/** A comma list of view ids; 'all' for every one. */
export function parseViews(text) {
  const t = String(text).trim();
  if (t === 'all') return VIEW_IDS;
  const views = idList(t, VIEW_IDS, "'all' or a comma list of views");
  if (views.length === 0) throw new Error(`needs at least one view: ${VIEW_IDS.join(', ')}`);
  return views;
}
function idList(text, ids, what) {
  const items = text === '' ? [] : text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!ids.includes(item)) throw new Error(`'${clip(item)}' is not accepted: use ${what} (${ids.join(', ')})`);
  }
  return Object.freeze([...new Set(items)]);
}
/** A boolean attribute: present (''), 'true' or 'false'. */
export function parseFlag(text) {
  const t = String(text).trim().toLowerCase();
  if (t === '' || t === 'true' || t === '1' || t === 'autoplay') return true;
  if (t === 'false' || t === '0') return false;
  throw new Error(`'${clip(t)}' is not accepted: leave it empty, or write true or false`);
}
/** A CSS length for the component's height: 420px, 30rem, 60vh, 100%. */
export function parseHeight(text) {
  const t = String(text).trim();
  if (!/^\d{1,5}(\.\d+)?(px|rem|em|vh|%)$/.test(t)) throw new Error(`'${clip(t)}' is not accepted: use a length such as 420px, 30rem, 60vh or 100%`);
  if (/px$/.test(t) && Number.parseFloat(t) < 200) throw new Error(`${t} is too small: at least 200px`);
  return t;
}

export const UI_DEFAULTS = Object.freeze({
  controls: CONTROL_PRESETS.full, locked: Object.freeze([]), views: VIEW_IDS, autoplay: false, height: '',
});

/** controls, locked, views, autoplay, height: from attributes, or from an embed page's hash keys. */
export function readUi(get, fail) {
  const ui = { ...UI_DEFAULTS };
  const one = (name, parse, key = camel(name)) => {
    const text = get(name);
    if (text == null) return;
    try { ui[key] = parse(text); } catch (e) { fail(name, `${e.message}; kept the default.`); }
  };
  one('controls', parseControls);
  one('locked', parseLocked);
  one('views', parseViews);
  one('autoplay', parseFlag);
  one('height', parseHeight);
  return Object.freeze(ui);
}

/** Which setting a setting attribute names (or null): for runtime changes of one attribute. */
export function settingOf(name) { return Object.hasOwn(SETTING_ATTRIBUTES, name) ? SETTING_ATTRIBUTES[name] : null; }

/** The attributes that reproduce `state` (only settings that differ from the defaults, and the
 *  data set): for the Embed button's component tag. */
export function attributesFor(state, writeValue) {
  const out = [];
  for (const key of STATE_KEYS) {
    const value = state[key];
    if (value === null || value === undefined) continue;
    if (key === 'points' && state.dataset !== 'custom') continue;
    const text = writeValue(key, value);
    if (key !== 'dataset' && DEFAULTS[key] !== null && writeValue(key, DEFAULTS[key]) === text) continue;
    out.push([kebab(key), text]);
  }
  return out;
}
