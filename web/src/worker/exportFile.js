// The worker's side of the Export row (issue 14), loaded on the first export: the trained network
// as ONNX (Uint8Array, transferred), a PyTorch script or the loss history's CSV (text), made by the
// engine's exporter module (wasm/export.js loads it on the first call), or the model JSON.
import { FromWorker } from '../protocol.js';
import { w, post } from './session.js';

const METHODS = { onnx: 'toOnnx', pytorch: 'toPyTorch', csv: 'historyCsv' };

/** Throws (the caller answers with the message) when there is no network or the export is refused. */
export async function exportFile({ id, format }) {
  const t = w.trainer;
  if (!t) throw new Error('There is no network yet: wait until the playground has loaded, then export.');
  let data;
  if (format === 'model') data = t.toModelJson();
  else if (METHODS[format]) data = await t[METHODS[format]]();
  else throw new Error(`format: unknown value '${String(format)}'; accepted: onnx, pytorch, csv, model`);
  post({ type: FromWorker.exported, id, format, data }, typeof data === 'string' ? [] : [data.buffer]);
}
