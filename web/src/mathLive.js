// The math panel's live part (issue 13), loaded with its KaTeX CSS when the panel first opens
// (mathPanel.js imports this module dynamically): for the picked training sample, neuron and
// weight, every quantity of the derivation with its equation instantiated with the numbers, the
// central difference beside the gradient, the per-sample and mini-batch gradient, the pending
// update with the optimizer's state, and a step-through of one sample through one training step.
//
// Every number comes from the engine (the worker's trace message: trainer.traceSample,
// finiteDifference, pendingUpdate); this module only formats the terms from the trace's arrays.
// Fixed equations are KaTeX trees pre-rendered at build time (mathTex.js); the numbers are text
// nodes written in place each frame (no re-typesetting, no HTML strings).
import katexCss from 'katex/dist/katex.min.css?inline';
import { h } from './dom.js';
import { tex } from './mathTex.js';
import { parameterLayout } from './model.js';
import { ToWorker } from './protocol.js';
import { fmt, sup, sub } from './mathFormat.js';

// --- notation (mathFormat.js: shared with the e2e test) ----------------------------------------
const MAX_TERMS = 6;
const paren = (x) => (x < 0 ? `(${fmt(x)})` : fmt(x));

/** Σ of products, written out: "0.12·0.51 + (−0.034)·1.2 + … 3 more", as the parts of a line
 *  (#setParts): each term with `ref`, the neurons and parameters it came from (refOf(j)). */
function sumParts(pairs, refOf) {
  const parts = [];
  pairs.slice(0, MAX_TERMS).forEach(([u, v], j) => {
    if (j) parts.push(' + ');
    parts.push({ text: `${paren(u)}·${paren(v)}`, ref: refOf(j) });
  });
  if (pairs.length > MAX_TERMS) parts.push(` + … ${pairs.length - MAX_TERMS} more`);
  return parts;
}
const sumText = (pairs) => sumParts(pairs, () => null).map((part) => (typeof part === 'string' ? part : part.text)).join('');

const COST_DERIVATIVE = {
  quadratic: (a, y) => `a − y = ${fmt(a)} − ${paren(y)}`,
  huber: (a, y) => `clip(a − y, ±1) = clip(${fmt(a)} − ${paren(y)})`,
  binary_cross_entropy: (a, y) => `(a − y) / (a(1 − a)) = (${fmt(a)} − ${paren(y)}) / (${fmt(a)}·(1 − ${fmt(a)}))`,
  cross_entropy: (a, y) => `−y / a = −${paren(y)} / ${fmt(a)}`,
};

// KaTeX's CSS, adopted by the document (its @font-face rules must be document-wide: the browser
// then fetches only the fonts the rendered equations use) and by a component's shadow root.
// The panel's own rules travel with it too (nothing of it on the default page).
const PANEL_CSS = `
.bp-math-body { max-width: 1320px; }
.bp-math-live { display: grid; gap: 12px; font-size: 13px; }
.bp-math-head { gap: 10px; align-items: center; flex-wrap: wrap; }
.bp-math-sample { font-weight: 600; }
.bp-math-pick { color: #555; }
.bp-math-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 12px; }
.bp-math-box { border: 1px solid #dde3ea; border-radius: 8px; padding: 10px 12px; background: #fbfcfd; min-width: 0; }
.bp-math-box h3 { margin: 0 0 6px; }
.bp-math-row { display: grid; grid-template-columns: 110px 1fr auto; grid-template-areas: 'label eq value' 'label inst value'; column-gap: 10px; row-gap: 2px; padding: 6px 0; border-top: 1px solid #eef1f4; align-items: baseline; }
.bp-math-row:first-of-type { border-top: 0; }
.bp-math-label { grid-area: label; color: #667; font-size: 12px; }
.bp-math-eq { grid-area: eq; font-size: 15px; overflow-x: auto; overflow-y: hidden; }
.bp-math-inst { grid-area: inst; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; color: #334; overflow-wrap: anywhere; }
.bp-math-value { grid-area: value; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-weight: 600; font-size: 13px; text-align: right; min-width: 5.5em; }
.bp-math-step { display: grid; grid-template-columns: minmax(0, 1fr); gap: 6px; }
.bp-math-stepper { gap: 8px; align-items: center; }
.bp-math-stepper h3 { margin: 0 8px 0 0; }
.bp-math-stepcount { font-variant-numeric: tabular-nums; min-width: 4em; text-align: center; }
.bp-math-stepeq { grid-area: auto; font-size: 17px; padding: 4px 0; }
.bp-math-lines { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; display: grid; gap: 2px; }
.bp-math-line { overflow-wrap: anywhere; }
.bp-math-erratum-row { color: #8a4b00; }
.bp-node.bp-hl { outline: 3px solid #f5a623; outline-offset: 2px; }
.bp-link-hit.bp-hl { stroke: rgba(245, 166, 35, 0.55); stroke-width: 6px; }
.bp-picking .bp-points { cursor: crosshair; }
.bp-math-ring { position: absolute; pointer-events: none; }
.bp-math-term { border-bottom: 1px dotted #99a; cursor: help; }
.bp-math-term:hover { background: #fdebc8; }
`;
let sheets = null;
function adoptKatexCss(node) {
  if (!sheets) {
    sheets = [new CSSStyleSheet(), new CSSStyleSheet()];
    sheets[0].replaceSync(katexCss);
    sheets[1].replaceSync(PANEL_CSS);
  }
  for (const root of new Set([document, node.getRootNode()])) {
    if (root.adoptedStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets.filter((x) => !sheets.includes(x)), ...sheets];
  }
}

