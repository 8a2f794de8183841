// Vite: the standalone component build, dist/component/ (run by scripts/build-component.mjs, which
// `npm run build` and `npm pack` run). No bundler is needed by its users and every URL is relative,
// so the folder works copied anywhere or from node_modules/backprop-playground/dist/component/:
//
//   backprop-playground.js     defines <backprop-playground> (web/src/component.js), and exports the API
//   index.js                   the page module, no global side effect (package.json ".")
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
const COMPONENT = here('./web/src/component.js');
// index.js as an entry would become the shared chunk itself (a manual chunk holding an entry module
// is that entry's chunk), one folder too high for spawn.js: a facade module re-exports it instead.
const INDEX_FACADE = '\0bp-component:index';
const ENTRIES = { 'backprop-playground': COMPONENT, index: INDEX_FACADE };

/** The facade entry dist/component/index.js: `export * from` web/src/index.js. */
function indexFacade() {
  return {
    name: 'bp-component-index-facade',
    resolveId: (id) => (id === INDEX_FACADE ? INDEX_FACADE : null),
    load: (id) => (id === INDEX_FACADE ? `export * from ${JSON.stringify(here('./web/src/index.js'))};\n` : null),
  };
}
// The engine files the page and the worker fetch from wasmBase (the SIMD glue is in the worker).
const WASM_FILES = ['backprop-simd.wasm', 'backprop-base.wasm', 'backprop-base.js'];

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

/** A stylesheet the code imports globally (not inlined into a shadow root) would be emitted as a
 *  .css file that nothing loads (no HTML here): each entry then adds a <link> for it itself. */
function cssLinkedByEntries() {
  return {
    name: 'bp-component-css-links',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        const css = new Set();
        const visit = (c, seen = new Set()) => {
          if (!c || seen.has(c.fileName)) return;
          seen.add(c.fileName);
          for (const f of c.viteMetadata?.importedCss ?? []) css.add(f);
          for (const i of c.imports) visit(bundle[i], seen);
        };
        visit(chunk);
        if (css.size === 0) continue;
        const links = JSON.stringify([...css]);
        chunk.code = `for (const f of ${links}) { const href = new URL(f, import.meta.url).href;\n` +
          '  if (!document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) document.head.append(Object.assign(document.createElement(\'link\'), { rel: \'stylesheet\', href })); }\n' +
          chunk.code;
      }
    },
  };
}

export default defineConfig({
  configFile: false,
  plugins: [indexFacade(), glueWithoutWasmAsset(), componentFiles(), cssLinkedByEntries()],
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
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        // Everything but the two entries (component.js's one statement defines the element) goes into
        // one shared chunk in assets/: the entries are thin, and importing index.js defines nothing.
        manualChunks: (id) => (id === COMPONENT || id === INDEX_FACADE ? undefined : 'playground'),
      },
    },
  },
  logLevel: 'info',
});
