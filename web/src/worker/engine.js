// Loading the WASM engine: the loader from wasmBase, then the 'ready' message with the generated
// sets' previews. Real data files are fetched only when chosen (data.js).
import { FromWorker } from '../protocol.js';
import { w, post } from './session.js';
import { makePreviews } from './data.js';

export async function init({ wasmBase, dataBase, simd }) {
  w.dataBase = dataBase;
  const started = performance.now();
  const { loadBackprop } = await import(/* @vite-ignore */ `${wasmBase}loader.js`);
  const { module, variant } = await loadBackprop({ baseUrl: wasmBase, ...(simd === undefined ? {} : { simd }) });
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