// --- the output plot and the diagram, from outside (nothing of this on the default page) ---------
// Picks the training sample nearest a click on the output plot (within 12 px) while the plot does
// not add points, and rings the picked one on an overlay canvas.
class SamplePicker {
  constructor(plot, onPick) {
    this.plot = plot;
    this.ring = h('canvas', { class: 'bp-math-ring', 'aria-hidden': 'true' });
    this.handler = (e) => {
      if (plot.addingEnabled || !plot.extent || !plot.data?.train) return;
      const s = plot.data.train; const r = plot.points.getBoundingClientRect(); const ex = plot.extent;
      let best = -1; let bestD = 144;
      for (let i = 0; i < s.n; i++) {
        const px = ((s.x[2 * i] - ex.x0) / (ex.x1 - ex.x0)) * r.width; const py = (1 - (s.x[2 * i + 1] - ex.y0) / (ex.y1 - ex.y0)) * r.height;
        const d = (px - (e.clientX - r.left)) ** 2 + (py - (e.clientY - r.top)) ** 2;
        if (d < bestD) { bestD = d; best = i; }
      }
      if (best >= 0) onPick(best);
    };
    this.on();
  }
  on() { this.plot.points.addEventListener('pointerdown', this.handler); this.plot.el.append(this.ring); this.plot.el.classList.add('bp-picking'); }
  off() { this.plot.points.removeEventListener('pointerdown', this.handler); this.ring.remove(); this.plot.el.classList.remove('bp-picking'); }
  show(i) {
    const { plot, ring } = this;
    const s = plot.data?.train; const ex = plot.extent;
    const r = plot.points.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const W = Math.round(r.width * dpr); const H = Math.round(r.height * dpr);
    if (ring.width !== W || ring.height !== H) { ring.width = W; ring.height = H; }
    ring.style.width = `${r.width}px`; ring.style.height = `${r.height}px`;
    ring.style.left = `${plot.points.offsetLeft}px`; ring.style.top = `${plot.points.offsetTop}px`;
    const ctx = ring.getContext('2d');
    ctx.clearRect(0, 0, ring.width, ring.height);
    if (!s || !ex || !(i >= 0) || i >= s.n) return;
    const px = ((s.x[2 * i] - ex.x0) / (ex.x1 - ex.x0)) * ring.width; const py = (1 - (s.x[2 * i + 1] - ex.y0) / (ex.y1 - ex.y0)) * ring.height;
    ctx.beginPath(); ctx.arc(px, py, 9 * dpr, 0, Math.PI * 2);
    ctx.lineWidth = 2.5 * dpr; ctx.strokeStyle = '#f5a623'; ctx.stroke();
  }
}

/** Highlights diagram nodes ([{ level, neuron }] or whole levels) and links (parameter indices). */
function highlightDiagram(diagram, { nodes = [], levels = [], parameters = [] } = {}) {
  for (const el of diagram.el.querySelectorAll('.bp-node[data-level]')) {
    const level = Number(el.dataset.level); const neuron = Number(el.dataset.neuron);
    el.classList.toggle('bp-hl', levels.includes(level) || nodes.some((x) => x.level === level && x.neuron === neuron));
  }
  const set = new Set(parameters);
  for (const p of diagram.el.querySelectorAll('.bp-link-hit')) p.classList.toggle('bp-hl', set.has(Number(p.dataset.parameter)));
}

