'use strict';
/*
 * Per-node peer: a JavaScript port of TensorFlow Playground's src/nn.ts.
 *
 *   Original: https://github.com/tensorflow/playground, src/nn.ts
 *   Copyright 2016 Google Inc. All Rights Reserved.
 *   Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 *   except in compliance with the License. You may obtain a copy of the License at
 *       http://www.apache.org/licenses/LICENSE-2.0
 *   Unless required by applicable law or agreed to in writing, software distributed under the
 *   License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND,
 *   either express or implied. See the License for the specific language governing permissions
 *   and limitations under the License.
 *
 * Modifications for the benchmark (everything else keeps nn.ts's structure: one Node object per
 * neuron, one Link object per weight, forwardProp / backProp / updateWeights per example,
 * derivatives accumulated in accInputDer / accErrorDer and averaged over numAccumulatedDers
 * at update time, exactly as nn.ts and playground.ts's oneStep() do):
 *   - TypeScript types removed; weights and biases are loaded from the benchmark's arrays
 *     instead of Math.random() - 0.5 / 0.1.
 *   - nn.ts has exactly one output node. To run the softmax + cross-entropy workloads,
 *     forwardProp returns the whole output layer and backProp takes a target vector:
 *     with cost 'quadratic' each output node gets outputDer = Errors.SQUARE.der(output, target)
 *     (identical to nn.ts for one output); with 'cross-entropy' the output nodes are LINEAR
 *     (they hold the logits) and outputDer_i = softmax(z)_i - y_i, the gradient of
 *     -sum y log softmax(z) w.r.t. the logits. This is an extension, not in nn.ts.
 *   - Arithmetic is JS double (float64), as in the playground.
 *   - regularization is null and regularizationRate 0 (playground default "None").
 */

const { validate } = require('./common');

class Node {
  constructor(id, activation) {
    this.id = id;
    /** List of input links. */
    this.inputLinks = [];
    this.bias = 0.1;
    /** List of output links. */
    this.outputs = [];
    this.totalInput = 0;
    this.output = 0;
    /** Error derivative with respect to this node's output. */
    this.outputDer = 0;
    /** Error derivative with respect to this node's total input. */
    this.inputDer = 0;
    /** Accumulated dE/d(total input) since the last update (= dE/db). */
    this.accInputDer = 0;
    /** Number of accumulated derivatives since the last update. */
    this.numAccumulatedDers = 0;
    this.activation = activation;
  }

  /** Recomputes the node's output and returns it. */
  updateOutput() {
    this.totalInput = this.bias;
    for (let j = 0; j < this.inputLinks.length; j++) {
      const link = this.inputLinks[j];
      this.totalInput += link.weight * link.source.output;
    }
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}

/** Built-in error functions (nn.ts Errors). */
const Errors = {
  SQUARE: {
    error: (output, target) => 0.5 * Math.pow(output - target, 2),
    der: (output, target) => output - target,
  },
};

/** Built-in activation functions (nn.ts Activations). */
const Activations = {
  TANH: {
    output: (x) => Math.tanh(x),
    der: (x) => {
      const output = Activations.TANH.output(x);
      return 1 - output * output;
    },
  },
  RELU: {
    output: (x) => Math.max(0, x),
    der: (x) => (x <= 0 ? 0 : 1),
  },
  SIGMOID: {
    output: (x) => 1 / (1 + Math.exp(-x)),
    der: (x) => {
      const output = Activations.SIGMOID.output(x);
      return output * (1 - output);
    },
  },
  LINEAR: {
    output: (x) => x,
    der: (x) => 1,
  },
};

class Link {
  constructor(source, dest, regularization) {
    this.id = source.id + '-' + dest.id;
    this.source = source;
    this.dest = dest;
    this.weight = 0; // nn.ts: Math.random() - 0.5; the benchmark loads its own weights
    /** Error derivative with respect to this weight. */
    this.errorDer = 0;
    /** Accumulated error derivative since the last update. */
    this.accErrorDer = 0;
    /** Number of accumulated derivatives since the last update. */
    this.numAccumulatedDers = 0;
    this.regularization = regularization;
  }
}

/** nn.ts buildNetwork: a list of layers, each a list of nodes, fully linked. */
function buildNetwork(networkShape, activation, outputActivation, regularization, inputIds) {
  const numLayers = networkShape.length;
  let id = 1;
  const network = [];
  for (let layerIdx = 0; layerIdx < numLayers; layerIdx++) {
    const isOutputLayer = layerIdx === numLayers - 1;
    const isInputLayer = layerIdx === 0;
    const currentLayer = [];
    network.push(currentLayer);
    const numNodes = networkShape[layerIdx];
    for (let i = 0; i < numNodes; i++) {
      let nodeId = id.toString();
      if (isInputLayer) {
        nodeId = inputIds[i];
      } else {
        id++;
      }
      const node = new Node(nodeId, isOutputLayer ? outputActivation : activation);
      currentLayer.push(node);
      if (layerIdx >= 1) {
        // Add links from nodes in the previous layer to this node.
        for (let j = 0; j < network[layerIdx - 1].length; j++) {
          const prevNode = network[layerIdx - 1][j];
          const link = new Link(prevNode, node, regularization);
          prevNode.outputs.push(link);
          node.inputLinks.push(link);
        }
      }
    }
  }
  return network;
}

/** nn.ts forwardProp; returns the output layer (nn.ts returns only its node 0's output). */
function forwardProp(network, inputs) {
  const inputLayer = network[0];
  if (inputs.length !== inputLayer.length) {
    throw new Error('The number of inputs must match the number of nodes in the input layer');
  }
  for (let i = 0; i < inputLayer.length; i++) {
    inputLayer[i].output = inputs[i];
  }
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    const currentLayer = network[layerIdx];
    for (let i = 0; i < currentLayer.length; i++) {
      currentLayer[i].updateOutput();
    }
  }
  return network[network.length - 1];
}

