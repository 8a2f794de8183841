#!/usr/bin/env node
// A small static file server for dist/ (or any folder): `node scripts/serve.mjs dist [port]`.
// Serves .wasm as application/wasm and, like a typical host, gzips text and wasm responses.
// Every response carries `Access-Control-Allow-Origin: *` (as GitHub Pages sends): embed.html in
// <iframe sandbox="allow-scripts"> has an opaque origin, so its module scripts, worker module,
// .wasm and data fetches are all cross-origin CORS requests, refused without that header.
// With csp (the default of `npm run preview`), every response carries the pages' Content-Security-
// Policy header (scripts/csp.mjs; embed.html its own): a worker script's policy comes from its own
// response, so the header is what a real host must send for the worker to run under the policy.
// Used by the end-to-end tests (which start it on a free port) and `npm run preview`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { cspFor } from './csp.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/** Starts a server for `dir` on `port` (0 = any free port). Resolves to { server, url, close }.
 *  options.cors = false leaves the CORS header out (to see what an embed needs); options.csp = true
 *  adds the Content-Security-Policy header (the pages' own policy; test pages with inline scripts
 *  are served without it). */
export function serveStatic(dir, port = 0, { cors = true, csp = false } = {}) {
  const base = resolve(dir);
  const gzipped = new Map();  // file -> { mtimeMs, size, body }: each file compressed once
  const gzipOf = (file, info, body) => {
    const hit = gzipped.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.body;
    const gz = gzipSync(body, { level: 9 });
    gzipped.set(file, { mtimeMs: info.mtimeMs, size: info.size, body: gz });
    return gz;
  };
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) { res.writeHead(403).end(); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const info = await stat(file);
      const body = await readFile(file);
      const type = TYPES[extname(file)] || 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': 'no-cache', ...(cors ? { 'access-control-allow-origin': '*' } : {}),
        ...(csp ? { 'content-security-policy': cspFor(type.startsWith('text/html') ? file : 'index.html') } : {}) };
      const gzip = /gzip/.test(req.headers['accept-encoding'] || '') && !/png/.test(type);
      res.writeHead(200, gzip ? { ...headers, 'content-encoding': 'gzip' } : headers);
      res.end(gzip ? gzipOf(file, info, body) : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => {
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      ok({ server, url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || 'dist';
  const { url } = await serveStatic(dir, Number(process.argv[3] || process.env.PORT || 4173), { csp: process.env.CSP !== '0' });
  console.log(`Serving ${dir} at ${url}${process.env.CSP !== '0' ? ' (with the Content-Security-Policy header; CSP=0 leaves it out)' : ''}`);
}
