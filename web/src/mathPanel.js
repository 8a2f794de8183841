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
        if (this.checked) this.live.showResult(this.checked);
      }, (e) => { this.loading = null; this.liveHost.textContent = `The math panel could not load (${e.message}); close and open it to try again.`; });
    });
  }

  /** A URL with sample= or step= opens the panel there. */
  openFromState(state) { if ((state.sample >= 0 || state.step >= 0) && !this.el.open) this.el.open = true; }
  /** A neuron, weight or bias clicked in the diagram (shown once the panel is open). */
  pick(p) { if (this.el.open) this.live?.setPick(p); }
  onFrame() { if (this.el.open) this.live?.onFrame(); }
  onTrace(msg) { this.live?.onTrace(msg); }
  onNetwork() { this.live?.onNetwork(); }

  /** The gradient check's answer (formatted by mathLive.js; the button is inside the open panel). */
  showResult(msg) { if (this.live) this.live.showResult(msg); else this.checked = msg; }
}
