// The output plot: the decision-boundary heatmap (a small canvas drawn from the worker's grid
// through ImageData and scaled by CSS), the data points on a second canvas at screen resolution,
// axes, and clicks that add points to a user's own data. The pixel painting is in paint.js.
import { h } from './dom.js';
import { divergingCss, classColor } from './colors.js';
import { paintGrid, outputMode } from './paint.js';

export { paintGrid, outputMode };

export class OutputPlot {
  constructor({ onAddPoint, label }) {
    this.onAddPoint = onAddPoint;
    this.grid = h('canvas', { class: 'bp-heat', width: 64, height: 64, 'aria-hidden': 'true' });
    this.points = h('canvas', { class: 'bp-points', role: 'img', 'aria-label': label });
    this.caption = h('div', { class: 'bp-plot-caption', 'aria-live': 'polite' });
    this.el = h('div', { class: 'bp-plot' }, this.grid, this.points, this.caption);
    this.data = null; this.extent = null; this.showTest = false; this.addingEnabled = false;
    this.points.addEventListener('pointerdown', (e) => this.#click(e));
    this.resizeObserver = new ResizeObserver(() => this.drawPoints());
    this.resizeObserver.observe(this.el);
  }

  destroy() { this.resizeObserver.disconnect(); }

  setData(data) { this.data = data; this.extent = data.extent; this.drawPoints(); }
  setShowTest(show) { this.showTest = show; this.drawPoints(); }
  setAdding(enabled, hint) {
    this.addingEnabled = enabled;
    this.el.classList.toggle('bp-adding', enabled);
    this.points.setAttribute('aria-label', enabled ? hint : 'Output of the network over the input plane, with the data points');
  }

  /** Draws the worker's grid: values (rows × n²), mode from outputMode(), or a focused neuron. */
  drawGrid(grid, mode, discretize) {
    if (this.grid.width !== grid.n) { this.grid.width = grid.n; this.grid.height = grid.n; this.image = null; }
    const ctx = this.grid.getContext('2d');
    if (!this.image) this.image = ctx.createImageData(grid.n, grid.n);
    if (grid.focus >= 0) {
      let max = 1;
      for (let p = 0; p < grid.values.length; p++) max = Math.max(max, Math.abs(grid.values[p]));
      paintGrid(this.image, grid.values, 1, grid.n, { kind: 'signed', scale: 1 / max }, false, 0, 0.25);
    } else {
      paintGrid(this.image, grid.values, grid.rows, grid.n, mode, discretize, mode.row || 0, 0.4);
    }
    ctx.putImageData(this.image, 0, 0);
  }

  /** Called every frame: writes only a change (a rewritten text node means a layout). */
  setCaption(text) {
    if (text === this.captionText) return;
    this.captionText = text;
    this.caption.textContent = text; this.caption.hidden = !text;
  }

  #toPixel(x, y, w, hgt) {
    const e = this.extent;
    return [((x - e.x0) / (e.x1 - e.x0)) * w, (1 - (y - e.y0) / (e.y1 - e.y0)) * hgt];
  }

  drawPoints() {
    const canvas = this.points;
    const rect = canvas.getBoundingClientRect();
    if (!rect.width) return;
    const dpr = window.devicePixelRatio || 1;
    const W = Math.round(rect.width * dpr); const H = Math.round(rect.height * dpr);
    if (canvas.width !== W || canvas.height !== H) { canvas.width = W; canvas.height = H; }
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, W, H);
    if (!this.data || !this.extent) return;
    this.#drawAxes(ctx, W, H, dpr);
    const r = Math.max(2.5, Math.min(4, W / 110 / dpr)) * dpr;
    const parts = this.showTest ? ['train', 'test'] : ['train'];
    for (const part of parts) {
      const s = this.data[part];
      for (let i = 0; i < s.n; i++) {
        const [px, py] = this.#toPixel(s.x[2 * i], s.x[2 * i + 1], W, H);
        ctx.beginPath();
        ctx.arc(px, py, r, 0, Math.PI * 2);
        ctx.fillStyle = s.labels && s.labels.length ? classColor(s.labels[i]) : divergingCss(s.targets[i]);
        ctx.fill();
        ctx.lineWidth = part === 'test' ? 1.6 * dpr : 1 * dpr;
        ctx.strokeStyle = part === 'test' ? '#111' : '#fff';
        ctx.stroke();
      }
    }
  }

  #drawAxes(ctx, W, H, dpr) {
    const e = this.extent;
    ctx.save();
    ctx.font = `${10 * dpr}px system-ui, sans-serif`;
    ctx.fillStyle = 'rgba(30,40,50,0.55)';
    ctx.strokeStyle = 'rgba(30,40,50,0.25)';
    const ticks = niceTicks(e.x0, e.x1, 5);
    for (const t of ticks) {
      const [px] = this.#toPixel(t, 0, W, H);
      ctx.fillRect(px, H - 4 * dpr, 1 * dpr, 4 * dpr);
      ctx.fillText(String(t), px + 2 * dpr, H - 5 * dpr);
    }
    for (const t of niceTicks(e.y0, e.y1, 5)) {
      const [, py] = this.#toPixel(0, t, W, H);
      ctx.fillRect(0, py, 4 * dpr, 1 * dpr);
      if (t !== ticks[0]) ctx.fillText(String(t), 5 * dpr, py - 2 * dpr);
    }
    ctx.restore();
  }

  #click(e) {
    if (!this.addingEnabled || !this.extent) return;
    const rect = this.points.getBoundingClientRect();
    const fx = (e.clientX - rect.left) / rect.width; const fy = (e.clientY - rect.top) / rect.height;
    const ex = this.extent;
    const x = ex.x0 + fx * (ex.x1 - ex.x0); const y = ex.y1 - fy * (ex.y1 - ex.y0);
    this.onAddPoint?.(x, y, e.shiftKey);
  }

  /** The current picture (heatmap and points) as a canvas for PNG export. */
  compose(size = 800) {
    const out = h('canvas', { width: size, height: size });
    const ctx = out.getContext('2d');
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.grid, 0, 0, size, size);
    ctx.drawImage(this.points, 0, 0, size, size);
    return out;
  }
}

export function niceTicks(lo, hi, count) {
  const span = hi - lo;
  if (!(span > 0)) return [];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Number(t.toFixed(6)));
  return out;
}
