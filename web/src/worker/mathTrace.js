// The worker's side of the math panel (issue 13), loaded when the panel first asks: one sample's
// trace, the finite difference and the pending update of one parameter, all from the engine
// (trainer.traceSample / finiteDifference / pendingUpdate). The page asks once per frame, only
// while the math panel is open.
import { FromWorker } from '../protocol.js';
import { w, post, messageOf } from './session.js';

export function trace({ id, sample, parameter, erratum, newLoss }) {
  const t = w.trainer;
  if (!t || !w.train) { post({ type: FromWorker.trace, id, error: 'There is no training data yet.' }); return; }
  try {
    const out = { type: FromWorker.trace, id, sample, parameter };
    out.trace = t.traceSample(sample);
    if (erratum) out.seedTrace = t.traceSample(sample, 'seed_erratum');
    out.params = t.parameters().slice();
    if (parameter >= 0) {
      out.fd = t.finiteDifference(parameter, sample);
      try { out.pending = t.pendingUpdate(parameter); } catch (e) { out.pendingError = messageOf(e); }
    }
    if (newLoss) newCost(t, sample, out);
    post(out);
  } catch (e) {
    post({ type: FromWorker.trace, id, sample, parameter, error: messageOf(e) });
  }
}

// The step-through's last equation: this sample's cost after the next step, on a throwaway
// trainer holding the engine's own pendingUpdate(p).next for every parameter (small nets only).
function newCost(t, sample, out) {
  const P = out.params.length;
  if (P > 4096) { out.newCostError = 'The new loss is computed for networks of up to 4096 parameters.'; return; }
  try {
    const next = new Float32Array(P);
    for (let p = 0; p < P; ++p) next[p] = t.pendingUpdate(p).next;
    const probe = w.module.Trainer.fromModelJson(t.toModelJson());
    try {
      probe.setData(w.train, w.test, w.built.standardize);
      probe.setParameters(next, false);
      out.newCost = probe.traceSample(sample).cost;
    } finally { probe.delete(); }
  } catch (e) { out.newCostError = messageOf(e); }
}

// The engine's central-difference check over the first `samples` training samples (batch mean).
export function gradientCheck({ samples, maxParameters }) {
  if (!w.trainer || !w.train) {
    post({ type: FromWorker.gradientCheck, error: 'There is no training data to check gradients on.' });
    return;
  }
  try {
    const t0 = performance.now();
    const result = w.trainer.gradientCheck(samples, maxParameters);
    post({ type: FromWorker.gradientCheck, result: { ...result }, ms: performance.now() - t0 });
  } catch (e) {
    post({ type: FromWorker.gradientCheck, error: messageOf(e) });
  }
}

