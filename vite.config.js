// Vite: dev server and static build of the page in web/. base './' makes every URL in the build
// relative, so dist/ works from any static host under any sub-path. The WASM module and the data
// sets are copied into web/public/ by scripts/prepare-web.mjs and served as they are.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: 'public',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    rollupOptions: {
      input: { main: here('./web/index.html'), embed: here('./web/embed.html') },
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
