// The network diagram's neuron thumbnails and links, painted in the worker on the OffscreenCanvas
// that the page transferred (NetworkDiagram onOffscreen): the page neither paints them nor
// receives the thumbnails' grids. Dropped when the network changes (rows would not match).
import { paintThumb } from '../paint.js';
import { divergingCss } from '../colors.js';
import { w } from './session.js';

/** { thumbs: [{ canvas, row, isOutput }], links: { canvas, dpr, geometry } } of the last render. */
export function setCanvases({ thumbs, links }) {
  w.thumbs = thumbs.map((t) => ({ ...t, ctx: t.canvas.getContext('2d'), image: null }));
  w.links = { ...links, ctx: links.canvas.getContext('2d'), key: '' };
}

export function dropCanvases() { w.thumbs = null; w.links = null; }

/** Paints every thumbnail from a grid { n, rows, values } (predictGrid of all neurons). */
export function paintThumbs(grid) {
  if (!w.thumbs) return;
  for (const t of w.thumbs) {
    if (t.row >= grid.rows) continue;
    if (!t.image || t.image.width !== grid.n) {
      t.canvas.width = grid.n; t.canvas.height = grid.n;
      t.image = t.ctx.createImageData(grid.n, grid.n);
    }
    paintThumb(t.image, grid, t.row, t.isOutput, w.built.head);
    t.ctx.putImageData(t.image, 0, 0);
  }
}

/** Draws the links: width from |w|, colour from its sign (as the SVG did), when a drawn value changed. */
export function paintLinks(params) {
  const L = w.links;
  if (!L) return;
  const g = L.geometry;
  let key = '';
  const widths = []; const colours = [];
  for (let k = 0; k < g.length; k += 5) {
    const v = params[g[k + 4]];
    const width = 0.6 + Math.round(Math.min(Math.abs(v), 5) * 16) / 10;
    const colour = divergingCss(v);
    widths.push(width); colours.push(colour);
    key += `${width}${colour}`;
  }
  if (key === L.key) return;
  L.key = key;
  const ctx = L.ctx;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, L.canvas.width, L.canvas.height);
  ctx.setTransform(L.dpr, 0, 0, L.dpr, 0, 0);
  ctx.globalAlpha = 0.85;
  for (let k = 0, i = 0; k < g.length; k += 5, i++) {
    const x1 = g[k]; const y1 = g[k + 1]; const x2 = g[k + 2]; const y2 = g[k + 3];
    const mx = (x1 + x2) / 2;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.bezierCurveTo(mx, y1, mx, y2, x2, y2);
    ctx.lineWidth = widths[i];
    ctx.strokeStyle = colours[i];
    ctx.stroke();
  }
}
