// Export: the model file (the engine's versioned JSON), the current picture as PNG, the link
// that reproduces the setup, and the Embed dialog (the component tag and the iframe snippet); and
// (issue 14) the network as ONNX, as a PyTorch script, and the loss history as CSV, made in the
// worker by the engine's exporter module, which loads on the first of these clicks.
import { h, download } from './dom.js';
import { parseHash } from './state.js';

export class ExportPanel {
  /** getState (optional): the settings to embed; without it they are read back from getUrl()'s
   *  hash. embedUrls (optional): { embedUrl, scriptUrl } (default: next to the page). */
  constructor({ onModel, onPng, onFile = null, getUrl, getState = null, embedUrls = null }) {
    this.onFile = onFile;
    this.getUrl = getUrl;
    this.embedOptions = {
      getState: getState || (() => parseHash(new URL(getUrl(), 'http://x/').hash).state),
      urls: embedUrls,
    };
    this.embed = null;  // the dialog's module loads on the first click (not part of the page's first load)
    this.status = h('span', { class: 'bp-hint', 'aria-live': 'polite' });
    this.el = h('div', { class: 'bp-export', role: 'group', 'aria-label': 'Export' },
      h('span', { class: 'bp-field-label' }, 'Export'),
      h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: onModel }, 'Model JSON'),
      h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: onPng }, 'PNG'),
      ...(onFile ? [['onnx', 'ONNX'], ['pytorch', 'PyTorch'], ['csv', 'Loss CSV']].map(([format, label]) =>
        h('button', { type: 'button', class: 'bp-btn bp-btn-small', 'data-export': format, onclick: () => this.saveFile(format, label) }, label)) : []),
      h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: () => this.copyLink() }, 'Copy link'),
      h('button', { type: 'button', class: 'bp-btn bp-btn-small bp-embed-open', 'data-control': 'embed', 'aria-haspopup': 'dialog', onclick: () => this.openEmbed() }, 'Embed'),
      this.status);
  }

  async openEmbed() {
    if (!this.embed) {
      try {
        const { EmbedDialog } = await import('./embedDialog.js');
        this.embed ??= new EmbedDialog(this.embedOptions);
        if (!this.embed.el.isConnected) this.el.append(this.embed.el);
      } catch (e) {
        this.flash(`The Embed dialog could not load (${e.message}); reload the page and try again.`);
        return;
      }
    }
    this.embed.open();
  }

  async copyLink() {
    const url = this.getUrl();
    try {
      await navigator.clipboard.writeText(url);
      this.flash('Link copied');
    } catch {
      window.prompt('Copy this link:', url);
    }
  }

  flash(text, ms = 2500) {
    this.status.textContent = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.status.textContent = ''; }, ms);
  }

  /** ONNX, PyTorch or loss CSV (exportFiles.js, loaded on the first click). */
  async saveFile(format, label) {
    try {
      await (await import('./exportFiles.js')).saveFile(this, format, label);
    } catch (e) {
      this.flash(`${label} export failed: ${e.message}`, 15000);
    }
  }

  saveModel(json) { download('backprop-model.json', new Blob([json], { type: 'application/json' })); this.flash('Model saved'); }
  savePng(canvas) { canvas.toBlob((blob) => { if (blob) download('backprop-playground.png', blob); this.flash('Picture saved'); }, 'image/png'); }
}
