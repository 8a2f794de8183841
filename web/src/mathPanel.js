// "How backprop works here": the equations in the seed's notation (w^l, b^l map layer l to l+1,
// z^l is the weighted input of layer l+1), the erratum in the seed's last equation, and a
// "Check gradients" button that runs the engine's central-difference check in the worker.
import { h } from './dom.js';



export class MathPanel {
  constructor({ onCheck }) {
    this.result = h('output', { class: 'bp-check-result', 'aria-live': 'polite' });
    this.button = h('button', { type: 'button', class: 'bp-btn', onclick: () => { this.result.textContent = 'Checking…'; onCheck(); } }, 'Check gradients');
    const body = h('div', { class: 'bp-math-body' });
    const equations = h('div', { class: 'bp-math-equations', 'aria-busy': 'true' });
    body.append(equations, h('div', { class: 'bp-row bp-check' }, this.button, this.result));
    this.el = h('details', { class: 'bp-math' }, h('summary', {}, 'How backprop works here'), body);
    // The equations load when the panel first opens (they are not part of the page's first load).
    this.el.addEventListener('toggle', () => {
      if (!this.el.open || this.loading) return;
      this.loading = import('./mathEquations.js').then(({ EQUATIONS }) => {
        equations.innerHTML = EQUATIONS;  // a constant of this project, never outside input
        equations.removeAttribute('aria-busy');
      }, (e) => { this.loading = null; equations.textContent = `The equations could not load (${e.message}); close and open the panel to try again.`; });
    });
  }

  showResult(msg) {
    if (msg.error) { this.result.textContent = msg.error; this.result.className = 'bp-check-result bp-bad'; return; }
    const r = msg.result;
    // The core's verdict and tolerance (GradientCheckResult.ok = maxRelativeError < tolerance).
    const ok = r.ok;
    this.result.className = `bp-check-result ${ok ? 'bp-good' : 'bp-bad'}`;
    this.result.textContent = `${ok ? '✓ Gradients agree' : '✗ Gradients disagree'}: max relative error `
      + `${r.maxRelativeError.toExponential(2)} ${ok ? '<' : '≥'} tolerance ${r.tolerance.toExponential(0)}`
      + `${ok ? '' : ` at ${r.worstName}`}, whole-vector ${r.vectorRelativeError.toExponential(2)} over ${r.checked} parameters`
      + `${r.nearKink ? (ok ? ' (a ReLU input was near its kink)' : ' (a ReLU input was near its kink: that can be the kink, not a bug)') : ''}`
      + ` · ${msg.ms.toFixed(0)} ms`;
  }
}
