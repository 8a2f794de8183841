// The Export row's ONNX, PyTorch and Loss CSV buttons (issue 14), loaded on the first of these
// clicks: the file is made in the worker (its exporter module loads there on first use) and
// downloaded as a Blob; a refusal shows the exporter's message (what, and what to do).
import { download } from './dom.js';

// format -> [file name, MIME type]
const FILES = {
  onnx: ['backprop-playground.onnx', 'application/octet-stream'],
  pytorch: ['backprop_playground_model.py', 'text/x-python'],
  csv: ['backprop-loss-history.csv', 'text/csv'],
};

/** panel: the ExportPanel (its onFile(format) resolves with the file's content, its flash shows status). */
export async function saveFile(panel, format, label) {
  const [name, type] = FILES[format];
  panel.flash(`Exporting ${label}…`, 60000);
  download(name, new Blob([await panel.onFile(format)], { type }));
  panel.flash(`${label} saved`);
}
