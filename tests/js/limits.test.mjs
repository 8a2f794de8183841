// Limits from outside (issue 15): every size a stranger controls is bounded by ONE validator per
// rule, with a message that names the field and the bound, and the bound holds at every door
// (a link, an attribute, an embed message, the embed page's hash, a file, the controller). Plus the
// engine's own bound on memory: running out of WebAssembly memory is an Error in words, and the
// module goes on working once memory is freed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LIMITS, DEFAULTS, parseHash, hashPairs, hashLengthError, parameterCount, networkSizeError,
  fileSizeError,
} from '../../web/src/state.js';
import { readAttributes } from '../../web/src/elementAttributes.js';
import { validateMessage, parseEmbedHash, messageSizeError } from '../../web/src/messages.js';
import { loadVariant, withObjects } from './helpers.mjs';

const attrs = (o) => (name) => (Object.hasOwn(o, name) ? o[name] : null);
const cmd = (command, fields = {}) => ({ type: 'backprop-playground', v: 1, command, id: 1, ...fields });

test('hashPairs: the one splitter of links and of the embed hash', () => {
  assert.deepEqual(hashPairs('a=1&&b=%20x&c&d=%E0%A4%A'), [
    { pair: 'a=1', key: 'a', raw: '1' },
    { pair: 'b=%20x', key: 'b', raw: ' x' },
    { pair: 'c', key: 'c', raw: '' },
    { pair: 'd=%E0%A4%A', bad: true },
  ]);
  // Both parsers agree on what a bad pair is.
  assert.match(parseHash('#seed=%E0%A4%A').errors[0], /is not valid URL text; ignored/);
  assert.equal(parseEmbedHash('#seed=%E0%A4%A&controls=none').stateHash, '#seed=%E0%A4%A');
});

test('layers and neurons per layer: the networkShape schema, at every door', () => {
  const layers = Array(LIMITS.maxHiddenLayers + 1).fill(2).join(',');
  assert.match(parseHash(`#networkShape=${layers}`).errors[0], /^networkShape: needs 0 to 10 entries; got 11; kept 4,2\.$/);
  assert.match(parseHash(`#networkShape=${LIMITS.maxNeurons + 1}`).errors[0], /^networkShape: entry 1: 129 is outside \[1, 128\]; kept 4,2\.$/);
  const a = readAttributes(attrs({ 'network-shape': String(LIMITS.maxNeurons + 1) }));
  assert.deepEqual(a.state.networkShape, DEFAULTS.networkShape);
  assert.equal(a.errors[0].attribute, 'network-shape');
  const m = validateMessage(cmd('setState', { state: { networkShape: [999] } }));
  assert.equal(m.ok, false);
  assert.match(m.error, /networkShape: entry 1: 999 is outside \[1, 128\]/);
});

test('a network too big to train at interactive speed is refused, with its size, before anything is built', () => {
  // 2 inputs, hidden 128 x 4, 1 output: 50,049 parameters (fits); one more layer: 66,561 (does not).
  assert.equal(parameterCount({ ...DEFAULTS, networkShape: [128, 128, 128, 128] }), 50049);
  assert.equal(networkSizeError({ ...DEFAULTS, networkShape: [128, 128, 128, 128] }), '');
  const big = { ...DEFAULTS, networkShape: [128, 128, 128, 128, 128] };
  assert.equal(parameterCount(big), 66561);
  assert.match(networkSizeError(big), /^networkShape: 128,128,128,128,128 makes 66,561 weights and biases on this data; at most 60,000 train at interactive speed: use fewer or narrower layers\.$/);
  // The data set counts: digits has 64 inputs and 10 classes.
  assert.equal(parameterCount({ ...DEFAULTS, dataset: 'digits', networkShape: [32, 16] }), 65 * 32 + 33 * 16 + 17 * 10);
  const shape = [128, 128, 128, 128, 40];  // 55,121 parameters on 2 inputs, 63,426 on digits
  assert.equal(networkSizeError({ ...DEFAULTS, networkShape: shape }), '');
  assert.match(networkSizeError({ ...DEFAULTS, dataset: 'digits', networkShape: shape }), /63,426 weights and biases/);
  // A link: told, and the base network kept (no weights of the refused one).
  const link = parseHash('#networkShape=128,128,128,128,128&learningRate=0.1');
  assert.deepEqual(link.state.networkShape, DEFAULTS.networkShape);
  assert.equal(link.state.learningRate, 0.1, 'the other settings still apply');
  assert.match(link.errors.join(' '), /66,561 weights and biases.*Kept networkShape=4,2\./);
  // An attribute (and a `state` attribute), an embed message, the embed page's hash.
  const a = readAttributes(attrs({ 'network-shape': '128,128,128,128,128' }));
  assert.deepEqual(a.state.networkShape, DEFAULTS.networkShape);
  assert.deepEqual(a.errors.map((e) => e.attribute), ['network-shape']);
  assert.match(a.errors[0].message, /at most 60,000 train at interactive speed/);
  const s = readAttributes(attrs({ state: '#networkShape=128,128,128,128,128' }));
  assert.deepEqual(s.state.networkShape, DEFAULTS.networkShape);
  assert.equal(s.errors[0].attribute, 'state');
  const viaDataset = readAttributes(attrs({ dataset: 'digits', 'network-shape': '128,128,128,128,40' }));
  assert.deepEqual(viaDataset.state.networkShape, DEFAULTS.networkShape, 'the size counts the data set named in another attribute');
  for (const state of ['#networkShape=128,128,128,128,128', { networkShape: [128, 128, 128, 128, 128] }]) {
    const m = validateMessage(cmd('setState', { state }));
    assert.equal(m.ok, false);
    assert.match(m.error, /interactive speed/);
  }
});

