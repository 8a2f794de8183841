// The TensorFlow Playground link parser (web/src/tfpLink.js): every key of TFP's src/state.ts with
// TFP's own parsing rules, `_hide` keys mapped onto this playground's control ids, and a message for
// every key or value that has no counterpart (the rest kept).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTfpLink, tfpHashOf, TFP_KEYS, TFP_HIDE_CONTROLS } from '../../web/src/tfpLink.js';
import { CONTROL_IDS } from '../../web/src/attributes.js';
import { readAttributes } from '../../web/src/elementAttributes.js';
import { parseHash, toHash, DEFAULTS } from '../../web/src/state.js';

const has = (messages, re) => messages.some((m) => re.test(m));
const FULL = 'https://playground.tensorflow.org/#activation=relu&regularization=L1&batchSize=7&dataset=spiral'
  + '&regDataset=reg-gauss&learningRate=0.1&regularizationRate=0.003&noise=35&networkShape=4,2,2&seed=0.58835'
  + '&showTestData=true&discretize=true&percTrainData=70&x=true&y=false&xTimesY=true&xSquared=true&ySquared=false'
  + '&cosX=false&sinX=true&cosY=false&sinY=true&collectStats=false&problem=classification&initZero=true&hideText=false';

test('every State.PROPS key of a full link is read', () => {
  const r = parseTfpLink(FULL);
  const s = r.state;
  assert.deepEqual([...s.activations], ['relu', 'relu', 'relu']);
  assert.equal(s.regularization, 'l1');
  assert.equal(s.batchSize, 7);
  assert.equal(s.dataset, 'spiral');
  assert.equal(s.learningRate, 0.1);
  assert.equal(s.regularizationRate, 0.003);
  assert.equal(s.noise, 35);
  assert.deepEqual([...s.networkShape], [4, 2, 2]);
  assert.equal(s.tfpSeed, '0.58835');
  assert.equal(s.showTestData, true);
  assert.equal(s.discretize, true);
  assert.equal(s.percTrainData, 70);
  // TFP's input-node order: x, y, xSquared, ySquared, xTimesY, sinX, sinY.
  assert.deepEqual([...s.features], ['x1', 'x1sq', 'x1x2', 'sinx1', 'sinx2']);
  assert.equal(s.initZero, true);
  assert.equal(s.tfpTraining, true);
  assert.equal(s.optimizer, 'sgd');
  assert.equal(s.output, 'tanh');
  assert.deepEqual(r.tfp, { seed: '0.58835', seedDrawn: false, dataset: 'spiral', problem: 'classification', initZero: true, noise: 35, percTrainData: 70 });
  assert.deepEqual(r.messages, []);
  assert.deepEqual(r.hidden, []);
  for (const key of TFP_KEYS) assert.ok(FULL.includes(`${key}=`) || ['tutorial'].includes(key), key);
});

test('regression takes regDataset; gauss is gaussian here; the hash alone works', () => {
  const r = parseTfpLink('dataset=gauss&regDataset=reg-gauss&problem=regression&seed=abc');
  assert.equal(r.state.dataset, 'reg-gauss');
  assert.equal(r.tfp.dataset, 'reg-gauss');
  assert.equal(parseTfpLink('#dataset=gauss&seed=1').state.dataset, 'gaussian');
  assert.equal(parseTfpLink('#dataset=gauss&seed=1').tfp.dataset, 'gauss');
  assert.equal(tfpHashOf('http://playground.tensorflow.org/#a=1#b'), 'a=1#b');
});

test("TFP's rules: no URL decoding, empty values do not count, booleans, last duplicate wins", () => {
  const r = parseTfpLink('#seed=a%20b&activation=&learningRate=%20&x=no&y=false&networkShape=&showTestData=0');
  assert.equal(r.state.tfpSeed, 'a%20b');             // raw text, as TFP seeds with it
  assert.deepEqual([...r.state.activations], []);     // no hidden layer
  assert.deepEqual([...r.state.networkShape], []);
  assert.equal(r.state.learningRate, 0.03);           // blank: the default
  assert.deepEqual([...r.state.features], ['x1']);    // 'no' is true, only 'false' is false
  assert.equal(r.state.showTestData, true);           // '0' is true too
  const d = parseTfpLink('#seed=1&noise=10&noise=20');
  assert.equal(d.state.noise, 20);
  assert.ok(has(d.messages, /noise appears twice/));
});

