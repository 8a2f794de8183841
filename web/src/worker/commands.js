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

/** The math panel's "Check gradients" (worker/mathTrace.js, loaded with the panel's trace). */
export function gradientCheck(msg) { loadMath().then((m) => m.gradientCheck(msg)); }

export function exportModel() {
  if (w.trainer) post({ type: FromWorker.model, json: w.trainer.toModelJson() });
}

// --- EXPORT (issue 14) ---------------------------------------------------------------------------
/** { id, format }: worker/exportFile.js, loaded on first use, makes the file; answered by id. */
export async function exportFile(msg) {
  try {
    await (await import('./exportFile.js')).exportFile(msg);
  } catch (e) {
    post({ type: FromWorker.exported, id: msg.id, error: messageOf(e) });
  }
}

// --- math panel (issue 13): the trace of one sample, the finite difference and the pending update
// (worker/mathTrace.js, loaded by the worker when the math panel first asks).
let mathTrace = null;
const loadMath = () => (mathTrace ??= import('./mathTrace.js'));
export function trace(msg) {
  loadMath().then((m) => m.trace(msg), (e) => post({ type: FromWorker.trace, id: msg.id, error: messageOf(e) }));
}
