// The SIMD build really is SIMD, and the baseline really is not: what Eigen reports at run time,
// and the instructions in each .wasm's code (wasm-objdump -d, Debian's wabt package). The baseline
// must also run without wasm exception handling (it uses Emscripten's JS-based exceptions).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { VARIANTS, loadVariant, distDir } from './helpers.mjs';

// Any SIMD128 instruction in wabt's disassembly: v128.*, i8x16.*, i16x8.*, i32x4.*, i64x2.*,
// f32x4.*, f64x2.*.
const SIMD_OP = /\|\s+(v128|[if](8x16|16x8|32x4|64x2))\.\S+/;
const FLOAT_SIMD_ARITHMETIC = /\|\s+f32x4\.(mul|add)\b/;
const EH_OP = /\|\s+(try|catch|catch_all|throw|rethrow|delegate)\b/;

// The disassembly's instruction lines, or null when wasm-objdump is not installed.
function disassemble(file) {
  try {
    const text = execFileSync('wasm-objdump', ['-d', file], {
      encoding: 'utf8', maxBuffer: 512 * 1024 * 1024,
    });
    return text.split('\n').filter((line) => line.includes('|'));
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

const count = (lines, pattern) => lines.filter((line) => pattern.test(line)).length;
const NO_WABT = 'wasm-objdump not found: install Debian\'s wabt package (apt-get install -y wabt)';

for (const { simd, name } of VARIANTS) {
  describe(`SIMD proof (${name})`, () => {
    let M;
    let lines;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
      lines = disassemble(fileURLToPath(new URL(`backprop-${name}.wasm`, distDir)));
    });

    test('simdInstructionSets() says what Eigen vectorizes with', () => {
      const sets = M.simdInstructionSets();
      if (simd) {
        assert.match(sets, /\bSSE4\.1\b/, `simd build reports '${sets}'`);
      } else {
        assert.equal(sets, 'None');
      }
    });

    test(simd ? 'the .wasm holds SIMD128 instructions, float GEMM among them'
      : 'the .wasm holds no SIMD128 instruction', (t) => {
      if (lines === null) return t.skip(NO_WABT);
      assert.ok(lines.length > 10_000, `only ${lines.length} instructions disassembled`);
      const simdOps = count(lines, SIMD_OP);
      t.diagnostic(`${simdOps} SIMD128 instructions of ${lines.length}`);
      if (simd) {
        assert.ok(simdOps > 1000, `${simdOps} SIMD128 instructions`);
        assert.ok(count(lines, FLOAT_SIMD_ARITHMETIC) > 100, 'f32x4.mul/add (float kernels)');
      } else {
        assert.equal(simdOps, 0, `first: ${lines.find((line) => SIMD_OP.test(line))}`);
      }
    });

    test(simd ? 'the .wasm uses wasm exception handling'
      : 'the .wasm uses no wasm exception-handling instruction', (t) => {
      if (lines === null) return t.skip(NO_WABT);
      const ehOps = count(lines, EH_OP);
      if (simd) assert.ok(ehOps > 0, 'try/catch instructions expected (-fwasm-exceptions)');
      else assert.equal(ehOps, 0, `first: ${lines.find((line) => EH_OP.test(line))}`);
    });
  });
}
