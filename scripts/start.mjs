#!/usr/bin/env node
// `npm start`: builds what is missing (the WASM module), then serves the page with Vite's dev
// server on localhost and prints the URL. PORT=... picks the port (default 5173, next free one).
import { createServer } from 'vite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareWeb } from './prepare-web.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
prepareWeb();
const server = await createServer({
  configFile: join(root, 'vite.config.js'),
  root: join(root, 'web'),
  server: { port: Number(process.env.PORT) || 5173, host: '127.0.0.1' },
});
await server.listen();
const url = server.resolvedUrls.local[0];
console.log(`\n  Backprop Playground is running at ${url}\n  (Ctrl+C stops it)\n`);
