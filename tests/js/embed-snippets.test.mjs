// Unit tests of the Embed dialog's snippets (web/src/embedDialog.js): only non-default settings,
// kebab-case attribute names, HTML-escaped values, an iframe in sandbox="allow-scripts".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHash as toHashOf } from '../../web/src/state.js';
import {
  kebab, escapeAttribute, changedSettings, componentSnippet, iframeSnippet, embedHash,
} from '../../web/src/embedDialog.js';
import { parseHash, DEFAULTS, STATE_KEYS } from '../../web/src/state.js';
import { SETTING_ATTRIBUTES } from '../../web/src/attributes.js';
import { readAttributes } from '../../web/src/elementAttributes.js';

const urls = { scriptUrl: 'https://example.org/bp/component/backprop-playground.js', embedUrl: 'https://example.org/bp/embed.html' };

test('attribute names are the URL keys in kebab-case', () => {
  assert.equal(kebab('networkShape'), 'network-shape');
  assert.equal(kebab('percTrainData'), 'perc-train-data');
  assert.equal(kebab('regularizationRate'), 'regularization-rate');
  assert.equal(kebab('stopEpoch'), 'stop-epoch');
  assert.equal(kebab('dataset'), 'dataset');
  for (const key of STATE_KEYS) assert.match(kebab(key), /^[a-z]+(-[a-z0-9]+)*$/, key);
});

test('the defaults give just the dataset', () => {
  const state = parseHash('').state;
  assert.deepEqual(changedSettings(state), [['dataset', DEFAULTS.dataset]]);
  assert.equal(componentSnippet(state, urls),
    '<script type="module" src="https://example.org/bp/component/backprop-playground.js"></script>\n'
    + '<backprop-playground dataset="circle"></backprop-playground>');
  assert.equal(iframeSnippet(state, urls),
    '<iframe src="https://example.org/bp/embed.html#dataset=circle" sandbox="allow-scripts" title="Backprop Playground" width="100%" height="760" style="border:0" loading="lazy"></iframe>');
});

test('non-default settings become kebab-case attributes and the iframe hash', () => {
  const { state, errors } = parseHash('#dataset=spiral&networkShape=8,8&features=x1,x2,sinx1,sinx2&learningRate=0.1&seed=7&showTestData=true');
  assert.deepEqual(errors, []);
  const tag = componentSnippet(state, { ...urls, controls: 'minimal' });
  assert.match(tag, /<backprop-playground dataset="spiral" seed="7" features="x1,x2,sinx1,sinx2" network-shape="8,8" learning-rate="0.1" show-test-data="true" controls="minimal"><\/backprop-playground>$/);
  const frame = iframeSnippet(state, { ...urls, controls: 'minimal' });
  assert.match(frame, /src="https:\/\/example.org\/bp\/embed.html#dataset=spiral&amp;seed=7&amp;features=x1,x2,sinx1,sinx2&amp;networkShape=8,8&amp;learningRate=0.1&amp;showTestData=true&amp;controls=minimal"/);
  assert.match(frame, / sandbox="allow-scripts" /);
  // The hash, read back, is the same setup.
  const back = parseHash(embedHash(state).slice(0)).state;
  for (const key of ['dataset', 'seed', 'learningRate', 'showTestData']) assert.equal(back[key], state[key], key);
  assert.deepEqual([...back.networkShape], [8, 8]);
});

test('values and URLs are escaped: a snippet cannot carry markup', () => {
  assert.equal(escapeAttribute('a"b<c>&d'), 'a&quot;b&lt;c&gt;&amp;d');
  const evil = { scriptUrl: 'https://x.org/"><script>alert(1)</script>', embedUrl: 'https://x.org/e.html?"><b>' };
  const state = parseHash('').state;
  assert.doesNotMatch(componentSnippet(state, evil), /"><script>alert/);
  assert.doesNotMatch(iframeSnippet(state, evil), /"><b>/);
  assert.doesNotMatch(componentSnippet(state, { ...urls, controls: '"><i>' }), /"><i>/);
});

test('custom points travel in the snippets too', () => {
  const { state, errors } = parseHash('#dataset=custom&points=9AEY_ADoA-gDAQ');
  assert.deepEqual(errors, []);
  const tag = componentSnippet(state, urls);
  assert.match(tag, /dataset="custom"/);
  assert.match(tag, /points="9AEY_ADoA-gDAQ"/);
  assert.match(iframeSnippet(state, urls), /#dataset=custom&amp;points=9AEY_ADoA-gDAQ"/);
});

test('the component reads the tag back as the same state (attributes.js readAttributes)', () => {
  const { state } = parseHash('#dataset=spiral&networkShape=8,8&features=x1,x2,sinx1,sinx2&learningRate=0.1&seed=7&noise=20&optimizer=adam&regularization=l2&regularizationRate=0.003&batchSize=25&showTestData=true');
  const tag = componentSnippet(state, urls).split('\n')[1];
  const attrs = new Map([...tag.matchAll(/ ([a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  for (const name of attrs.keys()) assert.ok(Object.hasOwn(SETTING_ATTRIBUTES, name), `${name} is an attribute of the component`);
  const read = readAttributes((n) => (attrs.has(n) ? attrs.get(n) : null));
  assert.deepEqual(read.errors, []);
  assert.equal(toHashOf(read.state), toHashOf(state));
});