test('noise follows makeGUI: above 80 becomes 50, below 0 becomes 0, up to 80 kept; each change reported', () => {
  assert.equal(parseTfpLink('#seed=1&noise=80').state.noise, 80);
  const hi = parseTfpLink('#seed=1&noise=95');
  assert.equal(hi.state.noise, 50);
  assert.ok(has(hi.messages, /noise: 95 is above .*80.* 50/));
  const lo = parseTfpLink('#seed=1&noise=-5');
  assert.equal(lo.state.noise, 0);
  assert.ok(has(lo.messages, /noise: -5 is below 0/));
});

test('bad values are reported with which and why; the rest of the link is kept', () => {
  const r = parseTfpLink('#activation=softplus&regularization=L3&dataset=moons&learningRate=abc&batchSize=0'
    + '&networkShape=4,x&percTrainData=5&problem=ranking&seed=0.1&x=true&y=true&sinX=true');
  assert.deepEqual([...r.state.activations], ['tanh', 'tanh']);
  assert.equal(r.state.regularization, 'none');
  assert.equal(r.state.dataset, 'circle');
  assert.equal(r.state.learningRate, 0.03);
  assert.equal(r.state.batchSize, 10);
  assert.deepEqual([...r.state.networkShape], [4, 2]);
  assert.equal(r.state.percTrainData, 50);
  assert.deepEqual([...r.state.features], ['x1', 'x2', 'sinx1']);   // kept
  assert.equal(r.state.tfpSeed, '0.1');
  for (const re of [/activation: 'softplus' is not one of .*relu, tanh, sigmoid, linear/, /regularization: 'L3' .*none, L1, L2/,
    /dataset: 'moons' .*circle, xor, gauss, spiral/, /learningRate: 'abc' is not a number/, /batchSize: '0' is outside/,
    /networkShape: entry 2 \('x'\)/, /percTrainData: '5' is outside/, /problem: 'ranking'/]) {
    assert.ok(has(r.messages, re), `${re} in ${r.messages.join(' | ')}`);
  }
});

test('unknown keys, cosX/cosY, collectStats, hideText and tutorial are reported, never dropped silently', () => {
  const r = parseTfpLink('#seed=1&cosX=true&cosY=true&collectStats=true&hideText=true&tutorial=dp-neural-net-intro-first'
    + '&goalTestLossMinThresholdFirst=0.35&fooBar_hide=true');
  assert.ok(has(r.messages, /cosX=true: cosX has no input node in TensorFlow Playground either/));
  assert.ok(has(r.messages, /cosY=true: cosY has no input node/));
  assert.ok(has(r.messages, /collectStats=true: .*no counterpart here/));
  assert.ok(has(r.messages, /hideText=true: .*no counterpart/));
  assert.ok(has(r.messages, /tutorial=dp-neural-net-intro-first: .*ignored/));
  assert.ok(has(r.messages, /Unknown TensorFlow Playground key 'goalTestLossMinThresholdFirst'/));
  assert.ok(has(r.messages, /fooBar_hide: TensorFlow Playground has no control 'fooBar'/));
  assert.deepEqual([...r.state.features], ['x1', 'x2']);
});

test('a link without a seed draws one as TFP does (toFixed(5)) and says it is not reproducible', () => {
  const r = parseTfpLink('#dataset=xor', { random: () => 0.123456789 });
  assert.equal(r.state.tfpSeed, '0.12346');
  assert.equal(r.tfp.seedDrawn, true);
  assert.ok(has(r.messages, /seed: the link has none.*not reproducible.*0\.12346/));
});

test('all inputs off is reported (the engine needs an input); x and y used', () => {
  const r = parseTfpLink('#seed=1&x=false&y=false');
  assert.deepEqual([...r.state.features], ['x1', 'x2']);
  assert.ok(has(r.messages, /every input off/));
});

test('_hide keys: each of TFP\'s hidable controls maps onto a control id; only the exact text true hides', () => {
  const keys = Object.keys(TFP_HIDE_CONTROLS);
  const r = parseTfpLink(`#seed=1&${keys.map((k) => `${k}_hide=true`).join('&')}&x_hide=false`);
  assert.deepEqual([...r.hidden].sort(), Object.values(TFP_HIDE_CONTROLS).sort());
  for (const id of r.hidden) assert.ok(CONTROL_IDS.includes(id), id);
  assert.deepEqual(parseTfpLink('#seed=1&dataset_hide=1&noise_hide=false').hidden, []);
});

