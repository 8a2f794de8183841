// Entry of the example article (web/article.html): defines <backprop-playground> (each embed then
// starts lazily, when it nears the viewport) and fills the erratum table, computed in plain
// JavaScript by web/src/articleErratum.js. All of the page's script lives here (no inline script).
import { definePlaygroundElement } from './index.js';
import { erratumTable } from './articleErratum.js';

definePlaygroundElement();

const fmt = (x) => {
  const [m, e] = x.toExponential(1).split('e');
  return `${m} × 10<sup>${Number(e) < 0 ? '−' : ''}${Math.abs(Number(e))}</sup>`;
};

function fillErratumTable() {
  const body = document.querySelector('#erratum-table tbody');
  if (!body) return;
  const rows = erratumTable();
  const last = rows.length;
  body.innerHTML = rows.map((r) => {
    const seedBad = r.seed > 1e-6;
    return `<tr><th scope="row">${r.layer}${r.layer === last ? ' (last)' : ''}</th><td>${r.shape}</td>`
      + `<td class="erratum-good">${fmt(r.corrected)} ✓</td>`
      + `<td class="${seedBad ? 'erratum-bad' : 'erratum-good'}">${fmt(r.seed)} ${seedBad ? '✗' : '✓'}</td></tr>`;
  }).join('');
  document.getElementById('erratum-table').dataset.ready = 'true';
}

fillErratumTable();
