// The card that shows a weight or a bias under the pointer, and edits it on click (or Enter on a
// focused neuron). One card per playground, positioned inside the playground's root element.
import { h, formatNumber } from './dom.js';

export class HoverCard {
  constructor(root, { onEdit }) {
    this.root = root;
    this.onEdit = onEdit;
    this.el = h('div', { class: 'bp-card', role: 'dialog', 'aria-label': 'Weight editor', hidden: true });
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.stopPropagation(); this.hide(true); }
    });
    this.el.addEventListener('pointerdown', (e) => e.stopPropagation());
    root.append(this.el);
    this.items = [];
    this.editing = false;
    this.returnFocus = null;
  }

  /** items: [{ index, label }]; anchor: {x, y} in client coordinates. */
  show(items, anchor, { edit = false, title = '' } = {}) {
    if (this.editing && !edit) return;
    this.items = items;
    this.editing = edit;
    this.el.replaceChildren();
    if (title) this.el.append(h('div', { class: 'bp-card-title' }, title));
    this.inputs = items.map((item) => {
      if (!edit) {
        const value = h('span', { class: 'bp-card-value' });
        this.el.append(h('div', { class: 'bp-card-row' }, h('span', { class: 'bp-card-label' }, item.label), value));
        return value;
      }
      const input = h('input', {
        type: 'number', step: 'any', class: 'bp-card-input', 'aria-label': item.label,
        onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); this.#commit(); } },
      });
      this.el.append(h('label', { class: 'bp-card-row' }, h('span', { class: 'bp-card-label' }, item.label), input));
      return input;
    });
    if (edit) {
      this.el.append(h('div', { class: 'bp-card-actions' },
        h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: () => this.hide(true) }, 'Cancel'),
        h('button', { type: 'button', class: 'bp-btn bp-btn-small bp-btn-primary', onclick: () => this.#commit() }, 'Set')));
    } else {
      this.el.append(h('div', { class: 'bp-card-hint' }, 'Click to edit'));
    }
    this.el.hidden = false;
    const box = this.root.getBoundingClientRect();
    const x = Math.min(anchor.x - box.left + 12, box.width - 230);
    this.el.style.left = `${Math.max(4, x)}px`;
    this.el.style.top = `${anchor.y - box.top + 12}px`;
    if (edit) {
      this.returnFocus = document.activeElement;
      this.fill(this.lastParams, true);
      this.inputs[0]?.focus();
      this.inputs[0]?.select();
    } else {
      this.fill(this.lastParams);
    }
  }

  /** Refreshes the shown values (each frame); inputs being edited are left alone. */
  fill(params, force = false) {
    this.lastParams = params;
    if (this.el.hidden || !params) return;
    this.items.forEach((item, i) => {
      const v = params[item.index];
      if (this.editing) {
        if (force) this.inputs[i].value = Number(v.toPrecision(6));
      } else {
        const text = formatNumber(v, 4);
        if (this.inputs[i].textContent !== text) this.inputs[i].textContent = text;
      }
    });
  }

  #commit() {
    this.items.forEach((item, i) => {
      const text = this.inputs[i].value.trim();
      const v = Number(text);
      if (text !== '' && Number.isFinite(v) && Math.abs(v) <= 1e6 && v !== this.lastParams?.[item.index]) {
        this.onEdit(item.index, v);
      }
    });
    this.hide(true);
  }

  hide(force = false) {
    if (this.editing && !force) return;
    this.editing = false;
    this.el.hidden = true;
    if (force && this.returnFocus && this.root.contains(this.returnFocus)) this.returnFocus.focus();
    this.returnFocus = null;
  }

  get isEditing() { return this.editing; }
}
