// One playground's public API, shared by createPlayground()'s controller and the
// <backprop-playground> element (element.js copies these members onto its prototype), and the
// handle behind it: it starts the playground when asked (at once, or lazily when the mount nears
// the viewport), pauses it while it is scrolled away or the tab is hidden, and dispatches its
// events (ready, epoch, diverged, change) on the event target.
import { Playground } from './playground.js';
import { parseHash, normalizeState, toHash, DEFAULTS } from './state.js';
import { UI_DEFAULTS } from './attributes.js';
import { watchVisibility } from './visibility.js';

/** At most this many mini-batch steps per step(n) call (each runs in the worker in one go). */
export const MAX_STEPS_PER_CALL = 100000;

/** The methods of the API (element.js defines the same names on the element). */
export const API_METHODS = Object.freeze([
  'play', 'pause', 'toggle', 'step', 'reset', 'getState', 'setState', 'getParameters', 'getData', 'getUrl', 'setUi', 'destroy',
  // EXPORT (issue 14)
  'exportOnnx', 'exportPyTorch', 'exportHistoryCsv', 'exportModel', 'exportPng',
]);
/** Its read-only properties; `state` is also writable. */
export const API_PROPERTIES = Object.freeze(['state', 'metrics', 'ready', 'stats', 'root']);

export class PlaygroundHandle {
  /**
   * mount: where the playground's DOM goes; target: where its events are dispatched.
   * options: Playground's (state, hash, autoplay, wasmBase, dataBase, simd, engine, ui,
   * attributeErrors) plus lazy (start near the viewport) and pauseWhenAway (pause while scrolled away).
   */
  constructor(mount, options, target = mount) {
    this.mount = mount;
    this.options = options;
    this.target = target;
    this.pg = null;
    this.destroyed = false;
    this.autoPaused = false;
    this.ui = options.ui || UI_DEFAULTS;
    this.pendingState = initialState(options);
    this.ready = new Promise((resolve) => { this.resolveReady = resolve; });
    this.api = makeApi(this);
    this.watch = watchVisibility(mount, {
      near: Boolean(options.lazy || options.pauseWhenAway),
      onChange: (seen) => this.#seen(seen),
    });
    if (!options.lazy) this.start();
  }

  /** The playground, started now if it was waiting for the viewport. */
  start() {
    if (this.pg || this.destroyed) return this.pg;
    this.mount.replaceChildren();
    const { state, errors } = this.pendingState;
    this.pg = new Playground(this.mount, {
      ...this.options,
      state: this.options.hash ? undefined : state,
      linkErrors: errors,
      ui: this.ui,
      emit: (type, detail) => this.#emit(type, detail),
    });
    return this.pg;
  }

  setUi(ui) { this.ui = ui; this.pg?.setUi(ui); }

  #seen(seen) {
    if (!this.pg) { if (seen && this.options.lazy) this.start(); return; }
    if (!seen && this.pg.playing) { this.autoPaused = true; this.pg.pause(); }
    else if (seen && this.autoPaused) { this.autoPaused = false; this.pg.play(); }
  }

  #emit(type, detail) {
    if (type === 'ready') this.resolveReady(this.api);
    this.target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  destroy() {
    this.destroyed = true;
    this.watch.stop();
    this.pg?.destroy();
    this.pg = null;
  }
}

function initialState(options) {
  if (typeof options.state === 'string') return parseHash(options.state);
  if (options.state && typeof options.state === 'object') return { state: normalizeState({ ...DEFAULTS, ...options.state }), errors: [] };
  return { state: normalizeState(DEFAULTS), errors: [] };
}

/** step(n)'s n: a whole number of steps, 1 to MAX_STEPS_PER_CALL, or undefined (one frame). */
function stepsOf(n) {
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < 1 || n > MAX_STEPS_PER_CALL) {
    throw new RangeError(`step(n): n must be a whole number from 1 to ${MAX_STEPS_PER_CALL}; got ${String(n)}`);
  }
  return n;
}

function makeApi(handle) {
  const run = () => handle.start();  // an explicit command starts a waiting playground
  const api = {
    play() { run()?.play(); },
    pause() { handle.autoPaused = false; handle.pg?.pause(); },
    toggle() { run()?.toggle(); },
    /** n mini-batch steps (default: one frame's worth at the current speed). */
    step(n) { const steps = stepsOf(n); run()?.step(steps); },
    reset() { run()?.reset(); },
    getState() { return handle.pg ? handle.pg.getState() : handle.pendingState.state; },
    setState(hashOrPatch) {
      if (handle.pg) { handle.pg.setState(hashOrPatch); return; }
      if (typeof hashOrPatch === 'string') handle.pendingState = parseHash(hashOrPatch);
      else handle.pendingState = { state: normalizeState({ ...handle.pendingState.state, ...hashOrPatch }), errors: handle.pendingState.errors };
    },
    getParameters() { return handle.pg ? handle.pg.getParameters() : null; },
    getData() { return handle.pg ? handle.pg.getData() : null; },
    getUrl() { return handle.pg ? handle.pg.getUrl() : window.location.href.split('#')[0] + toHash(handle.pendingState.state); },
    /** Which controls and panels show: { controls, locked, views } (attributes.js readUi). */
    setUi(ui) { handle.setUi({ ...handle.ui, ...ui }); },
    destroy() { handle.destroy(); },
    get state() { return api.getState(); },
    set state(value) { api.setState(value); },
    get metrics() { return handle.pg ? handle.pg.metrics : null; },
    get ready() { return handle.ready; },
    get stats() { return handle.pg ? { ...handle.pg.stats } : null; },
    get root() { return handle.pg ? handle.pg.root : null; },
    /** Events of this playground: the mount's (or element's) addEventListener. */
    addEventListener: (...a) => handle.target.addEventListener(...a),
    removeEventListener: (...a) => handle.target.removeEventListener(...a),
  };
  // EXPORT (issue 14): Promises; a waiting playground starts, the export runs once it is ready.
  for (const [name, format] of [['exportOnnx', 'onnx'], ['exportPyTorch', 'pytorch'], ['exportHistoryCsv', 'csv'], ['exportModel', 'model'], ['exportPng']]) {
    api[name] = () => {
      run();
      return handle.ready.then(() => (format ? handle.pg.exportFile(format) : handle.pg.exportPng()));
    };
  }
  return api;
}
