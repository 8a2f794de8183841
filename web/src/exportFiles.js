// The export requests of a playground (issue 14), loaded on first use: ONNX, PyTorch script, loss
// CSV and model JSON are made in the worker (its exporter module loads there on the first one) and
// come back by id; the Export row's buttons download them as Blobs; a refusal shows the exporter's
// message (what, and what to do).
import { download } from './dom.js';

// format -> [file name, MIME type]
const FILES = {
  onnx: ['backprop-playground.onnx', 'application/octet-stream'],
  pytorch: ['backprop_playground_model.py', 'text/x-python'],
  csv: ['backprop-loss-history.csv', 'text/csv'],
};

let lastId = 0;

/** Asks the worker (post({ id, format }), ToWorker.exportFile) for one file; the playground hands
 *  the answer (FromWorker.exported) to pg.exportDone.get(id). */
export function request(pg, post, format) {
  const id = ++lastId;
  return new Promise((resolve, reject) => {
    (pg.exportDone ??= new Map()).set(id, ({ data, error }) => {
      pg.exportDone.delete(id);
      if (error) reject(new Error(error)); else resolve(data);
    });
    post({ id, format });
  });
}

/** A canvas as a PNG Blob. */
export function png(canvas) {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be encoded as PNG'))), 'image/png'));
}

/** panel: the ExportPanel (onFile(format) resolves with the file's content; flash shows status). */
export async function saveFile(panel, format, label) {
  const [name, type] = FILES[format];
  panel.flash(`Exporting ${label}…`, 60000);
  download(name, new Blob([await panel.onFile(format)], { type }));
  panel.flash(`${label} saved`);
}
