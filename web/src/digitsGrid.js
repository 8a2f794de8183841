// A grid of test digits as 8×8 images, each with the network's predicted label (red when wrong).
import { h } from './dom.js';

const SHOWN = 40;

export class DigitsGrid {
  constructor() {
    this.el = h('div', { class: 'bp-digits', role: 'img', 'aria-label': 'Test digits with the predicted labels' });
    this.cells = [];
  }

  /** data: the worker's data message (test set preferred, else train). */
  setData(data) {
    const s = data.test.n ? data.test : data.train;
    this.set = s;
    this.el.replaceChildren();
    this.cells = [];
    const n = Math.min(SHOWN, s.n);
    for (let i = 0; i < n; i++) {
      const canvas = h('canvas', { width: 8, height: 8, class: 'bp-digit-img' });
      const ctx = canvas.getContext('2d');
      const img = ctx.createImageData(8, 8);
      for (let p = 0; p < 64; p++) {
        const v = 255 - Math.round((s.x[i * 64 + p] / 16) * 255);
        img.data.set([v, v, v, 255], p * 4);
      }
      ctx.putImageData(img, 0, 0);
      const label = h('span', { class: 'bp-digit-label' }, '?');
      const cell = h('div', { class: 'bp-digit' }, canvas, label);
      this.el.append(cell);
      this.cells.push({ cell, label, truth: s.labels[i] });
    }
    this.part = data.test.n ? 'test' : 'train';
  }

  /** The grid as one canvas for PNG export. */
  compose() {
    const cols = 8; const size = 56;
    const rows = Math.ceil(this.cells.length / cols) || 1;
    const out = h('canvas', { width: cols * size, height: rows * (size + 18) });
    const ctx = out.getContext('2d');
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, out.width, out.height);
    ctx.imageSmoothingEnabled = false;
    ctx.font = '14px system-ui, sans-serif'; ctx.textAlign = 'center';
    this.cells.forEach((c, i) => {
      const x = (i % cols) * size; const y = Math.floor(i / cols) * (size + 18);
      ctx.drawImage(c.cell.querySelector('canvas'), x + 4, y + 2, size - 8, size - 8);
      ctx.fillStyle = c.cell.classList.contains('bp-wrong') ? '#c0182b' : '#1d2a33';
      ctx.fillText(c.label.textContent, x + size / 2, y + size + 10);
    });
    return out;
  }

  /** predictions: { train: Float32Array, test: Float32Array } of class indices. */
  setPredictions(predictions) {
    const p = predictions[this.part];
    if (!p) return;
    this.cells.forEach((c, i) => {
      const k = p[i];
      c.label.textContent = String(k);
      const wrong = k !== c.truth;
      c.cell.classList.toggle('bp-wrong', wrong);
      c.cell.title = wrong ? `Predicted ${k}, true ${c.truth}` : `Predicted ${k} (correct)`;
    });
  }
}
