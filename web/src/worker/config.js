// Settings -> engine: decides what changed (data, network, starting weights, learning rate) and
// rebuilds only that. On any error the previous data and trainer stay, and the page is told why.
import { FromWorker } from '../protocol.js';
import { trainerOptions } from '../model.js';
import { w, post, messageOf, speedIndex, scoped } from './session.js';
import { disposeAll, disposeData } from './dispose.js';
import { buildData, dataKeyOf, adoptData, tfpDataOf } from './data.js';
import { sendFrame, sendNetwork } from './frame.js';
import { schedule } from './loop.js';

/** True when both are absent or hold the same numbers (every one of them, bit for bit as float32). */
export function sameWeights(a, b) {
  if (!a || !b) return !a && !b;
  if (a.length !== b.length) return false;
  const x = Float32Array.from(a); const y = Float32Array.from(b);
  const xi = new Uint32Array(x.buffer); const yi = new Uint32Array(y.buffer);
  for (let i = 0; i < xi.length; i++) if (xi[i] !== yi[i]) return false;
  return true;
}

/** Applies settings: rebuilds the data when it changed and the trainer when the network did. */
export async function configure(config) {
  if (!w.module) throw new Error('the engine is not loaded yet');
  w.busy = true;
  try {
    await apply(config);
    post({ type: FromWorker.configured, ok: true });
  } catch (e) {
    post({ type: FromWorker.configured, ok: false, scope: e.scope || 'config', message: messageOf(e) });
  } finally { w.busy = false; }
  if (w.playing) schedule(0);
}

async function apply(config) {
  const { state } = config;
  w.speed = speedIndex(state.speed);
  w.stopEpoch = state.stopEpoch; w.stopLoss = state.stopLoss;
  const dataKey = dataKeyOf(state);
  const dataChanged = dataKey !== w.dataKey;
  // 1. New data in locals: on error the previous data and trainer stay.
  const next = dataChanged ? await buildData(state) : null;

  // 2. The trainer for the (new or current) data.
  const info = next ? next.info : w.info;
  const built = trainerOptions(state, info);
  const { learningRate, ...shape } = built.options;
  const tfp = tfpDataOf(state);
  const netKey = JSON.stringify({ shape, standardize: built.standardize, tfp: tfp && { ...tfp, initZero: state.initZero } });
  const weights = state.weights ? Float32Array.from(state.weights) : null;
  // Weights the user edited (config.weightsApplied): the trainer has them already; they become
  // what reset() restores, as a link with them would start from them. No rebuild.
  if (config.weightsApplied && !dataChanged && netKey === w.netKey && w.trainer && weights
      && weights.length === w.trainer.parameters().length) {
    w.trainer.setParameters(weights, true);
    w.weights = weights;
  }
  const sameNet = netKey === w.netKey && sameWeights(weights, w.weights) && !!w.trainer;
  // Points added to a user's own data keep the network and its training: only the data change.
  const pointsOnly = dataChanged && sameNet && next.train && state.dataset === 'custom' && w.lastDataset === 'custom';
  const rebuild = !pointsOnly && (dataChanged || !sameNet);
  let warning = '';
  if (pointsOnly) {
    try {
      w.trainer.setData(next.train, next.test, built.standardize);
    } catch (e) {
      disposeData(next);
      throw scoped(e, 'data');
    }
  } else if (rebuild) {
    let trainer = null;
    try {
      trainer = new w.module.Trainer(JSON.stringify(built.options));
      const { train, test } = next || w;
      if (train) trainer.setData(train, test, built.standardize);
      if (tfp && !weights) {
        // TFP's buildNetwork: the same stream as its data, one Math.random() - 0.5 per link.
        const w0 = w.module.tfpInitialWeights(tfp.dataset, tfp.noise, tfp.percTrainData, tfp.seed, built.options.layers, !!state.initZero);
        trainer.setParameters(w0, true);
      }
      if (weights) {
        const n = trainer.parameters().length;
        if (weights.length === n) trainer.setParameters(weights, true);
        else warning = `weights: the link has ${weights.length} weights but this network has ${n}; the seed's weights are used.`;
      }
    } catch (e) {
      disposeAll(trainer);
      disposeData(next);
      throw scoped(e, 'config');
    }
    disposeAll(w.trainer);
    w.trainer = trainer;
    w.playing = w.playing && !!(next || w).train;
  }
  if (!rebuild && learningRate !== w.built.options.learningRate) w.trainer.setLearningRate(learningRate);
  w.built = built;
  w.lastDataset = state.dataset;
  w.netKey = netKey;
  w.weights = weights;

  if (next) adoptData(next, dataKey, state.dataset);
  if (rebuild) sendNetwork();
  if (warning) post({ type: FromWorker.error, scope: 'config', message: warning });
  sendFrame();
}
