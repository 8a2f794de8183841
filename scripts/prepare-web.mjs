#!/usr/bin/env node
// Puts what the page serves as plain files into web/public/: the WASM module (built by
// scripts/build-wasm.sh when missing) and the UCI data sets. Run by `npm start` and `npm run build`.
import { existsSync, mkdirSync, copyFileSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmDist = join(root, 'build', 'wasm', 'dist');
const publicDir = join(root, 'web', 'public');

const hasEmscripten = () => spawnSync('sh', ['-c', 'command -v em++ && command -v emcmake'], { stdio: 'ignore' }).status === 0;

export function prepareWeb() {
  const needed = ['loader.js', 'backprop-simd.js', 'backprop-simd.wasm', 'backprop-base.js', 'backprop-base.wasm'];
  const present = needed.every((f) => existsSync(join(wasmDist, f)));
  // build-wasm.sh is incremental (a no-op run takes under a second), so it runs whenever it can:
  // the page never serves a module older than the sources. Without Emscripten, a built module is used.
  if (hasEmscripten()) {
    console.log('prepare-web: bringing the WebAssembly module up to date (scripts/build-wasm.sh)…');
    const r = spawnSync('bash', [join(root, 'scripts', 'build-wasm.sh')], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) throw new Error('prepare-web: scripts/build-wasm.sh failed');
  } else if (!present) {
    throw new Error('prepare-web: no WebAssembly module in build/wasm/dist and no Emscripten to build it (run scripts/setup.sh)');
  }
  copyNewer(wasmDist, join(publicDir, 'wasm'), (f) => /\.(js|wasm|json)$/.test(f));
  copyNewer(join(root, 'data'), join(publicDir, 'data'), (f) => f.endsWith('.csv'));
}

function copyNewer(from, to, keep) {
  mkdirSync(to, { recursive: true });
  let n = 0;
  for (const f of readdirSync(from)) {
    if (!keep(f)) continue;
    const src = join(from, f); const dst = join(to, f);
    if (existsSync(dst) && statSync(dst).mtimeMs >= statSync(src).mtimeMs && statSync(dst).size === statSync(src).size) continue;
    copyFileSync(src, dst);
    n++;
  }
  if (n) console.log(`prepare-web: copied ${n} file(s) to ${to.slice(root.length + 1)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  prepareWeb();
}
