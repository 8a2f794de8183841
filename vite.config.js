// Vite: dev server and static build of the page in web/. base './' makes every URL in the build
// relative, so dist/ works from any static host under any sub-path. The WASM module and the data
// sets are copied into web/public/ by scripts/prepare-web.mjs and served as they are. The standalone
// component (dist/component/) has its own config: vite.component.config.js.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { cspFor } from './scripts/csp.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

// The page's entry imports the UI module dynamically (after starting the engine's worker); these
// hints let the browser fetch that module and its stylesheet while it parses the HTML.
function preloadDynamicImports() {
  return {
    name: 'bp-preload-dynamic-imports',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle, chunk }) {
        // Only the playground's page: the article and the embeds start their engines lazily.
        if (!bundle || !chunk || chunk.name !== 'main') return html;
        const links = [];
        for (const id of chunk.dynamicImports) {
          const dyn = bundle[id];
          if (!dyn || dyn.type !== 'chunk') continue;
          links.push(`<link rel="modulepreload" crossorigin href="./${dyn.fileName}">`);
          for (const css of dyn.viteMetadata?.importedCss ?? []) links.push(`<link rel="preload" as="style" crossorigin href="./${css}">`);
        }
        // The page compiles the SIMD build of the engine itself (spawn.js): its download starts
        // while main.js loads. (A browser without SIMD fetches the baseline build instead.)
        const wasm = '<link rel="preload" as="fetch" type="application/wasm" crossorigin href="./wasm/backprop-simd.wasm">';
        return html.replace(/<script type="module"/, `${wasm}\n  <script type="module"`).replace('</head>', `  ${links.join('\n  ')}\n</head>`);
      },
    },
  };
}

// The Content-Security-Policy of each built page (scripts/csp.mjs), as the first element after
// <meta charset>: it must precede every script and stylesheet. Build only (the dev server injects
// its own client). scripts/serve.mjs sends the same policy as a header.
function contentSecurityPolicy() {
  return {
    name: 'bp-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { filename }) {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${cspFor(filename)}">`;
        if (!/<meta charset="utf-8">/i.test(html)) throw new Error(`bp-content-security-policy: no <meta charset="utf-8"> in ${filename}`);
        return html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n  ${meta}`);
      },
    },
  };
}

// The worker bundles the SIMD build's Emscripten glue (web/src/worker/engine.js); the loader hands
// it the .wasm (instantiateWasm), so the glue's own `new URL('backprop-simd.wasm', import.meta.url)`
// is never used: left as a plain name, so Vite does not copy the 640 KB .wasm into assets/ again.
export function glueWithoutWasmAsset() {
  return {
    name: 'bp-glue-without-wasm-asset',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]wasm[\\/]dist[\\/]backprop-(simd|base)\.js$/.test(id)) return null;
      return { code: code.replace(/new URL\(("backprop-(?:simd|base)\.wasm"),import\.meta\.url\)\.toString\(\)/g, '$1'), map: null };
    },
  };
}

export default defineConfig({
  plugins: [preloadDynamicImports(), glueWithoutWasmAsset(), contentSecurityPolicy()],
  worker: { format: 'es', plugins: () => [glueWithoutWasmAsset()] },
  root: 'web',
  // The engine's loader is bundled into the page and the worker (package self-reference, as the
  // package's users import it), so the worker needs no extra request for it.
  resolve: { alias: [{ find: /^backprop-playground\/engine$/, replacement: here('./wasm/loader.js') }] },
  base: './',
  publicDir: 'public',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    rollupOptions: {
      input: { main: here('./web/index.html'), two: here('./web/two.html'), embed: here('./web/embed.html'), article: here('./web/article.html') },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