test('an input\'s _hide key removes that input even when it is on (playground.ts)', () => {
  const r = parseTfpLink('#seed=1&x=true&y=true&xTimesY=true&xSquared=true&xTimesY_hide=true&xSquared_hide=true&sinX_hide=true');
  assert.deepEqual([...r.state.features], ['x1', 'x2']);
  assert.deepEqual([...r.removedInputs], ['x1sq', 'x1x2', 'sinx1']);
  assert.ok(has(r.messages, /xTimesY_hide: .*removes the xTimesY input/));
});

test('the imported settings round-trip through this playground\'s own hash', () => {
  const r = parseTfpLink(FULL);
  const hash = toHash(r.state);
  assert.match(hash, /tfpSeed=0\.58835/);
  const back = parseHash(hash);
  assert.deepEqual(back.errors, []);
  for (const key of ['dataset', 'noise', 'percTrainData', 'features', 'networkShape', 'activations', 'learningRate',
    'regularization', 'regularizationRate', 'batchSize', 'tfpSeed', 'tfpTraining', 'initZero', 'showTestData', 'discretize']) {
    assert.deepEqual(back.state[key], r.state[key], key);
  }
  // Seeds with characters a URL must escape survive too.
  const odd = parseTfpLink('#seed=é&x y#');
  assert.equal(parseHash(toHash(odd.state)).state.tfpSeed, odd.state.tfpSeed);
  assert.equal(DEFAULTS.tfpSeed, null);
});

test('the tfp attribute imports the link; state and setting attributes go on top; _hide keys hide controls', () => {
  const get = (attrs) => (n) => (Object.hasOwn(attrs, n) ? attrs[n] : null);
  const r = readAttributes(get({ tfp: `${FULL}&noise_hide=true&playButton_hide=true&cosX=true`, 'learning-rate': '0.3' }));
  assert.equal(r.state.dataset, 'spiral');
  assert.equal(r.state.tfpSeed, '0.58835');
  assert.equal(r.state.learningRate, 0.3);
  assert.ok(!r.ui.controls.includes('noise'));
  assert.ok(!r.ui.controls.includes('play'));
  assert.ok(r.ui.controls.includes('step'));
  assert.ok(r.errors.some((e) => e.attribute === 'tfp' && /cosX/.test(e.message)));
  assert.ok(!r.errors.some((e) => /not imported yet/.test(e.message)));
});

test('trainerOptions: an imported link with TFP training gets tfpMode (SGD, ½(a−y)², tanh output, no standardization)', async () => {
  const { trainerOptions } = await import('../../web/src/model.js');
  const info = { numFeatures: 2, numClasses: 2, task: 'classification', featureNames: ['x1', 'x2'] };
  const s = parseTfpLink(FULL).state;
  const on = trainerOptions({ ...s, output: 'sigmoid', optimizer: 'adam', dropout: 0.2 }, info);
  assert.equal(on.options.tfpMode, true);
  assert.equal(on.options.optimizer, 'sgd');
  assert.equal(on.options.cost, 'quadratic');
  assert.equal(on.options.dropout, 0);
  assert.equal(on.options.activations.at(-1), 'tanh');
  assert.deepEqual(on.options.layers, [5, 4, 2, 2, 1]);
  assert.deepEqual(on.options.features, ['x1', 'x1^2', 'x1*x2', 'sin(x1)', 'sin(x2)']);
  assert.equal(on.standardize, false);
  const off = trainerOptions({ ...s, tfpTraining: false, optimizer: 'adam' }, info);
  assert.equal(off.options.tfpMode, undefined);
  assert.equal(off.options.optimizer, 'adam');
  assert.equal(trainerOptions({ ...DEFAULTS }, info).options.tfpMode, undefined);
  const reg = parseTfpLink('#problem=regression&regDataset=reg-gauss&seed=1').state;
  const r = trainerOptions(reg, { numFeatures: 2, numClasses: 0, task: 'regression', featureNames: ['x1', 'x2'] });
  assert.equal(r.options.activations.at(-1), 'linear');
  assert.equal(r.options.tfpMode, true);
});
