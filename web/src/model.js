// From the playground's settings and the loaded data to the engine's TrainerOptions, plus the
// parameter layout helpers the diagram and the hover card need. Pure functions, no DOM, no engine.
import { FEATURES } from './state.js';
import { datasetFacts } from './datasets.js';

/** The data sets an imported TensorFlow Playground link can name (this project's ids). */
const TFP_NAMES = Object.freeze({ circle: 1, xor: 1, gaussian: 1, spiral: 1, 'reg-plane': 1, 'reg-gauss': 1 });

/**
 * info: the DatasetInfo of the loaded data ({ numFeatures, numClasses, task, featureNames }).
 * Returns { options (TrainerOptions), standardize, inputNames, head }.
 * head: 'tanh' | 'sigmoid' | 'softmax' (classification) or 'linear' (regression).
 */
export function trainerOptions(state, info) {
  const facts = datasetFacts(state.dataset, info);
  const twoD = info.numFeatures === 2 && facts.twoD;
  const features = twoD ? state.features.map((id) => FEATURES.find((f) => f.id === id).engine) : [];
  const inputNames = twoD
    ? state.features.map((id) => FEATURES.find((f) => f.id === id).label)
    : info.featureNames.slice();
  const nIn = twoD ? features.length : info.numFeatures;

  let head; let nOut; let cost;
  if (info.task === 'regression') {
    head = 'linear'; nOut = 1; cost = 'quadratic';
  } else if (info.numClasses > 2 || state.output === 'softmax') {
    head = 'softmax'; nOut = Math.max(2, info.numClasses); cost = 'cross_entropy';
  } else if (state.output === 'sigmoid') {
    head = 'sigmoid'; nOut = 1; cost = 'binary_cross_entropy';
  } else {
    head = 'tanh'; nOut = 1; cost = 'quadratic';
  }
  const options = {
    layers: [nIn, ...state.networkShape, nOut],
    activations: [...state.activations, head],
    cost,
    optimizer: state.optimizer,
    learningRate: state.learningRate,
    momentum: state.momentum,
    regularization: state.regularization,
    regularizationRate: state.regularization === 'none' ? 0 : state.regularizationRate,
    dropout: state.dropout,
    batchSize: state.batchSize,
    seed: state.seed,
  };
  if (twoD) options.features = features;
  // An imported TensorFlow Playground link with "TFP training" on: its algorithm (tfp-core.md):
  // plain SGD, ½(a−y)² with a tanh (or linear) output, no dropout, no standardization.
  const tfp = state.tfpSeed != null && facts.name in TFP_NAMES;
  if (tfp && state.tfpTraining) {
    if (head !== 'linear') { head = 'tanh'; nOut = 1; options.layers[options.layers.length - 1] = 1; options.activations[options.activations.length - 1] = 'tanh'; }
    Object.assign(options, { cost: 'quadratic', optimizer: 'sgd', dropout: 0, tfpMode: true });
  }
  return { options, standardize: tfp ? false : facts.standardize, inputNames, head, twoD, tfp };
}

/** Offsets of W^l and b^l in the one parameter buffer: W^l (n_{l+1} × n_l, column-major), b^l. */
export function parameterLayout(layers) {
  const blocks = [];
  let offset = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const nIn = layers[l]; const nOut = layers[l + 1];
    blocks.push({ weights: offset, biases: offset + nIn * nOut, nIn, nOut });
    offset += nIn * nOut + nOut;
  }
  return { blocks, size: offset };
}

/** Index of the weight from neuron `from` of layer l to neuron `to` of layer l+1. */
export function weightIndex(layout, l, from, to) {
  const b = layout.blocks[l];
  return b.weights + from * b.nOut + to;
}

/** Index of the bias of neuron `to` of layer l+1. */
export function biasIndex(layout, l, to) {
  return layout.blocks[l].biases + to;
}

/** Row of neuron j of layer l in predictGrid(..., allNeurons = true): inputs first, then on. */
export function neuronRow(layers, l, j) {
  let row = 0;
  for (let i = 0; i < l; i++) row += layers[i];
  return row + j;
}
