// trainer.toOnnx() run by the real runtime: onnxruntime-web in Node (WASM backend, one thread).
// For networks that together cover every activation, output and cost, the derived features and the
// standardizer, the ONNX model's outputs equal the engine's predict to 1e-5 on the training inputs
// and on points outside them; the model declares input/output names, a dynamic batch, opset 17.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadVariant, repoPath, optionsText } from './helpers.mjs';
import { NETWORKS, trainedNetwork } from './export-helpers.mjs';

let ort;
async function session(bytes) {
  if (!ort) {
    ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.wasmPaths = repoPath('node_modules/onnxruntime-web/dist/');
  }
  return ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
}

async function runOnnx(bytes, x, n, width) {
  const s = await session(bytes);
  assert.deepEqual(s.inputNames, ['input']);
  assert.deepEqual(s.outputNames, ['output']);
  const out = await s.run({ input: new ort.Tensor('float32', x, [n, width]) });
  await s.release();
  return out.output;
}

describe('ONNX export in onnxruntime-web', () => {
  let M;
  before(async () => { ({ module: M } = await loadVariant(true)); });

  for (const network of NETWORKS) {
    test(network.name, async () => {
      // The trainer is deleted at the end (withObjects is synchronous: own by hand).
      const owned = [];
      const own = (o) => { owned.push(o); return o; };
      try {
        const { trainer, x, n, width } = trainedNetwork(M, own, network);
        const bytes = await trainer.toOnnx();
        assert.ok(bytes instanceof Uint8Array && bytes.length > 100);
        // Training inputs, then points outside the data (2x the range, sign flips).
        const probe = new Float32Array(x.length * 2);
        probe.set(x);
        for (let i = 0; i < x.length; i++) probe[x.length + i] = -2 * x[i] + 0.25;
        const m = 2 * n;
        const expected = trainer.predict(probe, m);
        const out = await runOnnx(bytes, probe, m, width);
        const nOut = network.options.layers.at(-1);
        assert.deepEqual(out.dims, [m, nOut]);
        let worst = 0;
        for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(out.data[i] - expected[i]));
        assert.ok(worst <= 1e-5, `max |onnx - predict| = ${worst}`);
        // The batch dimension is dynamic: one sample works too.
        const one = await runOnnx(bytes, probe.subarray(0, width), 1, width);
        assert.deepEqual(one.dims, [1, nOut]);
        for (let j = 0; j < nOut; j++) assert.ok(Math.abs(one.data[j] - expected[j]) <= 1e-5);
      } finally {
        for (const o of owned.reverse()) o.delete();
      }
    });
  }

  test('an untrained network without data exports too; the exporter states opset 17', async () => {
    const trainer = new M.Trainer(optionsText({ layers: [2, 3, 1], activations: ['tanh', 'sigmoid'], seed: 2 }));
    try {
      const bytes = await trainer.toOnnx();
      const x = new Float32Array([0.5, -1, 2, 3]);
      const out = await runOnnx(bytes, x, 2, 2);
      const expected = trainer.predict(x, 2);
      for (let i = 0; i < 2; i++) assert.ok(Math.abs(out.data[i] - expected[i]) <= 1e-5);
      const { loadExporter } = await import(new URL('../../build/wasm/dist/loader.js', import.meta.url).href);
      assert.equal((await loadExporter()).onnxOpset(), 17);
    } finally {
      trainer.delete();
    }
  });

  test('refusals: a diverged network (NaN weight), a malformed model file', async () => withObjectsAsync(M, async (own) => {
    const trainer = own(new M.Trainer(optionsText({ layers: [2, 3, 1], activations: ['tanh', 'sigmoid'], seed: 2 })));
    trainer.parameters()[4] = NaN;  // the parameters view: a weight gone bad
    await assert.rejects(trainer.toOnnx(), /ONNX export: parameters\[4\] is null \(a NaN or infinite weight\): the network has diverged\. Restore the last good weights/);
    const { loadExporter } = await import(new URL('../../build/wasm/dist/loader.js', import.meta.url).href);
    const exporter = await loadExporter();
    assert.throws(() => exporter.onnx('{"format": "backprop-playground-model", "version": 7}', ''),
      /ONNX export: model JSON: version: 7 is not supported; this build reads version 1/);
    assert.throws(() => exporter.onnx('not json', ''), /ONNX export: model JSON: /);
    assert.throws(() => exporter.onnx(trainer.toModelJson(), 'loss is NaN at step 12'),
      /ONNX export: the run has diverged \(loss is NaN at step 12\); restore the last good weights/);
    // A run that diverged in training: refused until it is recovered.
    const data = own(M.Dataset.generate('circle', 100, 0.1, 2));
    const wild = own(new M.Trainer(optionsText({ layers: [2, 8, 1], activations: ['relu', 'linear'], init: 'he', learningRate: 100 })));
    wild.setData(data, data, false);
    wild.trainSteps(50);
    assert.equal(wild.report().diverged, true);
    await assert.rejects(wild.toOnnx(), /ONNX export: the run has diverged \(.+\); restore the last good weights \(or reset\), lower the learning rate/);
    wild.restoreHealthy();
    assert.ok((await wild.toOnnx()).length > 0);
  }));
});

async function withObjectsAsync(M, fn) {
  const owned = [];
  try {
    return await fn((o) => { owned.push(o); return o; });
  } finally {
    for (const o of owned.reverse()) o.delete();
  }
}
