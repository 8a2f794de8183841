// Scans the BUILT JavaScript (dist/assets/, dist/component/, dist/wasm/: what browsers run, our
// code, uPlot and the Emscripten glue, minified) for the sinks that turn text into markup or code:
// innerHTML, outerHTML, insertAdjacentHTML, document.write, eval(, new Function. Nothing from
// outside (URL, attributes, messages, files) may reach one, so none may be there at all, except
// the few listed in ALLOWED, each with why no outside input reaches it. Lives with the end-to-end
// tests because it needs `npm run build` (scripts/test.sh runs it right after the build; it builds
// dist/ itself when missing, like every e2e test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuilt, root } from './harness.mjs';

const SINKS = [
  ['innerHTML', /\binnerHTML\b/g],
  ['outerHTML', /\bouterHTML\b/g],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/g],
  ['document.write', /\bdocument\.write(?:ln)?\b/g],
  ['eval(', /(?<![\w$.])eval\s*\(/g],
  ['new Function', /\bnew\s+Function\b/g],
];

/** Occurrences that are allowed: the sink, a regexp the surrounding 160 characters must match, and
 *  the reason no outside input reaches it. Keep this list short. */
export const ALLOWED = [
  // None: the math panel's equations are built with createElement (web/src/mathTex.js), not innerHTML.
];

function jsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const info = statSync(p);
    if (info.isDirectory()) out.push(...jsFiles(p));
    else if (/\.m?js$/.test(name)) out.push(p);
  }
  return out;
}

test('the built bundles contain no innerHTML/outerHTML/insertAdjacentHTML/document.write/eval/new Function (but the allowed ones)', () => {
  ensureBuilt();
  const files = ['assets', 'component', 'wasm'].flatMap((d) => jsFiles(join(root, 'dist', d)));
  assert.ok(files.some((f) => /[\\/]assets[\\/]worker-/.test(f)), 'the worker bundle is scanned');
  assert.ok(files.some((f) => /[\\/]component[\\/]backprop-playground\.js$/.test(f)), 'the component is scanned');
  assert.ok(files.some((f) => /[\\/]wasm[\\/]backprop-base\.js$/.test(f)), 'the baseline glue is scanned');
  const found = [];
  let allowed = 0;
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    for (const [sink, re] of SINKS) {
      for (const m of code.matchAll(re)) {
        const context = code.slice(Math.max(0, m.index - 80), m.index + 80);
        if (ALLOWED.some((a) => a.sink === sink && a.context.test(context))) { allowed += 1; continue; }
        found.push(`${relative(root, file)}: ${sink} in …${context.replace(/\s+/g, ' ')}…`);
      }
    }
  }
  assert.deepEqual(found, [], 'a sink in the built code: remove it (build DOM with createElement/textContent), or add it to ALLOWED with why no outside input reaches it');
  console.log(`bundle scan: ${files.length} files, no sink but ${allowed} allowed occurrence(s)`);
});

test('the scan finds what it looks for (each pattern matches a minified sample, and not lookalikes)', () => {
  const hits = (code) => SINKS.filter(([, re]) => new RegExp(re.source).test(code)).map(([s]) => s);
  assert.deepEqual(hits('a.innerHTML=b'), ['innerHTML']);
  assert.deepEqual(hits('e.insertAdjacentHTML("beforeend",x)'), ['insertAdjacentHTML']);
  assert.deepEqual(hits('document.writeln(x)'), ['document.write']);
  assert.deepEqual(hits('return eval (s)'), ['eval(']);
  assert.deepEqual(hits('x=new Function("a","return a")'), ['new Function']);
  assert.deepEqual(hits('a.outerHTML'), ['outerHTML']);
  assert.deepEqual(hits('retrieval(x); o.evaluate(y); medieval(z)'), []);
});
