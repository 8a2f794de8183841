// The network diagram: a column of input features, the hidden layers and the output, with links
// drawn as SVG paths whose width follows |w| and colour its sign, a heatmap thumbnail on every
// neuron (2-D data), and the controls that add and remove layers and neurons. Wide layers are
// decimated to MAX_SHOWN neurons so the diagram stays cheap to update every frame.
import { h, iconButton, select } from './dom.js';
import { FEATURES, ACTIVATIONS, LIMITS } from './state.js';
import { parameterLayout, weightIndex, biasIndex, neuronRow } from './model.js';
import { paintThumb } from './paint.js';
import { divergingCss } from './colors.js';

const MAX_SHOWN = 10;
const MIN_GAP = 92;      // px between layer columns: room for a layer's buttons and activation menu
const COMPACT_GAP = 68;  // narrow panels (phones): smaller menus (styles.css .bp-net-compact)
const ACTIVATION_LABELS = { tanh: 'Tanh', relu: 'ReLU', leaky_relu: 'Leaky ReLU', sigmoid: 'Sigmoid', linear: 'Linear' };
export { ACTIVATION_LABELS };

export class NetworkDiagram {
  /** handlers: onToggleFeature(id), onLayers(delta), onNeurons(layer, delta), onLayerActivation(layer, act),
   *  onFocus(row), card (HoverCard), onOffscreen({ thumbs, links })? — given (and OffscreenCanvas
   *  supported), every render hands the worker the thumbnails ([{ canvas, row, isOutput }]) and
   *  the links' canvas ({ canvas, dpr, geometry: Float32Array of x1, y1, x2, y2, weight index per
   *  link, CSS px }), and the worker paints them, so the page neither paints their pixels nor
   *  gets the thumbnails' grids. */
  constructor(handlers) {
    this.handlers = handlers;
    this.el = h('div', { class: 'bp-net' });
    this.header = h('div', { class: 'bp-net-header' });
    this.body = h('div', { class: 'bp-net-body' });
    this.svg = h('svg:svg', { class: 'bp-links', 'aria-hidden': 'true' });
    this.body.append(this.svg);
    this.el.append(this.header, this.body);
    this.net = null; this.state = null; this.links = []; this.nodes = []; this.available = 0;
    // The diagram is as wide as its panel, or wider when the layers need it (the panel scrolls).
    this.resizeObserver = new ResizeObserver(() => {
      const w = this.el.clientWidth;
      if (w && Math.abs(w - this.available) > 2) this.render();
    });
    this.resizeObserver.observe(this.el);
  }

  destroy() { this.resizeObserver.disconnect(); }

  /** net: the worker's network message; state: the settings (features, shape, activations). */
  setNetwork(net, state) {
    this.net = net;
    this.state = state;
    this.layout = parameterLayout(net.layers);
    this.render();
  }

  /** Which of the diagram's controls show (a component may show none): without the features
   *  control only the features in use are drawn, without the shape and activation controls the
   *  header shrinks to the column titles. */
  setControls({ features, shape, activation }) {
    const key = `${features}${shape}${activation}`;
    if (this.controlsKey === key) return;
    this.controlsKey = key;
    this.activeOnly = !features;
    this.headerHeight = shape ? 86 : activation ? 60 : 36;
    this.headTop = shape ? 34 : 0;
    this.render();
  }

