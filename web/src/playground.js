// One playground: builds its DOM inside the mount element, starts its own worker (which owns the
// WASM module), keeps the settings (optionally in the URL hash), and draws the worker's frames
// with requestAnimationFrame. Nothing here is global: several playgrounds can share a page.
import { h, formatNumber } from './dom.js';
import { ToWorker, FromWorker } from './protocol.js';
import { startEngineWorker } from './spawn.js';
import {
  DEFAULTS, LIMITS, parseHash, toHash, normalizeState, networkSizeError,
} from './state.js';
import { presetFor } from './datasets.js';
import { TopBar, TrainingPanel } from './controls.js';
import { DataPanel } from './dataPanel.js';
import { NetworkDiagram } from './networkDiagram.js';
import { HoverCard } from './hoverCard.js';
import { OutputPlot, outputMode } from './heatmap.js';
import { LossChart } from './lossChart.js';
import { ConfusionMatrix } from './confusionMatrix.js';
import { MathPanel } from './mathPanel.js';
import { ExportPanel } from './exportPanel.js';
import { applyUi, tagControls, showsControl } from './uiOptions.js';
import { UI_DEFAULTS } from './attributes.js';
import { WorkerSupervisor, faultInjectionEnabled } from './workerSupervisor.js';

// The views of data that is not 2-D load with the first such data set: the default page does not
// transfer them (the page's budget, README "The page").
const DATA_VIEWS = {
  projection: () => import('./projection.js').then((m) => m.Projection),
  digits: () => import('./digitsGrid.js').then((m) => m.DigitsGrid),
};

const NETWORK_KEYS = ['dataset', 'networkShape', 'features', 'output', 'seed', 'tfpSeed', 'initZero'];

