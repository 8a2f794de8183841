// The engine's port of seedrandom's ARC4 (core/tfp/arc4.cpp, bound as tfpRandom) against the real
// npm package seedrandom: the same doubles, bit for bit, for TFP-style seeds ('0.12345', as
// Math.random().toFixed(5) makes them), the empty seed, unicode (accents, CJK, astral characters
// that JS holds as surrogate pairs) and long text (mixkey folds seeds over 256 code units).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { VARIANTS, loadVariant } from './helpers.mjs';

const tfpStyle = Array.from({ length: 40 }, (_, i) => seedrandom(`s${i}`)().toFixed(5));
const SEEDS = [
  '0.12345', '0.58835', '0.00000', '1', '', ' ', '0', 'hello.', 'seed=0.5&x=true', '%20',
  'héllo wörld', 'Ünïcödé ßeed', '日本語のシード', 'emoji 😀🎉 seed', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\u0000nul',
  'a'.repeat(255), 'b'.repeat(256), 'c'.repeat(257),
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40),
  '😀'.repeat(200),
  ...tfpStyle,
];
const COUNT = 2000;

for (const { simd, name } of VARIANTS) {
  describe(`tfpRandom = seedrandom (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    test(`the first ${COUNT} numbers of ${SEEDS.length} seeds are seedrandom's, exactly`, () => {
      for (const seed of SEEDS) {
        const expected = seedrandom(seed);
        const actual = M.tfpRandom(seed, COUNT);
        assert.equal(actual.length, COUNT);
        for (let i = 0; i < COUNT; ++i) {
          const e = expected();
          if (actual[i] !== e) {
            assert.fail(`seed ${JSON.stringify(seed.slice(0, 40))}: value ${i} is ${actual[i]}, seedrandom gives ${e}`);
          }
        }
      }
    });

    test('the check can fail: a different seed gives different numbers', () => {
      const a = M.tfpRandom('0.12345', 5);
      const b = seedrandom('0.12346');
      assert.notEqual(a[0], b());
    });

    test('a bad count is an error naming it', () => {
      assert.throws(() => M.tfpRandom('x', -1), /count: must be a whole number/);
      assert.throws(() => M.tfpRandom('x', 2.5), /count: must be a whole number/);
    });
  });
}
