// trainer.toPyTorch(): the script, run by Debian's /usr/bin/python3, reproduces the engine's
// predictions to 1e-5 with torch and with NumPy alone (each skipped, visibly, when the package is
// missing: apt-get install --no-install-recommends python3-torch python3-numpy). trainer.historyCsv():
// header and rows equal the history. Refusals: no data for the script's self-check.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVariant, optionsText } from './helpers.mjs';
import { NETWORKS, trainedNetwork } from './export-helpers.mjs';

// The PATH's python3 may be a build that cannot see Debian's packages (docs/toolchain.md).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const has = (module) => spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
const HAS_NUMPY = has('numpy');
const HAS_TORCH = has('torch');
const SKIP_TORCH = HAS_TORCH ? false : `torch is not importable by ${PYTHON}: apt-get install --no-install-recommends python3-torch`;
const SKIP_NUMPY = HAS_NUMPY ? false : `numpy is not importable by ${PYTHON}: apt-get install --no-install-recommends python3-numpy`;
if (SKIP_TORCH) console.log(`export-pytorch: SKIPPING the torch runs: ${SKIP_TORCH}`);
if (SKIP_NUMPY) console.log(`export-pytorch: SKIPPING the NumPy runs: ${SKIP_NUMPY}`);

const dir = mkdtempSync(join(tmpdir(), 'bp-export-py-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function runScript(script, args) {
  const file = join(dir, `model_${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, script);
  const r = spawnSync(PYTHON, [file, ...args], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
  return { ...r, file };
}

function owner() {
  const owned = [];
  return { own: (o) => { owned.push(o); return o; }, free: () => { for (const o of owned.reverse()) o.delete(); } };
}

describe('PyTorch script export', () => {
  let M;
  const scripts = [];
  before(async () => {
    ({ module: M } = await loadVariant(true));
    const { own, free } = owner();
    try {
      for (const network of NETWORKS) {
        const { trainer, x, width } = trainedNetwork(M, own, network);
        // The script checks itself on the first 5 training samples; these inputs are taken
        // independently here (the data's own columns) to check it took the right ones.
        const k = 5;
        const inputs = Array.from({ length: k }, (_, i) => Array.from(x.subarray(i * width, (i + 1) * width)));
        const expected = trainer.predict(x.subarray(0, k * width), k);
        scripts.push({ name: network.name, script: await trainer.toPyTorch(), inputs, expected });
      }
    } finally {
      free();
    }
  });

  test('the script is readable Python with the parts the issue asks for', () => {
    const { script } = scripts[0];
    for (const part of ['import torch', 'nn.Sequential(', 'class PlaygroundInputs(nn.Module)', 'def numpy_forward(x):',
      'SAMPLE_INPUTS = [', 'PAGE_OUTPUTS = [', 'nn.Tanh()', 'nn.ReLU()', 'nn.Sigmoid()']) {
      assert.ok(script.includes(part), `the script lacks ${part}`);
    }
  });

  for (const [backend, args, skip] of [['torch', ['--check'], SKIP_TORCH], ['numpy', ['--check', '--numpy'], SKIP_NUMPY]]) {
    test(`run with ${backend}: predictions equal the engine's to 1e-5 (every network)`, { skip }, () => {
      for (const { name, script, inputs, expected } of scripts) {
        const r = runScript(script, args);
        assert.equal(r.status, 0, `${name}: exit ${r.status}\n${r.stderr}\n${r.stdout}`);
        const result = JSON.parse(r.stdout.trim().split('\n').at(-1));
        assert.equal(result.backend, backend);
        assert.ok(result.max_abs_diff <= 1e-5, `${name}: the script's own check: ${result.max_abs_diff}`);
        // Against the predictions computed here, not only the ones embedded in the script.
        const nOut = expected.length / inputs.length;
        const got = result.predictions.flat();
        assert.equal(got.length, expected.length);
        for (let i = 0; i < got.length; i++) {
          assert.ok(Math.abs(got[i] - expected[i]) <= 1e-5, `${name}: output ${i} (of ${nOut} per sample): ${got[i]} vs ${expected[i]}`);
        }
      }
    });
  }

  test('run without arguments: a side-by-side table and the max abs difference', { skip: SKIP_TORCH || SKIP_NUMPY }, () => {
    const r = runScript(scripts[1].script, []);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^sample {2}input {2}-> {2}torch \| page$/m);
    assert.match(r.stdout, /^max abs difference: .* \(ok\)$/m);
    assert.equal(runScript(scripts[1].script, ['--bogus']).status, 2);
  });

  test('refusal: no data, so nothing to check the script against', async () => {
    const { own, free } = owner();
    try {
      const trainer = own(new M.Trainer(optionsText({ layers: [2, 3, 1], activations: ['tanh', 'sigmoid'] })));
      await assert.rejects(trainer.toPyTorch(),
        /PyTorch export: there are no training samples to check the script against; set a data set \(and train\) first/);
    } finally {
      free();
    }
  });

  test('historyCsv: the header names the metric; the rows equal history()', async () => {
    const { own, free } = owner();
    try {
      for (const [network, metric] of [[NETWORKS[0], 'accuracy'], [NETWORKS[3], 'r2']]) {
        const d = own(network.data(M));
        const split = own(d.split(0.7, 3));
        const train = own(split.train()); const testSet = own(split.test());
        const trainer = own(new M.Trainer(optionsText({ seed: 5, ...network.options })));
        trainer.setData(train, testSet, network.standardize);
        trainer.trainEpochs(4);
        const csv = await trainer.historyCsv();
        const lines = csv.trimEnd().split('\n');
        assert.equal(lines[0], `epoch,train_loss,test_loss,train_${metric},test_${metric}`);
        const h = trainer.history();
        assert.equal(lines.length - 1, h.length / 5);
        lines.slice(1).forEach((line, p) => {
          const cells = line.split(',').map(Number);
          for (let c = 0; c < 5; c++) assert.equal(cells[c], h[5 * p + c], `row ${p}, column ${c}`);
        });
      }
      // Without a test set, the test columns are empty fields.
      const d = own(M.Dataset.generate('circle', 40, 0.1, 1));
      const trainer = own(new M.Trainer(optionsText({ layers: [2, 1], activations: ['tanh'] })));
      trainer.setData(d, new M.Dataset(), false);
      trainer.trainEpochs(2);
      assert.match((await trainer.historyCsv()).split('\n')[1], /^1,[-\d.e]+,,[\d.e-]+,$/);
    } finally {
      free();
    }
  });
});
