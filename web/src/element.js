// <backprop-playground dataset="spiral" network-shape="8,8" controls="minimal" views="network,output">:
// the playground as a custom element in its own shadow root. Its attributes are read by
// attributes.js (the same parser as the URL hash); its members are controller.js's API, so the
// element and createPlayground()'s controller behave alike. It starts nothing (no worker, no .wasm
// request) until it nears the viewport, and pauses while it is scrolled away or the tab is hidden.
// Defined on demand by definePlaygroundElement(); component.js defines it on import.
import styles from './styles.css?inline';
import uplotStyles from 'uplot/dist/uPlot.min.css?inline';
import { PlaygroundHandle, API_METHODS, API_PROPERTIES } from './controller.js';
import { settingOf, OBSERVED_ATTRIBUTES } from './attributes.js';
import { readAttributes } from './elementAttributes.js';
import { h } from './dom.js';

const HOST_STYLES = `
:host { display: block; font: inherit; color: inherit; }
:host([hidden]) { display: none; }
.bp-host { position: relative; }
.bp-host.bp-fixed-height { overflow: auto; }
.bp-placeholder { min-height: 240px; display: grid; place-items: center; color: #5d6b75; font-size: 13px;
  border: 1px dashed #c9d3da; border-radius: 10px; }
`;

let sheets = null;
function styleSheets() {
  if (!sheets) {
    sheets = [uplotStyles, styles, HOST_STYLES].map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
  }
  return sheets;
}

export function definePlaygroundElement(name = 'backprop-playground') {
  if (customElements.get(name)) return customElements.get(name);

  class BackpropPlaygroundElement extends HTMLElement {
    static get observedAttributes() { return OBSERVED_ATTRIBUTES; }

    #handle = null;
    #mount;
    #changed = new Set();
    #resolveReady;
    #ready = new Promise((resolve) => { this.#resolveReady = resolve; });

    constructor() {
      super();
      const shadow = this.attachShadow({ mode: 'open' });
      shadow.adoptedStyleSheets = styleSheets();
      this.#mount = h('div', { class: 'bp-host', part: 'root' },
        h('div', { class: 'bp-placeholder' }, 'The playground starts when it scrolls into view.'));
      shadow.append(this.#mount);
    }

    /** The controller API (controller.js); null until the element is first connected. */
    get api() { return this.#handle?.api ?? null; }
    /** Resolves with the element once its playground has drawn its first frame. */
    get ready() { return this.#ready; }

    connectedCallback() {
      if (this.#handle) return;
      const read = readAttributes((n) => this.getAttribute(n));
      warn(this.localName, read.errors);
      this.#setHeight(read.ui.height);
      this.#handle = new PlaygroundHandle(this.#mount, {
        state: read.state,
        ui: read.ui,
        autoplay: read.ui.autoplay,
        hash: read.flags.hash,
        lazy: read.flags.lazy,
        pauseWhenAway: true,
        wasmBase: read.flags.wasmBase,
        dataBase: read.flags.dataBase,
        attributeErrors: read.errors,
      }, this);
      this.#handle.ready.then(() => this.#resolveReady(this));
    }

    disconnectedCallback() {
      // A move within the page reconnects at once: only a real removal stops the worker.
      queueMicrotask(() => {
        if (this.isConnected || !this.#handle) return;
        this.#handle.destroy();
        this.#handle = null;
        this.#mount.replaceChildren(h('div', { class: 'bp-placeholder' }, 'The playground starts when it scrolls into view.'));
      });
    }

    attributeChangedCallback(name, oldValue, value) {
      if (!this.#handle || oldValue === value) return;
      if (this.#changed.size === 0) queueMicrotask(() => this.#applyChanges());
      this.#changed.add(name);
    }

    /** Attributes changed while the page runs: the changed settings, views, controls, height. */
    #applyChanges() {
      const names = [...this.#changed];
      this.#changed.clear();
      if (!this.#handle) return;
      const read = readAttributes((n) => this.getAttribute(n));
      const errors = read.errors.filter((e) => names.includes(e.attribute));
      warn(this.localName, errors);
      const bad = new Set(errors.map((e) => e.attribute));
      const api = this.#handle.api;
      if ((names.includes('state') && !bad.has('state')) || names.includes('tfp')) {
        api.setState(read.state);
      } else {
        const patch = {};
        for (const name of names) {
          const key = settingOf(name);
          if (!key || bad.has(name) || this.getAttribute(name) == null) continue;
          if (key === 'problem') patch.dataset = read.state.dataset;
          else patch[key] = read.state[key];
        }
        if (Object.keys(patch).length) api.setState(patch);
      }
      if (names.some((n) => n === 'controls' || n === 'locked' || n === 'views' || n === 'tfp')) this.#handle.setUi(read.ui);
      if (names.includes('height')) this.#setHeight(read.ui.height);
      if (names.includes('autoplay') && read.ui.autoplay) api.play();
      if (errors.length) this.#handle.start()?.showAttributeErrors(errors);
    }

    #setHeight(height) {
      this.#mount.style.height = height || '';
      this.#mount.classList.toggle('bp-fixed-height', Boolean(height));
    }
  }

  // The element's members are the controller's: one API (controller.js).
  for (const method of API_METHODS) {
    Object.defineProperty(BackpropPlaygroundElement.prototype, method, {
      value(...args) { return this.api ? this.api[method](...args) : undefined; },
      writable: true, configurable: true,
    });
  }
  for (const prop of API_PROPERTIES) {
    if (prop === 'ready') continue;
    Object.defineProperty(BackpropPlaygroundElement.prototype, prop, {
      get() { return this.api ? this.api[prop] : null; },
      ...(prop === 'state' ? { set(value) { if (this.api) this.api.state = value; } } : {}),
      configurable: true,
    });
  }

  customElements.define(name, BackpropPlaygroundElement);
  return BackpropPlaygroundElement;
}

function warn(tag, errors) {
  for (const e of errors) console.warn(`<${tag}> ${e.attribute}: ${e.message}`);
}
