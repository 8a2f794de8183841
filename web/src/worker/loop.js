// The training loop: each turn trains one frame's worth (SPEEDS), posts a frame and schedules the
// next. At most MAX_FRAMES_IN_FLIGHT frames are unacknowledged, so a slow page never queues stale
// frames; stops at the epoch or loss target and on divergence.
import { FromWorker, SPEEDS, MAX_FRAMES_IN_FLIGHT } from '../protocol.js';
import { w, post } from './session.js';
import { makeFrame } from './frame.js';

export function schedule(delay) {
  if (w.scheduled) return;
  w.scheduled = true;
  setTimeout(turn, delay);
}

/** The page drew a frame: one fewer in flight. */
export function acknowledge() {
  w.inFlight = Math.max(0, w.inFlight - 1);
  if (w.playing) schedule(0);
}

export function play() {
  w.playing = true; w.inFlight = 0; schedule(0);
}

function stepsPerEpoch() {
  const n = w.raw ? w.raw.train.n : 1;
  return Math.max(1, Math.ceil(n / w.built.options.batchSize));
}

/** Trains what one frame trains at the current speed; returns the last report. */
export function trainOneFrame() {
  const speed = SPEEDS[w.speed];
  const t = w.trainer;
  if (speed.budgetMs) {
    const start = performance.now();
    const chunk = Math.max(1, Math.min(stepsPerEpoch(), 50));
    let r;
    do { r = t.trainSteps(chunk); } while (!r.diverged && performance.now() - start < speed.budgetMs);
    return r;
  }
  let steps = speed.epochs ? speed.epochs * stepsPerEpoch() : speed.steps;
  if (w.stopEpoch > 0) {
    const left = (w.stopEpoch - t.report().epoch) * stepsPerEpoch();
    if (left > 0) steps = Math.min(steps, left);
  }
  return t.trainSteps(steps);
}

function turn() {
  w.scheduled = false;
  if (!w.playing || w.busy || !w.trainer) return;
  if (w.inFlight >= MAX_FRAMES_IN_FLIGHT) return;  // the next ack reschedules
  const r = trainOneFrame();
  const frame = makeFrame(false);
  const stop = stopReason(r, frame.message.metrics);
  if (stop) {
    w.playing = false;
    frame.message.playing = false;
    post({ type: FromWorker.stopped, ...stop });
  }
  w.inFlight++;
  post(frame.message, frame.transfer);
  if (w.playing) schedule(SPEEDS[w.speed].waitMs || 0);
}

function stopReason(r, m) {
  if (r.diverged) return { reason: 'diverged', message: w.trainer.divergenceMessage() || 'The loss became NaN or infinite.' };
  if (w.stopEpoch > 0 && r.epoch >= w.stopEpoch) return { reason: 'epoch', message: `Stopped at epoch ${r.epoch}, as asked.` };
  if (w.stopLoss > 0 && m) {
    const useTest = Number.isFinite(m.testLoss);
    const loss = useTest ? m.testLoss : m.trainLoss;
    if (loss <= w.stopLoss) return { reason: 'loss', message: `Stopped: the ${useTest ? 'test' : 'training'} loss ${loss.toFixed(4)} reached the target ${w.stopLoss}.` };
  }
  return null;
}
