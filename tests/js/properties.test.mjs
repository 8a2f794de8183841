// Property-based tests (fast-check) of the page's parsers of outside input: the URL hash
// (web/src/state.js parseHash), the component's attributes (web/src/attributes.js readAttributes)
// and the embed's message validator (web/src/messages.js validateMessage). For any input: nothing
// throws, the result is a valid state (every field inside LIMITS and the schema, and toHash/parseHash
// gives the same state back with no errors) plus messages, never a state outside the limits.
// Deterministic: a fixed seed and a bounded number of runs; a failure prints the seed and the path
// to replay it (fc.assert's report), e.g. fc.assert(prop, { seed, path }).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DEFAULTS, LIMITS, STATE_KEYS, FEATURES, ACTIVATIONS, OPTIMIZERS, REGULARIZATIONS, OUTPUTS,
  parseHash, toHash, parseSetting, writeSetting, encodePoints, encodeWeights,
} from '../../web/src/state.js';
import { OBSERVED_ATTRIBUTES, CONTROL_IDS, VIEW_IDS, SETTING_ATTRIBUTES } from '../../web/src/attributes.js';
import { readAttributes } from '../../web/src/elementAttributes.js';
import { validateMessage, MESSAGE_TYPE, MESSAGE_VERSION, MAX_STEPS, COMMAND_NAMES } from '../../web/src/messages.js';
import { DATASET_NAMES } from '../../web/src/datasets.js';

const SEED = 20261201;
const RUNS = 2000;
const run = (property, runs = RUNS) => fc.assert(property, { seed: SEED, numRuns: runs, verbose: 0 });

// --- what a valid state is --------------------------------------------------------------------

/** Throws (an assert error naming the field) unless `state` is inside the schema and the limits. */
function assertValidState(state) {
  assert.equal(typeof state, 'object');
  assert.ok(Object.isFrozen(state), 'the state is frozen');
  for (const key of STATE_KEYS) {
    const value = state[key];
    if (value === null && (key === 'points' || key === 'weights')) continue;
    assert.notEqual(value, undefined, `${key} is missing`);
    if (key === 'activations' && value.length === 0) continue;  // no hidden layers: checked below
    // The schema accepts the value's own text and gives the same text back.
    const text = writeSetting(key, value);
    const again = parseSetting(key, text);
    assert.equal(writeSetting(key, again), text, `${key} does not survive its own schema`);
  }
  assert.ok(DATASET_NAMES.includes(state.dataset) && state.dataset !== 'csv', `dataset ${state.dataset}`);
  assert.ok(state.networkShape.length <= LIMITS.maxHiddenLayers, 'too many hidden layers');
  for (const n of state.networkShape) assert.ok(Number.isInteger(n) && n >= 1 && n <= LIMITS.maxNeurons, `layer width ${n}`);
  assert.equal(state.activations.length, state.networkShape.length, 'one activation per hidden layer');
  for (const a of state.activations) assert.ok(ACTIVATIONS.includes(a), `activation ${a}`);
  assert.ok(OUTPUTS.includes(state.output) && OPTIMIZERS.includes(state.optimizer)
    && REGULARIZATIONS.includes(state.regularization), 'a name outside its list');
  for (const f of state.features) assert.ok(FEATURES.some((x) => x.id === f), `feature ${f}`);
  assert.equal(new Set(state.features).size, state.features.length, 'a feature twice');
  if (state.points) {
    assert.equal(state.dataset, 'custom', 'points without dataset=custom');
    assert.ok(state.points.labels.length <= LIMITS.maxPoints, 'too many points');
    assert.equal(state.points.x.length, 2 * state.points.labels.length);
  }
  if (state.dataset === 'custom') assert.ok(state.points, 'custom data without points');
  if (state.weights) {
    assert.ok(state.weights.length >= 1 && state.weights.length <= LIMITS.maxWeights, 'weights count');
    for (const w of state.weights) assert.ok(Number.isFinite(w) && Math.abs(w) <= 1e6, `weight ${w}`);
  }
}

/** The state's fields as text, to compare two states. */
function stateTexts(state) {
  return Object.fromEntries(STATE_KEYS.map((k) => [k, state[k] == null ? null : writeSetting(k, state[k])]));
}

/** A valid state that a link reproduces: toHash then parseHash gives it back with no errors. */
function assertRoundTrip(state) {
  assertValidState(state);
  const hash = toHash(state);
  assert.ok(hash.length <= LIMITS.maxHashLength + 1, `toHash is ${hash.length} characters`);
  const again = parseHash(hash);
  assert.deepEqual(again.errors, [], `toHash(state) = ${hash.slice(0, 200)} parses with errors`);
  assert.deepEqual(stateTexts(again.state), stateTexts(state), `toHash/parseHash changes the state (${hash.slice(0, 200)})`);
}

