// The loss chart: train and test loss against epochs (left axis, linear or log), accuracy or R²
// on the right axis (0..1), hover values in the legend. It draws the engine's history as it is
// (trainer.history(): one point per epoch, bounded and decimated by the core, 5 numbers a point),
// in uPlot's columns; redrawn at most every REDRAW_MS.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom.js';

const REDRAW_MS = 100;
const COLUMNS = 5;  // epoch, train loss, test loss, train metric, test metric

export class LossChart {
  constructor() {
    this.el = h('div', { class: 'bp-chart', role: 'img', 'aria-label': 'Loss and accuracy over the epochs' });
    this.log = false;
    this.metricLabel = 'accuracy';
    this.lastDraw = -Infinity; this.timer = 0;
    this.clear();
    this.dirty = false;
    this.resizeObserver = new ResizeObserver(() => this.#resize());
    this.resizeObserver.observe(this.el);
    // Making the uPlot chart is one of the page's longest tasks: do it while the main thread idles
    // (the engine is still loading in its worker), not in the frame that brings the first point.
    const idle = globalThis.requestIdleCallback || ((f) => setTimeout(f, 200));
    this.idleId = idle(() => { this.idleId = 0; if (!this.plot) { this.#build(); this.draw(); } }, { timeout: 1000 });
  }

  destroy() { (globalThis.cancelIdleCallback || clearTimeout)(this.idleId); clearTimeout(this.timer); this.resizeObserver.disconnect(); this.plot?.destroy(); }

  clear() { this.setHistory(new Float64Array(0)); }

  setLog(log) { this.log = log; this.#columns(); if (this.plot) this.#build(); }

  /** 'accuracy' (classification) or 'R²' (regression): the label of the right axis. */
  setMetric(label) {
    if (label === this.metricLabel && this.plot) return;
    this.metricLabel = label;
    if (this.plot) this.#build();
  }

  /** history: the engine's Float64Array, COLUMNS numbers per point. */
  setHistory(history) {
    this.history = history;
    this.n = history.length / COLUMNS;
    this.stale = true;  // the columns are made when they are drawn (at most every REDRAW_MS), not per frame
    this.dirty = true;
  }

  /** uPlot's columns from the history: NaN as gaps, losses kept positive on a log axis, metrics in [0, 1]. */
  #columns() {
    this.stale = false;
    const hist = this.history; const n = this.n;
    const pos = (v) => (Number.isFinite(v) ? (this.log ? Math.max(v, 1e-8) : v) : null);
    const unit = (v) => (Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : null);
    const map = [(v) => v, pos, pos, unit, unit];
    this.cols = map.map((f, c) => {
      const col = new Array(n);
      for (let p = 0; p < n; p++) col[p] = f(hist[p * COLUMNS + c]);
      return col;
    });
    this.dirty = true;
  }

  /** Called from the playground's animation frame; redraws at most every REDRAW_MS (a uPlot redraw
   *  with its axes costs several ms), the last change is drawn when the interval is over. */
  draw() {
    if (!this.dirty || this.timer) return;
    const wait = this.lastDraw + REDRAW_MS - performance.now();
    if (wait > 0) { this.timer = setTimeout(() => { this.timer = 0; this.draw(); }, wait); return; }
    if (!this.plot && this.n && !this.idleId) this.#build();
    if (!this.plot) return;
    this.lastDraw = performance.now();
    if (this.stale) this.#columns();
    this.dirty = false;
    this.plot.setData(this.cols);
    // Without a hover, the legend shows the latest values.
    if (this.plot.cursor.idx == null && this.n) this.plot.setLegend({ idx: this.n - 1 });
  }

  #opts(width) {
    const metric = this.metricLabel;
    // One plain font: uPlot's default list (emoji fonts included) costs a font lookup per axis draw.
    const font = '11px sans-serif'; const labelFont = 'bold 11px sans-serif';
    const fmt = (digits) => (u, v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
    return {
      width, height: 190,
      cursor: { drag: { x: true, y: false }, points: { size: 6 } },
      scales: { x: { time: false }, y: { distr: this.log ? 3 : 1 }, m: { range: [0, 1] } },
      legend: { live: true },
      axes: [
        { label: 'epoch', font, labelFont, labelSize: 18, size: 34, stroke: '#55616b', grid: { stroke: '#edf0f2' }, ticks: { stroke: '#d5dade' } },
        { label: 'loss', font, labelFont, labelSize: 18, size: 48, stroke: '#55616b', grid: { stroke: '#edf0f2' }, ticks: { stroke: '#d5dade' } },
        { scale: 'm', side: 1, label: metric, font, labelFont, labelSize: 18, size: 44, stroke: '#55616b', grid: { show: false }, splits: () => [0, 0.25, 0.5, 0.75, 1], values: (u, vs) => vs.map((v) => v.toFixed(2)) },
      ],
      series: [
        { label: 'epoch', value: fmt(2) },
        { label: 'train loss', stroke: '#0877bd', width: 2, value: fmt(4) },
        { label: 'test loss', stroke: '#e4572e', width: 2, value: fmt(4) },
        { label: `train ${metric}`, stroke: '#79aede', width: 1.5, dash: [5, 4], scale: 'm', value: fmt(3) },
        { label: `test ${metric}`, stroke: '#f0a07e', width: 1.5, dash: [5, 4], scale: 'm', value: fmt(3) },
      ],
    };
  }

  #build() {
    const width = this.el.clientWidth;
    if (!width) return;
    if (this.stale) this.#columns();
    this.plot?.destroy();
    this.plot = new uPlot(this.#opts(width), this.cols, this.el);
    this.dirty = false;
  }

  #resize() {
    const width = this.el.clientWidth;
    if (!width || !this.plot) return;  // the plot is made by the first draw() with points
    if (Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: 190 });
  }
}