/** Softmax of the output layer's outputs (its nodes are LINEAR, so output = logit). */
function softmaxOutputs(outputLayer, probs) {
  let mx = -Infinity;
  for (let i = 0; i < outputLayer.length; i++) mx = Math.max(mx, outputLayer[i].output);
  let sum = 0;
  for (let i = 0; i < outputLayer.length; i++) {
    probs[i] = Math.exp(outputLayer[i].output - mx);
    sum += probs[i];
  }
  for (let i = 0; i < outputLayer.length; i++) probs[i] /= sum;
  return probs;
}

/**
 * nn.ts backProp, generalised to a target vector. `probs` must hold the softmax of the last
 * forwardProp when cost is 'cross-entropy'.
 */
function backProp(network, targets, errorFunc, cost, probs) {
  // The output nodes are a special case: the error function gives their derivative.
  const outputLayer = network[network.length - 1];
  for (let i = 0; i < outputLayer.length; i++) {
    const outputNode = outputLayer[i];
    outputNode.outputDer =
      cost === 'cross-entropy' ? probs[i] - targets[i] : errorFunc.der(outputNode.output, targets[i]);
  }

  // Go through the layers backwards.
  for (let layerIdx = network.length - 1; layerIdx >= 1; layerIdx--) {
    const currentLayer = network[layerIdx];
    // Compute the error derivative of each node with respect to:
    // 1) its total input
    // 2) each of its input weights.
    for (let i = 0; i < currentLayer.length; i++) {
      const node = currentLayer[i];
      node.inputDer = node.outputDer * node.activation.der(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
    }

    // Error derivative with respect to each weight coming into the node.
    for (let i = 0; i < currentLayer.length; i++) {
      const node = currentLayer[i];
      for (let j = 0; j < node.inputLinks.length; j++) {
        const link = node.inputLinks[j];
        link.errorDer = node.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    }
    if (layerIdx === 1) {
      continue;
    }
    const prevLayer = network[layerIdx - 1];
    for (let i = 0; i < prevLayer.length; i++) {
      const node = prevLayer[i];
      // Compute the error derivative with respect to each node's output.
      node.outputDer = 0;
      for (let j = 0; j < node.outputs.length; j++) {
        const output = node.outputs[j];
        node.outputDer += output.weight * output.dest.inputDer;
      }
    }
  }
}

/** nn.ts updateWeights: apply the accumulated derivatives, averaged over the batch. */
function updateWeights(network, learningRate, regularizationRate) {
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    const currentLayer = network[layerIdx];
    for (let i = 0; i < currentLayer.length; i++) {
      const node = currentLayer[i];
      // Update the node's bias.
      if (node.numAccumulatedDers > 0) {
        node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      // Update the weights coming into this node.
      for (let j = 0; j < node.inputLinks.length; j++) {
        const link = node.inputLinks[j];
        const regulDer = link.regularization ? link.regularization.der(link.weight) : 0;
        if (link.numAccumulatedDers > 0) {
          link.weight -= (learningRate / link.numAccumulatedDers) * (link.accErrorDer + regularizationRate * regulDer);
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}

const ACT = { tanh: Activations.TANH, relu: Activations.RELU, sigmoid: Activations.SIGMOID, linear: Activations.LINEAR };

class PerNodeNet {
  setup(cfg) {
    const { L, N, nb } = validate(cfg);
    const hidden = cfg.activations.slice(0, L - 1);
    if (new Set(hidden).size > 1) throw new Error('nn.ts uses one activation for all hidden layers');
    const outName = cfg.activations[L - 1];
    this.cost = cfg.cost;
    const hiddenAct = ACT[hidden[0] || 'linear'];
    const outAct = outName === 'softmax' ? Activations.LINEAR : ACT[outName];
    const inputIds = [];
    for (let i = 0; i < cfg.sizes[0]; i++) inputIds.push('x' + i);
    this.network = buildNetwork(cfg.sizes, hiddenAct, outAct, null, inputIds);
    // Load W^l (n_out x n_in, column-major) and b^l.
    for (let l = 1; l <= L; l++) {
      const nout = cfg.sizes[l];
      const W = cfg.weights[l - 1];
      const b = cfg.biases[l - 1];
      const layer = this.network[l];
      for (let i = 0; i < nout; i++) {
        const node = layer[i];
        node.bias = b[i];
        for (let j = 0; j < node.inputLinks.length; j++) node.inputLinks[j].weight = W[i + j * nout];
      }
    }
    this.sizes = cfg.sizes.slice();
    this.L = L;
    this.nb = nb;
    this.B = cfg.batchSize;
    this.lr = cfg.lr;
    // Examples as plain number arrays, like the playground's Example2D -> input arrays.
    const n0 = cfg.sizes[0];
    const nL = cfg.sizes[L];
    this.inputs = [];
    this.targets = [];
    for (let s = 0; s < N; s++) {
      this.inputs.push(Array.from(cfg.X.subarray(s * n0, (s + 1) * n0)));
      this.targets.push(Array.from(cfg.Y.subarray(s * nL, (s + 1) * nL)));
    }
    this.probs = new Array(nL).fill(0);
    this.cursor = 0;
  }

  /** playground.ts oneStep(): per example forwardProp + backProp, updateWeights per batch. */
  trainSteps(n) {
    const B = this.B;
    for (let step = 0; step < n; step++) {
      const base = this.cursor * B;
      this.cursor = (this.cursor + 1) % this.nb;
      for (let s = base; s < base + B; s++) {
        const out = forwardProp(this.network, this.inputs[s]);
        if (this.cost === 'cross-entropy') softmaxOutputs(out, this.probs);
        backProp(this.network, this.targets[s], Errors.SQUARE, this.cost, this.probs);
      }
      updateWeights(this.network, this.lr, 0);
    }
  }

  loss(k) {
    k %= this.nb;
    const B = this.B;
    let sum = 0;
    for (let s = k * B; s < (k + 1) * B; s++) {
      const out = forwardProp(this.network, this.inputs[s]);
      const y = this.targets[s];
      if (this.cost === 'cross-entropy') {
        softmaxOutputs(out, this.probs);
        for (let i = 0; i < out.length; i++) if (y[i] !== 0) sum -= y[i] * Math.log(this.probs[i]);
      } else {
        for (let i = 0; i < out.length; i++) sum += Errors.SQUARE.error(out[i].output, y[i]);
      }
    }
    return sum / B;
  }

  /** Forward each point (as the playground's heatmap does, one forwardProp per point). */
  forward(points, n) {
    const n0 = this.sizes[0];
    const nL = this.sizes[this.L];
    if (n === undefined) n = points.length / n0;
    const res = new Float32Array(nL * n);
    const input = new Array(n0).fill(0);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < n0; j++) input[j] = points[s * n0 + j];
      const out = forwardProp(this.network, input);
      if (this.cost === 'cross-entropy') {
        softmaxOutputs(out, this.probs);
        for (let i = 0; i < nL; i++) res[s * nL + i] = this.probs[i];
      } else {
        for (let i = 0; i < nL; i++) res[s * nL + i] = out[i].output;
      }
    }
    return res;
  }

  forwardGrid(points) {
    return this.forward(points);
  }

  dispose() {
    this.network = this.inputs = this.targets = null;
  }
}

module.exports = {
  describe() {
    return {
      name: 'pernode',
      version: 'port of tensorflow/playground src/nn.ts',
      precision: 'f64',
      notes: 'one object per neuron and per weight, per-example forward/back prop (nn.ts structure)',
    };
  },
  create() {
    return new PerNodeNet();
  },
  // exported for tests
  buildNetwork,
  forwardProp,
  backProp,
  updateWeights,
  Activations,
  Errors,
};
