// The page's run commands: play, pause, step, reset, a weight edit, recovery after a divergence,
// the gradient check and the model export. Each answers with a frame (or its own message).
import { FromWorker } from '../protocol.js';
import { w, post, messageOf, speedIndex } from './session.js';
import { sendFrame } from './frame.js';
import { setCanvases } from './offscreen.js';
import { play as startLoop, trainOneFrame } from './loop.js';

export function play() {
  if (!w.trainer || !w.train) {
    post({ type: FromWorker.stopped, reason: 'nodata', message: 'Add some points first: there is nothing to train on.' });
  } else {
    startLoop();
  }
  sendFrame();
}

export function pause() { w.playing = false; sendFrame(); }

/** { steps? }: that many mini-batch steps (the API's step(n)), or one frame at the current speed
 *  (the step button). The page bounds steps (controller.js). */
export function step({ steps } = {}) {
  w.playing = false;
  if (w.trainer && w.train) {
    if (steps > 0) w.trainer.trainSteps(steps); else trainOneFrame();
  }
  sendFrame();
}

export function reset() { w.trainer?.reset(); sendFrame(); }

export function setSpeed({ speed }) { w.speed = speedIndex(speed); }

export function setStop({ stopEpoch, stopLoss }) { w.stopEpoch = stopEpoch || 0; w.stopLoss = stopLoss || 0; }

/** { neuron }: the focused neuron's grid for the output plot. */
export function focus({ neuron }) {
  w.focus = neuron;
  if (!w.playing) sendFrame();
}

/** { canvases }: the diagram's new thumbnail and link canvases (OffscreenCanvas), painted here
 *  from now on (worker/offscreen.js). */
export function canvases({ canvases: c }) {
  setCanvases(c);
  if (!w.playing) sendFrame();
}

export function setParameter({ index, value }) {
  if (!w.trainer) return;
  try { w.trainer.setParameter(index, value); } catch (e) {
    post({ type: FromWorker.error, scope: 'weight', message: messageOf(e) });
  }
  sendFrame();
}

/** After a divergence: the weights at the end of the last healthy epoch, optionally a new rate. */
export function recover({ learningRate }) {
  if (!w.trainer) return;
  if (learningRate) w.trainer.setLearningRate(learningRate);
  w.trainer.restoreHealthy();
  sendFrame();
}

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

export function exportModel() {
  if (w.trainer) post({ type: FromWorker.model, json: w.trainer.toModelJson() });
}

// --- math panel (issue 13): one sample's trace, the finite difference and the pending update of
// one parameter, all from the engine (trainer.traceSample / finiteDifference / pendingUpdate). The
// page asks once per frame, only while the math panel is open.
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
    if (newLoss) {
      // The step-through's last equation: this sample's cost after the next step, on a throwaway
      // trainer holding the engine's own pendingUpdate(p).next for every parameter (small nets).
      const P = out.params.length;
      if (P > 4096) out.newCostError = 'The new loss is computed for networks of up to 4096 parameters.';
      else {
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
    }
    post(out);
  } catch (e) {
    post({ type: FromWorker.trace, id, sample, parameter, error: messageOf(e) });
  }
}
