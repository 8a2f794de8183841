// KaTeX trees pre-rendered at build time (scripts/prerender-math.mjs -> mathTex.gen.js) turned into
// DOM with createElement: no TeX parsing and no HTML strings at run time.
import { TEX } from './mathTex.gen.js';

const SVG = 'http://www.w3.org/2000/svg';

function build(node) {
  if (typeof node === 'string') return document.createTextNode(node);
  const [tag, attrs, children] = node;
  const svg = tag.startsWith('s:');
  const el = svg ? document.createElementNS(SVG, tag.slice(2)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'style') el.style.cssText = v;  // CSSOM, not a style attribute (CSP-safe)
    else el.setAttribute(k, v);
  }
  for (const c of children) el.append(build(c));
  return el;
}

/** A fresh DOM copy of equation `key` (a span.katex). */
export function tex(key) {
  const tree = TEX[key];
  if (!tree) throw new Error(`math: no pre-rendered equation '${key}'`);
  return build(tree);
}
export const TEX_KEYS = Object.keys(TEX);
