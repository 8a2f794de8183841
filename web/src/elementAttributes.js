// readAttributes: the one reader of a <backprop-playground>'s attributes (the parsers it uses are in
// attributes.js). Apart from attributes.js because a `tfp` attribute needs the TensorFlow Playground
// link parser (tfpLink.js), which the default page loads only when it imports a link.
import { parseTfpLink, withoutHidden } from './tfpLink.js';
import { DEFAULTS, parseHash, parseSetting, applyProblem, describeValue, normalizeState, networkSizeError } from './state.js';
import { SETTING_ATTRIBUTES, readUi, parseFlag } from './attributes.js';

/**
 * Reads a component's attributes. `get(name)` returns the attribute's text or null.
 * Returns { state, ui: { controls, locked, views, autoplay, height }, flags: { hash, lazy, wasmBase,
 * dataBase }, errors: [{ attribute, message }] }: the state is the `state` hash with each setting
 * attribute on top; every error names the attribute and what it accepts; its default is kept.
 */
export function readAttributes(get) {
  const errors = [];
  const fail = (attribute, message) => errors.push({ attribute, message });
  const stateText = get('state');
  // A TensorFlow Playground link (tfpLink.js) is the base; `state` and each setting attribute go on top.
  const tfpText = get('tfp');
  const tfp = tfpText != null && tfpText.trim() !== '' ? parseTfpLink(tfpText) : null;
  for (const m of tfp?.messages ?? []) fail('tfp', m);
  const base = parseHash(stateText ?? '', tfp?.state ?? DEFAULTS);
  for (const e of base.errors) fail('state', e);
  const values = { ...base.state };
  let problem = '';
  let datasetGiven = !!tfp?.state || (stateText != null && /(^|[#&])dataset=/.test(stateText));
  for (const [name, key] of Object.entries(SETTING_ATTRIBUTES)) {
    const text = get(name);
    if (text == null) continue;
    try {
      const value = parseSetting(key, text);
      if (key === 'problem') problem = value;
      else values[key] = value;
      if (key === 'dataset') datasetGiven = true;
    } catch (e) {
      fail(name, `${e.message}; kept ${key === 'problem' ? "the data set's own" : describeValue(key, values[key])}.`);
    }
  }
  if (values.dataset === 'csv') { fail('dataset', 'csv is an uploaded file and cannot be named in an attribute; kept circle.'); values.dataset = DEFAULTS.dataset; }
  if (problem) {
    const wrong = applyProblem(values, problem, datasetGiven);
    if (wrong) fail('problem', `${wrong}.`);
  }
  if (values.dataset !== 'custom') values.points = null;
  else if (!values.points) values.points = Object.freeze({ x: new Float32Array(0), labels: new Uint8Array(0) });
  const big = networkSizeError(values);
  if (big) {
    fail(get('network-shape') != null ? 'network-shape' : 'state', `${big} Kept ${base.state.networkShape.join(',') || 'no hidden layer'}.`);
    const fallback = networkSizeError(base.state) ? DEFAULTS : base.state;
    values.networkShape = fallback.networkShape; values.activations = fallback.activations; values.weights = null;
  }
  let ui = readUi(get, fail);
  if (tfp?.hidden.length) ui = Object.freeze({ ...ui, controls: withoutHidden(ui.controls, tfp.hidden) });
  return { state: normalizeState(values), ui, flags: readFlags(get, fail), errors, tfp };
}

function readFlags(get, fail) {
  const flags = { hash: false, lazy: true, wasmBase: get('wasm-base') || undefined, dataBase: get('data-base') || undefined };
  for (const name of ['hash', 'lazy']) {
    const text = get(name);
    if (text == null) continue;
    try { flags[name] = parseFlag(text); } catch (e) { fail(name, `${e.message}; kept ${flags[name]}.`); }
  }
  return flags;
}
