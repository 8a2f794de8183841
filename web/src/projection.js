// For data with more than two features: the samples projected on their first two principal
// components (computed once per data set, here on the page: it only positions dots), filled with
// the predicted class and ringed with the true one; a cross marks a mistake.
import { h } from './dom.js';
import { classColor, divergingCss } from './colors.js';

/** Top two principal directions of x (d × n column-major) by power iteration with deflation. */
export function principalAxes(x, d, n) {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += x[i * d + f] / n;
  const sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) sd[f] += (x[i * d + f] - mean[f]) ** 2 / n;
  for (let f = 0; f < d; f++) sd[f] = Math.sqrt(sd[f]) || 1;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const za = (x[i * d + a] - mean[a]) / sd[a];
      for (let b = a; b < d; b++) cov[a * d + b] += (za * (x[i * d + b] - mean[b])) / sd[b] / n;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];
  const axes = [];
  for (let k = 0; k < Math.min(2, d); k++) {
    let v = new Float64Array(d).map((_, i) => 1 / Math.sqrt(d) + (i % 2 ? 0.01 : -0.01) * (k + 1));
    for (let it = 0; it < 200; it++) {
      const next = new Float64Array(d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) next[a] += cov[a * d + b] * v[b];
      for (const u of axes) { const dot = next.reduce((s, q, i) => s + q * u[i], 0); for (let i = 0; i < d; i++) next[i] -= dot * u[i]; }
      const norm = Math.hypot(...next) || 1;
      v = next.map((q) => q / norm);
    }
    axes.push(v);
  }
  if (axes.length < 2) axes.push(new Float64Array(d));
  return { mean, sd, axes };
}

export class Projection {
  constructor() {
    this.canvas = h('canvas', { class: 'bp-proj-canvas', role: 'img', 'aria-label': 'Samples on their first two principal components' });
    this.el = h('div', { class: 'bp-proj' }, this.canvas, h('div', { class: 'bp-plot-caption' }, 'PCA projection · fill: predicted, ring: true class · ○ test'));
    this.resizeObserver = new ResizeObserver(() => this.draw());
    this.resizeObserver.observe(this.el);
    this.predictions = null;
  }

  destroy() { this.resizeObserver.disconnect(); }

  setData(data) {
    this.data = data;
    const d = data.info.numFeatures;
    const all = new Float32Array((data.train.n + data.test.n) * d);
    all.set(data.train.x); all.set(data.test.x, data.train.x.length);
    const n = data.train.n + data.test.n;
    const { mean, sd, axes } = principalAxes(all, d, n);
    const coords = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 2; k++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += ((all[i * d + f] - mean[f]) / sd[f]) * axes[k][f];
        coords[2 * i + k] = s;
      }
    }
    this.coords = coords;
    this.predictions = null;
    this.draw();
  }

  setPredictions(p) { this.predictions = p; this.draw(); }

  draw() {
    const c = this.canvas;
    const rect = c.getBoundingClientRect();
    if (!rect.width || !this.data) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(rect.width * dpr); c.height = Math.round(rect.height * dpr);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#f7f9fa'; ctx.fillRect(0, 0, c.width, c.height);
    const { coords, data } = this;
    let lo = [Infinity, Infinity]; let hi = [-Infinity, -Infinity];
    for (let i = 0; i < coords.length; i += 2) for (let k = 0; k < 2; k++) { lo[k] = Math.min(lo[k], coords[i + k]); hi[k] = Math.max(hi[k], coords[i + k]); }
    const pad = 14 * dpr;
    const px = (v, k) => (k === 0 ? pad + ((v - lo[0]) / (hi[0] - lo[0] || 1)) * (c.width - 2 * pad) : c.height - pad - ((v - lo[1]) / (hi[1] - lo[1] || 1)) * (c.height - 2 * pad));
    const r = 4 * dpr;
    let idx = 0;
    for (const part of ['train', 'test']) {
      const s = data[part];
      const pred = this.predictions?.[part];
      for (let i = 0; i < s.n; i++, idx++) {
        const x = px(coords[2 * idx], 0); const y = px(coords[2 * idx + 1], 1);
        const truth = s.labels && s.labels.length ? s.labels[i] : null;
        const fill = truth === null ? divergingCss(pred ? pred[i] : s.targets[i]) : classColor(pred ? pred[i] : truth);
        ctx.beginPath(); ctx.arc(x, y, r, 0, Math.PI * 2);
        ctx.fillStyle = part === 'test' ? '#fff' : fill; ctx.fill();
        ctx.lineWidth = 2 * dpr; ctx.strokeStyle = truth === null ? fill : classColor(truth); ctx.stroke();
        if (part === 'test') { ctx.beginPath(); ctx.arc(x, y, r * 0.55, 0, Math.PI * 2); ctx.fillStyle = fill; ctx.fill(); }
        if (pred && truth !== null && pred[i] !== truth) {
          ctx.strokeStyle = '#c0182b'; ctx.lineWidth = 1.5 * dpr;
          ctx.beginPath(); ctx.moveTo(x - r * 1.4, y - r * 1.4); ctx.lineTo(x + r * 1.4, y + r * 1.4);
          ctx.moveTo(x + r * 1.4, y - r * 1.4); ctx.lineTo(x - r * 1.4, y + r * 1.4); ctx.stroke();
        }
      }
    }
  }
}
