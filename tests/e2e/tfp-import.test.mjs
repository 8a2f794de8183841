// Real TensorFlow Playground links, imported into the page (?tfp=), into the component (the tfp
// attribute) and through the paste box: every setting checked, the `_hide` keys hiding their
// controls, and for one link the page's data points and starting weights equal the engine's
// Dataset.generateTfp / tfpInitialWeights for that seed (which tests/js/tfp-*.test.mjs check against
// TFP's own code). No wall-clock assertions; every wait is 90 s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, openPage, shot } from './harness.mjs';
import { ensureComponentBuilt, serveLogged, pagesFolder, launch, openRecorded, allReady } from './component-harness.mjs';
import { loadVariant } from '../js/helpers.mjs';

// Where each link was published (found with the search tool: corpus issues, and public pages/code).
const LINKS = [
  {
    // GitHub issue abhi8893/tensorflow-deep-learning-mrdbourke#16 "Notebook 02A: Tensorflow Playground Re-implementation".
    source: 'https://github.com/abhi8893/tensorflow-deep-learning-mrdbourke/issues/16',
    url: 'https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59704&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false',
    expect: { dataset: 'circle', features: ['x1', 'x2'], networkShape: [4, 2], activations: ['tanh', 'tanh'], regularization: 'none', learningRate: 0.03, regularizationRate: 0, batchSize: 10, noise: 0, percTrainData: 50, tfpSeed: '0.59704', initZero: false },
    hidden: [],
  },
  {
    // GitHub issue blueberrynfig/illegal-dumping-object-detection-engine#37 "analyze neural network in the browser".
    source: 'https://github.com/blueberrynfig/illegal-dumping-object-detection-engine/issues/37',
    url: 'http://playground.tensorflow.org/#activation=sigmoid&regularization=L1&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0.01&noise=0&networkShape=3,3,2,2,2&seed=0.35097&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false',
    expect: { dataset: 'circle', features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2'], networkShape: [3, 3, 2, 2, 2], activations: Array(5).fill('sigmoid'), regularization: 'l1', learningRate: 0.03, regularizationRate: 0.01, batchSize: 10, noise: 0, percTrainData: 50, tfpSeed: '0.35097', initZero: false },
    hidden: [],
    exact: { dataset: 'circle', noise: 0, percTrainData: 50 },
  },
  {
    // GitHub issue Madonahs/Machine-Learning#21 "Tinker With a Neural Network Right Here in Your Browser."
    source: 'https://github.com/Madonahs/Machine-Learning/issues/21',
    url: 'https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=3,2&seed=0.88257&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=true&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false',
    expect: { dataset: 'circle', features: ['x1', 'x2', 'x1sq'], networkShape: [3, 2], activations: ['tanh', 'tanh'], regularization: 'none', learningRate: 0.03, regularizationRate: 0, batchSize: 10, noise: 0, percTrainData: 50, tfpSeed: '0.88257', initZero: false },
    hidden: [],
  },
  {
    // Google's Machine Learning Crash Course, "Introduction to neural networks" exercise (the
    // playground iframe of the dp-neural-net-intro-first tutorial; found in a public copy of the
    // course page with the code corpus): inputs removed by _hide, collectStats/hideText/tutorial,
    // and MLCC's own goalTestLoss* keys, which TFP's state.ts does not have.
    source: 'https://developers.google.com/machine-learning/crash-course/ (playground exercise dp-neural-net-intro-first)',
    url: 'https://developers.google.com/machine-learning/crash-course/playground/?utm_source=engedu&utm_medium=ss&utm_campaign=mlcc&hl=zh-cn#activation=linear&regularization=L2&batchSize=10&dataset=xor&regDataset=reg-plane&learningRate=0.01&regularizationRate=0&noise=35&networkShape=1&seed=0.50819&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=true&problem=classification&initZero=false&hideText=true&dataset_hide=true&percTrainData_hide=false&noise_hide=false&batchSize_hide=false&xTimesY_hide=true&xSquared_hide=true&ySquared_hide=true&sinX_hide=true&sinY_hide=true&activation_hide=false&learningRate_hide=false&regularization_hide=false&regularizationRate_hide=false&numHiddenLayers_hide=false&problem_hide=true&tutorial=dp-neural-net-intro-first&goalTestLossMinThresholdFirst=0.35&goalTestLossMinThresholdSecond=0.2&goalTestLossMinThresholdThird=0.177',
    expect: { dataset: 'xor', features: ['x1', 'x2'], networkShape: [1], activations: ['linear'], regularization: 'l2', learningRate: 0.01, regularizationRate: 0, batchSize: 10, noise: 35, percTrainData: 50, tfpSeed: '0.50819', initZero: false },
    hidden: ['dataset', 'problem'],
    messages: [/xTimesY_hide/, /collectStats/, /hideText/, /tutorial=dp-neural-net-intro-first/, /goalTestLossMinThresholdFirst/],
  },
  {
    // The TF-playground "logistic regression" link of the deep learning course oduerr/dl_tutorial
    // (its course page, found with the code corpus): no hidden layer, noise 50, most controls hidden.
    source: 'https://github.com/oduerr/dl_tutorial (course page, "TF-playground: logistic regression")',
    url: 'http://playground.tensorflow.org/#activation=sigmoid&batchSize=10&dataset=gauss&regDataset=reg-plane&learningRate=0.1&regularizationRate=0&noise=50&networkShape=&seed=0.01840&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false&stepButton_hide=false&activation_hide=true&problem_hide=true&noise_hide=false&batchSize_hide=true&dataset_hide=true&regularization_hide=true&playButton_hide=false&learningRate_hide=false&regularizationRate_hide=true&percTrainData_hide=true&numHiddenLayers_hide=true',
    expect: { dataset: 'gaussian', features: ['x1', 'x2'], networkShape: [], activations: [], regularization: 'none', learningRate: 0.1, regularizationRate: 0, batchSize: 10, noise: 50, percTrainData: 50, tfpSeed: '0.01840', initZero: false },
    hidden: ['activation', 'problem', 'batch-size', 'dataset', 'regularization', 'regularization-rate', 'perc-train-data', 'network-shape'],
  },
  {
    // A course lab note "Lab: Tensorflow Playground" (public GitHub markdown, found with the code
    // corpus): batch size 1, no hidden layer, sin features, play shown but step hidden.
    source: 'public GitHub markdown "Lab: Tensorflow Playground" (Korean course notes)',
    url: 'http://playground.tensorflow.org/#activation=linear&regularization=L2&batchSize=1&dataset=spiral&regDataset=reg-plane&learningRate=0.01&regularizationRate=0&noise=0&networkShape=&seed=0.84739&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=false&sinX=true&cosY=false&sinY=true&collectStats=false&problem=classification&initZero=false&hideText=false&showTestData_hide=true&learningRate_hide=true&regularizationRate_hide=true&percTrainData_hide=true&numHiddenLayers_hide=true&discretize_hide=true&activation_hide=true&problem_hide=true&noise_hide=true&regularization_hide=true&dataset_hide=true&batchSize_hide=true&playButton_hide=false&stepButton_hide=true',
    expect: { dataset: 'spiral', features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'], networkShape: [], activations: [], regularization: 'l2', learningRate: 0.01, regularizationRate: 0, batchSize: 1, noise: 0, percTrainData: 50, tfpSeed: '0.84739', initZero: false },
    hidden: ['show-test-data', 'learning-rate', 'regularization-rate', 'perc-train-data', 'network-shape', 'discretize', 'activation', 'problem', 'noise', 'regularization', 'dataset', 'batch-size', 'step'],
  },
];

const ALWAYS_SHOWN = ['play', 'reset', 'features', 'optimizer'];

let env; let M;
before(async () => {
  env = await startAll();
  ({ module: M } = await loadVariant(true));
});
after(async () => { await env?.close(); });

/** The state the page holds, in plain JSON, and the ids of controls shown / hidden. */
async function pageFacts(page, rootExpr = 'document') {
  return page.evaluate((rootExpr) => {
    // eslint-disable-next-line no-new-func
    const root = new Function(`return ${rootExpr}`)();
    const api = window.backpropPlayground || root.host?.api;
    const s = api.getState();
    const ids = [...root.querySelectorAll('[data-control]')];
    const shown = new Set(ids.filter((el) => el.checkVisibility()).map((el) => el.dataset.control));
    const off = new Set(ids.filter((el) => el.hasAttribute('data-off')).map((el) => el.dataset.control));
    return {
      state: JSON.parse(JSON.stringify({ ...s, points: null, weights: null })),
      shown: [...shown], off: [...off],
      banner: root.querySelector('.bp-banner')?.hidden ? '' : root.querySelector('.bp-banner')?.textContent ?? '',
      hash: window.location.hash,
      layers: api.getState && window.backpropPlayground ? window.backpropPlayground.root?.querySelector('.bp-net-note')?.textContent : '',
    };
  }, rootExpr);
}

function checkLink(link, facts) {
  for (const [key, value] of Object.entries(link.expect)) assert.deepEqual(facts.state[key], value, `${link.source}: ${key}`);
  assert.equal(facts.state.tfpTraining, true, `${link.source}: TFP training on`);
  assert.equal(facts.state.optimizer, 'sgd');
  for (const id of link.hidden) assert.ok(facts.off.includes(id) && !facts.shown.includes(id), `${link.source}: ${id} hidden`);
  for (const id of ALWAYS_SHOWN) assert.ok(!facts.off.includes(id), `${link.source}: ${id} stays`);
  for (const re of link.messages ?? []) assert.match(facts.banner, re, `${link.source}: reported ${re}`);
}

for (const link of LINKS) {
  test(`?tfp= imports ${link.source}`, async () => {
    const { page, errors } = await openPage(env.browser, env.site.url, `?tfp=${encodeURIComponent(link.url)}`);
    try {
      await page.waitForFunction(() => window.backpropPlayground.getState().tfpSeed != null && window.backpropPlayground.getData(), null, { timeout: 90000 });
      const facts = await pageFacts(page);
      checkLink(link, facts);
      // The page's own hash now holds the imported setup (tfpSeed, features, ...), the query is gone.
      assert.match(facts.hash, new RegExp(`tfpSeed=${link.expect.tfpSeed.replace('.', '\\.')}`));
      assert.ok(!(await page.evaluate(() => window.location.search.includes('tfp='))));
      assert.deepEqual(errors, []);
    } finally { await page.close(); }
  });
}

/** Waits until the page's parameters are those of a network of `size` numbers (the imported one). */
const paramsOf = (page, size) => page.waitForFunction((size) => {
  const p = window.backpropPlayground.getParameters();
  return p && p.length === size ? Array.from(p) : null;
}, size, { timeout: 90000 }).then((h) => h.jsonValue());

test('the imported data points and starting weights are generateTfp\'s and tfpInitialWeights\' for the seed', async () => {
  const link = LINKS[1];
  const { dataset, noise, percTrainData } = link.exact;
  const seed = link.expect.tfpSeed;
  const split = M.Dataset.generateTfp(dataset, noise, percTrainData, seed);
  const train = split.train(); const test = split.test();
  const rows = (ds) => {
    const x = ds.inputs(); const y = ds.labels(); const out = [];
    for (let i = 0; i < y.length; i++) out.push([Math.fround(x[2 * i]), Math.fround(x[2 * i + 1]), y[i]]);
    return out;
  };
  const want = { train: rows(train), test: rows(test) };
  const layers = [5, 3, 3, 2, 2, 2, 1];
  const w0 = Array.from(M.tfpInitialWeights(dataset, noise, percTrainData, seed, layers, false), Math.fround);
  test.delete(); train.delete(); split.delete();
  assert.equal(want.train.length + want.test.length, 500);

  const { page, errors } = await openPage(env.browser, env.site.url, `?tfp=${encodeURIComponent(link.url)}`);
  try {
    await page.waitForFunction(() => window.backpropPlayground.getState().tfpSeed != null, null, { timeout: 90000 });
    const params = await paramsOf(page, w0.length);
    assert.deepEqual(params, w0);
    const first = 5 * 3;   // W^1: 3 x 5, the first layer's weights
    assert.deepEqual(params.slice(0, first), w0.slice(0, first));
    const data = await page.waitForFunction((n) => {
      const d = window.backpropPlayground.getData();
      return d && d.train.length + d.test.length === n ? d : null;
    }, 500, { timeout: 90000 }).then((h) => h.jsonValue());
    assert.deepEqual(data.train, want.train);
    assert.deepEqual(data.test, want.test);
    // TFP training: the page's run is the engine's tfpMode run from the same start (10 epochs of
    // 25 updates), parameter for parameter; the same WASM variant in Node gives the same float32 numbers.
    const variant = await page.evaluate(() => window.backpropPlayground.stats.variant);
    const { module: V } = await loadVariant(variant === 'simd');
    // The engine's options for this link as tfp-core.md spells them (not through the page's code).
    const options = {
      layers, activations: [...Array(5).fill('sigmoid'), 'tanh'], features: V.tfpFeatures(['x', 'y', 'xSquared', 'ySquared', 'xTimesY']),
      cost: 'quadratic', optimizer: 'sgd', learningRate: 0.03, batchSize: 10, regularization: 'l1', regularizationRate: 0.01, tfpMode: true,
    };
    const ref = new V.Trainer(JSON.stringify(options));
    const s2 = V.Dataset.generateTfp(dataset, noise, percTrainData, seed); const tr2 = s2.train(); const te2 = s2.test();
    ref.setData(tr2, te2, false);
    ref.setParameters(V.tfpInitialWeights(dataset, noise, percTrainData, seed, layers, false), true);
    ref.trainSteps(250);
    const after = Array.from(ref.parameters());
    ref.delete(); te2.delete(); tr2.delete(); s2.delete();
    await page.evaluate(() => window.backpropPlayground.step(250));
    const trained = await page.waitForFunction((w0) => {
      const p = window.backpropPlayground.getParameters();
      return p && p.some((v, i) => v !== w0[i]) ? Array.from(p) : null;
    }, w0, { timeout: 90000 }).then((h) => h.jsonValue());
    assert.deepEqual(trained, after);
    await page.evaluate(() => window.backpropPlayground.reset());
    assert.deepEqual(await page.waitForFunction((w0) => {
      const p = window.backpropPlayground.getParameters();
      return p && p.every((v, i) => v === w0[i]) ? Array.from(p) : null;
    }, w0, { timeout: 90000 }).then((h) => h.jsonValue()), w0, 'reset goes back to the imported weights');
    // TFP training toggles off (the project's own trainer, same data) and on again, from the control.
    await page.click('.bp-tfp-training');
    await page.waitForFunction(() => window.backpropPlayground.getState().tfpTraining === false, null, { timeout: 90000 });
    assert.match(await page.evaluate(() => window.location.hash), /tfpSeed=0\.35097/);
    await page.click('.bp-tfp-training');
    await page.waitForFunction(() => window.backpropPlayground.getState().tfpTraining === true, null, { timeout: 90000 });
    // The page's own link reproduces the import: a reload from its hash has the same weights.
    const hash = await page.evaluate(() => window.location.hash);
    const again = await openPage(env.browser, env.site.url, hash);
    try {
      assert.deepEqual(await paramsOf(again.page, w0.length), w0);
      assert.equal((await again.page.evaluate(() => window.backpropPlayground.getState().tfpSeed)), seed);
    } finally { await again.page.close(); }
    assert.deepEqual(errors, []);
  } finally { await page.close(); }
});

test('the paste box imports a link and its TFP training trains (epochs advance)', async () => {
  const link = LINKS[2];
  const { page, errors } = await openPage(env.browser, env.site.url, '');
  try {
    await page.click('.bp-tfp-import summary');
    await page.fill('.bp-tfp-input', link.url);
    await page.click('.bp-tfp-import-button');
    await page.waitForFunction(() => window.backpropPlayground.getState().tfpSeed === '0.88257', null, { timeout: 90000 });
    checkLink(link, await pageFacts(page));
    await shot(page, 'tfp-import', { fullPage: true });
    await page.evaluate(() => window.backpropPlayground.step(60));   // 250 examples, batch 10: 25 updates an epoch
    await page.waitForFunction(() => (window.backpropPlayground.metrics?.epoch ?? 0) > 0, null, { timeout: 90000 });
    // Regenerate draws a new TFP seed (as TFP's button does); the other button leaves TFP's data.
    await page.click('[data-control="data-seed"]');
    await page.waitForFunction(() => /^0\.\d{5}$/.test(window.backpropPlayground.getState().tfpSeed) && window.backpropPlayground.getState().tfpSeed !== '0.88257', null, { timeout: 90000 });
    await page.click('.bp-tfp-leave');
    await page.waitForFunction(() => window.backpropPlayground.getState().tfpSeed === null, null, { timeout: 90000 });
    assert.ok(!(await page.evaluate(() => window.location.hash.includes('tfpSeed'))));
    assert.equal(await page.evaluate(() => document.querySelector('.bp-tfp-training-row').checkVisibility()), false);
    assert.deepEqual(errors, []);
  } finally { await page.close(); }
});

test('the tfp attribute of <backprop-playground> imports a link, its _hide keys hide the controls', async () => {
  ensureComponentBuilt();
  const link = LINKS[4];
  const folder = pagesFolder({
    'tfp.html': `<!doctype html><meta charset="utf-8"><title>tfp</title><link rel="icon" href="data:,">
<script type="module" src="component/backprop-playground.js"></script>
<backprop-playground id="a" lazy="false" tfp="${link.url.replace(/&/g, '&amp;')}"></backprop-playground>`,
  });
  const site = await serveLogged(folder.dir);
  const browser = await launch();
  try {
    const { page, rec } = await openRecorded(browser);
    await page.goto(`${site.url}tfp.html`);
    await allReady(page);
    await page.waitForFunction(() => document.getElementById('a').getData(), null, { timeout: 90000 });
    const facts = await pageFacts(page, "document.getElementById('a').shadowRoot");
    checkLink(link, facts);
    // No hidden layer, 2 inputs: 2 weights and 1 bias, the engine's tfpInitialWeights for the seed.
    const w0 = Array.from(M.tfpInitialWeights('gauss', 50, 50, '0.01840', [2, 1], false), Math.fround);
    const params = await page.waitForFunction(() => {
      const p = document.getElementById('a').getParameters();
      return p && p.length === 3 ? Array.from(p) : null;
    }, null, { timeout: 90000 }).then((h) => h.jsonValue());
    assert.deepEqual(params, w0);
    assert.deepEqual(rec.errors, []);
  } finally {
    await browser.close();
    await site.close();
    folder.remove();
  }
});
