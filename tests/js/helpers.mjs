// Shared helpers for the WebAssembly tests (tests/js/wasm-*.test.mjs): loading a variant, deleting
// every Embind object in finally, comparing arrays, and measuring the C++ heap.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const repoRoot = new URL('../../', import.meta.url);
export const distDir = new URL('build/wasm/dist/', repoRoot);
export const repoPath = (relative) => fileURLToPath(new URL(relative, repoRoot));

/** Both builds: every WASM test file runs its checks against each. */
export const VARIANTS = [
  { simd: true, name: 'simd' },
  { simd: false, name: 'base' },
];

async function importLoader() {
  const loader = new URL('loader.js', distDir);
  if (!existsSync(fileURLToPath(loader))) {
    throw new Error(`${fileURLToPath(loader)} is missing: build the module first ` +
      '(bash scripts/build-wasm.sh, or emcmake cmake --preset wasm && cmake --build build/wasm)');
  }
  return import(loader.href);
}

/** A fresh module instance of one variant: {module, variant}. */
export async function loadVariant(simd) {
  const { loadBackprop } = await importLoader();
  const { module, variant } = await loadBackprop({ simd });
  assert.equal(variant, simd ? 'simd' : 'base');
  // TEMPORARY, for tests/js/wasm-dts.test.mjs (H3's) until it stops destructuring it: loader.js no
  // longer has callRestoringStack (js_error.js restores the stack pointer on every call). Remove
  // this line once no test uses it.
  const callRestoringStack = (m, fn) => fn();
  return { module, variant, callRestoringStack };
}

/**
 * The wasm stack pointer, for tests that check that failed calls leave it where it was. Uses the
 * module's internal stackSave export (Emscripten's, not part of backprop.d.ts): wasm/js_error.js
 * restores the pointer around every Embind call, so no caller has to.
 */
export function stackPointer(module) {
  const save = module.stackSave ?? module.asm?.stackSave;
  assert.equal(typeof save, 'function', 'the module exposes no stackSave');
  return save();
}

/**
 * Runs fn(own) and deletes, in finally and in reverse order, every Embind object passed to own().
 * own(x) returns x, so `const t = own(new M.Trainer(...))` reads naturally.
 */
export function withObjects(fn) {
  const owned = [];
  const own = (object) => {
    owned.push(object);
    return object;
  };
  try {
    return fn(own);
  } finally {
    for (const object of owned.reverse()) {
      if (!object.isDeleted()) object.delete();
    }
  }
}

/** JSON text for new Trainer(...). */
export const optionsText = (options) => JSON.stringify(options);

/** Largest |a_i - b_i| and where; asserts the lengths agree. */
export function maxAbsDiff(actual, expected) {
  assert.equal(actual.length, expected.length, 'lengths differ');
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; ++i) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= worst)) {  // NaN counts as worst
      worst = d;
      at = i;
    }
  }
  return { worst, at };
}

export function assertAllClose(actual, expected, tolerance, what) {
  const { worst, at } = maxAbsDiff(actual, expected);
  assert.ok(worst <= tolerance,
    `${what}: |actual - expected| = ${worst} at index ${at} (actual ${actual[at]}, ` +
    `expected ${expected[at]}) exceeds ${tolerance}`);
}

export function readRepoText(relative) {
  return readFileSync(repoPath(relative), 'utf8');
}

/**
 * Free C++ heap below the address `limit`, in bytes, measured by filling it: malloc(block) until a
 * block ends beyond `limit` (or malloc fails), then free them all. A leak of L bytes lowers the
 * result by about L (rounded to blocks); fragmentation smaller than a block is not counted.
 * Uses the module's internal _malloc/_free exports (Embind needs them; not part of backprop.d.ts).
 * The first call may grow the memory once (the last block lies past `limit`); later calls with the
 * same limit do not, as that block then fits in the grown memory.
 */
export function freeHeapBelow(module, limit, block = 1024) {
  const blocks = [];
  let below = 0;
  try {
    for (;;) {
      const p = module._malloc(block);
      if (!p) break;
      blocks.push(p);
      if (p + block > limit) break;
      below += 1;
    }
  } finally {
    for (const p of blocks) module._free(p);
  }
  return below * block;
}
