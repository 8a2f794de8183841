// A JavaScript reference for TensorFlow Playground's data, initial weights and training, for the
// tfp-*.test.mjs tests: ports of tensorflow/playground (Copyright 2016 Google Inc., Apache-2.0)
//   src/dataset.ts   (commit bf5e6fc) the six generators, randUniform, normalRandom, dist, shuffle;
//   src/playground.ts (bf5e6fc) generateData, INPUTS, constructInput, oneStep, getLoss, reset;
//   src/nn.ts        (bd89e3a) buildNetwork, forwardProp, backProp, updateWeights, the activations,
//                    Errors.SQUARE and the L1/L2 regularization functions;
// and d3 3.5.17's linear scale (d3_scale_bilinear over d3_uninterpolateNumber / _Clamp and
// d3_interpolateNumber), which dataset.ts calls. TFP's global Math.random (seeded by
// Math.seedrandom) is an explicit `random` argument here, a seedrandom(seed) instance from the real
// npm package; everything else follows TFP's statements and their order of operations. Nothing
// here calls the engine: it is the independent side of the comparison.
import seedrandom from 'seedrandom';

/** Math.seedrandom(seed); then Math.random() is this function. */
export const seeded = (seed) => seedrandom(seed);

// d3.scale.linear().domain([d0, d1]).range([r0, r1]) (.clamp(true) when clamp), d3 3.5.17.
function d3Linear(d0, d1, r0, r1, clamp = false) {
  const a = +d0;
  const b = (d1 - a) || 1 / d1;
  return (x) => {
    let t = (x - a) / b;
    if (clamp) t = Math.max(0, Math.min(1, t));
    return r0 * (1 - t) + r1 * t;
  };
}

// --- src/dataset.ts ---

export function shuffle(array, random) {
  let counter = array.length;
  let temp = 0;
  let index = 0;
  while (counter > 0) {
    index = Math.floor(random() * counter);
    counter--;
    temp = array[counter];
    array[counter] = array[index];
    array[index] = temp;
  }
}

function randUniform(random, a, b) {
  return random() * (b - a) + a;
}

function normalRandom(random, mean = 0, variance = 1) {
  let v1, v2, s;
  do {
    v1 = 2 * random() - 1;
    v2 = 2 * random() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  const result = Math.sqrt(-2 * Math.log(s) / s) * v1;
  return mean + Math.sqrt(variance) * result;
}

function dist(a, b) {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return Math.sqrt(dx * dx + dy * dy);
}

function classifyTwoGaussData(numSamples, noise, random) {
  const points = [];
  const variance = d3Linear(0, 0.5, 0.5, 4)(noise);
  function genGauss(cx, cy, label) {
    for (let i = 0; i < numSamples / 2; i++) {
      const x = normalRandom(random, cx, variance);
      const y = normalRandom(random, cy, variance);
      points.push({ x, y, label });
    }
  }
  genGauss(2, 2, 1);
  genGauss(-2, -2, -1);
  return points;
}

function regressPlane(numSamples, noise, random) {
  const radius = 6;
  const labelScale = d3Linear(-10, 10, -1, 1);
  const getLabel = (x, y) => labelScale(x + y);
  const points = [];
  for (let i = 0; i < numSamples; i++) {
    const x = randUniform(random, -radius, radius);
    const y = randUniform(random, -radius, radius);
    const noiseX = randUniform(random, -radius, radius) * noise;
    const noiseY = randUniform(random, -radius, radius) * noise;
    points.push({ x, y, label: getLabel(x + noiseX, y + noiseY) });
  }
  return points;
}

function regressGaussian(numSamples, noise, random) {
  const points = [];
  const labelScale = d3Linear(0, 2, 1, 0, true);
  const gaussians = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];
  function getLabel(x, y) {
    let label = 0;
    gaussians.forEach(([cx, cy, sign]) => {
      const newLabel = sign * labelScale(dist({ x, y }, { x: cx, y: cy }));
      if (Math.abs(newLabel) > Math.abs(label)) label = newLabel;
    });
    return label;
  }
  const radius = 6;
  for (let i = 0; i < numSamples; i++) {
    const x = randUniform(random, -radius, radius);
    const y = randUniform(random, -radius, radius);
    const noiseX = randUniform(random, -radius, radius) * noise;
    const noiseY = randUniform(random, -radius, radius) * noise;
    points.push({ x, y, label: getLabel(x + noiseX, y + noiseY) });
  }
  return points;
}

