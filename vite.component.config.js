// Vite: the standalone component build, dist/component/ (run by scripts/build-component.mjs, which
// `npm run build` and `npm pack` run). No bundler is needed by its users and every URL is relative,
// so the folder works copied anywhere or from node_modules/backprop-playground/dist/component/:
//
//   backprop-playground.js     defines <backprop-playground> (web/src/component.js); styles inlined
//   index.js                   the page module (createPlayground, ...; package.json "."): defines
//                              nothing, links the page stylesheet its light-DOM playground uses
//   assets/playground-[hash].js   the code both entries share (uPlot included); spawn.js lives here,
//                              so its default '../wasm/' and '../data/' (relative to import.meta.url)
//                              land on the two folders below
//   assets/worker-[hash].js    the training worker (the SIMD glue and the loader bundled in)
//   wasm/                      backprop-simd.wasm, backprop-base.wasm and the baseline's glue
//   data/                      the data sets' CSVs (fetched only when chosen)
import { defineConfig } from 'vite';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { glueWithoutWasmAsset } from './vite.config.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const ENTRIES = { 'backprop-playground': here('./web/src/component.js'), index: here('./web/src/index.js') };
// The engine files the page and the worker fetch from wasmBase (the SIMD glue is in the worker).
const WASM_FILES = ['backprop-simd.wasm', 'backprop-base.wasm', 'backprop-base.js',
  // EXPORT (issue 14): the exporter module, loaded by the worker on the first ONNX/PyTorch/CSV export.
  'backprop-export.wasm', 'backprop-export.js'];

/** Copies the engine (wasm/dist/, scripts/build-wasm.sh) and the data sets (data/) into the build. */
function componentFiles() {
  return {
    name: 'bp-component-files',
    generateBundle() {
      for (const f of WASM_FILES) {
        const path = here(`./wasm/dist/${f}`);
        let source;
        try { source = readFileSync(path); } catch {
          this.error(`vite.component.config: ${path} is missing; run bash scripts/build-wasm.sh first`);
        }
        this.emitFile({ type: 'asset', fileName: `wasm/${f}`, source });
      }
      for (const f of readdirSync(here('./data')).filter((n) => n.endsWith('.csv'))) {
        this.emitFile({ type: 'asset', fileName: `data/${f}`, source: readFileSync(here(`./data/${f}`)) });
      }
    },
  };
}

/** createPlayground's playground uses the page's stylesheet (create.js and lossChart.js import it
 *  globally): with no HTML here, nothing would load the .css files Vite emits for the page module,
 *  so dist/component/index.js adds a <link> for each itself. The element inlines its styles into
 *  its shadow root, so the component's entry links none. */
function cssLinkedByPageModule() {
  return {
    name: 'bp-component-css-links',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunk = bundle['index.js'];
      if (!chunk || chunk.type !== 'chunk') this.error('vite.component.config: no index.js entry in the bundle');
      const css = new Set();
      const visit = (c, seen = new Set()) => {
        if (!c || seen.has(c.fileName)) return;
        seen.add(c.fileName);
        for (const f of c.viteMetadata?.importedCss ?? []) css.add(f);
        for (const i of c.imports) visit(bundle[i], seen);
      };
      visit(chunk);
      if (css.size === 0) return;
      // (Guarded: a bundler's server-side pass may import the module where there is no document.)
      chunk.code = `if (typeof document !== 'undefined') for (const f of ${JSON.stringify([...css])}) { const href = new URL(f, import.meta.url).href;\n` +
        '  if (!document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) document.head.append(Object.assign(document.createElement(\'link\'), { rel: \'stylesheet\', href })); }\n' +
        chunk.code;
    },
  };
}

/** spawn.js finds the worker, wasm/ and data/ relative to its own chunk ('../wasm/'): that chunk
 *  must be in assets/, one folder below the entries. Fails the build otherwise. */
function spawnChunkInAssets() {
  const spawn = here('./web/src/spawn.js');
  return {
    name: 'bp-component-layout-check',
    generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.moduleIds.includes(spawn));
      if (!chunk) this.error('vite.component.config: web/src/spawn.js is in no chunk');
      if (!chunk.fileName.startsWith('assets/')) {
        this.error(`vite.component.config: web/src/spawn.js landed in ${chunk.fileName}; it must be in assets/ ` +
          '(its default wasm and data folders are ../wasm/ and ../data/ relative to its chunk)');
      }
    },
  };
}

export default defineConfig({
  configFile: false,
  plugins: [glueWithoutWasmAsset(), componentFiles(), cssLinkedByPageModule(), spawnChunkInAssets()],
  worker: { format: 'es', plugins: () => [glueWithoutWasmAsset()] },
  root: here('./web'),
  resolve: { alias: [{ find: /^backprop-playground\/engine$/, replacement: here('./wasm/loader.js') }] },
  base: './',
  publicDir: false,
  build: {
    outDir: here('./dist/component'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: ENTRIES,
      // Both entries keep their exports (an app build would drop them).
      preserveEntrySignatures: 'strict',
      output: {
        entryFileNames: '[name].js',
        // The code both entries share is one chunk (whatever Rollup would name it).
        chunkFileNames: 'assets/playground-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  logLevel: 'info',
});