function assertMessages(errors) {
  assert.ok(Array.isArray(errors));
  for (const e of errors) assert.ok(typeof e === 'string' && e.length > 0, 'an empty message');
}

// --- inputs -------------------------------------------------------------------------------------

/** Strings of any UTF-16 code units (lone surrogates included) and of the schema's own tokens. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...'0123456789.,-+eE%#&=;x '), maxLength: 30 }),
  fc.constantFrom('', 'true', 'false', '1', '0', 'NaN', 'Infinity', '-0', '1e999', '4294967296', '129', '0,0',
    '%', '%E0%A4%A', '%00', ',', ',,', 'all', 'none', 'custom', 'csv', 'AAAA', 'AAAAAAA', '_-_-',
    ...DATASET_NAMES, ...ACTIVATIONS, ...OPTIMIZERS, ...REGULARIZATIONS, ...OUTPUTS, ...FEATURES.map((f) => f.id)),
  fc.array(fc.integer({ min: -2, max: 200 }), { maxLength: 14 }).map((a) => a.join(',')),
  // Valid binary payloads: points and weights near and over the limits.
  fc.integer({ min: 0, max: LIMITS.maxPoints + 2 }).map((n) => encodePoints({
    x: new Float32Array(2 * n).fill(0.5), labels: new Uint8Array(n).fill(1),
  })),
  fc.array(fc.float({ noNaN: false }), { minLength: 0, maxLength: 40 }).map((a) => encodeWeights(new Float32Array(a))),
);
const keyText = fc.oneof(fc.constantFrom(...STATE_KEYS, 'problem'), fc.string({ unit: 'binary', maxLength: 12 }));
const pair = fc.tuple(keyText, anyText, fc.boolean()).map(([k, v, enc]) => (enc ? `${encodeURIComponentSafe(k)}=${encodeURIComponentSafe(v)}` : `${k}=${v}`));
const hashText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.tuple(fc.boolean(), fc.array(pair, { maxLength: 12 })).map(([hash, pairs]) => (hash ? '#' : '') + pairs.join('&')),
);

function encodeURIComponentSafe(text) {
  try { return encodeURIComponent(text); } catch { return text; }  // lone surrogates stay raw
}

// --- parseHash ----------------------------------------------------------------------------------

test('parseHash: any hash gives a valid state that round-trips, plus messages; never throws', () => {
  run(fc.property(hashText, (hash) => {
    const { state, errors } = parseHash(hash);
    assertMessages(errors);
    assertRoundTrip(state);
  }));
});

test('parseHash: a hash over maxHashLength is refused with a message and the defaults', () => {
  run(fc.property(fc.integer({ min: LIMITS.maxHashLength + 1, max: LIMITS.maxHashLength + 50 }), (n) => {
    const { state, errors } = parseHash(`#${'a'.repeat(n)}`);
    assert.equal(errors.length, 1);
    assert.deepEqual(stateTexts(state), stateTexts(parseHash('').state));
  }), 20);
});

// --- readAttributes -----------------------------------------------------------------------------

const attributeName = fc.oneof(fc.constantFrom(...OBSERVED_ATTRIBUTES), fc.string({ maxLength: 10 }));
const attributeValue = fc.oneof(anyText, hashText, fc.constantFrom('minimal', 'standard', 'full', 'all', '420px', '199px', '60vh'));
const attributeMap = fc.dictionary(attributeName, attributeValue, { maxKeys: 12 });

test('readAttributes: any attributes give a valid state, a valid ui and messages that name the attribute', () => {
  run(fc.property(attributeMap, (attrs) => {
    const get = (name) => (Object.hasOwn(attrs, name) ? attrs[name] : null);
    const { state, ui, flags, errors } = readAttributes(get);
    assert.ok(Array.isArray(errors));
    for (const e of errors) {
      assert.ok(OBSERVED_ATTRIBUTES.includes(e.attribute), `error names attribute '${e.attribute}'`);
      assert.ok(typeof e.message === 'string' && e.message.length > 0, 'an empty message');
    }
    assertRoundTrip(state);
    for (const c of [...ui.controls, ...ui.locked]) assert.ok(CONTROL_IDS.includes(c), `control ${c}`);
    assert.ok(ui.views.length >= 1 && ui.views.every((v) => VIEW_IDS.includes(v)), 'views');
    assert.equal(typeof ui.autoplay, 'boolean');
    assert.equal(typeof flags.hash, 'boolean');
    assert.equal(typeof flags.lazy, 'boolean');
    // A setting attribute that was accepted is in the state.
    for (const [name, key] of Object.entries(SETTING_ATTRIBUTES)) {
      if (key === 'problem' || !Object.hasOwn(attrs, name) || errors.some((e) => e.attribute === name)) continue;
      if (key === 'points' || key === 'weights' || key === 'activations' || key === 'output' || key === 'features') continue;
      if (key === 'dataset' && attrs[name] === 'csv') continue;
      if (Object.hasOwn(attrs, 'problem')) continue;
      assert.equal(writeSetting(key, state[key]), writeSetting(key, parseSetting(key, attrs[name])), `${name} accepted but not applied`);
    }
  }));
});

// --- validateMessage ----------------------------------------------------------------------------

const commandName = fc.oneof(fc.constantFrom(...COMMAND_NAMES), fc.string({ maxLength: 10 }));
const settingsObject = fc.dictionary(
  fc.oneof(fc.constantFrom(...STATE_KEYS), fc.string({ maxLength: 8 })),
  fc.oneof(anyText, fc.double(), fc.integer(), fc.boolean(), fc.array(fc.oneof(fc.integer({ min: -3, max: 300 }), anyText), { maxLength: 12 }), fc.anything()),
  { maxKeys: 6 },
);
const message = fc.oneof(
  fc.anything(),
  fc.record({
    type: fc.oneof(fc.constant(MESSAGE_TYPE), fc.anything()),
    v: fc.oneof(fc.constant(MESSAGE_VERSION), fc.anything()),
    command: commandName,
    id: fc.oneof(fc.string({ maxLength: 250 }), fc.double(), fc.anything()),
    n: fc.oneof(fc.integer({ min: -5, max: MAX_STEPS + 5 }), fc.double(), fc.anything()),
    state: fc.oneof(hashText, settingsObject, fc.anything()),
    extra: fc.anything(),
  }, { requiredKeys: ['type', 'v', 'command'] }),
);

test('validateMessage: any message is a valid command or a refusal with a reason; never throws', () => {
  run(fc.property(message, (data) => {
    const result = validateMessage(data);
    assert.equal(typeof result.ok, 'boolean');
    if (!result.ok) {
      assert.ok(typeof result.error === 'string' && result.error.length > 0, 'a refusal without a reason');
      assert.equal(typeof result.replyable, 'boolean');
      return;
    }
    assert.ok(COMMAND_NAMES.includes(result.command));
    assert.ok(result.id === null || typeof result.id === 'string' || Number.isFinite(result.id));
    if (result.command === 'step') assert.ok(Number.isInteger(result.args.n) && result.args.n >= 1 && result.args.n <= MAX_STEPS);
    if (result.command === 'setState') {
      const { hash, patch, keys } = result.args.state;
      if (hash !== undefined) {
        const parsed = parseHash(hash);
        assert.deepEqual(parsed.errors, [], 'an accepted setState hash has errors');
        assertRoundTrip(parsed.state);
      } else {
        assert.ok(keys.length >= 1);
        // The patch on top of the defaults is a valid state: each value inside the schema.
        for (const key of keys) {
          assert.ok(STATE_KEYS.includes(key), `patch key ${key}`);
          if (patch[key] === null) continue;
          const text = writeSetting(key, patch[key]);
          assert.equal(writeSetting(key, parseSetting(key, text)), text, `patch ${key} outside its schema`);
        }
      }
    }
  }));
});

test('the defaults are a valid state that round-trips', () => {
  assertRoundTrip(parseHash('').state);
  assert.equal(DEFAULTS.dataset, parseHash('').state.dataset);
});

// --- regressions found by these properties -------------------------------------------------------

test('regression: keys named like Object.prototype members are unknown settings, not a throw', async () => {
  // parseHash('#toString') threw "SCHEMA[key].write is not a function": SCHEMA['toString'] is
  // Object.prototype.toString. The page would not start from such a link.
  for (const hash of ['#valueOf', '#__proto__=1', '#constructor=x', '#toString', '#hasOwnProperty=1']) {
    const { state, errors } = parseHash(hash);
    assert.equal(errors.length, 1, hash);
    assert.match(errors[0], /^Unknown setting/, hash);
    assertRoundTrip(state);
  }
  assert.throws(() => parseSetting('constructor', '1'), /is not a setting/);
  const { settingOf } = await import('../../web/src/attributes.js');
  assert.equal(settingOf('constructor'), null);
  assert.equal(settingOf('__proto__'), null);
});

test('regression: a network with no hidden layers round-trips through its link', () => {
  // toHash wrote 'activations=' (an empty list), which parseHash refused.
  const { state, errors } = parseHash('#networkShape=');
  assert.deepEqual(errors, []);
  assert.equal(state.networkShape.length, 0);
  assert.doesNotMatch(toHash(state), /activations=/);
  assert.deepEqual(parseHash(toHash(state)).errors, []);
});
