// The component's attribute parser (web/src/attributes.js): every setting of the URL under its
// kebab-case name, the component's own options, and a named message for every bad value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseControls, parseViews, parseLocked, parseHeight, attributesFor, SETTING_ATTRIBUTES, OBSERVED_ATTRIBUTES, CONTROL_IDS, CONTROL_PRESETS, VIEW_IDS, kebab } from '../../web/src/attributes.js';
import { readAttributes } from '../../web/src/elementAttributes.js';
import { STATE_KEYS, DEFAULTS, toHash, parseHash, writeSetting } from '../../web/src/state.js';

const from = (attrs) => (name) => (Object.hasOwn(attrs, name) ? attrs[name] : null);

test('every URL setting has a kebab-case attribute, and problem and stop-at-epoch exist', () => {
  for (const key of STATE_KEYS) assert.equal(SETTING_ATTRIBUTES[kebab(key)], key, key);
  assert.equal(SETTING_ATTRIBUTES['network-shape'], 'networkShape');
  assert.equal(SETTING_ATTRIBUTES['perc-train-data'], 'percTrainData');
  assert.equal(SETTING_ATTRIBUTES['stop-at-epoch'], 'stopEpoch');
  assert.equal(SETTING_ATTRIBUTES.problem, 'problem');
  for (const name of ['state', 'tfp', 'controls', 'locked', 'views', 'autoplay', 'height', 'network-shape', 'data-seed']) {
    assert.ok(OBSERVED_ATTRIBUTES.includes(name), name);
  }
});

test('attributes give the same settings as the equivalent link', () => {
  const attrs = {
    dataset: 'spiral', 'network-shape': '8,8', activations: 'relu', features: 'x1,x2,sinx1,sinx2',
    'learning-rate': '0.01', optimizer: 'adam', 'batch-size': '16', noise: '10', 'perc-train-data': '70',
    seed: '7', 'data-seed': '3', regularization: 'l2', 'regularization-rate': '0.001', 'stop-at-epoch': '200',
  };
  const r = readAttributes(from(attrs));
  assert.deepEqual(r.errors, []);
  const link = parseHash('#dataset=spiral&networkShape=8,8&activations=relu&features=x1,x2,sinx1,sinx2&learningRate=0.01&optimizer=adam&batchSize=16&noise=10&percTrainData=70&seed=7&dataSeed=3&regularization=l2&regularizationRate=0.001&stopEpoch=200');
  assert.deepEqual(link.errors, []);
  assert.equal(toHash(r.state), toHash(link.state));
  assert.deepEqual([...r.state.activations], ['relu', 'relu']);
});

test('individual attributes override the state hash', () => {
  const r = readAttributes(from({ state: '#dataset=xor&networkShape=4&learningRate=0.1', 'network-shape': '' }));
  assert.deepEqual(r.errors, []);
  assert.equal(r.state.dataset, 'xor');
  assert.deepEqual([...r.state.networkShape], []);
  assert.equal(r.state.learningRate, 0.1);
});

test('a bad attribute keeps its default and names the attribute and the accepted values', () => {
  const r = readAttributes(from({ 'learning-rate': 'fast', optimizer: 'newton', 'network-shape': '4,0', dataset: 'mnist' }));
  const by = Object.fromEntries(r.errors.map((e) => [e.attribute, e.message]));
  assert.deepEqual(Object.keys(by).sort(), ['dataset', 'learning-rate', 'network-shape', 'optimizer']);
  assert.match(by['learning-rate'], /'fast' is not a number; kept 0\.03/);
  assert.match(by.optimizer, /not one of sgd, momentum, nesterov, rmsprop, adam; kept sgd/);
  assert.match(by['network-shape'], /entry 2: 0 is outside \[1, 128\]; kept 4,2/);
  assert.match(by.dataset, /'mnist' is not one of circle, xor/);
  assert.equal(r.state.learningRate, DEFAULTS.learningRate);
  assert.equal(r.state.optimizer, DEFAULTS.optimizer);
  assert.deepEqual([...r.state.networkShape], [...DEFAULTS.networkShape]);
});

test('problem picks the data set kind, and a conflicting one is reported', () => {
  assert.equal(readAttributes(from({ problem: 'regression' })).state.dataset, 'reg-plane');
  const r = readAttributes(from({ problem: 'regression', dataset: 'xor' }));
  assert.equal(r.state.dataset, 'xor');
  assert.match(r.errors[0].message, /regression does not fit dataset xor/);
  assert.equal(r.errors[0].attribute, 'problem');
  assert.match(readAttributes(from({ problem: 'clustering' })).errors[0].message, /not one of classification, regression/);
});

test('controls: presets and lists; locked and views; each bad one named', () => {
  assert.deepEqual([...parseControls('none')], []);
  assert.deepEqual([...parseControls('minimal')], ['play', 'step', 'reset']);
  assert.deepEqual([...parseControls('full')], [...CONTROL_IDS]);
  assert.ok(CONTROL_PRESETS.standard.includes('learning-rate'));
  assert.deepEqual([...parseControls('play, learning-rate')], ['play', 'learning-rate']);
  assert.throws(() => parseControls('play,turbo'), /'turbo' is not accepted: use a preset \(none, minimal, standard, full\) or a comma list of control ids/);
  assert.deepEqual([...parseLocked('dataset,learning-rate')], ['dataset', 'learning-rate']);
  assert.deepEqual([...parseViews('network,output')], ['network', 'output']);
  assert.deepEqual([...parseViews('all')], [...VIEW_IDS]);
  assert.throws(() => parseViews('network,chart'), /'chart' is not accepted.*network, output, loss, data, metrics, math/);
  assert.throws(() => parseViews(''), /at least one view/);
  assert.equal(parseHeight('420px'), '420px');
  assert.throws(() => parseHeight('tall'), /use a length such as 420px/);
  assert.throws(() => parseHeight('50px'), /too small/);
  const r = readAttributes(from({ controls: 'some', views: 'network,output', autoplay: '', height: '30rem', 'stop-at-epoch': '100' }));
  assert.deepEqual(r.errors.map((e) => e.attribute), ['controls']);
  assert.deepEqual([...r.ui.controls], [...CONTROL_IDS]);
  assert.deepEqual([...r.ui.views], ['network', 'output']);
  assert.equal(r.ui.autoplay, true);
  assert.equal(r.ui.height, '30rem');
  assert.equal(r.state.stopEpoch, 100);
  assert.equal(readAttributes(from({ autoplay: 'false' })).ui.autoplay, false);
  assert.match(readAttributes(from({ autoplay: 'maybe' })).errors[0].message, /true or false/);
});

test('tfp imports a TensorFlow Playground link (tfpLink.js); what it lacks is reported under tfp', () => {
  const r = readAttributes(from({ tfp: 'https://playground.tensorflow.org/#activation=relu' }));
  assert.deepEqual([...r.state.activations], ['relu', 'relu']);
  assert.equal(r.errors[0].attribute, 'tfp');
  assert.match(r.errors[0].message, /seed: the link has none/);
});

test('attributesFor writes the non-default settings back as attributes that read the same', () => {
  const state = parseHash('#dataset=spiral&networkShape=8,8&learningRate=0.01&features=x1,x2,sinx1').state;
  const attrs = Object.fromEntries(attributesFor(state, writeSetting));
  assert.equal(attrs.dataset, 'spiral');
  assert.equal(attrs['network-shape'], '8,8');
  assert.equal(attrs['learning-rate'], '0.01');
  assert.equal(attrs.optimizer, undefined);
  assert.equal(toHash(readAttributes(from(attrs)).state), toHash(state));
});
