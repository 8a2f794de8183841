// Bad input through the JS API: every failing call throws a JS Error whose message names the
// field, the object stays usable (a failed call changes nothing), and the wasm stack pointer is
// where it was after any number of caught errors, with no wrapper around the calls (js_error.js).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  VARIANTS, loadVariant, withObjects, optionsText, freeHeapBelow, stackPointer,
} from './helpers.mjs';

const NET = { layers: [2, 4, 1], activations: ['tanh', 'tanh'] };
const withOptions = (extra) => optionsText({ ...NET, ...extra });

// Each case: a name, the call (given the module and a healthy trainer), the expected message.
// Objects a case would create on success are deleted, so a case that stops throwing leaks nothing.
const created = (object) => object.delete();
const CASES = [
  // wrong array lengths
  ['fromArrays: x length does not match', (M) => created(M.Dataset.fromArrays(
    [0, 1, 2], [0, 1], 2, 'classification', 2)), /^x: has 3 values but 2 samples of 2 features need 4$/],
  ['predict: input length not a multiple of n', (M, t) => t.predict(new Float32Array(3), 2),
    /^input: has 3 values, not a multiple of n = 2 samples$/],
  ['predict: 3 values a sample for a 2-input network', (M, t) => t.predict(new Float32Array(6), 2),
    /^input: /],
  ['setParameters: wrong length', (M, t) => t.setParameters(new Float32Array(3), false),
    /^parameters: has 3 values but the network has 17 parameters$/],
  ['setParameter: index out of range', (M, t) => t.setParameter(17, 0), /^parameter: index 17 /],
  // NaN
  ['fromArrays: NaN in x', (M) => created(M.Dataset.fromArrays(
    [0, NaN, 2, 3], [0, 1], 2, 'classification', 2)), /^x: sample 0, feature 1 is nan; .*finite/],
  ['fromArrays: label outside the classes', (M) => created(M.Dataset.fromArrays(
    [0, 1, 2, 3], [0, 2], 2, 'classification', 2)), /^y\[1\]: must be a whole number in \[0, 1\]; got 2$/],
  ['predict: NaN input', (M, t) => t.predict(new Float32Array([NaN, 0]), 1), /^input: contains NaN/],
  ['setParameter: NaN value', (M, t) => t.setParameter(0, NaN), /^parameter: .*finite/],
  ['setParameters: NaN value', (M, t) => t.setParameters(new Float32Array(17).fill(NaN), false),
    /^parameters: contains NaN/],
  // unknown names
  ["activation 'rleu'", (M) => created(new M.Trainer(optionsText({
    layers: [2, 4, 1], activations: ['rleu', 'tanh'] }))),
    /^activations\[0\]: unknown value 'rleu'; accepted: linear, sigmoid, tanh, relu, leaky_relu, softmax$/],
  ["dataset 'spirall'", (M) => created(M.Dataset.generate('spirall', 100, 0, 1)),
    /^dataset: unknown value 'spirall'; accepted: circle, xor, gaussian, spiral, reg-plane, reg-gauss$/],
  ["optimizer 'adamm'", (M) => created(new M.Trainer(withOptions({ optimizer: 'adamm' }))),
    /^optimizer: unknown value 'adamm'; accepted: sgd, momentum, nesterov, rmsprop, adam$/],
  ["cost 'mse'", (M) => created(new M.Trainer(withOptions({ cost: 'mse' }))),
    /^cost: unknown value 'mse'; accepted: /],
  ["builtin 'digitz'", (M) => created(M.Dataset.builtin('digitz', '')),
    /^builtin: unknown value 'digitz'; accepted: iris, wine, digits$/],
  ['unknown option field', (M) => created(new M.Trainer(withOptions({ learningrate: 0.1 }))),
    /^options: unknown field 'learningrate'; accepted: /],
  // malformed JSON
  ['options: not JSON', (M) => created(new M.Trainer('{"layers": [2, 4, 1]')),
    /^options: not valid JSON/],
  ['model: truncated', (M, t) => created(M.Trainer.fromModelJson(t.toModelJson().slice(0, 80))),
    /^model: not valid JSON/],
  ['model: another format', (M) => created(M.Trainer.fromModelJson(
    '{"format": "keras", "version": 1}')), /^format: is not 'backprop-playground-model'/],
  ['model: wrong parameter count', (M, t) => {
    const model = JSON.parse(t.toModelJson());
    model.parameters.pop();
    created(M.Trainer.fromModelJson(JSON.stringify(model)));
  }, /^parameters: has 16 values but the architecture needs 17$/],
  ['model: unsupported version', (M, t) => {
    const model = JSON.parse(t.toModelJson());
    model.version = 99;
    created(M.Trainer.fromModelJson(JSON.stringify(model)));
  }, /^version: 99 is not supported/],
  // sizes out of range
  ['layer of 0 neurons', (M) => created(new M.Trainer(withOptions({ layers: [2, 0, 1] }))),
    /^layers\[1\]: must be a whole number in \[1, 4096\]; got 0$/],
  ['layer of 5000 neurons', (M) => created(new M.Trainer(withOptions({ layers: [2, 5000, 1] }))),
    /^layers\[1\]: must be a whole number in \[1, 4096\]; got 5000$/],
  ['batchSize 0', (M) => created(new M.Trainer(withOptions({ batchSize: 0 }))),
    /^batchSize: must be a whole number in \[1, 65536\]; got 0$/],
  ['activations count', (M) => created(new M.Trainer(withOptions({ activations: ['tanh'] }))),
    /^activations: needs 2 entries/],
  ['softmax on a hidden layer', (M) => created(new M.Trainer(withOptions({
    activations: ['softmax', 'tanh'] }))), /^activations\[0\]: softmax is only allowed on the output/],
  ['cross-entropy on a tanh output', (M) => created(new M.Trainer(withOptions({
    cost: 'cross_entropy' }))), /^cost: cross_entropy needs outputs in \(0, 1\)/],
  ['grid nx 0', (M, t) => t.predictGrid(-1, 1, -1, 1, 0, 10, false),
    /^grid nx: must be a whole number in \[1, 1024\]; got 0$/],
  ['grid 2000 x 2', (M, t) => t.predictGrid(-1, 1, -1, 1, 2000, 2, false), /^grid nx: must be a whole number in \[1, 1024\]; got 2000$/],
  ['trainSteps(-1)', (M, t) => t.trainSteps(-1), /^steps: must be a whole number in \[0, 100000000\]; got -1$/],
  ['gradientCheck(0 samples)', (M, t) => t.gradientCheck(0, 0), /^samples: must be a whole number in \[1, 4096\]; got 0$/],
  ['setLearningRate(0)', (M, t) => t.setLearningRate(0), /^learningRate: must be a number in/],
  ['generate 0 samples', (M) => created(M.Dataset.generate('circle', 0, 0, 1)), /^numSamples: /],
  ['generate noise 2', (M) => created(M.Dataset.generate('circle', 10, 2, 1)), /^noise: /],
  ['split ratio 0', (M) => withObjects((own) => own(own(M.Dataset.generate('circle', 10, 0, 1))
    .split(0, 1))), /^trainRatio: must be in \(0, 1\]$/],
  ['reseed(-1)', (M, t) => t.reseed(-1), /^seed: must be a whole number/],
  // bad CSV
  ['CSV: ragged rows', (M) => created(M.Dataset.fromCsv('a,b,c\n1,2,0\n3,4\n', 'auto')),
    /^csv line 3: found 2 columns, expected 3/],
  ['CSV: not a number', (M) => created(M.Dataset.fromCsv('a,b,c\n1,x,0\n3,4,1\n', 'auto')),
    /^csv line 2, column 2: expected a number, found 'x'/],
  ['CSV: empty', (M) => created(M.Dataset.fromCsv('', 'auto')), /^csv: the input has no rows/],
  ['builtin: wrong text', (M) => created(M.Dataset.builtin('digits', '1,2,3\n')),
    /^digits: csv line 1: found 3 columns, expected 65/],
  // data that does not fit the network
  ['setData: 3 features for 2 inputs', (M, t) => withObjects((own) => {
    const d = own(M.Dataset.fromArrays([1, 2, 3, 4, 5, 6], [0, 1], 3, 'classification', 2));
    t.setData(d, d, false);
  }), /^layers\[0\]: the input layer has 2 neurons but the data has 3 input features/],
  ['setData: regression with cross-entropy', (M) => withObjects((own) => {
    const d = own(M.Dataset.generate('reg-plane', 20, 0, 1));
    const ce = own(new M.Trainer(optionsText({
      layers: [2, 1], activations: ['sigmoid'], cost: 'cross_entropy' })));
    ce.setData(d, d, false);
  }), /^cost: a regression data set needs the quadratic or huber cost$/],
];

