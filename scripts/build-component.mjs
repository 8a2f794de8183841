#!/usr/bin/env node
// The standalone component and the package's page module: dist/component/ (vite.component.config.js).
// Brings the WASM module up to date first (scripts/prepare-web.mjs runs scripts/build-wasm.sh, which
// also writes wasm/dist/, the package's ./engine). Run by `npm run build` (after the site, whose
// build empties dist/) and by `npm pack` / `npm publish` (package.json "prepack").
//
//   node scripts/build-component.mjs           # the WASM module if needed, then dist/component/
//   node scripts/build-component.mjs --no-wasm # dist/component/ only (the caller prepared the module)
import { build } from 'vite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareWeb } from './prepare-web.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildComponent({ wasm = true } = {}) {
  if (wasm) prepareWeb();
  await build({ configFile: join(root, 'vite.component.config.js'), logLevel: 'info' });
  console.log(`\nbuild-component: the component in ${join(root, 'dist', 'component')} ` +
    '(<script type="module" src="…/backprop-playground.js">, relative URLs, no bundler needed)');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--no-wasm');
  if (unknown.length) {
    console.error(`build-component: unknown argument '${unknown[0]}'; accepted: --no-wasm`);
    process.exit(2);
  }
  await buildComponent({ wasm: !args.includes('--no-wasm') });
}