// --- the panel ------------------------------------------------------------------------------
export class MathLive {
  /** shell: the MathPanel (el, body); host: the playground's hooks (see mathPanel.js). */
  constructor(shell, host) {
    this.shell = shell;
    this.host = host;
    this.pick = { kind: 'neuron', layer: 1, row: 0 };
    this.erratum = false;
    this.id = 0; this.inFlight = false; this.msg = null;
    this.values = new Map();  // key -> Text node written in place
    this.instEls = new Map(); // key -> the instantiated line's element (#setParts)

    this.sampleInfo = h('span', { class: 'bp-math-sample', 'data-q': 'sample' });
    this.pickInfo = h('span', { class: 'bp-math-pick', 'data-q': 'pick' });
    this.random = h('button', { type: 'button', class: 'bp-btn bp-btn-small bp-math-random', onclick: () => this.randomSample() }, 'Random sample');
    this.status = h('p', { class: 'bp-hint bp-math-status', 'aria-live': 'polite' });
    this.neuronBox = h('div', { class: 'bp-math-box bp-math-neuron', 'aria-label': 'The picked neuron' });
    this.paramBox = h('div', { class: 'bp-math-box bp-math-param', 'aria-label': 'The picked weight or bias' });
    this.stepBox = h('div', { class: 'bp-math-box bp-math-step' });
    adoptKatexCss(shell.el);
    const intro = h('div', { class: 'bp-erratum', role: 'note' }, h('strong', {}, 'Erratum in the seed. '),
      'The derivation this project grew from ends with δˡ⁻¹ᵢ = Σₖ δˡₖ wˡₖᵢ. That sum is only ∂C/∂aˡᵢ; by its own definition δˡ⁻¹ᵢ = ∂C/∂zˡ⁻¹ᵢ needs the factor σ′(zˡ⁻¹ᵢ). ',
      'The engine implements the corrected recursion; the step-through shows the seed\'s version beside the central difference at the recursion.');
    this.live = h('div', { class: 'bp-math-live' }, intro,
      h('div', { class: 'bp-row bp-math-head' }, this.sampleInfo, this.random, this.pickInfo),
      h('p', { class: 'bp-hint' }, 'Click a point in the output plot to pick a sample, a neuron or a link in the diagram to pick it. Values follow training every frame and stay while paused.'),
      h('div', { class: 'bp-math-grid' }, this.neuronBox, this.paramBox),
      this.stepBox, this.status);
    shell.liveHost.replaceChildren(this.live);
    this.#buildStepper();
    this.picker = new SamplePicker(host.plot, (i) => this.setSample(i));
    const s = host.state();
    if (!(s.sample >= 0)) this.randomSample(); else this.setSample(s.sample);
    if (s.step >= 0) this.goTo(s.step);
    this.request();
  }

  // --- picking ---------------------------------------------------------------------------------
  get n() { return this.host.data()?.train?.n ?? 0; }
  randomSample() { if (this.n > 0) this.setSample(Math.floor(Math.random() * this.n)); }
  setSample(i) {
    if (!(i >= 0)) return;
    if (this.n > 0 && i >= this.n) i = this.n - 1;
    if (this.host.state().sample !== i) this.host.set({ sample: i });
    this.picker.show(i);
    this.request(true);
  }
  /** From the diagram: { kind: 'neuron'|'weight'|'bias', layer, row, column?, parameter? }. */
  setPick(p) {
    if (p.kind === 'neuron' && p.layer === 0) return;  // inputs: nothing to derive
    this.pick = p;
    if (p.kind !== 'neuron') this.lastParameter = p;
    this.request(true);
  }
  get parameter() { return this.lastParameter?.parameter ?? this.#defaultParameter(); }
  #defaultParameter() {
    const net = this.host.net();
    if (!net) return -1;
    const L = parameterLayout(net.layers);
    this.lastParameter = { kind: 'weight', parameter: L.blocks[0].weights, layer: 1, row: 0, column: 0 };
    return this.lastParameter.parameter;
  }