function classifySpiralData(numSamples, noise, random) {
  const points = [];
  const n = numSamples / 2;
  function genSpiral(deltaT, label) {
    for (let i = 0; i < n; i++) {
      const r = i / n * 5;
      const t = 1.75 * i / n * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + randUniform(random, -1, 1) * noise;
      const y = r * Math.cos(t) + randUniform(random, -1, 1) * noise;
      points.push({ x, y, label });
    }
  }
  genSpiral(0, 1);
  genSpiral(Math.PI, -1);
  return points;
}

function classifyCircleData(numSamples, noise, random) {
  const points = [];
  const radius = 5;
  const getCircleLabel = (p, center) => (dist(p, center) < (radius * 0.5) ? 1 : -1);
  for (let i = 0; i < numSamples / 2; i++) {
    const r = randUniform(random, 0, radius * 0.5);
    const angle = randUniform(random, 0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const noiseX = randUniform(random, -radius, radius) * noise;
    const noiseY = randUniform(random, -radius, radius) * noise;
    points.push({ x, y, label: getCircleLabel({ x: x + noiseX, y: y + noiseY }, { x: 0, y: 0 }) });
  }
  for (let i = 0; i < numSamples / 2; i++) {
    const r = randUniform(random, radius * 0.7, radius);
    const angle = randUniform(random, 0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const noiseX = randUniform(random, -radius, radius) * noise;
    const noiseY = randUniform(random, -radius, radius) * noise;
    points.push({ x, y, label: getCircleLabel({ x: x + noiseX, y: y + noiseY }, { x: 0, y: 0 }) });
  }
  return points;
}

function classifyXORData(numSamples, noise, random) {
  const getXORLabel = (p) => (p.x * p.y >= 0 ? 1 : -1);
  const points = [];
  for (let i = 0; i < numSamples; i++) {
    let x = randUniform(random, -5, 5);
    const padding = 0.3;
    x += x > 0 ? padding : -padding;
    let y = randUniform(random, -5, 5);
    y += y > 0 ? padding : -padding;
    const noiseX = randUniform(random, -5, 5) * noise;
    const noiseY = randUniform(random, -5, 5) * noise;
    points.push({ x, y, label: getXORLabel({ x: x + noiseX, y: y + noiseY }) });
  }
  return points;
}

/** src/state.ts's `datasets` and `regDatasets` keys. */
export const GENERATORS = {
  circle: classifyCircleData,
  xor: classifyXORData,
  gauss: classifyTwoGaussData,
  spiral: classifySpiralData,
  'reg-plane': regressPlane,
  'reg-gauss': regressGaussian,
};
export const isRegression = (name) => name.startsWith('reg-');

/** generateData(true): seeds, generates, shuffles, splits. Returns {train, test, random}. */
export function generateData(name, noise, percTrainData, seed) {
  const random = seeded(seed);
  const numSamples = isRegression(name) ? 1200 : 500;   // NUM_SAMPLES_REGRESS / _CLASSIFY
  const data = GENERATORS[name](numSamples, noise / 100, random);
  shuffle(data, random);
  const splitIndex = Math.floor(data.length * percTrainData / 100);
  return { train: data.slice(0, splitIndex), test: data.slice(splitIndex), random };
}

// --- src/playground.ts: the inputs ---

export const INPUTS = {
  x: (x, y) => x,
  y: (x, y) => y,
  xSquared: (x, y) => x * x,
  ySquared: (x, y) => y * y,
  xTimesY: (x, y) => x * y,
  sinX: (x, y) => Math.sin(x),
  sinY: (x, y) => Math.sin(y),
};
/** constructInputIds() for a state with these input keys on. */
export const inputIds = (on) => Object.keys(INPUTS).filter((name) => on.includes(name));
export const constructInput = (ids, x, y) => ids.map((name) => INPUTS[name](x, y));

// --- src/nn.ts ---

export const Activations = {
  tanh: { output: (x) => Math.tanh(x), der: (x) => { const o = Math.tanh(x); return 1 - o * o; } },
  relu: { output: (x) => Math.max(0, x), der: (x) => (x <= 0 ? 0 : 1) },
  sigmoid: {
    output: (x) => 1 / (1 + Math.exp(-x)),
    der: (x) => { const o = 1 / (1 + Math.exp(-x)); return o * (1 - o); },
  },
  linear: { output: (x) => x, der: () => 1 },
};
export const Regularizations = {
  none: null,
  L1: { output: (w) => Math.abs(w), der: (w) => (w < 0 ? -1 : (w > 0 ? 1 : 0)) },
  L2: { output: (w) => 0.5 * w * w, der: (w) => w },
};
const SQUARE = { error: (output, target) => 0.5 * Math.pow(output - target, 2), der: (output, target) => output - target };

/** buildNetwork(networkShape, activation, outputActivation, regularization, inputIds, initZero). */
export function buildNetwork(shape, activation, outputActivation, regularization, ids, initZero, random) {
  let id = 1;
  const network = [];
  for (let layerIdx = 0; layerIdx < shape.length; layerIdx++) {
    const isOutputLayer = layerIdx === shape.length - 1;
    const isInputLayer = layerIdx === 0;
    const currentLayer = [];
    network.push(currentLayer);
    for (let i = 0; i < shape[layerIdx]; i++) {
      let nodeId = id.toString();
      if (isInputLayer) nodeId = ids[i];
      else id++;
      const node = {
        id: nodeId, inputLinks: [], outputs: [], bias: initZero ? 0 : 0.1,
        totalInput: 0, output: 0, outputDer: 0, inputDer: 0, accInputDer: 0, numAccumulatedDers: 0,
        activation: isOutputLayer ? outputActivation : activation,
      };
      currentLayer.push(node);
      if (layerIdx >= 1) {
        for (let j = 0; j < network[layerIdx - 1].length; j++) {
          const prevNode = network[layerIdx - 1][j];
          // Link's field initialiser draws first; the constructor then zeroes it with initZero.
          let weight = random() - 0.5;
          if (initZero) weight = 0;
          const link = {
            source: prevNode, dest: node, weight, isDead: false, errorDer: 0, accErrorDer: 0,
            numAccumulatedDers: 0, regularization,
          };
          prevNode.outputs.push(link);
          node.inputLinks.push(link);
        }
      }
    }
  }
  return network;
}

export function forwardProp(network, inputs) {
  const inputLayer = network[0];
  for (let i = 0; i < inputLayer.length; i++) inputLayer[i].output = inputs[i];
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    for (const node of network[layerIdx]) {
      node.totalInput = node.bias;
      for (const link of node.inputLinks) node.totalInput += link.weight * link.source.output;
      node.output = node.activation.output(node.totalInput);
    }
  }
  return network[network.length - 1][0].output;
}

export function backProp(network, target) {
  const outputNode = network[network.length - 1][0];
  outputNode.outputDer = SQUARE.der(outputNode.output, target);
  for (let layerIdx = network.length - 1; layerIdx >= 1; layerIdx--) {
    const currentLayer = network[layerIdx];
    for (const node of currentLayer) {
      node.inputDer = node.outputDer * node.activation.der(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
    }
    for (const node of currentLayer) {
      for (const link of node.inputLinks) {
        if (link.isDead) continue;
        link.errorDer = node.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    }
    if (layerIdx === 1) continue;
    for (const node of network[layerIdx - 1]) {
      node.outputDer = 0;
      for (const output of node.outputs) node.outputDer += output.weight * output.dest.inputDer;
    }
  }
}

export function updateWeights(network, learningRate, regularizationRate) {
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    for (const node of network[layerIdx]) {
      if (node.numAccumulatedDers > 0) {
        node.bias -= learningRate * node.accInputDer / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      for (const link of node.inputLinks) {
        if (link.isDead) continue;
        const regulDer = link.regularization ? link.regularization.der(link.weight) : 0;
        if (link.numAccumulatedDers > 0) {
          link.weight = link.weight - (learningRate / link.numAccumulatedDers) * link.accErrorDer;
          const newLinkWeight = link.weight - (learningRate * regularizationRate) * regulDer;
          if (link.regularization === Regularizations.L1 && link.weight * newLinkWeight < 0) {
            link.weight = 0;
            link.isDead = true;
          } else {
            link.weight = newLinkWeight;
          }
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}

// --- src/playground.ts: the training loop ---

export function getLoss(network, ids, points) {
  let loss = 0;
  for (const p of points) {
    const output = forwardProp(network, constructInput(ids, p.x, p.y));
    loss += SQUARE.error(output, p.label);
  }
  return loss / points.length;
}

/** oneStep(): one epoch over trainData in its order; updates when (i + 1) % batchSize === 0. */
export function oneStep(network, ids, trainData, batchSize, learningRate, regularizationRate) {
  trainData.forEach((point, i) => {
    forwardProp(network, constructInput(ids, point.x, point.y));
    backProp(network, point.label);
    if ((i + 1) % batchSize === 0) updateWeights(network, learningRate, regularizationRate);
  });
  return getLoss(network, ids, trainData);
}

/** The weights and biases of a built network, in the order TFP created them (for tests). */
export function linksInOrder(network) {
  const out = [];
  for (let l = 1; l < network.length; l++) {
    for (const node of network[l]) out.push({ node, links: node.inputLinks });
  }
  return out;
}
