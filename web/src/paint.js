// Pixel painting of the heatmaps from the worker's grids, without the DOM: the page uses it for
// the output plot, the worker (worker/thumbs.js) for the neuron thumbnails on OffscreenCanvas.
import { divergingInto, classInto } from './colors.js';

/**
 * Fills `image` (an ImageData of n × n) from a grid of `rows` values per point (point p = j*n + i,
 * row j = 0 at the bottom). mode: { kind: 'signed', offset?, scale? } maps (v - offset) * scale to
 * the orange/blue scale; { kind: 'classes' } colours the argmax class by its share.
 */
export function paintGrid(image, values, rows, n, mode, discretize = false, row = 0, light = 0) {
  const px = image.data;
  const P = n * n;
  const offset = mode.offset || 0; const scale = mode.scale || 1;
  for (let p = 0; p < P; p++) {
    const i = p % n; const j = (p - i) / n;
    const o = ((n - 1 - j) * n + i) * 4;
    if (mode.kind === 'classes') {
      let best = 0; let sum = 0;
      for (let r = 0; r < rows; r++) {
        const v = values[p * rows + r];
        sum += v;
        if (v > values[p * rows + best]) best = r;
      }
      const share = sum > 0 ? values[p * rows + best] / sum : 0;
      const f = discretize ? 0.75 : Math.max(0, (share - 1 / rows) / (1 - 1 / rows));
      classInto(best, f * 0.85, px, o);
    } else {
      let t = (values[p * rows + row] - offset) * scale;
      if (discretize) t = t > 0 ? 0.7 : -0.7;
      divergingInto(t, px, o);
    }
    if (light) {
      // The big plot is a background for the points: lighter, as in TF Playground.
      px[o] += (255 - px[o]) * light; px[o + 1] += (255 - px[o + 1]) * light; px[o + 2] += (255 - px[o + 2]) * light;
    }
  }
}

/** How to show the network's outputs for a head ('tanh' | 'sigmoid' | 'softmax' | 'linear'). */
export function outputMode(head, rows) {
  if (head === 'sigmoid') return { kind: 'signed', offset: 0.5, scale: 2 };
  if (head === 'softmax' && rows === 2) return { kind: 'signed', offset: 0.5, scale: 2, row: 1 };
  if (head === 'softmax') return { kind: 'classes' };
  return { kind: 'signed' };
}

/** Paints neuron `row` of a thumbnail grid (rows values per point): hidden neurons scaled by
 *  their own largest |value|, an output neuron by the head's range. */
export function paintThumb(image, thumbs, row, isOutput, head) {
  let mode;
  if (isOutput) mode = outputMode(head, 1);
  else {
    let max = 1;
    const v = thumbs.values;
    for (let p = row; p < v.length; p += thumbs.rows) max = Math.max(max, Math.abs(v[p]));
    mode = { kind: 'signed', scale: 1 / max };
  }
  if (mode.kind === 'classes') mode = { kind: 'signed', offset: 0.5, scale: 2 };
  paintGrid(image, thumbs.values, thumbs.rows, thumbs.n, mode, false, row);
}
