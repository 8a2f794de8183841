// The confusion matrix of the test set (train set without one): rows are the true classes,
// columns the predicted ones, cells shaded by their share of the row; with the accuracy.
import { h } from './dom.js';

export class ConfusionMatrix {
  constructor() {
    this.caption = h('div', { class: 'bp-confusion-title' }, 'Confusion matrix');
    this.table = h('table', { class: 'bp-confusion', 'aria-label': 'Confusion matrix' });
    this.el = h('div', { class: 'bp-confusion-box' }, this.caption, this.table);
  }

  setClasses(names) {
    this.names = names;
    this.table.replaceChildren();
    const k = names.length;
    const head = h('tr', {}, h('th', { scope: 'col', class: 'bp-corner' }, 'true \\ predicted'), names.map((n) => h('th', { scope: 'col' }, short(n))));
    this.cells = [];
    const rows = names.map((n, i) => {
      const cells = names.map(() => h('td', {}, '0'));
      this.cells.push(cells);
      return h('tr', {}, h('th', { scope: 'row' }, short(n)), cells);
    });
    this.table.append(h('thead', {}, head), h('tbody', {}, rows));
    this.el.classList.toggle('bp-confusion-wide', k > 4);
  }

  /** counts: k×k row-major Int32Array; part: 'test' | 'train'. */
  update(counts, k, part) {
    if (!this.cells || this.cells.length !== k) return;
    let correct = 0; let total = 0;
    for (let i = 0; i < k; i++) {
      let row = 0;
      for (let j = 0; j < k; j++) row += counts[i * k + j];
      for (let j = 0; j < k; j++) {
        const v = counts[i * k + j];
        total += v; if (i === j) correct += v;
        const cell = this.cells[i][j];
        cell.textContent = String(v);
        const share = row ? v / row : 0;
        cell.style.background = i === j ? `rgba(8,119,189,${0.08 + share * 0.75})` : (v ? `rgba(228,87,46,${0.1 + share * 0.8})` : '');
        cell.style.color = share > 0.55 ? '#fff' : '';
      }
    }
    this.caption.textContent = `Confusion matrix (${part}) · accuracy ${total ? ((100 * correct) / total).toFixed(1) : '–'}%`;
  }
}

function short(name) { return name.length > 10 ? `${name.slice(0, 9)}…` : name; }