export class Playground {
  constructor(element, options = {}) {
    this.host = element;
    this.options = options;
    this.ui = options.ui || UI_DEFAULTS;
    this.emit = options.emit || (() => {});
    this.stats = { startedAt: performance.now(), readyAt: NaN, firstFrameAt: NaN, firstTrainedFrameAt: NaN, heapBytes: 0, variant: '', pending: 0 };
    const initial = this.#initialState(options);
    this.state = initial.state;
    this.applied = this.state;
    this.pending = [];
    this.info = null; this.csvInfo = null; this.csvName = '';
    this.data = null; this.net = null; this.frame = null; this.playing = false;
    this.rafId = 0; this.destroyed = false;
    // The engine first: the worker loads and configures it while the page builds its DOM.
    this.engine = options.engine || startEngineWorker(options);
    this.worker = this.engine.worker;
    this.#configure();
    const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (options.autoplay && !reducedMotion) this.play();
    this.#build();
    // Faults (issue 15): a worker that dies is restarted with this setup and the last good weights.
    this.supervisor = new WorkerSupervisor((reason, restart) => this.#workerDied(reason, restart));
    this.supervisor.watch(this.worker);
    this.#attachEngine();
    // Tests only (?bp-test-faults): root.bpFaultInjection, loaded with the restart code.
    if (faultInjectionEnabled()) import('./workerRestart.js').then((m) => m.addFaultHook(this));
    this.#showLinkErrors([...initial.errors, ...(options.linkErrors || [])]);
    if (options.attributeErrors?.length) this.showAttributeErrors(options.attributeErrors);
    if (options.autoplay && reducedMotion) this.#showBanner(['Autoplay is off because your system asks for reduced motion: press play to train.'], 'motion');
    this.#syncControls();
    if (options.tfpLink) this.importTfp(options.tfpLink);
    if (options.hash) {
      this.onHashChange = () => {
        if (window.location.hash === this.writtenHash) return;
        const { state, errors } = parseHash(window.location.hash);
        this.#showLinkErrors(errors);
        this.#apply(state);
      };
      window.addEventListener('hashchange', this.onHashChange);
    }
  }

  // --- public controller ---------------------------------------------------------------------
  play() { this.#post(ToWorker.play); }
  pause() { this.#post(ToWorker.pause); }
  toggle() { if (this.playing) this.pause(); else this.play(); }
  /** steps: that many mini-batch steps; undefined: one frame's worth at the current speed. */
  step(steps) { this.#post(ToWorker.step, steps ? { steps } : {}); }
  reset() { this.#post(ToWorker.reset); }
  getState() { return this.state; }
  /** A copy of the parameters of the last frame (layout: backprop.d.ts). */
  getParameters() { return this.frame?.params ? this.frame.params.slice() : null; }
  /** The last frame's figures, or null before one. */
  get metrics() { return metricsOf(this.frame, this.info); }
  /** The data points in the data's own coordinates: { train: [[x1, x2, label], ...], test }. */
  getData() {
    if (!this.data) return null;
    const rows = (set) => {
      const out = [];
      const d = set.n ? set.x.length / set.n : 0;
      for (let i = 0; i < set.n; i++) {
        const row = Array.from(set.x.subarray(i * d, i * d + d));
        row.push(set.labels ? set.labels[i] : set.targets[i]);
        out.push(row);
      }
      return out;
    };
    return { train: rows(this.data.train), test: rows(this.data.test) };
  }
  /** Imports a TensorFlow Playground link (tfpLink.js, loaded with the first link): its settings,
   *  data, starting weights and training; its `_hide` keys hide their controls. Resolves to the
   *  parse ({ state, messages, ... }). */
  async importTfp(link) {
    let parser;
    try { parser = await import('./tfpLink.js'); } catch (e) {
      this.#showBanner([`The TensorFlow Playground link could not be read: its parser did not load (${e.message}). Reload the page to try again.`], 'link');
      return null;
    }
    if (this.destroyed) return null;
    const read = parser.parseTfpLink(link);
    if (read.messages.length) {
      this.#showBanner(['The TensorFlow Playground link was imported; these parts of it have no counterpart here or were changed:', ...read.messages], 'link');
    } else this.#clearBanner('link');
    if (!read.state) return read;
    if (read.hidden.length) this.setUi({ ...this.ui, controls: parser.withoutHidden(this.ui.controls, read.hidden) });
    this.#apply(read.state);
    return read;
  }
  /** Which controls show, which are locked, which panels show (attributes.js readUi). */
  setUi(ui) { this.ui = ui; this.#applyUi(); }
  /** Bad attributes of a component: a message that names each one, inside the component. */
  showAttributeErrors(errors) {
    if (!errors.length) return;
    this.#showBanner(['Some attributes of this playground could not be used; their defaults are kept:',
      ...errors.map((e) => `${e.attribute}: ${e.message}`)], 'attributes');
  }
  getUrl() {
    const base = this.options.hash ? window.location.href.split('#')[0] : (this.options.baseUrl || window.location.href.split('#')[0]);
    return base + toHash(this.state);
  }
  setState(hashOrPatch) {
    if (typeof hashOrPatch === 'string') {
      const { state, errors } = parseHash(hashOrPatch);
      this.#showLinkErrors(errors);
      this.#apply(state);
    } else {
      this.set(hashOrPatch);
    }
  }
  destroy() {
    this.destroyed = true;
    this.supervisor.stop();
    cancelAnimationFrame(this.rafId);
    this.worker.terminate();
    if (this.onHashChange) window.removeEventListener('hashchange', this.onHashChange);
    for (const c of [this.diagram, this.plot, this.chart, ...Object.values(this.views)]) c.destroy?.();
    this.root.remove();
    this.exportDone?.forEach((done) => done({ error: 'the playground was destroyed' }));
  }

  // --- EXPORT (issue 14): exportFiles.js (loaded on first use) does the work ---------------------
  /** format 'onnx' | 'pytorch' | 'csv' | 'model': the file made in the worker (Uint8Array for
   *  onnx, else text); rejects with the exporter's message when refused. */
  exportFile(format) { return this.#exports().then((m) => m.request(this, (fields) => this.#post(ToWorker.exportFile, fields), format)); }
  /** The picture the PNG button saves, as a PNG Blob. */
  exportPng() { return this.#exports().then((m) => m.png(this.#picture())); }
  #exports() { return import('./exportFiles.js'); }

  // --- setup ---------------------------------------------------------------------------------
  #initialState(options) {
    if (options.hash) return parseHash(window.location.hash);
    if (typeof options.state === 'string') return parseHash(options.state);
    if (options.state && typeof options.state === 'object') return { state: normalizeState({ ...DEFAULTS, ...options.state }), errors: [] };
    return { state: normalizeState(DEFAULTS), errors: [] };
  }

  #build() {
    this.root = h('div', { class: 'bp-root', tabindex: '-1' });
    this.root.addEventListener('keydown', (e) => this.#onKey(e));
    this.card = new HoverCard(this.root, { onEdit: (index, value) => this.#editParameter(index, value) });
    this.topbar = new TopBar({
      onChange: (patch, opts) => this.set(patch, opts),
      onPlay: () => this.toggle(), onStep: () => this.step(), onReset: () => this.reset(),
    });
    this.banner = h('div', { class: 'bp-banner', role: 'alert', hidden: true });
    this.dataPanel = new DataPanel({
      onChange: (patch, opts) => this.set(patch, opts),
      onCsv: (text, task, name) => {
        this.supervisor.csv = { text, task, name };  // replayed into a restarted worker
        this.#post(ToWorker.loadCsv, { text, task, name });
      },
      onClearPoints: () => this.set({ points: { x: new Float32Array(0), labels: new Uint8Array(0) } }),
    });
    this.training = new TrainingPanel({
      onChange: (patch, opts) => this.set(patch, opts),
      onReseed: () => this.set({ seed: (Math.random() * 2 ** 31) >>> 0 }),
    });
    this.diagram = new NetworkDiagram({
      card: this.card,
      onToggleFeature: (id) => this.#toggleFeature(id),
      onLayers: (delta) => this.#changeLayers(delta),
      onNeurons: (layer, delta) => this.#changeNeurons(layer, delta),
      onLayerActivation: (layer, act) => {
        const activations = [...this.state.activations]; activations[layer] = act;
        this.set({ activations });
      },
      onFocus: (row, name) => this.#focus(row, name),
      onPick: (p) => this.math?.pick(p),  // math panel (issue 13)
      // The worker paints the thumbnails and links on these (OffscreenCanvas): worker/offscreen.js.
      onOffscreen: (canvases) => this.#post(ToWorker.canvases, { canvases }, [...canvases.thumbs.map((t) => t.canvas), canvases.links.canvas]),
    });
    this.plot = new OutputPlot({ label: 'Output of the network over the input plane, with the data points', onAddPoint: (x, y, shift) => this.#addPoint(x, y, shift) });
    this.views = {};        // DATA_VIEWS once loaded: { projection, digits }
    this.viewLoads = {};    // their loads, one per kind
    this.chart = new LossChart();
    this.confusion = new ConfusionMatrix();
    // --- math panel (issue 13): its live part loads when it first opens (mathPanel.js) ---
    this.math = new MathPanel({
      onCheck: () => this.#post(ToWorker.gradientCheck, { samples: 16, maxParameters: 400 }),
      host: {
        post: (type, fields) => this.#post(type, fields), state: () => this.state,
        set: (patch) => this.set(patch, { live: true }), data: () => this.data, net: () => this.net,
        diagram: this.diagram, plot: this.plot,
      },
    });
    this.exporter = new ExportPanel({
      onModel: () => this.#post(ToWorker.exportModel),
      onFile: (format) => this.exportFile(format),  // EXPORT (issue 14): ONNX, PyTorch, loss CSV
      onPng: () => this.exporter.savePng(this.#picture()),
      getUrl: () => this.getUrl(),
      getState: () => this.state,
    });

    this.lossTest = h('output', { class: 'bp-big-number' }, '–');
    this.lossTrain = h('output', { class: 'bp-big-number bp-muted' }, '–');
    this.metricTest = h('output', { class: 'bp-big-number' }, '–');
    this.metricLabel = h('span', { class: 'bp-field-label' }, 'Test accuracy');
    this.showTest = h('input', { type: 'checkbox', onchange: (e) => this.set({ showTestData: e.target.checked }, { live: true }) });
    this.discretize = h('input', { type: 'checkbox', onchange: (e) => this.set({ discretize: e.target.checked }, { live: true }) });
    this.logScale = h('input', { type: 'checkbox', onchange: (e) => this.chart.setLog(e.target.checked) });
    this.plotOptions = h('div', { class: 'bp-row bp-checks' },
      h('label', { class: 'bp-check' }, this.showTest, 'Show test data'),
      h('label', { class: 'bp-check' }, this.discretize, 'Discretize output'));
    this.tfpInput = h('input', { type: 'text', class: 'bp-tfp-input', placeholder: 'https://playground.tensorflow.org/#…', 'aria-label': 'TensorFlow Playground link' });
    this.tfpTraining = h('input', { type: 'checkbox', class: 'bp-tfp-training', onchange: (e) => this.set({ tfpTraining: e.target.checked }) });
    this.tfpNote = h('span', { class: 'bp-hint bp-tfp-note' });
    this.tfpTrainingRow = h('label', { class: 'bp-check bp-tfp-training-row', title: 'Examples in a fixed order, mean-of-batch SGD updates, its L1 rule, ½(a−y)² with a tanh output: as TensorFlow Playground trains' },
      this.tfpTraining, 'TFP training (train as TensorFlow Playground does)');
    this.tfpBox = h('div', { class: 'bp-tfp', 'data-control': 'tfp' },
      h('details', { class: 'bp-tfp-import' },
        h('summary', { class: 'bp-sub' }, 'Import a TensorFlow Playground link'),
        h('form', { class: 'bp-row', onsubmit: (e) => { e.preventDefault(); if (this.tfpInput.value.trim()) this.importTfp(this.tfpInput.value); } },
          this.tfpInput, h('button', { type: 'submit', class: 'bp-btn bp-btn-small bp-tfp-import-button' }, 'Import'))),
      this.tfpTrainingRow, this.tfpNote,
      this.tfpLeave = h('button', { type: 'button', class: 'bp-btn bp-btn-small bp-tfp-leave', onclick: () => this.set({ tfpSeed: null, tfpTraining: false, initZero: false }) }, "Use this playground's own data"));
    this.status = h('p', { class: 'bp-status', 'aria-live': 'polite' }, 'Loading the engine…');
    this.netNote = h('p', { class: 'bp-hint bp-net-note' });

    const output = h('section', { class: 'bp-panel bp-output', 'aria-label': 'Output' },
      h('h2', { class: 'bp-panel-title' }, 'Output'),
      h('div', { class: 'bp-metrics' },
        h('div', {}, h('span', { class: 'bp-field-label' }, 'Test loss'), this.lossTest),
        h('div', {}, h('span', { class: 'bp-field-label' }, 'Training loss'), this.lossTrain),
        h('div', {}, this.metricLabel, this.metricTest)),
      this.viewBox = h('div', { class: 'bp-view' }, this.plot.el),
      this.plotOptions,
      this.confusion.el,
      h('div', { class: 'bp-chart-head' }, h('span', { class: 'bp-sub' }, 'Loss over epochs'),
        h('label', { class: 'bp-check' }, this.logScale, 'Log scale')),
      this.chart.el,
      this.exporter.el,
      this.tfpBox);
    const network = h('div', { class: 'bp-center' },
      h('section', { class: 'bp-panel bp-network', 'aria-label': 'Network' }, this.diagram.el, this.netNote),
      this.training.el);
    this.root.append(
      this.topbar.el,
      this.banner,
      h('div', { class: 'bp-main' },
        h('div', { class: 'bp-left' }, this.dataPanel.el),
        network,
        output),
      this.math.el,
      h('footer', { class: 'bp-footer' }, this.status,
        h('p', { class: 'bp-hint' }, 'Shortcuts while the playground has focus: Space or P play/pause, S or → step, R reset. ',
          'Real data sets: UCI Machine Learning Repository (CC BY 4.0): Iris (Fisher, 1936), Wine (Forina et al., 1991), Optical Recognition of Handwritten Digits (Alpaydin & Kaynak, 1998).')),
    );
    this.mainEl = this.root.querySelector('.bp-main');
    this.leftEl = this.root.querySelector('.bp-left');
    this.networkEl = network;
    this.outputEl = output;
    this.footerEl = this.root.querySelector('.bp-footer');
    this.metricsEl = output.querySelector('.bp-metrics');
    this.chartHead = output.querySelector('.bp-chart-head');
    tagControls(this);
    this.#applyUi();
    this.host.append(this.root);
  }

  #applyUi() { if (this.root) applyUi(this, this.ui); }
  /** A control the reader may use now (shown and not locked). */
  #may(id) { return showsControl(this.ui, id) && !this.ui.locked.includes(id); }

  #post(type, fields = {}, transfer = []) { this.worker.postMessage({ type, ...fields }, transfer); }

  // --- state ---------------------------------------------------------------------------------
  /** Changes settings. opts.preset: apply the data set's preset; opts.live: no rebuild needed. */
  set(patch, opts = {}) {
    // Regenerate on an imported TensorFlow Playground link: a new TFP seed, as TFP's own button
    // (Math.random().toFixed(5); TFP draws it from its continuing stream, this from an unseeded one).
    if ('dataSeed' in patch && this.state.tfpSeed != null && !('tfpSeed' in patch)) patch = { ...patch, tfpSeed: Math.random().toFixed(5) };
    let next = { ...this.state, ...patch };
    if (opts.preset && patch.dataset && patch.dataset !== this.state.dataset) {
      Object.assign(next, this.#presetPatch(patch.dataset));
    }
    if (NETWORK_KEYS.some((k) => k in patch && patch[k] !== this.state[k]) || 'activations' in patch) next.weights = null;
    if (next.dataset === 'custom' && !next.points) next.points = { x: new Float32Array(0), labels: new Uint8Array(0) };
    if (next.dataset !== 'custom') next.points = null;
    next = normalizeState(next, next.dataset === 'csv' ? this.csvInfo : null);
    // Limits (issue 15): a network too big to train at interactive speed is refused before it is built.
    const big = networkSizeError(next, next.dataset === 'csv' ? this.csvInfo : null);
    if (big) { this.#showBanner([big, 'The previous settings are kept.'], 'error'); this.#syncControls(); return; }
    this.#apply(next, opts);
  }

  #presetPatch(dataset) {
    const preset = presetFor(dataset);
    if (preset) {
      const { ratio, ...rest } = preset;
      return { ...rest, ...(ratio ? { percTrainData: ratio } : {}) };
    }
    const twoDDefaults = { networkShape: DEFAULTS.networkShape, activations: DEFAULTS.activations, optimizer: DEFAULTS.optimizer, learningRate: DEFAULTS.learningRate, batchSize: DEFAULTS.batchSize, percTrainData: DEFAULTS.percTrainData };
    const from = presetFor(this.state.dataset);
    return from ? twoDDefaults : {};
  }

  #apply(next, opts = {}) {
    const prev = this.state;
    this.state = next;
    this.#syncControls();
    this.#writeHash();
    this.emit('change', { state: next, hash: toHash(next) });
    if (opts.live) {
      if (next.speed !== prev.speed) this.#post(ToWorker.setSpeed, { speed: next.speed });
      if (next.stopEpoch !== prev.stopEpoch || next.stopLoss !== prev.stopLoss) this.#post(ToWorker.setStop, { stopEpoch: next.stopEpoch, stopLoss: next.stopLoss });
      this.plot.setShowTest(next.showTestData || next.dataset === 'custom');
      this.#drawGrid();
      return;
    }
    this.#configure();
  }

  /** Sends the settings (the worker runs them after 'init'); weightsApplied: the worker already
   *  has state.weights (an edit). */
  #configure(weightsApplied = false) {
    this.pending.push(this.state);
    this.stats.pending = this.pending.length;
    this.#post(ToWorker.configure, { config: { state: this.state, weightsApplied } });
  }

  #writeHash() {
    if (!this.options.hash) return;
    const hash = toHash(this.state);
    this.writtenHash = hash;
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
  }

  #syncControls() {
    const info = this.state.dataset === 'csv' ? this.csvInfo : this.info;
    this.topbar.sync(this.state, info);
    this.training.sync(this.state, info);
    this.dataPanel.sync(this.state, info, this.csvName);
    this.showTest.checked = this.state.showTestData;
    this.discretize.checked = this.state.discretize;
    const tfp = this.state.tfpSeed != null;
    this.tfpTrainingRow.hidden = !tfp;
    this.tfpLeave.hidden = !tfp;
    this.tfpTraining.checked = tfp && this.state.tfpTraining;
    this.tfpNote.textContent = tfp ? `TensorFlow Playground data and starting weights, seed ${this.state.tfpSeed}${this.state.initZero ? ', initZero' : ''}.` : '';
    this.plot.setAdding(this.state.dataset === 'custom' && this.#may('dataset'), 'Output plot: click to add a point of the selected class, shift-click for the other class');
    if (this.net) this.diagram.setNetwork(this.net, this.state);
    this.#applyUi();
  }

  #toggleFeature(id) {
    if (!this.#may('features')) return;
    const has = this.state.features.includes(id);
    if (has && this.state.features.length === 1) return;
    const features = has ? this.state.features.filter((f) => f !== id) : [...this.state.features, id];
    this.set({ features: features.sort((a, b) => FEATURE_ORDER.indexOf(a) - FEATURE_ORDER.indexOf(b)) });
  }

  #changeLayers(delta) {
    if (!this.#may('network-shape')) return;
    const shape = [...this.state.networkShape];
    const activations = [...this.state.activations];
    if (delta > 0 && shape.length < LIMITS.maxHiddenLayers) {
      shape.push(shape.length ? shape[shape.length - 1] : 2);
      activations.push(activations.length ? activations[activations.length - 1] : 'tanh');
    } else if (delta < 0 && shape.length > 0) {
      shape.pop(); activations.pop();
    } else return;
    this.set({ networkShape: shape, activations });
  }

  #changeNeurons(layer, delta) {
    if (!this.#may('network-shape')) return;
    const shape = [...this.state.networkShape];
    shape[layer] = Math.max(1, Math.min(LIMITS.maxNeurons, shape[layer] + delta));
    this.set({ networkShape: shape });
  }

  #addPoint(x, y, shift) {
    const points = this.state.points || { x: new Float32Array(0), labels: new Uint8Array(0) };
    const n = points.labels.length;
    if (n >= LIMITS.maxPoints) { this.#setStatus(`At most ${LIMITS.maxPoints} points.`, true); return; }
    const label = shift ? 1 - this.dataPanel.addClass : this.dataPanel.addClass;
    const xs = new Float32Array(2 * n + 2); xs.set(points.x); xs[2 * n] = clamp6(x); xs[2 * n + 1] = clamp6(y);
    const labels = new Uint8Array(n + 1); labels.set(points.labels); labels[n] = label;
    this.set({ points: { x: xs, labels } });
  }

  #editParameter(index, value) {
    if (!this.#may('weights')) return;
    this.#post(ToWorker.setParameter, { index, value });
    this.editedParameter = { index, value };
  }

  #focus(row, name) {
    this.focusName = row >= 0 ? name : '';
    this.#post(ToWorker.focus, { neuron: row });
  }

  #onKey(e) {
    const t = e.target;
    const tag = t.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || t.isContentEditable) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const onButton = tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A' || t.getAttribute('role') === 'button';
    if (((e.key === ' ' && !onButton) || e.key === 'p' || e.key === 'P') && this.#may('play')) { e.preventDefault(); this.toggle(); }
    else if ((e.key === 's' || e.key === 'S' || e.key === 'ArrowRight') && this.#may('step')) { e.preventDefault(); this.step(); }
    else if ((e.key === 'r' || e.key === 'R') && this.#may('reset')) { e.preventDefault(); this.reset(); }
    else if (e.key === 'Escape') this.card.hide(true);
  }

  // --- messages from the worker ----------------------------------------------------------------
  #onMessage(msg) {
    if (this.destroyed) return;
    this.supervisor.heard();
    switch (msg.type) {
      case FromWorker.ready:
        this.ready = true;
        this.stats.readyAt = performance.now();
        this.stats.variant = msg.variant;
        this.stats.heapBytes = msg.heapBytes;
        this.dataPanel.setPreviews(msg.previews);
        this.#setStatus(`Engine ready: WebAssembly ${msg.variant === 'simd' ? 'with SIMD' : 'baseline'} (${msg.simdSets}), loaded in ${msg.loadMs.toFixed(0)} ms.`);
        break;
      case FromWorker.configured: {
        const requested = this.pending.shift();
        this.stats.pending = this.pending.length;
        if (msg.ok) {
          this.applied = requested;
          if (requested.dataset === 'csv') this.dataPanel.showCsvError('');
        } else {
          if (requested && requested.dataset === 'csv' && this.applied.dataset !== 'csv') this.dataPanel.showCsvError(msg.message);
          else this.#showBanner([`Could not apply the settings: ${msg.message}`, 'The previous settings are kept.'], 'error');
          if (this.pending.length === 0) { this.state = this.applied; this.#syncControls(); this.#writeHash(); }
        }
        break;
      }
      case FromWorker.data: this.#onData(msg); break;
      case FromWorker.network:
        this.net = msg;
        this.chart.clear();
        this.diagram.setNetwork(msg, this.state);
        this.math.onNetwork();  // math panel (issue 13); a URL with sample= or step= opens it
        if (!this.mathOpened) { this.mathOpened = true; this.math.openFromState(this.state); }
        this.#applyUi();
        this.netNote.textContent = `${msg.numParameters.toLocaleString('en-US')} parameters · ${msg.layers.join('–')} neurons${msg.standardize ? ' · inputs standardized' : ''}`;
        this.#clearBanner('divergence');
        break;
      case FromWorker.frame: this.#onFrame(msg); break;
      case FromWorker.stopped:
        if (msg.reason === 'diverged') this.#showDivergence(msg.message);
        else this.#setStatus(msg.message);
        break;
      case FromWorker.error:
        if (msg.scope === 'csv') this.dataPanel.showCsvError(msg.message);
        else if (msg.scope === 'engine' && !this.ready) {
          // The .wasm could not be had (wasm/loader.js loadFailure: what happened, what to do).
          // The first message says why; the queued commands' "not loaded yet" after it add nothing.
          if (this.engineFailed) break;
          this.engineFailed = true;
          this.#setStatus('The engine could not load.', true);
          this.#showBanner(['The engine could not load, so nothing can train.', msg.message], 'engine');
        }
        else this.#showBanner([msg.message], 'error');
        break;
      case FromWorker.csvLoaded:
        this.csvInfo = msg.info; this.csvName = msg.name;
        this.set({ dataset: 'csv' }, { preset: this.state.dataset !== 'csv' });
        if (this.state.dataset === 'csv') this.#configure();
        break;
      case FromWorker.gradientCheck: this.math.showResult(msg); break;
      case FromWorker.trace: this.math.onTrace(msg); break;  // math panel (issue 13)
      case FromWorker.model: this.exporter.saveModel(msg.json); break;
      case FromWorker.exported: this.exportDone?.get(msg.id)?.(msg); break;  // EXPORT (issue 14)
      default: break;
    }
  }

  #onData(msg) {
    this.data = msg;
    this.predictions = null;  // the last frame's, for the view that loads (#showDataView)
    this.info = msg.info;
    const twoD = msg.twoD;
    const digits = !twoD && this.state.dataset === 'digits';
    this.plot.el.hidden = !twoD;
    this.plotOptions.hidden = !twoD;
    this.#showDataView(twoD ? null : digits ? 'digits' : 'projection', msg);
    if (twoD) this.plot.setData(msg);
    this.plot.setShowTest(this.state.showTestData || this.state.dataset === 'custom');
    const classification = msg.info.task === 'classification';
    this.confusion.el.hidden = !classification;
    if (classification) this.confusion.setClasses(msg.info.classNames.length ? msg.info.classNames : Array.from({ length: msg.info.numClasses }, (_, i) => String(i)));
    this.chart.setMetric(classification ? 'accuracy' : 'R²');
    this.metricLabel.textContent = classification ? 'Test accuracy' : 'Test R²';
    this.chart.clear();
    this.#syncControls();
  }

  #onFrame(frame) {
    this.frame = frame;
    this.supervisor.frame(frame);
    this.stats.steps = this.supervisor.steps;
    if (frame.playing !== this.playing) {
      this.playing = frame.playing;
      this.topbar.setPlaying(frame.playing);
      this.root.dataset.playing = String(frame.playing);
      if (frame.playing) this.#clearBanner('divergence');
    }
    if (frame.history) this.chart.setHistory(frame.history);
    if (frame.diverged && !this.divergenceShown) this.#showDivergence(frame.divergence);
    if (!frame.diverged) this.divergenceShown = false;
    if (this.editedParameter && frame.params) this.#rememberWeights(frame.params);
    if (!this.rafId) this.rafId = requestAnimationFrame(() => this.#draw());
  }

  #rememberWeights(params) {
    this.editedParameter = null;
    if (params.length <= LIMITS.maxWeights) {
      this.state = normalizeState({ ...this.state, weights: params.slice() });
      this.applied = this.state;
      // The worker already has these weights: record them for the link without a rebuild.
      this.#writeHash();
      this.#configure(true);
    }
  }

  #draw() {
    this.rafId = 0;
    const f = this.frame;
    if (!f || this.destroyed) return;
    this.topbar.setEpoch(f.epoch);
    this.root.dataset.epoch = String(f.epoch);
    const m = f.metrics;
    if (m) {
      const classification = this.info?.task === 'classification';
      setText(this.lossTest, formatNumber(Number.isFinite(m.testLoss) ? m.testLoss : NaN, 3));
      setText(this.lossTrain, formatNumber(m.trainLoss, 3));
      const metric = classification ? m.testAccuracy : m.testR2;
      const fallback = classification ? m.trainAccuracy : m.trainR2;
      let v = Number.isFinite(metric) ? metric : fallback;
      if (Math.abs(v) > 1e6) v = NaN;  // R² of an overflowing model: '–', the banner says why
      setText(this.metricTest, Number.isFinite(v) ? (classification ? `${(v * 100).toFixed(1)}%` : formatNumber(v, 3)) : '–');
    }
    this.#drawGrid();
    this.diagram.update(f.params, f.thumbs);
    this.card.fill(f.params);
    this.math.onFrame();  // math panel (issue 13): a trace per frame while open
    this.chart.draw();
    if (f.confusion) {
      const part = f.confusion.test ? 'test' : 'train';
      this.confusion.update(f.confusion.test || f.confusion.train, f.confusion.k, part);
    }
    if (f.predictions) {
      this.predictions = f.predictions;
      for (const view of Object.values(this.views)) if (!view.el.hidden) view.setPredictions(f.predictions);
    }
    this.stats.heapBytes = f.heapBytes;
    const now = performance.now();
    if (Number.isNaN(this.stats.firstFrameAt)) {
      this.stats.firstFrameAt = now;
      this.emit('ready', { variant: this.stats.variant });
    }
    this.#emitEpoch(f, now);
    if (f.steps > 0 && Number.isNaN(this.stats.firstTrainedFrameAt)) {
      this.stats.firstTrainedFrameAt = now;
      performance.mark?.('bp-first-trained-frame');
    }
    this.#post(ToWorker.ack);
  }

  /** 'epoch' events: at most one every EPOCH_EVENT_MS while training, and one when it stops. */
  #emitEpoch(f, now) {
    const stopped = !f.playing && this.lastEpochEmitted?.playing;
    if (f.epoch === this.lastEpochEmitted?.epoch && !stopped) return;
    if (f.playing && now - (this.lastEpochEmitted?.at ?? -Infinity) < EPOCH_EVENT_MS) return;
    this.lastEpochEmitted = { epoch: f.epoch, at: now, playing: f.playing };
    const m = this.metrics;
    if (m) this.emit('epoch', m);
  }

  #drawGrid() {
    const f = this.frame;
    if (!f || !f.grid || !this.net) return;
    this.plot.drawGrid(f.grid, outputMode(this.net.head, f.grid.rows), this.state.discretize);
    this.plot.setCaption(f.grid.focus >= 0 && this.focusName ? `Showing ${this.focusName}` : '');
  }

  #picture() {
    if (!this.plot.el.hidden) return this.plot.compose();
    if (this.views.digits && !this.views.digits.el.hidden) return this.views.digits.compose();
    return this.views.projection?.canvas ?? this.plot.compose();
  }

  /** Shows the view of `kind` (a DATA_VIEWS key, or null for the 2-D plot) for `data`, loading it
   *  the first time; the others are hidden. */
  async #showDataView(kind, data) {
    for (const [k, view] of Object.entries(this.views)) view.el.hidden = k !== kind;
    if (!kind) return;
    this.viewLoads[kind] ??= DATA_VIEWS[kind]().then((View) => {
      const view = new View();
      this.viewBox.append(view.el);
      return (this.views[kind] = view);
    });
    let view;
    try { view = await this.viewLoads[kind]; } catch (e) {
      delete this.viewLoads[kind];
      this.#setStatus(`The ${kind} view could not be loaded (${e.message}); reload the page to try again.`, true);
      return;
    }
    if (this.destroyed || this.data !== data) return;  // a newer data set has arrived meanwhile
    for (const [k, v] of Object.entries(this.views)) v.el.hidden = k !== kind;
    view.setData(data);
    if (this.predictions) view.setPredictions(this.predictions);
  }

  // --- faults: a worker that died (workerSupervisor.js) ----------------------------------------
  #attachEngine() {
    this.engine.attach((msg) => this.#onMessage(msg), (e) => {
      e.preventDefault?.();
      this.supervisor.died(`it threw: ${e.message || 'an error without a message'}`);
    });
  }

  /** A new worker with the user's setup (settings, CSV file) and the last good weights: the
   *  restart and its messages (workerRestart.js) load when first needed, not with the page. */
  #workerDied(reason, restart) {
    if (this.destroyed) return;
    try { this.worker.terminate(); } catch { /* already gone */ }
    import('./workerRestart.js').then((m) => {
      if (!this.destroyed) {
        m.restartWorker(this, reason, restart, {
          post: (type, fields) => this.#post(type, fields), configure: () => this.#configure(),
          attach: () => this.#attachEngine(), status: (t, bad) => this.#setStatus(t, bad), banner: (lines) => this.#showBanner(lines, 'fault'),
        });
      }
    }, () => this.#showBanner([`The training worker stopped (${reason}). Reload the page.`], 'fault'));
  }

  // --- messages on the page --------------------------------------------------------------------
  #setStatus(text, isError = false) {
    this.status.textContent = text;
    this.status.classList.toggle('bp-bad', isError);
  }

  #showLinkErrors(errors) {
    if (!errors.length) return;
    this.#showBanner(['This link has settings that could not be used; defaults were kept for them:', ...errors], 'link');
  }

  #showBanner(lines, kind, actions = []) {
    this.bannerKind = kind;
    this.banner.replaceChildren(
      h('div', { class: 'bp-banner-text' }, lines.map((l, i) => (i === 0 ? h('strong', {}, l) : h('div', {}, l)))),
      h('div', { class: 'bp-banner-actions' }, ...actions,
        h('button', { type: 'button', class: 'bp-btn bp-btn-small', 'aria-label': 'Dismiss this message', onclick: () => this.#clearBanner() }, 'Dismiss')));
    this.banner.className = `bp-banner bp-banner-${kind}`;
    this.banner.hidden = false;
  }

  #clearBanner(kind) {
    if (kind && this.bannerKind !== kind) return;
    this.banner.hidden = true;
    this.bannerKind = '';
  }

  #showDivergence(message) {
    this.divergenceShown = true;
    const lr = this.state.learningRate;
    this.emit('diverged', { epoch: this.frame?.epoch ?? 0, message, learningRate: lr });
    const lower = Number((lr / 10).toPrecision(2));
    this.#showBanner([
      'Training diverged: the loss became NaN or infinite.',
      message,
      `The learning rate ${lr} is too large for this network and data: each step overshoots, the weights grow without bound and the arithmetic overflows. The weights of the last good step are kept.`,
    ], 'divergence', [
      h('button', { type: 'button', class: 'bp-btn bp-btn-small bp-btn-primary', onclick: () => { this.#clearBanner(); this.#post(ToWorker.recover, {}); } }, 'Back to the last good weights'),
      h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: () => {
        this.#clearBanner();
        this.#post(ToWorker.recover, { learningRate: lower });
        this.state = normalizeState({ ...this.state, learningRate: lower });
        this.applied = this.state;
        this.#syncControls(); this.#writeHash();
      } }, `…and use learning rate ${lower}`),
    ]);
  }
}

const EPOCH_EVENT_MS = 250;

/** { epoch, trainLoss, testLoss, trainMetric, testMetric, metric } of a frame (NaN: no test data). */
function metricsOf(frame, info) {
  const m = frame?.metrics;
  if (!m) return null;
  const classification = info?.task !== 'regression';
  return {
    epoch: frame.epoch,
    trainLoss: m.trainLoss,
    testLoss: m.testLoss,
    trainMetric: classification ? m.trainAccuracy : m.trainR2,
    testMetric: classification ? m.testAccuracy : m.testR2,
    metric: classification ? 'accuracy' : 'R²',
  };
}

const FEATURE_ORDER = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];
function clamp6(v) { return Math.max(-6, Math.min(6, v)); }
/** Writes a text only when it changed: a rewritten text node costs a layout even when equal. */
function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
