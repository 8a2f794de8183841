#!/usr/bin/env node
// `npm run build`: the WASM module if missing, then a static site in dist/ (relative URLs), then
// the standalone component and the package's page module in dist/component/ (build-component.mjs).
import { build } from 'vite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareWeb } from './prepare-web.mjs';
import { buildComponent } from './build-component.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
prepareWeb();
// The math panel's KaTeX equations, pre-rendered (issue 13).
await import('./prerender-math.mjs');
await build({ configFile: join(root, 'vite.config.js'), root: join(root, 'web'), logLevel: 'info' });
await buildComponent({ wasm: false });  // after the site: its build empties dist/
console.log(`\nbuild-web: static site in ${join(root, 'dist')} (works from any static host and sub-path)`);
