// The page benchmark's static server: serves one dist/ folder on a localhost port, gzip-compressed
// once at start (level 9, as a host with precompressed files would; compressing per request would
// add its own time to every load), and logs every response's path and the bytes sent.
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out); else out.push(p);
  }
  return out;
}

/** Serves `dir`, plus `pages` ({ '/path.html': text }: pages the benchmark generates); resolves
 *  to { url, log: [{ path, bytes, gzip, raw }], resetLog(), close() }. */
export function serveDist(dir, { pages = {} } = {}) {
  const files = new Map();
  const add = (path, raw, type) => files.set(path, { raw, gz: type === 'image/png' ? null : gzipSync(raw, { level: 9 }), type });
  for (const file of walk(dir)) {
    add('/' + relative(dir, file).split(sep).join('/'), readFileSync(file), TYPES[extname(file)] || 'application/octet-stream');
  }
  for (const [path, text] of Object.entries(pages)) add(path, Buffer.from(text), TYPES[extname(path)] || 'application/octet-stream');
  if (!files.has('/index.html')) throw new Error(`bench/page: ${dir} has no index.html (build it with npm run build)`);
  let log = [];
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const f = files.get(path);
    if (!f) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); log.push({ path, bytes: 0, raw: 0, status: 404 }); return; }
    const gzip = f.gz && /gzip/.test(req.headers['accept-encoding'] || '');
    const body = gzip ? f.gz : f.raw;
    const headers = { 'content-type': f.type, 'cache-control': 'no-cache', 'content-length': body.length };
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers).end(body);
    log.push({ path, bytes: body.length, raw: f.raw.length, status: 200 });
  });
  return new Promise((ok, fail) => {
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => ok({
      url: `http://127.0.0.1:${server.address().port}/`,
      get log() { return log; },
      resetLog() { log = []; },
      close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(done); }),
    }));
  });
}
