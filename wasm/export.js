// The engine's export (issue 14), loaded by loader.js on the first trainer.toOnnx() / toPyTorch() /
// historyCsv(): it loads the exporter module backprop-export.{js,wasm} (core/export/ compiled on its
// own, -Os) from the engine's baseUrl and hands it the trainer's model file, samples and history.
// Each export takes the trainer's state in one synchronous step when it starts (the model file,
// and for the script the samples with the predictions for them), so they agree with each other.
// Refusals (diverged run, no data for the script's self-check) throw an Error saying what to do.

// Node detection, file reading and the one-fetch instantiation are loader.js's (one copy each).
import { isNode, readNodeFile, instantiateFromResponse } from './loader.js';

const exporters = new Map();  // base URL -> Promise of the exporter module

/** Loads backprop-export.{js,wasm} from baseUrl (default: next to this file), once per baseUrl.
 *  A failed load is forgotten, so a later call tries again. */
export function loadExporter({ baseUrl } = {}) {
  const base = new URL(baseUrl ?? './', import.meta.url);
  let loading = exporters.get(base.href);
  if (!loading) {
    loading = instantiateExporter(base);
    exporters.set(base.href, loading);
    loading.catch(() => exporters.delete(base.href));
  }
  return loading;
}

async function instantiateExporter(base) {
  const jsUrl = new URL('backprop-export.js', base);
  const wasmUrl = new URL('backprop-export.wasm', base);
  let source;
  if (isNode) {
    const bytes = readNodeFile(wasmUrl);
    bytes.catch(() => {});
    source = async (imports) => WebAssembly.instantiate(await bytes, imports);
  } else {
    const response = fetch(wasmUrl.href, { credentials: 'same-origin' });
    response.catch(() => {});
    source = (imports) => instantiateFromResponse(response, imports);
  }
  const create = (await import(/* @vite-ignore */ jsUrl.href)).default;
  let failLoad;
  const loadFailed = new Promise((_, reject) => (failLoad = reject));
  const options = {
    instantiateWasm(imports, receiveInstance) {
      source(imports).then(
        ({ instance, module }) => receiveInstance(instance, module),
        (error) => failLoad(new Error(`loadExporter: ${wasmUrl.href}: ${error.message ?? error}`)),
      );
      return {};
    },
    onAbort: (what) => failLoad(new Error(`loadExporter: module aborted: ${what}`)),
  };
  return Promise.race([create(options), loadFailed]);
}

const EXPORT_SAMPLES = 5;  // training samples the PyTorch script checks itself on

function divergenceOf(trainer) {
  return trainer.report().diverged ? (trainer.divergenceMessage() || 'a non-finite loss') : '';
}

// The first `count` training samples' raw inputs and the engine's predictions for them; none
// without data (the exporter then refuses with what to do).
function samplesOf(trainer, count) {
  const inputs = [];
  for (let i = 0; i < count; i++) {
    try {
      inputs.push(Array.from(trainer.traceSample(i).input));
    } catch {
      break;  // no data, or fewer samples
    }
  }
  if (inputs.length === 0) return { inputs: [], outputs: [] };
  const width = inputs[0].length;
  const predicted = trainer.predict(Float32Array.from(inputs.flat()), inputs.length);
  const nOut = predicted.length / inputs.length;
  const outputs = inputs.map((_, i) => Array.from(predicted.subarray(i * nOut, (i + 1) * nOut)));
  return { inputs: inputs.map((row) => row.slice(0, width)), outputs };
}

function metricOf(trainer) {
  try {
    const m = trainer.evaluate();
    return Number.isNaN(m.trainR2) ? 'accuracy' : 'r2';
  } catch {
    return 'accuracy';  // no data: the history is empty
  }
}

export async function toOnnx(trainer, base) {
  const json = trainer.toModelJson(); const divergence = divergenceOf(trainer);
  return (await loadExporter({ baseUrl: base })).onnx(json, divergence);
}

export async function toPyTorch(trainer, base, { samples = EXPORT_SAMPLES } = {}) {
  const json = trainer.toModelJson(); const divergence = divergenceOf(trainer);
  const data = JSON.stringify(samplesOf(trainer, samples));
  return (await loadExporter({ baseUrl: base })).pytorch(json, divergence, data);
}

export async function historyCsv(trainer, base) {
  const history = Float64Array.from(trainer.history()); const metric = metricOf(trainer);
  return (await loadExporter({ baseUrl: base })).historyCsv(history, metric);
}
