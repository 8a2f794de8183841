// Loading the WASM engine (the loader and the SIMD build's glue are bundled with the worker: no
// request before the .wasm; the baseline build's glue and every .wasm come from wasmBase), then the 'ready' message with the generated sets' previews. Real data files are
// fetched only when chosen (data.js). With init's `precompiled`, the page compiles the .wasm and
// posts the Module ('wasmModule', handled outside the message queue); if the page could not, the
// loader fetches it here.
import { loadBackprop, simdSupported } from 'backprop-playground/engine';
import createSimdModule from '../../../wasm/dist/backprop-simd.js';
import { FromWorker } from '../protocol.js';
import { w, post } from './session.js';
import { makePreviews } from './data.js';

let receiveModule;
const pageModule = new Promise((resolve) => { receiveModule = resolve; });

/** The page's 'wasmModule' message: { module } or { error } (then the worker fetches the .wasm). */
export function wasmModule(msg) {
  receiveModule(msg.module instanceof WebAssembly.Module ? msg.module : null);
}

export async function init({ wasmBase, dataBase, simd, precompiled }) {
  w.dataBase = dataBase;
  const started = performance.now();
  const useSimd = simd === false ? false : simdSupported();
  const options = { baseUrl: wasmBase, ...(simd === undefined ? {} : { simd }), ...(useSimd ? { createModule: createSimdModule } : {}) };
  let module; let variant;
  if (precompiled) {
    try {
      // The glue downloads while the page's compile finishes.
      ({ module, variant } = await loadBackprop({ ...options, wasmModule: pageModule.then((m) => m ?? Promise.reject(new Error('the page could not compile it'))) }));
    } catch {
      module = null;
    }
  }
  if (!module) ({ module, variant } = await loadBackprop(options));
  w.module = module;
  post({
    type: FromWorker.ready,
    variant,
    simdSets: module.simdInstructionSets(),
    heapBytes: module.heapBytes(),
    loadMs: performance.now() - started,
    previews: makePreviews(),
  });
}