for (const { simd, name } of VARIANTS) {
  describe(`bad input (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    // A healthy trainer on circle data, used by the cases and checked after each.
    function healthy(own) {
      const data = own(M.Dataset.generate('circle', 100, 0.1, 1));
      const trainer = own(new M.Trainer(optionsText({ ...NET, seed: 4 })));
      trainer.setData(data, data, false);
      return trainer;
    }

    for (const [what, call, message] of CASES) {
      test(`${what}: throws an Error naming the field; the trainer still trains`,
        () => withObjects((own) => {
          const trainer = healthy(own);
          trainer.trainSteps(3);
          const parameters = trainer.parameters().slice();
          const report = trainer.report();
          const sp = stackPointer(M);
          assert.throws(() => call(M, trainer), (error) => {
            assert.ok(error instanceof Error, `not an Error: ${error}`);
            assert.match(error.message, message);
            return true;
          });
          assert.equal(stackPointer(M), sp, 'stack pointer restored');
          // A failed call changes nothing...
          assert.deepEqual(trainer.report(), report);
          assert.deepEqual(trainer.parameters().slice(), parameters);
          // ...and a normal training call still works.
          const r = trainer.trainSteps(10);
          assert.equal(r.steps, report.steps + 10);
          assert.ok(Number.isFinite(r.loss) && !r.diverged);
          assert.notDeepEqual(trainer.parameters().slice(), parameters);
        }));
    }

    test('a failed setData keeps the previous data', () => withObjects((own) => {
      const trainer = healthy(own);
      const before = trainer.evaluate();
      const wrong = own(M.Dataset.fromArrays([1, 2, 3, 4, 5, 6], [0, 1], 3, 'classification', 2));
      assert.throws(() => trainer.setData(wrong, wrong, false), /^Error: layers\[0\]/);
      assert.deepEqual(trainer.evaluate(), before);
    }));

    test('a JS type error from Embind is an Error too, and changes nothing', () => withObjects((own) => {
      const trainer = healthy(own);
      assert.throws(() => trainer.setData(null, null, false),
        (e) => e instanceof Error && /Dataset/.test(e.message));
      assert.equal(trainer.trainSteps(1).steps, 1);
    }));

    test('1000 caught errors leave the stack pointer where it was', () => withObjects((own) => {
      const trainer = healthy(own);
      const sp = stackPointer(M);
      let thrown = 0;
      for (let i = 0; i < 1000; ++i) {
        const [, call] = CASES[i % CASES.length];
        try {
          call(M, trainer);
        } catch (error) {
          assert.ok(error instanceof Error);
          thrown += 1;
        }
      }
      assert.equal(thrown, 1000);
      assert.equal(stackPointer(M), sp);
      assert.equal(trainer.trainSteps(10).steps, 10);
    }));

    // Embind frees the std::string / val arguments of a call after it returns; a JS Error thrown
    // from inside the call would skip that. js_call returns normally and wasm/js_error.js throws
    // after the cleanup: no failing call may leak.
    test('failed calls leak no heap memory and no Emval handles', () => withObjects((own) => {
        const trainer = healthy(own);
        const limit = M.heapBytes();
        const failing = () => {
          for (const [, call] of CASES) {
            try {
              call(M, trainer);
            } catch {
              // expected
            }
          }
        };
        failing();
        freeHeapBelow(M, limit);
        const free0 = freeHeapBelow(M, limit);
        const handles0 = M.count_emval_handles();
        for (let i = 0; i < 200; ++i) failing();
        const lost = free0 - freeHeapBelow(M, limit);
        const handles = M.count_emval_handles() - handles0;
        assert.ok(lost <= 16 * 1024 && handles === 0,
          `${200 * CASES.length} failed calls lost ${lost} bytes of heap and ${handles} Emval handles`);
      }));
  });
}
