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

// --- EXPORT (issue 14) ---------------------------------------------------------------------------
/** { id, format }: worker/exportFile.js, loaded on first use, makes the file; answered by id. */
export async function exportFile(msg) {
  try {
    await (await import('./exportFile.js')).exportFile(msg);
  } catch (e) {
    post({ type: FromWorker.exported, id: msg.id, error: messageOf(e) });
  }
}
