// "How backprop works here" (issue 13): a small shell on the default page; everything else (the
// live quantities of the picked sample, neuron and weight, the step-through, the KaTeX equations
// pre-rendered at build time, KaTeX's CSS and fonts) loads when the panel first opens
// (mathLive.js, a dynamic import). The "Check gradients" button runs the engine's
// central-difference check over a batch in the worker.
import { h } from './dom.js';

export class MathPanel {
  /** onCheck(): run the gradient check; host: the playground's hooks for the live part —
   *  { post(type, fields), state(), set(patch), data(), net(), diagram, plot }. */
  constructor({ onCheck, host }) {
    this.host = host;
    this.result = h('output', { class: 'bp-check-result', 'aria-live': 'polite' });
    this.button = h('button', { type: 'button', class: 'bp-btn', onclick: () => { this.result.textContent = 'Checking…'; onCheck(); } }, 'Check gradients');
    this.liveHost = h('div', { class: 'bp-math-equations', 'aria-busy': 'true' });
    const body = h('div', { class: 'bp-math-body' }, this.liveHost, h('div', { class: 'bp-row bp-check' }, this.button, this.result));
    this.el = h('details', { class: 'bp-math' }, h('summary', {}, 'How backprop works here: the numbers of one sample'), body);
    this.el.bpMath = this;  // for the e2e test and the curious: document.querySelector('.bp-math').bpMath.live
    this.el.addEventListener('toggle', () => {
      if (!this.el.open) { this.live?.close(); return; }
      if (this.live) { this.live.reopen(); return; }
      if (this.loading || !host) return;
      this.loading = import('./mathLive.js').then(({ MathLive }) => {
        this.live = new MathLive(this, host);
        this.liveHost.removeAttribute('aria-busy');
        for (const p of this.queued ?? []) this.live.setPick(p);
      }, (e) => { this.loading = null; this.liveHost.textContent = `The math panel could not load (${e.message}); close and open it to try again.`; });
    });
  }

  /** A URL with sample= or step= opens the panel there. */
  openFromState(state) { if ((state.sample >= 0 || state.step >= 0) && !this.el.open) this.el.open = true; }
  /** A neuron, weight or bias clicked in the diagram. */
  pick(p) { if (this.live) this.live.setPick(p); else (this.queued ??= []).push(p); }
  onFrame() { if (this.el.open) this.live?.onFrame(); }
  onTrace(msg) { this.live?.onTrace(msg); }
  onNetwork() { this.live?.onNetwork(); }

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
