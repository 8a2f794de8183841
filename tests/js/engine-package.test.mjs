// The package's "./engine" export, as the README's first example uses it: after
// `bash scripts/build-wasm.sh`, `import { loadBackprop } from 'backprop-playground/engine'` resolves
// (package self-reference from inside the repository) to the built loader in wasm/dist/, loads a
// module and trains; and `npm pack` would ship those built files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoRoot, repoPath, withObjects } from './helpers.mjs';

test("import 'backprop-playground/engine' by name resolves to the built files and trains", async () => {
  const resolved = import.meta.resolve('backprop-playground/engine');
  assert.equal(resolved, new URL('wasm/dist/loader.js', repoRoot).href);
  for (const file of ['loader.js', 'backprop-simd.js', 'backprop-simd.wasm', 'backprop-base.js', 'backprop-base.wasm']) {
    assert.ok(existsSync(repoPath(`wasm/dist/${file}`)),
      `wasm/dist/${file} is missing: bash scripts/build-wasm.sh writes it`);
  }
  const { loadBackprop, simdSupported } = await import('backprop-playground/engine');
  assert.equal(typeof simdSupported(), 'boolean');
  for (const simd of [undefined, false]) {
    const { module: bp, variant } = await loadBackprop({ simd });
    assert.equal(variant, simd === false || !simdSupported() ? 'base' : 'simd');
    withObjects((own) => {
      const trainer = own(new bp.Trainer(JSON.stringify({ layers: [2, 8, 8, 1],
        activations: ['tanh', 'tanh', 'tanh'], optimizer: 'adam', learningRate: 0.01 })));
      const data = own(bp.Dataset.generate('spiral', 200, 0.1, 7));
      const split = own(data.split(0.5, 7));
      const train = own(split.train()), testSet = own(split.test());
      trainer.setData(train, testSet, false);
      trainer.trainEpochs(5);
      const m = trainer.evaluate();
      assert.ok(Number.isFinite(m.trainLoss) && m.testAccuracy >= 0 && m.testAccuracy <= 1);
      assert.equal(trainer.history().length, 5 * 5);
    });
  }
});

test('npm pack would ship the built engine and its types', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: fileURLToPath(repoRoot), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [{ files }] = JSON.parse(out);
  const paths = new Set(files.map((f) => f.path));
  for (const path of ['package.json', 'wasm/backprop.d.ts', 'wasm/dist/loader.js', 'wasm/dist/backprop-simd.js',
    'wasm/dist/backprop-simd.wasm', 'wasm/dist/backprop-base.js', 'wasm/dist/backprop-base.wasm']) {
    assert.ok(paths.has(path), `npm pack leaves out ${path}`);
  }
  // Nothing from the build tree or the sources of the core.
  assert.ok(![...paths].some((p) => p.startsWith('build/') || p.startsWith('core/') || p.startsWith('node_modules/')),
    'npm pack ships build/, core/ or node_modules/');
});