test('URL length: one rule for links and for the embed page\'s hash', () => {
  const long = `#seed=1&x=${'a'.repeat(LIMITS.maxHashLength)}`;
  assert.match(hashLengthError(long.slice(1)), /characters long; at most 40000 are read/);
  assert.equal(hashLengthError('seed=1'), '');
  assert.deepEqual(parseHash(long).errors, [hashLengthError(long.slice(1))]);
  const embed = parseEmbedHash(`${long}&controls=none`);
  assert.equal(embed.stateHash, '');
  assert.equal(embed.controls, undefined, 'nothing of an over-long hash is read');
  assert.match(embed.errors[0], /at most 40000 are read/);
});

test('message size: a huge or deeply nested message is refused without walking all of it', () => {
  assert.equal(messageSizeError(cmd('play')), '');
  const wide = cmd('setState', { state: Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`k${i}`, i])) });
  const r = validateMessage(wide);
  assert.equal(r.ok, false);
  assert.match(r.error, /more than 2000 keys and items/);
  assert.equal(r.replyable, true, 'the sender is told');
  const text = validateMessage(cmd('setState', { state: { seed: 'x'.repeat(LIMITS.maxMessageChars + 1) } }));
  assert.match(text.error, /more than 80000 characters of text/);
  let deep = {}; const top = deep;
  for (let i = 0; i < 100000; i++) { deep.a = {}; deep = deep.a; }
  assert.match(messageSizeError(cmd('setState', { state: top })), /keys and items/, 'no recursion: no stack overflow');
  const cyclic = { type: 'backprop-playground', v: 1, command: 'play' }; cyclic.self = cyclic;
  assert.equal(validateMessage(cyclic).ok, false, 'a cycle is counted once and refused as an unknown field');
  assert.equal(messageSizeError(cmd('step', { n: 5 })), '');
});

test('file size: checked before the file is read (the engine\'s own bound, kMaxCsvBytes)', () => {
  assert.equal(fileSizeError(LIMITS.maxCsvBytes), '');
  assert.equal(fileSizeError(LIMITS.maxCsvBytes + 1), 'csv: the file has 32.0 MB; at most 32 MB are accepted.');
  assert.match(fileSizeError(200 * 1048576), /^csv: the file has 200\.0 MB; at most 32 MB are accepted\.$/);
});

test('rows, features and classes of a file: the engine\'s parser bounds them, with messages', async () => {
  const { module: M } = await loadVariant(false);
  const fails = (text, task, re) => {
    assert.throws(() => withObjects((own) => own(M.Dataset.fromCsv(text, task))), (e) => re.test(e.message), `${task}: ${text.slice(0, 40)}`);
  };
  const wide = `${Array.from({ length: 4097 }, (_, i) => `f${i}`).join(',')},y\n${Array(4098).fill('1').join(',')}\n`;
  fails(wide, 'regression', /^csv line 1: more than 4097 columns; at most 4097 are accepted$/);
  const classes = `x,y\n${Array.from({ length: 4100 }, (_, i) => `${i},${i}`).join('\n')}\n`;
  fails(classes, 'classification', /4096 classes accepted; load it as regression/);
  const rows = `x,y\n${'1,2\n'.repeat(1000001)}`;
  fails(rows, 'regression', /^csv line 1000002: more than 1000000 data rows; at most 1000000 samples are accepted$/);
});

test('running out of WebAssembly memory: an Error in words, no crash, and the module works again once memory is freed', async () => {
  // The page's limits keep one playground far below this (60,000 parameters, 32 MB files); the
  // engine itself is reached here through its public API with data sets that are never freed,
  // until the memory (ALLOW_MEMORY_GROWTH, 2 GB at most) is full.
  const { module: M } = await loadVariant(false);
  const held = [];
  let error = null;
  try {
    for (let i = 0; i < 400 && !error; i++) {
      try { held.push(M.Dataset.generate('spiral', 1000000, 0, i)); } catch (e) { error = e; }
    }
    assert.ok(error, `memory ran out (heap ${M.heapBytes()} bytes after ${held.length} data sets)`);
    assert.ok(error instanceof Error);
    assert.match(error.message, /^out of memory: the engine's WebAssembly memory is full \(it grows to 2 GB at most\), so this call was not done; use less data or a smaller network, or reload the page/);
    assert.ok(M.heapBytes() > 1.9 * 2 ** 30, `the heap grew to its maximum: ${M.heapBytes()}`);
  } finally {
    for (const d of held) d.delete();
  }
  const loss = withObjects((own) => {
    const data = own(M.Dataset.generate('circle', 200, 0, 1));
    const t = own(new M.Trainer(JSON.stringify({ layers: [2, 4, 1], activations: ['tanh', 'tanh'], seed: 1 })));
    t.setData(data, data, false);
    return t.trainSteps(20).loss;
  });
  assert.ok(Number.isFinite(loss), 'the module trains after the memory was freed');
});
