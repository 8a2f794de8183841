// Entry of the example article (web/article.html): defines <backprop-playground> (each embed then
// starts lazily, when it nears the viewport) and fills the erratum table, computed in plain
// JavaScript by web/src/articleErratum.js. All of the page's script lives here (no inline script).
import { definePlaygroundElement } from './index.js';
import { erratumTable } from './articleErratum.js';
import { h } from './dom.js';

definePlaygroundElement();

/** x as "1.2 × 10⁻³" (DOM nodes: no HTML is parsed). */
const fmt = (x) => {
  const [m, e] = x.toExponential(1).split('e');
  return [`${m} × 10`, h('sup', {}, `${Number(e) < 0 ? '−' : ''}${Math.abs(Number(e))}`)];
};

function fillErratumTable() {
  const body = document.querySelector('#erratum-table tbody');
  if (!body) return;
  const rows = erratumTable();
  const last = rows.length;
  body.replaceChildren(...rows.map((r) => {
    const seedBad = r.seed > 1e-6;
    return h('tr', {},
      h('th', { scope: 'row' }, `${r.layer}${r.layer === last ? ' (last)' : ''}`),
      h('td', {}, r.shape),
      h('td', { class: 'erratum-good' }, ...fmt(r.corrected), ' ✓'),
      h('td', { class: seedBad ? 'erratum-bad' : 'erratum-good' }, ...fmt(r.seed), seedBad ? ' ✗' : ' ✓'));
  }));
  document.getElementById('erratum-table').dataset.ready = 'true';
}

fillErratumTable();
