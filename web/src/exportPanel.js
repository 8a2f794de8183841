// Export: the model file (the engine's versioned JSON), the current picture as PNG, and the link
// that reproduces the setup.
import { h, download } from './dom.js';

export class ExportPanel {
  constructor({ onModel, onPng, getUrl }) {
    this.getUrl = getUrl;
    this.status = h('span', { class: 'bp-hint', 'aria-live': 'polite' });
    this.el = h('div', { class: 'bp-export', role: 'group', 'aria-label': 'Export' },
      h('span', { class: 'bp-field-label' }, 'Export'),
      h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: onModel }, 'Model JSON'),
      h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: onPng }, 'PNG'),
      h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: () => this.copyLink() }, 'Copy link'),
      this.status);
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

  flash(text) {
    this.status.textContent = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.status.textContent = ''; }, 2500);
  }

  saveModel(json) { download('backprop-model.json', new Blob([json], { type: 'application/json' })); this.flash('Model saved'); }
  savePng(canvas) { canvas.toBlob((blob) => { if (blob) download('backprop-playground.png', blob); this.flash('Picture saved'); }, 'image/png'); }
}
