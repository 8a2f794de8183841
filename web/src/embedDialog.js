// The "Embed" dialog: the <backprop-playground> tag and the <iframe> snippet that reproduce the
// current settings, ready to copy. The snippets are made by pure functions (tests/js/embed-snippets
// .test.mjs) and shown as text (textarea values): nothing the user typed becomes markup here.
import { h } from './dom.js';
import { DEFAULTS, toHash, writeSetting } from './state.js';
import { attributesFor, kebab } from './attributes.js';

export { kebab };

/** Control presets the dialog offers (the component's `controls` values). */
export const CONTROL_PRESETS = Object.freeze(['full', 'standard', 'minimal', 'none']);
const TITLE = 'Backprop Playground';

/** & " < > as character references: safe inside a double-quoted attribute and as text. */
export function escapeAttribute(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** [key, text] of the settings that differ from the defaults (the dataset always), URL order. */
export function changedSettings(state) {
  const pairs = [];
  for (const pair of toHash(state).slice(1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeURIComponent(pair.slice(0, eq));
    const text = decodeURIComponent(pair.slice(eq + 1));
    if (key === 'seed' && text === String(DEFAULTS.seed)) continue;  // toHash writes it always
    pairs.push([key, text]);
  }
  return pairs;
}

/** The hash of embed.html for a state: its settings plus the embed options (controls, ...). */
export function embedHash(state, { controls = 'full' } = {}) {
  const pairs = changedSettings(state).map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`);
  if (controls && controls !== 'full') pairs.push(`controls=${encodeURIComponent(controls).replace(/%2C/g, ',')}`);
  return `#${pairs.join('&')}`;
}

/** The two lines for a page: the component's script and its tag with the non-default settings. */
export function componentSnippet(state, { scriptUrl, controls = 'full' } = {}) {
  // The component's own table (attributes.js): kebab-case names, only non-default settings.
  const attrs = attributesFor(state, writeSetting).map(([name, v]) => `${name}="${escapeAttribute(v)}"`);
  if (controls && controls !== 'full') attrs.push(`controls="${escapeAttribute(controls)}"`);
  return `<script type="module" src="${escapeAttribute(scriptUrl)}"></script>\n`
    + `<backprop-playground ${attrs.join(' ')}></backprop-playground>`;
}

/** The iframe for sites that only allow iframes: embed.html in a sandbox that allows scripts only. */
export function iframeSnippet(state, { embedUrl, controls = 'full', height = 760 } = {}) {
  const src = String(embedUrl).split('#')[0] + embedHash(state, { controls });
  return `<iframe src="${escapeAttribute(src)}" sandbox="allow-scripts" title="${TITLE}" `
    + `width="100%" height="${Number(height) | 0}" style="border:0" loading="lazy"></iframe>`;
}

/** Where the site's embed page and component script are, by default: next to the page. */
export function defaultUrls(base = document.baseURI) {
  return {
    embedUrl: new URL('embed.html', base).href,
    scriptUrl: new URL('component/backprop-playground.js', base).href,
  };
}

/** The dialog. getState() gives the settings to embed; urls: { embedUrl, scriptUrl }. */
export class EmbedDialog {
  constructor({ getState, urls = null }) {
    this.getState = getState;
    this.urls = urls;
    this.controls = h('select', { class: 'bp-embed-controls', onchange: () => this.refresh() },
      CONTROL_PRESETS.map((p) => h('option', { value: p }, p)));
    this.tag = snippetBox('bp-embed-tag', 'The component: two lines for your page');
    this.iframe = snippetBox('bp-embed-iframe', 'The iframe: for sites that only allow iframes');
    this.status = h('p', { class: 'bp-hint bp-embed-status', 'aria-live': 'polite', style: { minHeight: '1.2em', margin: '6px 0 0' } });
    this.el = h('dialog', { class: 'bp-embed-dialog', 'aria-label': 'Embed this playground', style: { maxWidth: 'min(760px, 92vw)', width: '100%', border: '1px solid #c9d3da', borderRadius: '6px', padding: '16px 18px' } },
      h('h2', { class: 'bp-panel-title', style: { marginTop: 0 } }, 'Embed this playground'),
      h('p', { class: 'bp-hint' }, 'With the current settings; only what differs from the defaults is written.'),
      h('label', { class: 'bp-field' }, h('span', { class: 'bp-field-label' }, 'Controls shown'), this.controls),
      this.tag.el, this.#copyButton(this.tag, 'Copy the component'),
      this.iframe.el, this.#copyButton(this.iframe, 'Copy the iframe'),
      h('p', { class: 'bp-hint' }, 'The iframe runs in sandbox="allow-scripts"; its page answers messages (play, pause, step, setState, getState, getData) from the parent.'),
      this.status,
      h('form', { method: 'dialog', style: { textAlign: 'right' } }, h('button', { type: 'submit', class: 'bp-btn bp-btn-small bp-embed-close' }, 'Close')));
  }

  open() {
    this.refresh();
    if (typeof this.el.showModal === 'function' && this.el.isConnected) this.el.showModal();
    else this.el.setAttribute('open', '');
  }

  /** The snippets for the current state and options. */
  snippets() {
    const state = this.getState();
    const urls = this.urls || defaultUrls();
    const controls = this.controls.value;
    return {
      component: componentSnippet(state, { scriptUrl: urls.scriptUrl, controls }),
      iframe: iframeSnippet(state, { embedUrl: urls.embedUrl, controls }),
    };
  }

  refresh() {
    const s = this.snippets();
    this.tag.text.value = s.component;
    this.iframe.text.value = s.iframe;
    this.status.textContent = this.getState().dataset === 'csv'
      ? 'An uploaded CSV file cannot travel in a snippet: the embedded playground shows the circle data.' : '';
  }

  #copyButton(box, label) {
    return h('button', { type: 'button', class: `bp-btn bp-btn-small ${box.cls}-copy`, onclick: () => this.#copy(box) }, label);
  }

  async #copy(box) {
    const text = box.text.value;
    try {
      await navigator.clipboard.writeText(text);
      this.status.textContent = 'Copied.';
    } catch {
      // No clipboard permission (a sandboxed frame, an old browser): select it for Ctrl+C.
      box.text.focus();
      box.text.select();
      this.status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }
}

function snippetBox(cls, label) {
  const text = h('textarea', { class: cls, readonly: true, rows: 4, spellcheck: 'false', 'aria-label': label, style: { width: '100%', boxSizing: 'border-box', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '12px' } });
  return { cls, text, el: h('label', { class: 'bp-field', style: { display: 'block', marginTop: '10px' } }, h('span', { class: 'bp-field-label' }, label), text) };
}