  // --- worker round trip: one trace in flight at a time, one per frame -----------------------
  request(force = false) {
    if (!this.shell.el.open || (this.inFlight && !force)) return;
    const sample = this.host.state().sample;
    if (!(sample >= 0) || !this.host.net()) return;
    this.inFlight = true;
    const step = this.steps?.[this.stepIndex];
    this.host.post(ToWorker.trace, { id: ++this.id, sample, parameter: this.parameter, erratum: this.erratum || step?.kind === 'rec', newLoss: step?.kind === 'newLoss' });
  }
  onFrame() { this.request(); }
  onNetwork() { this.lastParameter = null; this.pick = { kind: 'neuron', layer: 1, row: 0 }; this.#buildStepper(); this.request(true); }
  onTrace(msg) {
    if (msg.id !== this.id) return;  // an older answer: a newer request is on its way
    this.inFlight = false;
    if (msg.error) { this.status.textContent = msg.error; return; }
    this.status.textContent = '';
    this.msg = msg;
    this.render();
  }

  // --- text nodes written in place -------------------------------------------------------------
  #text(key) {
    let t = this.values.get(key);
    if (!t) { t = document.createTextNode(''); this.values.set(key, t); }
    return t;
  }
  #set(key, text) { const t = this.#text(key); if (t.data !== text) t.data = text; }
  /** An instantiated line whose terms link (hover) to the neurons and weights they came from: parts
   *  are strings or { text, ref: { nodes, parameters } }. Its spans are made when the line's shape
   *  changes (another pick or network); each frame only their text nodes change. */
  #setParts(key, parts) {
    const el = this.instEls.get(key);
    if (!el) return;
    const shape = parts.map((part) => (typeof part === 'string' ? '' : JSON.stringify(part.ref))).join('|');
    if (el.bpShape !== shape) {
      el.bpShape = shape;
      el.replaceChildren(...parts.map((part) => {
        if (typeof part === 'string') return document.createTextNode(part);
        const span = h('span', { class: 'bp-math-term', 'data-ref': JSON.stringify(part.ref) }, document.createTextNode(part.text));
        span.addEventListener('mouseenter', () => highlightDiagram(this.host.diagram, part.ref));
        span.addEventListener('mouseleave', () => this.#highlight());
        return span;
      }));
      return;
    }
    parts.forEach((part, j) => {
      const node = typeof part === 'string' ? el.childNodes[j] : el.childNodes[j].firstChild;
      const text = typeof part === 'string' ? part : part.text;
      if (node.data !== text) node.data = text;
    });
  }
  /** A row: label, the pre-rendered equation, the instantiated line (a text node), the value. */
  #row(key, label, eq) {
    const inst = h('div', { class: 'bp-math-inst', 'data-q': `${key}-inst` }, this.#text(`${key}-inst`));
    this.instEls.set(`${key}-inst`, inst);
    return h('div', { class: 'bp-math-row', 'data-row': key },
      h('div', { class: 'bp-math-label' }, label),
      eq ? h('div', { class: 'bp-math-eq' }, tex(eq)) : null,
      inst,
      h('output', { class: 'bp-math-value', 'data-q': key }, this.#text(key)));
  }

  #layout() {
    const net = this.host.net();
    const key = `${net.layers.join('-')}|${this.pick.kind}|${this.pick.layer}|${this.pick.row}|${this.lastParameter?.parameter}|${this.erratum}`;
    if (key === this.layoutKey) return;
    this.layoutKey = key;
    const last = net.layers.length - 1;
    const p = this.pick.kind === 'neuron' ? this.pick : { layer: this.pick.layer + (this.pick.kind === 'weight' ? 0 : 0), row: this.pick.row };
    const output = p.layer === last;
    this.neuronBox.replaceChildren(
      h('h3', { class: 'bp-sub' }, 'Neuron'),
      this.#row('z', 'weighted input', 'forwardZ'),
      this.#row('a', 'activation', 'forwardA'),
      this.#row('sp', 'σ′(z)', null),
      this.#row('dCda', output ? '∂C/∂a (cost)' : '∂C/∂a', output ? null : 'dCda'),
      this.#row('delta', 'δ', output ? 'outputDelta' : 'recursion'));
    this.paramBox.replaceChildren(
      h('h3', { class: 'bp-sub' }, this.lastParameter?.kind === 'bias' ? 'Bias' : 'Weight'),
      this.#row('grad', 'this sample', 'gradients'),
      this.#row('fd', 'central difference', 'fd'),
      this.#row('batch', 'mini-batch', 'batch'),
      this.#row('update', 'next update', this.msg?.pending?.optimizer ?? this.host.state().optimizer),
      this.#row('state', 'optimizer state', null));
  }

  // --- rendering ---------------------------------------------------------------------------------
  render() {
    const m = this.msg;
    if (!m?.trace || !this.host.net()) return;
    this.#layout();
    const t = m.trace;
    const net = this.host.net();
    const layout = parameterLayout(net.layers);
    const P = m.params;
    const W = (k, r, c) => P[layout.blocks[k].weights + c * layout.blocks[k].nOut + r];
    const x = t.input;
    this.sampleInfo.textContent = `Sample #${t.sample} · x = (${Array.from(x.slice(0, 4), fmt).join(', ')}${x.length > 4 ? ', …' : ''})${t.label >= 0 ? ` · class ${t.label}` : ''} · C = ${fmt(t.cost)}`;
    this.sampleInfo.dataset.sample = String(t.sample);
    if (this.ringAt !== t.sample) { this.ringAt = t.sample; this.picker.show(t.sample); }

    // The neuron: column c of the diagram = level c + 1; its z is z^c (trace layer k = c - 1).
    const c = this.pick.kind === 'neuron' ? this.pick.layer : (this.pick.kind === 'weight' ? this.pick.layer : this.pick.layer);
    const i = this.pick.row;
    const k = c - 1;
    const l = c;
    const layer = t.layers[k];
    const K = t.layers.length;
    this.pickInfo.textContent = `Neuron ${i + 1} of level ${l + 1}${l === K ? ' (output)' : ''}`;
    const zPairs = Array.from(t.a[k], (a, j) => [W(k, i, j), a]);
    const block = layout.blocks[k];
    // Each term links to where it came from: w^l_ij a^l_j to neuron j of level l and that weight.
    this.#setParts('z-inst', [`z${sup(l)}${sub(i)} = `,
      ...sumParts(zPairs, (j) => ({ nodes: [{ level: k, neuron: j }], parameters: [block.weights + j * block.nOut + i] })),
      ' + ', { text: paren(P[block.biases + i]), ref: { nodes: [], parameters: [block.biases + i] } }]);
    this.#set('z', fmt(layer.z[i]));
    this.#set('a-inst', `a${sup(l + 1)}${sub(i)} = σ(${fmt(layer.z[i])})`);
    this.#set('a', fmt(t.a[k + 1][i]));
    const sp = layer.sigmaPrime[i];
    this.#set('sp-inst', Number.isNaN(sp) ? 'softmax: its derivative is a Jacobian, not one number' : `σ′(z${sup(l)}${sub(i)})`);
    this.#set('sp', Number.isNaN(sp) ? '–' : fmt(sp));
    if (k < K - 1) {
      const above = t.layers[k + 1];
      const pairs = Array.from(above.delta, (d, r) => [d, W(k + 1, r, i)]);
      // Each term δ^{l+1}_r w^{l+1}_ri links to neuron r of the level above and that weight.
      const next = layout.blocks[k + 1];
      const terms = () => sumParts(pairs, (r) => ({ nodes: [{ level: c + 1, neuron: r }], parameters: [next.weights + i * next.nOut + r] }));
      this.#setParts('dCda-inst', [`∂C/∂a${sup(l + 1)}${sub(i)} = Σₖ δ${sup(l + 1)}ₖ w${sup(l + 1)}ₖ${sub(i)} = `, ...terms()]);
      this.#set('dCda', fmt(layer.dCda[i]));
      const seed = m.seedTrace && this.erratum;
      this.#setParts('delta-inst', [`δ${sup(l)}${sub(i)} = (`, ...terms(), `) · ${fmt(sp)}`
        + (seed ? `   ·   seed as printed: δ = ${fmt(m.seedTrace.layers[k].delta[i])} (no σ′)` : '')]);
    } else {
      const y = t.target[i]; const a = t.a[K][i];
      this.#setParts('dCda-inst', [`∂C/∂a${sup('L')}${sub(i)} = ${(COST_DERIVATIVE[this.cost()] ?? COST_DERIVATIVE.quadratic)(a, y)}`]);
      this.#set('dCda', fmt(layer.dCda[i]));
      const od = t.outputDelta;
      this.#setParts('delta-inst', [od === 'a_minus_y' ? `δ${sup('L-1')}${sub(i)} = a − y = ${fmt(a)} − ${paren(y)}`
        : od === 'softmax_jacobian' ? `δ${sup('L-1')}${sub(i)} = aᵢ (gᵢ − Σⱼ aⱼ gⱼ), g = ∂C/∂a`
          : `δ${sup('L-1')}${sub(i)} = ${fmt(layer.dCda[i])} · ${fmt(sp)}`]);
    }
    this.#set('delta', fmt(layer.delta[i]));

    // The parameter.
    const q = this.lastParameter;
    if (q && q.parameter >= 0) {
      const qk = q.kind === 'bias' ? q.layer - 1 : q.layer - 1;
      const name = q.kind === 'bias' ? `b${sup(q.layer)}${sub(q.row)}` : `w${sup(q.layer)}${sub(q.row, q.column)}`;
      const d = t.layers[qk].delta[q.row];
      this.#set('grad-inst', q.kind === 'bias' ? `∂C/∂${name} = δ${sup(q.layer)}${sub(q.row)} = ${fmt(d)}`
        : `∂C/∂${name} = δ${sup(q.layer)}${sub(q.row)} · a${sup(q.layer)}${sub(q.column)} = ${paren(d)}·${paren(t.a[qk][q.column])}`);
      this.#set('grad', fmt(t.gradient[q.parameter]));
      const fd = m.fd;
      const g = t.gradient[q.parameter];
      const relErr = fd ? Math.abs(g - fd.value) / Math.max(Math.abs(g), Math.abs(fd.value), 1e-8) : NaN;
      const seedG = m.seedTrace?.gradient[q.parameter];
      this.#set('fd-inst', fd ? `(C(θ+h) − C(θ−h)) / 2h, h = ${fd.h}: (${fd.plus.toPrecision(9)} − ${fd.minus.toPrecision(9)}) / ${2 * fd.h} · backprop ${fmt(g)}, relative difference ${relErr.toExponential(1)}`
        + (this.erratum && seedG !== undefined ? ` · seed's gradient ${fmt(seedG)} (mismatch ${(Math.abs(seedG - fd.value) / Math.max(Math.abs(fd.value), 1e-8)).toExponential(1)})` : '') : '');
      this.#set('fd', fd ? fmt(fd.value) : '–');
      const u = m.pending;
      if (u) {
        this.#set('batch-inst', `mean over the ${u.batch.length} samples of the next batch${this.host.state().regularization !== 'none' ? ', with the penalty' : ''}`);
        this.#set('batch', fmt(u.gradient));
        this.#set('update-inst', `${name}: ${fmt(u.value)} → ${fmt(u.next)} (step ${u.step}, η = ${fmt(u.learningRate)})`);
        this.#set('update', fmt(u.update));
        const s = u.state;
        this.#set('state-inst', Object.entries(s).map(([key, v]) => `${{ gradient: 'g', velocity: 'v', meanSquare: 's', m: 'm', v: 'v', mHat: 'm̂', vHat: 'v̂' }[key]} = ${fmt(v)}`).join(', '));
        this.#set('state', '');
      } else {
        this.#set('batch-inst', m.pendingError ?? ''); this.#set('batch', '–');
        this.#set('update-inst', ''); this.#set('update', '–'); this.#set('state-inst', ''); this.#set('state', '');
      }
    }
    this.#highlight();
    this.#renderStep();
  }

  cost() { return this.host.net()?.optionsJson ? JSON.parse(this.host.net().optionsJson).cost : 'quadratic'; }

  // --- step-through ------------------------------------------------------------------------------
  #buildStepper() {
    const net = this.host.net();
    if (!net) return;
    const K = net.layers.length - 1;
    const steps = [];
    for (let k = 0; k < K; k++) {
      steps.push({ kind: 'z', k, title: `Forward, layer ${k + 1}: weighted inputs z${sup(k + 1)}`, eq: 'forwardZ' });
      steps.push({ kind: 'a', k, title: `Forward, layer ${k + 1}: activations a${sup(k + 2)}`, eq: 'forwardA' });
    }
    steps.push({ kind: 'cost', title: 'The cost of this sample', eq: 'cost' });
    steps.push({ kind: 'out', k: K - 1, title: `Backward: δ${sup(K)} of the output from the cost`, eq: 'outputDelta' });
    for (let k = K - 2; k >= 0; k--) steps.push({ kind: 'rec', k, title: `Backward pass at layer ${k + 1}: δ${sup(k + 1)} by the recursion`, eq: 'recursion' });
    steps.push({ kind: 'grad', title: 'Gradients ∂C/∂b = δ, ∂C/∂w = δ aᵀ', eq: 'gradients' });
    steps.push({ kind: 'update', title: 'The update of the picked parameter', eq: 'batch' });
    steps.push({ kind: 'newLoss', title: 'The new loss of this sample after the step', eq: 'newLoss' });
    this.steps = steps;
    this.stepIndex = Math.min(this.stepIndex ?? -1, steps.length - 1);
    this.prev = h('button', { type: 'button', class: 'bp-btn bp-btn-small', 'aria-label': 'Previous equation', onclick: () => this.goTo(this.stepIndex - 1) }, '← Prev');
    this.next = h('button', { type: 'button', class: 'bp-btn bp-btn-small', 'aria-label': 'Next equation', onclick: () => this.goTo(this.stepIndex + 1) }, 'Next →');
    this.stepCount = h('span', { class: 'bp-math-stepcount', 'data-q': 'step' });
    this.stepTitle = h('strong', { class: 'bp-math-steptitle', 'data-q': 'step-title' });
    this.stepEq = h('div', { class: 'bp-math-eq bp-math-stepeq' });
    this.stepLines = h('div', { class: 'bp-math-lines', 'data-q': 'step-lines' });
    this.erratumBox = h('input', { type: 'checkbox', class: 'bp-math-erratum', onchange: (e) => { this.erratum = e.target.checked; this.layoutKey = ''; this.request(true); } });
    this.erratumRow = h('label', { class: 'bp-check bp-math-erratum-row', hidden: true }, this.erratumBox, 'use the seed\'s equation as printed (δ without σ′; never touches training)');
    this.stepBox.replaceChildren(
      h('div', { class: 'bp-row bp-math-stepper', tabindex: '0', onkeydown: (e) => this.#key(e) },
        h('h3', { class: 'bp-sub' }, 'Step through one training step'), this.prev, this.stepCount, this.next),
      this.stepTitle, this.stepEq, this.stepLines, this.erratumRow);
    if (!this.keyHandler) {
      this.keyHandler = (e) => this.#key(e);
      this.shell.el.addEventListener('keydown', this.keyHandler);
    }
    this.#renderStep();
  }

  #key(e) {
    if (e.defaultPrevented || e.target.closest?.('input, select, textarea')) return;
    if (e.key === 'ArrowRight') { this.goTo(this.stepIndex + 1); e.preventDefault(); e.stopPropagation(); }
    if (e.key === 'ArrowLeft') { this.goTo(this.stepIndex - 1); e.preventDefault(); e.stopPropagation(); }
  }

  goTo(index) {
    if (!this.steps) return;
    const i = Math.max(0, Math.min(this.steps.length - 1, index));
    this.stepIndex = i;
    if (this.host.state().step !== i) this.host.set({ step: i });
    const s = this.steps[i];
    if (s.k !== undefined && s.kind !== 'grad') {
      // Follow the step with the neuron box: the first neuron of the layer it computes.
      const level = s.k + 1;
      if (this.pick.layer !== level) this.pick = { kind: 'neuron', layer: level, row: 0 };
    }
    this.stepEqKey = null;
    this.#renderStep();
    this.request(true);
  }

  #renderStep() {
    if (!this.steps) return;
    const i = this.stepIndex ?? -1;
    this.prev.disabled = i <= 0;
    this.next.disabled = i >= this.steps.length - 1;
    this.stepCount.textContent = i < 0 ? `– / ${this.steps.length}` : `${i + 1} / ${this.steps.length}`;
    const s = this.steps[i];
    this.stepBox.dataset.kind = s ? s.kind : '';
    if (!s) { this.stepTitle.textContent = 'Press Next → (or the arrow keys) to walk this sample forward and backward.'; this.stepEq.replaceChildren(); this.stepLines.replaceChildren(); return; }
    this.stepTitle.textContent = s.title;
    const eqKey = s.kind === 'out' && this.msg?.trace?.outputDelta === 'a_minus_y' ? 'outputDeltaFused' : s.kind === 'update' ? (this.msg?.pending?.optimizer ?? 'sgd') : s.eq;
    if (this.stepEqKey !== eqKey) {
      this.stepEqKey = eqKey;
      const extra = s.kind === 'update' ? [tex('batch'), ' ', tex(eqKey)] : s.kind === 'rec' ? [tex('recursion'), h('br'), tex('recursionSeed')] : [tex(eqKey)];
      this.stepEq.replaceChildren(...extra);
    }
    this.erratumRow.hidden = s.kind !== 'rec';
    this.#stepLines(s);
  }

  #stepLines(s) {
    const m = this.msg;
    const t = m?.trace;
    if (!t) return;
    const net = this.host.net();
    const layout = parameterLayout(net.layers);
    const W = (k, r, c) => m.params[layout.blocks[k].weights + c * layout.blocks[k].nOut + r];
    const lines = [];
    const each = (n, f) => { for (let r = 0; r < Math.min(n, MAX_TERMS); r++) lines.push(f(r)); if (n > MAX_TERMS) lines.push(`… ${n - MAX_TERMS} more`); };
    const K = t.layers.length;
    if (s.kind === 'z') each(t.layers[s.k].z.length, (r) => `z${sup(s.k + 1)}${sub(r)} = ${sumText(Array.from(t.a[s.k], (a, j) => [W(s.k, r, j), a]))} + ${paren(m.params[layout.blocks[s.k].biases + r])} = ${fmt(t.layers[s.k].z[r])}`);
    else if (s.kind === 'a') each(t.a[s.k + 1].length, (r) => `a${sup(s.k + 2)}${sub(r)} = σ(${fmt(t.layers[s.k].z[r])}) = ${fmt(t.a[s.k + 1][r])}`);
    else if (s.kind === 'cost') lines.push(`C(a, y) with a = (${Array.from(t.prediction, fmt).join(', ')}), y = (${Array.from(t.target, fmt).join(', ')}) = ${fmt(t.cost)}`);
    else if (s.kind === 'out') each(t.layers[K - 1].delta.length, (r) => `δ${sup(K)}${sub(r)} = ${t.outputDelta === 'a_minus_y' ? `${fmt(t.a[K][r])} − ${paren(t.target[r])}` : `${fmt(t.layers[K - 1].dCda[r])} · ${fmt(t.layers[K - 1].sigmaPrime[r])}`} = ${fmt(t.layers[K - 1].delta[r])}`);
    else if (s.kind === 'rec') {
      each(t.layers[s.k].delta.length, (r) => {
        const pairs = Array.from(t.layers[s.k + 1].delta, (d, q) => [d, W(s.k + 1, q, r)]);
        const seed = this.erratum && m.seedTrace ? `   seed: ${fmt(m.seedTrace.layers[s.k].delta[r])}` : '';
        return `δ${sup(s.k + 1)}${sub(r)} = (${sumText(pairs)}) · ${fmt(t.layers[s.k].sigmaPrime[r])} = ${fmt(t.layers[s.k].delta[r])}${seed}`;
      });
      const q = this.lastParameter;
      if (this.erratum && m.seedTrace && m.fd && q) {
        const g = m.seedTrace.gradient[q.parameter];
        lines.push(`Picked parameter: seed's gradient ${fmt(g)} vs central difference ${fmt(m.fd.value)} vs backprop ${fmt(t.gradient[q.parameter])} — mismatch ${(Math.abs(g - m.fd.value) / Math.max(Math.abs(m.fd.value), 1e-8)).toExponential(1)}`);
      }
    } else if (s.kind === 'grad') {
      const q = this.lastParameter;
      if (q) lines.push(`∂C/∂θ${sub(q.parameter)} of the picked parameter = ${fmt(t.gradient[q.parameter])} (central difference ${fmt(m.fd?.value)})`);
      each(t.layers[K - 1].delta.length, (r) => `∂C/∂b${sup(K)}${sub(r)} = δ${sup(K)}${sub(r)} = ${fmt(t.layers[K - 1].delta[r])}`);
    } else if (s.kind === 'update') {
      const u = m.pending;
      if (u) lines.push(`g = ${fmt(u.gradient)} over a batch of ${u.batch.length}; θ: ${fmt(u.value)} → ${fmt(u.next)} (change ${fmt(u.update)})`);
      else lines.push(m.pendingError ?? '');
    } else if (s.kind === 'newLoss') {
      lines.push(m.newCost !== undefined ? `C before = ${fmt(t.cost)}, after the next step = ${fmt(m.newCost)} (${m.newCost < t.cost ? 'lower' : 'not lower'})` : (m.newCostError ?? 'computing…'));
    }
    // Rewrite only what changed: the lines are text nodes kept across frames.
    while (this.stepLines.childNodes.length > lines.length) this.stepLines.lastChild.remove();
    lines.forEach((text, r) => {
      let div = this.stepLines.childNodes[r];
      if (!div) { div = h('div', { class: 'bp-math-line' }, document.createTextNode('')); this.stepLines.append(div); }
      if (div.firstChild.data !== text) div.firstChild.data = text;
    });
  }

  #highlight() {
    const d = { highlight: (o) => highlightDiagram(this.host.diagram, o) };
    const s = this.steps?.[this.stepIndex];
    const net = this.host.net();
    const layout = parameterLayout(net.layers);
    const params = (k) => { const b = layout.blocks[k]; return b ? Array.from({ length: b.nIn * b.nOut }, (_, j) => b.weights + j) : []; };
    if (!s) {
      d.highlight({ nodes: this.pick.kind === 'neuron' ? [{ level: this.pick.layer, neuron: this.pick.row }] : [], parameters: this.lastParameter ? [this.lastParameter.parameter] : [] });
      return;
    }
    const K = net.layers.length - 1;
    if (s.kind === 'z' || s.kind === 'a') d.highlight({ levels: [s.k + 1], parameters: s.kind === 'z' ? params(s.k) : [] });
    else if (s.kind === 'cost' || s.kind === 'out' || s.kind === 'newLoss') d.highlight({ levels: [K] });
    else if (s.kind === 'rec') d.highlight({ levels: [s.k + 1], parameters: params(s.k + 1) });
    else if (s.kind === 'grad') d.highlight({ parameters: Array.from({ length: layout.size }, (_, j) => j) });
    else d.highlight({ parameters: this.lastParameter ? [this.lastParameter.parameter] : [] });
  }

  /** The engine's gradient check over a batch (the "Check gradients" button): the core's verdict. */
  showResult(msg) {
    const out = this.shell.result;
    if (msg.error) { out.textContent = msg.error; out.className = 'bp-check-result bp-bad'; return; }
    const r = msg.result;
    const ok = r.ok;  // GradientCheckResult.ok = maxRelativeError < tolerance
    out.className = `bp-check-result ${ok ? 'bp-good' : 'bp-bad'}`;
    out.textContent = `${ok ? '✓ Gradients agree' : '✗ Gradients disagree'}: max relative error `
      + `${r.maxRelativeError.toExponential(2)} ${ok ? '<' : '≥'} tolerance ${r.tolerance.toExponential(0)}`
      + `${ok ? '' : ` at ${r.worstName}`}, whole-vector ${r.vectorRelativeError.toExponential(2)} over ${r.checked} parameters`
      + `${r.nearKink ? (ok ? ' (a ReLU input was near its kink)' : ' (a ReLU input was near its kink: that can be the kink, not a bug)') : ''}`
      + ` · ${msg.ms.toFixed(0)} ms`;
  }

  close() { this.picker.off(); highlightDiagram(this.host.diagram, {}); }
  reopen() {
    this.picker.on();
    this.picker.show(this.host.state().sample);
    this.request(true);
  }
}