  render() {
    if (!this.net) return;
    const { net, state } = this;
    const twoD = net.twoD;
    const L = net.layers.length;
    const node = twoD ? 36 : 20;
    const left = twoD ? 64 : 96; const right = 40;
    // Narrow panels: compact menus first; where even that does not fit, the panel scrolls sideways.
    const available = this.el.clientWidth;
    this.available = available;
    const compact = !!available && available < left + right + node + (L - 1) * MIN_GAP;
    this.el.classList.toggle('bp-net-compact', compact);
    const required = left + right + node + (L - 1) * (compact ? COMPACT_GAP : MIN_GAP);
    const width = Math.max(available || 600, required);
    this.body.style.width = `${width}px`;
    this.header.style.width = `${width}px`;
    const gap = twoD ? 12 : 8;
    // Columns: inputs (all 7 features for 2-D data), hidden layers, output.
    const columns = [];
    if (twoD) {
      columns.push(FEATURES.filter((f) => !this.activeOnly || state.features.includes(f.id)).map((f) => {
        const active = state.features.includes(f.id);
        return { label: f.label, feature: f.id, active, index: active ? state.features.indexOf(f.id) : -1 };
      }));
    } else {
      columns.push(shownIndices(net.layers[0]).map((i) => ({ label: net.inputNames[i] ?? `x${i + 1}`, active: true, index: i })));
    }
    for (let l = 1; l < L; l++) columns.push(shownIndices(net.layers[l]).map((j) => ({ active: true, index: j })));
    const maxRows = Math.max(...columns.map((c) => c.length));
    const top = 8;
    const height = top + maxRows * (node + gap) + 24;
    const colX = columns.map((_, c) => (L === 1 ? left : left + (c * (width - left - right - node)) / (L - 1)));

    this.svg.replaceChildren();
    this.svg.setAttribute('width', width); this.svg.setAttribute('height', height);
    // With OffscreenCanvas the worker draws the links on one canvas under the SVG, which keeps
    // only the invisible hit paths (hover, click): no SVG path changes, so no layout or paint.
    const offscreen = !!this.handlers.onOffscreen && typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function';
    this.linkCanvas?.remove();
    this.linkCanvas = null;
    const geometry = [];
    if (offscreen) {
      const dpr = window.devicePixelRatio || 1;
      this.linkCanvas = h('canvas', { class: 'bp-links-canvas', width: Math.round(width * dpr), height: Math.round(height * dpr), 'aria-hidden': 'true', style: { width: `${width}px`, height: `${height}px` } });
      this.body.prepend(this.linkCanvas);
      this.linkGeometry = { geometry, dpr };
    }
    this.body.style.height = `${height}px`;
    for (const n of this.nodes) n.el.remove();
    this.nodes = []; this.links = [];

    const pos = columns.map((col, c) => col.map((_, k) => ({ x: colX[c], y: top + k * (node + gap) })));
    // Links between displayed neurons of adjacent columns.
    for (let c = 0; c + 1 < columns.length; c++) {
      for (const [a, src] of columns[c].entries()) {
        if (!src.active) continue;
        for (const [b, dst] of columns[c + 1].entries()) {
          const p = pos[c][a]; const q = pos[c + 1][b];
          const x1 = p.x + node; const y1 = p.y + node / 2; const x2 = q.x; const y2 = q.y + node / 2;
          const mx = (x1 + x2) / 2;
          const index = weightIndex(this.layout, c, src.index, dst.index);
          const d = `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
          const path = offscreen ? null : h('svg:path', { d, class: 'bp-link' });
          const hit = h('svg:path', { d, class: 'bp-link-hit' });
          const fromName = c === 0 ? src.label : `L${c} n${src.index + 1}`;
          const toName = c + 1 === L - 1 ? `output ${dst.index + 1}` : `L${c + 1} n${dst.index + 1}`;
          const item = { index, label: `Weight ${fromName} → ${toName}` };
          hit.addEventListener('pointerenter', (e) => this.handlers.card.show([item], { x: e.clientX, y: e.clientY }));
          hit.addEventListener('pointerleave', () => this.handlers.card.hide());
          hit.addEventListener('click', (e) => {
            this.handlers.card.show([item], { x: e.clientX, y: e.clientY }, { edit: true });
            this.handlers.onPick?.({ kind: 'weight', parameter: index, layer: c + 1, row: dst.index, column: src.index });
          });
          hit.dataset.parameter = String(index);
          if (offscreen) {
            this.svg.append(hit);
            geometry.push(x1, y1, x2, y2, index);
          } else {
            this.svg.append(path, hit);
            this.links.push({ path, index });
          }
        }
      }
    }
    // Nodes.
    columns.forEach((col, c) => {
      col.forEach((n, k) => {
        const p = pos[c][k];
        const isInput = c === 0; const isOutput = c === L - 1;
        const row = isInput ? (n.active ? n.index : -1) : neuronRow(net.layers, c, n.index);
        const name = isInput ? `Input ${n.label}` : isOutput ? `Output neuron ${n.index + 1}` : `Layer ${c} neuron ${n.index + 1}`;
        const el = h(isInput && twoD ? 'button' : 'div', {
          class: `bp-node${n.active ? '' : ' bp-node-off'}${isOutput ? ' bp-node-out' : ''}${twoD ? '' : ' bp-node-dot'}`,
          style: { left: `${p.x}px`, top: `${p.y}px`, width: `${node}px`, height: `${node}px` },
          tabindex: isInput && !twoD ? undefined : '0',
          type: isInput && twoD ? 'button' : undefined,
          'aria-label': isInput && twoD ? `Feature ${n.label}` : `${name}${isInput ? '' : ': press Enter to edit its bias and weights'}`,
          'aria-pressed': isInput && twoD ? String(n.active) : undefined,
          role: isInput || !twoD ? undefined : 'button',
        });
        const entry = { el, row, canvas: null, bias: null, biasIndex: -1, isOutput, layer: c };
        el.dataset.level = String(c); el.dataset.neuron = String(n.index);
        if (twoD) {
          entry.canvas = h('canvas', { width: 24, height: 24, class: 'bp-thumb' });
          el.append(entry.canvas);
        }
        if (isInput) {
          const label = h('span', { class: 'bp-node-label' }, n.label);
          el.append(label);
          if (twoD) el.addEventListener('click', () => this.handlers.onToggleFeature(n.feature));
        } else {
          entry.biasIndex = biasIndex(this.layout, c - 1, n.index);
          entry.bias = h('span', { class: 'bp-bias' });
          el.append(entry.bias);
          const biasItem = { index: entry.biasIndex, label: `Bias of ${name.toLowerCase()}` };
          entry.bias.addEventListener('pointerenter', (e) => { e.stopPropagation(); this.handlers.card.show([biasItem], { x: e.clientX, y: e.clientY }); });
          entry.bias.addEventListener('pointerleave', () => this.handlers.card.hide());
          entry.bias.addEventListener('click', (e) => {
            e.stopPropagation();
            this.handlers.card.show([biasItem], { x: e.clientX, y: e.clientY }, { edit: true });
            this.handlers.onPick?.({ kind: 'bias', parameter: entry.biasIndex, layer: c, row: n.index, column: -1 });
          });
          // math panel (issue 13): clicking a neuron picks it (level c + 1 in the seed's notation).
          el.addEventListener('click', () => this.handlers.onPick?.({ kind: 'neuron', layer: c, row: n.index }));
          el.addEventListener('keydown', (e) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault(); e.stopPropagation();
            const r = el.getBoundingClientRect();
            this.handlers.card.show(this.#nodeItems(c, n.index, biasItem, columns[c - 1]), { x: r.right, y: r.top }, { edit: true, title: name });
          });
        }
        if (row >= 0 && twoD) {
          el.addEventListener('pointerenter', () => this.handlers.onFocus(row, name));
          el.addEventListener('pointerleave', () => this.handlers.onFocus(-1));
          el.addEventListener('focus', () => this.handlers.onFocus(row, name));
          el.addEventListener('blur', () => this.handlers.onFocus(-1));
        }
        this.body.append(el);
        this.nodes.push(entry);
      });
      const total = net.layers[c];
      if (total > col.length && !(twoD && c === 0)) {
        const more = h('div', { class: 'bp-more', style: { left: `${colX[c]}px`, top: `${top + col.length * (node + gap) - gap + 2}px`, width: `${node}px` } }, `+${total - col.length}`);
        this.body.append(more);
        this.nodes.push({ el: more, row: -1 });
      }
    });
    this.#renderHeader(colX, node);
    this.#handOver();
    if (this.lastParams) this.update(this.lastParams, this.lastThumbs);
  }

  #handOver() {
    if (!this.linkCanvas) return;
    const thumbs = [];
    for (const n of this.nodes) {
      if (!n.canvas || n.row < 0) continue;
      n.offscreen = true;
      thumbs.push({ canvas: n.canvas.transferControlToOffscreen(), row: n.row, isOutput: n.isOutput });
    }
    const { geometry, dpr } = this.linkGeometry;
    const links = { canvas: this.linkCanvas.transferControlToOffscreen(), dpr, geometry: Float32Array.from(geometry) };
    this.handlers.onOffscreen({ thumbs, links });
  }

  #nodeItems(layer, j, biasItem, sources) {
    const items = [biasItem];
    for (const src of sources) {
      if (!src.active || items.length > 8) continue;
      const from = layer === 1 ? (src.label || `x${src.index + 1}`) : `L${layer - 1} n${src.index + 1}`;
      items.push({ index: weightIndex(this.layout, layer - 1, src.index, j), label: `Weight from ${from}` });
    }
    return items;
  }

  #renderHeader(colX, node) {
    const { net, state } = this;
    const L = net.layers.length;
    const hidden = L - 2;
    this.header.replaceChildren();
    this.header.style.height = `${this.headerHeight ?? 86}px`;
    const layerCtl = h('div', { class: 'bp-layers-ctl', 'data-control': 'network-shape' },
      iconButton('plus', 'Add a hidden layer', { disabled: hidden >= LIMITS.maxHiddenLayers, onclick: () => this.handlers.onLayers(1) }),
      iconButton('minus', 'Remove the last hidden layer', { disabled: hidden <= 0, onclick: () => this.handlers.onLayers(-1) }),
      h('span', { class: 'bp-layers-count' }, `${hidden} hidden layer${hidden === 1 ? '' : 's'}`));
    this.header.append(layerCtl);
    const col = (x, ...children) => h('div', { class: 'bp-col-head', style: { left: `${x + node / 2}px`, top: `${this.headTop ?? 34}px` } }, ...children);
    this.header.append(col(colX[0], h('span', { class: 'bp-col-title' }, net.twoD ? 'Features' : `${net.layers[0]} inputs`)));
    for (let l = 1; l <= hidden; l++) {
      const n = net.layers[l];
      const act = state.activations[l - 1];
      this.header.append(col(colX[l],
        h('div', { class: 'bp-neuron-ctl', 'data-control': 'network-shape' },
          iconButton('plus', `Add a neuron to layer ${l}`, { disabled: n >= LIMITS.maxNeurons, onclick: () => this.handlers.onNeurons(l - 1, 1) }),
          iconButton('minus', `Remove a neuron from layer ${l}`, { disabled: n <= 1, onclick: () => this.handlers.onNeurons(l - 1, -1) })),
        h('span', { class: 'bp-col-title' }, `${n} neuron${n === 1 ? '' : 's'}`),
        select(ACTIVATIONS.map((a) => [a, ACTIVATION_LABELS[a]]), act, {
          class: 'bp-mini-select', 'data-control': 'activation', 'aria-label': `Activation of layer ${l}`,
          onchange: (e) => this.handlers.onLayerActivation(l - 1, e.target.value),
        })));
    }
    const nOut = net.layers[L - 1];
    this.header.append(col(colX[L - 1], h('span', { class: 'bp-col-title' }, nOut === 1 ? 'Output' : `${nOut} outputs`),
      h('span', { class: 'bp-col-sub' }, headLabel(net.head))));
  }

  /** Every frame: link widths and colours from the parameters; thumbnails from the grids unless
   *  the worker paints them (onOffscreen); links only when the SVG draws them. */
  update(params, thumbs) {
    this.lastParams = params; this.lastThumbs = thumbs;
    if (!params) return;
    // Only what changed is written: an unchanged attribute costs no style, layout or paint.
    for (const link of this.links) {
      const w = params[link.index];
      const width = (0.6 + Math.min(Math.abs(w), 5) * 1.6).toFixed(1);
      const stroke = divergingCss(w);
      if (width !== link.width) { link.width = width; link.path.setAttribute('stroke-width', width); }
      if (stroke !== link.stroke) { link.stroke = stroke; link.path.setAttribute('stroke', stroke); }
    }
    for (const n of this.nodes) {
      if (n.bias && n.biasIndex >= 0) {
        const background = divergingCss(params[n.biasIndex]);
        if (background !== n.background) { n.background = background; n.bias.style.background = background; }
      }
      if (!n.canvas || n.offscreen || !thumbs || n.row < 0) continue;
      const ctx = n.canvas.getContext('2d');
      if (!n.image || n.image.width !== thumbs.n) { n.canvas.width = thumbs.n; n.canvas.height = thumbs.n; n.image = ctx.createImageData(thumbs.n, thumbs.n); }
      paintThumb(n.image, thumbs, n.row, n.isOutput, this.net.head);
      ctx.putImageData(n.image, 0, 0);
    }
  }
}

function shownIndices(n) {
  if (n <= MAX_SHOWN) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: MAX_SHOWN }, (_, i) => i);
}

function headLabel(head) {
  return { tanh: 'tanh · quadratic', sigmoid: 'sigmoid · cross-entropy', softmax: 'softmax · cross-entropy', linear: 'linear · quadratic' }[head] || head;
}

