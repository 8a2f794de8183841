// Types for the Backprop Playground WebAssembly module (wasm/bindings.cpp, Embind).
//
// Lifetime rules:
// - Every object created from JS (Trainer, Dataset, DatasetSplit, and every Dataset returned by a
//   method) owns C++ memory: call .delete() when done, in try/finally.
// - Methods documented as returning a VIEW return a Float32Array/Float64Array/Int32Array that points
//   into WASM memory, with no copy. A view is valid only until the next call into the module that may
//   allocate (any call except reading other views): memory growth detaches it. Copy it (.slice())
//   before keeping it or sending it with postMessage; re-take it every frame.
// - Methods that fail throw a JS Error whose message names the field and the accepted values; the
//   object stays usable (a failed call changes nothing).
//
// Layout: matrices are column-major, one column per sample (features × samples). Parameters are one
// buffer: for each weight layer l = 1..L-1, W^l (n^{l+1} × n^l, column-major) then b^l (n^{l+1}).

export type ActivationName = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'softmax';
export type CostName = 'quadratic' | 'binary_cross_entropy' | 'cross_entropy' | 'huber';
export type InitName = 'playground' | 'glorot' | 'he' | 'nielsen';
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam';
export type RegularizationName = 'none' | 'l1' | 'l2';
export type ScheduleName = 'constant' | 'exponential' | 'step';
export type FeatureName = 'x1' | 'x2' | 'x1^2' | 'x2^2' | 'x1*x2' | 'sin(x1)' | 'sin(x2)';
export type GeneratorName = 'circle' | 'xor' | 'gaussian' | 'spiral' | 'reg-plane' | 'reg-gauss';
export type BuiltinName = 'iris' | 'wine' | 'digits';
export type TaskName = 'classification' | 'regression';
/** How Trainer.traceSample propagates delta backwards (docs/erratum.md):
 *  'backprop': delta^{l-1} = (W^l)^T delta^l ⊙ sigma'(z^{l-1}), what training uses;
 *  'seed_erratum': delta^{l-1} = (W^l)^T delta^l, the seed's last equation as printed (no sigma'),
 *  wrong wherever sigma' != 1. Both start from the same delta^{L-1}. */
export type DeltaRuleName = 'backprop' | 'seed_erratum';
/** How delta^{L-1} of the output layer was obtained:
 *  'a_minus_y': delta = a^L - y directly (softmax + cross_entropy, sigmoid + binary_cross_entropy);
 *  'elementwise': delta = dCda ⊙ sigmaPrime;
 *  'softmax_jacobian': delta_i = a_i (g_i - sum_j a_j g_j), g = dCda (softmax with quadratic/huber). */
export type OutputDeltaName = 'a_minus_y' | 'elementwise' | 'softmax_jacobian';
/** TensorFlow Playground's data set keys (its `dataset` and `regDataset` URL values). */
export type TfpDatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'reg-plane' | 'reg-gauss';
/** TensorFlow Playground's input keys that have an input node (its INPUTS table), in its order.
 *  Its URL also has cosX and cosY, which have no input node in TFP and change nothing there. */
export type TfpInputKey = 'x' | 'y' | 'xSquared' | 'ySquared' | 'xTimesY' | 'sinX' | 'sinY';

/** Options of a run. Only `layers` and `activations` are required; unknown fields are errors. */
export interface TrainerOptions {
  /** Layer sizes from input to output, e.g. [2, 8, 8, 1]; each 1..4096, up to 32 hidden layers. */
  layers: number[];
  /** One per weight layer (layers.length - 1); softmax only on the last. */
  activations: ActivationName[];
  /** Derived input features for 2-D data; length must equal layers[0]. Empty/absent: raw inputs. */
  features?: FeatureName[];
  cost?: CostName;               // default 'quadratic'
  init?: InitName;               // default 'playground': W ~ U(-0.5, 0.5), b = 0.1
  optimizer?: OptimizerName;     // default 'sgd'
  learningRate?: number;         // (0, 100], default 0.03
  momentum?: number;             // [0, 0.9999], default 0.9
  beta1?: number;                // default 0.9
  beta2?: number;                // default 0.999
  rho?: number;                  // rmsprop, default 0.9
  epsilon?: number;              // default 1e-8
  regularization?: RegularizationName;  // default 'none'
  regularizationRate?: number;   // [0, 10], default 0
  dropout?: number;              // [0, 0.95] on hidden layers, default 0
  schedule?: ScheduleName;       // default 'constant'
  decayRate?: number;            // (0, 1], default 0.96
  decaySteps?: number;           // default 100
  batchSize?: number;            // 1..65536, default 10
  shuffle?: boolean;             // reshuffle the training set each epoch, default true
  /** Train as TensorFlow Playground does (default false): examples one at a time in data order
   *  (never shuffled), derivatives accumulated and applied as a mean after example i of an epoch
   *  when (i + 1) % batchSize == 0 (the remainder carries into the next epoch), TFP's L1 rule (a
   *  weight the penalty pushes across 0 becomes 0 and stays there until reset), and history's
   *  train loss/metric measured after each epoch (TFP's getLoss). Needs optimizer 'sgd', cost
   *  'quadratic', schedule 'constant', dropout 0 and one output; ±1 targets come from a tanh output. */
  tfpMode?: boolean;
  seed?: number;                 // integer 0..2^32-1, default 1
}

export interface StepReport { steps: number; epoch: number; loss: number; diverged: boolean; }
export interface Metrics {
  trainLoss: number; testLoss: number;          // testLoss NaN without a test set
  trainAccuracy: number; testAccuracy: number;  // NaN for regression
  trainR2: number; testR2: number;              // NaN for classification
}
export interface GradientCheckResult {
  /** Largest per-parameter |analytic - numeric| / max(|analytic|, |numeric|, 1e-4). */
  maxRelativeError: number;
  /** ||analytic - numeric|| / (||analytic|| + ||numeric||) over the checked parameters. */
  vectorRelativeError: number;
  /** The parameter with maxRelativeError: flat index into parameters(), weight layer l (1-based,
   *  W^l maps layer l to l+1), row and column of W^l (column -1 for the bias b^l), and its name in
   *  that notation, e.g. "W^2[0, 3]" or "b^1[2]". */
  worstParameter: number; worstLayer: number; worstRow: number; worstColumn: number;
  worstName: string;
  checked: number;
  /** Smallest |z| of a ReLU-like unit (and |w| under L1); nearKink: close enough to a kink that a
   *  disagreement may be the kink rather than a bug. */
  kinkDistance: number; nearKink: boolean;
  /** The core's verdict: ok = maxRelativeError < tolerance (the core's one tolerance, 1e-6). */
  tolerance: number; ok: boolean;
}
// --- TRACE (issue 13 §4): finiteDifference / pendingUpdate ---
/** Trainer.finiteDifference's result. */
export interface FiniteDifference {
  parameter: number;
  sample: number;
  /** (plus − minus) / (2h): the numeric ∂C/∂θ_p of this one sample. */
  value: number;
  /** C(θ + h e_p), C(θ − h e_p), C(θ), in double. */
  plus: number; minus: number; cost: number;
  /** The step, 1e-5. */
  h: number;
}
/** The optimizer's state for one parameter after the pending step's moment update. */
export type PendingOptimizerState =
  | { gradient: number }                                  // sgd
  | { velocity: number }                                  // momentum, nesterov: v' = μv − ηg
  | { meanSquare: number }                                // rmsprop: s' = ρs + (1−ρ)g²
  | { m: number; v: number; mHat: number; vHat: number }; // adam: moments and bias-corrected
/** Trainer.pendingUpdate's result. */
export interface PendingUpdate {
  parameter: number;
  optimizer: 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam';
  /** The optimizer step t this update will be (1-based). */
  step: number;
  /** η_t of the schedule for that step. */
  learningRate: number;
  /** θ now, θ after the step (bit-identical to parameters() after trainSteps(1)), next − value. */
  value: number; next: number; update: number;
  /** g: the batch-mean gradient plus the regularization's (without regularization, the mean of
   *  traceSample(i).gradient over `batch`). */
  gradient: number;
  state: PendingOptimizerState;
  /** The training columns of the next batch. */
  batch: Int32Array;
}
// --- end TRACE ---
/** Weight layer l (layers[l - 1]) of a SampleTrace: W^l, b^l map level l to l+1. Each array has
 *  n^{l+1} entries (one per neuron of level l+1). */
export interface LayerTrace {
  /** z^l = W^l a^l + b^l. */
  z: Float32Array;
  /** sigma'(z^l), the factor backprop multiplies by. All NaN for softmax, whose derivative is not
   *  elementwise (see SampleTrace.outputDelta). */
  sigmaPrime: Float32Array;
  /** dC/da^{l+1}: (W^{l+1})^T delta^{l+1} for hidden levels; for the output level the cost's
   *  derivative, also where backprop does not use it (outputDelta 'a_minus_y'). */
  dCda: Float32Array;
  /** delta^l = dC/dz^l as the trace's rule propagates it ('backprop': exactly the delta training
   *  computes, = dCda ⊙ sigmaPrime for elementwise sigma up to the last bit). */
  delta: Float32Array;
}
/** Trainer.traceSample's result: training sample `sample` as training sees it (derived features,
 *  standardization) under the weights at the time of the call, for the cost of that one sample,
 *  C = cost(a^L(x), y): no batch mean, no regularization, no dropout. Seed's notation: levels
 *  l = 1..L, a[0] = a^1 the network input; layers[k] is weight layer l = k + 1.
 *  Every array is a COPY: it stays valid after later calls (training, memory growth). */
export interface SampleTrace {
  /** The training sample's index: its column in the training set given to setData (not the
   *  epoch's shuffled order). */
  sample: number;
  rule: DeltaRuleName;
  outputDelta: OutputDeltaName;
  /** One per weight layer (layers.length = L - 1). */
  layers: LayerTrace[];
  /** Activations per level: a[0] = a^1 (the network input, n^1), ..., a[L-1] = a^L (the output). */
  a: Float32Array[];
  /** dC/dtheta of this sample in the layout of parameters(): per weight layer W^l (column-major,
   *  dC/dW^l = delta^l (a^l)^T) then b^l (dC/db^l = delta^l). With rule 'seed_erratum', the gradient
   *  the seed's delta gives. */
  gradient: Float32Array;
  /** C(a^L, y) of this sample. */
  cost: number;
  /** The sample's raw input: the data set's own coordinates (before features and standardization). */
  input: Float64Array;
  /** y as the cost sees it: one-hot, 0/1 (-1/1 for a tanh output), or the regression target. */
  target: Float32Array;
  /** Its class (classification), else -1. */
  label: number;
  /** a^L (the same numbers as a[a.length - 1]). */
  prediction: Float32Array;
  /** The core's class rule on a^L (as predictClasses), else -1 (regression). */
  predictedClass: number;
}
export interface DatasetInfo {
  numSamples: number; numFeatures: number; numClasses: number; task: TaskName;
  featureNames: string[]; classNames: string[];
}

export interface Dataset {
  /** JSON text of a DatasetInfo (parse with JSON.parse). */
  infoJson(): string;
  /** VIEW: inputs, numFeatures × numSamples, column-major (Float64Array). */
  inputs(): Float64Array;
  /** VIEW: class index per sample (classification; empty for regression). */
  labels(): Int32Array;
  /** VIEW: regression targets, numTargets × numSamples (empty for classification). */
  targets(): Float64Array;
  /** Shuffled train/test split; trainRatio in (0, 1]. */
  split(trainRatio: number, seed: number): DatasetSplit;
  delete(): void;
}
export interface DatasetSplit { train(): Dataset; test(): Dataset; delete(): void; }

export interface DatasetStatic {
  /** An empty data set. As setData's test set: train without a test set (the history's test
   *  loss and evaluate()'s test fields are NaN), and without its per-epoch evaluation pass. */
  new (): Dataset;
  /** TensorFlow Playground's 2-D sets; noise in [0, 1] (its slider 0..50 is 0..0.5). */
  generate(kind: GeneratorName, numSamples: number, noise: number, seed: number): Dataset;
  /** A user's CSV (last column is the target). task: 'auto' | 'classification' | 'regression'. */
  fromCsv(text: string, task: 'auto' | TaskName): Dataset;
  /** The shipped UCI sets, from the text of data/iris.csv, data/wine_data.csv or data/digits.csv. */
  builtin(name: BuiltinName, text: string): Dataset;
  /** Points a user drew: x is numFeatures × n column-major; classification takes labels (0..k-1)
   *  in y and numClasses >= 2; regression takes targets in y (1 × n) and numClasses = 0. */
  fromArrays(x: Float64Array | Float32Array | number[], y: Float64Array | Float32Array | number[],
             numFeatures: number, task: TaskName, numClasses: number): Dataset;
  /** TensorFlow Playground's data for a link, point for point: Math.seedrandom(seed), its generator
   *  (500 points, or 1200 for reg-*), noise = noise / 100, its Fisher-Yates shuffle, then train =
   *  the first floor(n * percTrainData / 100). noise: TFP's slider value in [0, 80]; percTrainData
   *  in [0, 100]; seed: TFP's seed string as it stands in the link (e.g. '0.58835'). Labels -1/1
   *  become classes 0/1 (a tanh output trains on -1/1 again); regression labels are targets. */
  generateTfp(dataset: TfpDatasetName, noise: number, percTrainData: number, seed: string): DatasetSplit;
}

export interface Trainer {
  setData(train: Dataset, test: Dataset, standardize: boolean): void;
  trainSteps(n: number): StepReport;
  trainEpochs(n: number): StepReport;
  report(): StepReport;
  /** Why the run stopped ('' while healthy). After a divergence the weights of the last good step
   *  are already restored; clearDivergence() lets training continue. */
  divergenceMessage(): string;
  clearDivergence(): void;
  /** Back to the weights at the end of the last healthy epoch (finite loss within 1.5x of the best
   *  so far; the initial weights before the first epoch), fresh optimizer moments, flag cleared. */
  restoreHealthy(): void;
  setLearningRate(learningRate: number): void;
  /** Back to this seed's initial weights, epoch 0. */
  reset(): void;
  /** New seed: new initial weights and shuffles. */
  reseed(seed: number): void;
  evaluate(): Metrics;
  /** Copy: k × k counts, row-major (row = true class, column = predicted). */
  confusion(test: boolean): Int32Array;
  /** VIEW: the loss chart's columns, one point per completed epoch, 5 numbers per point:
   *  view[5 p + 0] epoch, [+1] train loss, [+2] test loss, [+3] train metric, [+4] test metric.
   *  Metric = accuracy (classification) or R² (regression). Train loss and train metric are over
   *  the epoch's batches (weights moving, dropout active); test loss and test metric are one pass
   *  over the test set at the epoch's end (NaN without a test set; evaluate() gives the same).
   *  Bounded to 4096 points: when full, every other point is dropped and the stride doubles, so the
   *  points stay evenly spaced; draw them as they are. */
  history(): Float64Array;
  /** Copy: outputs (numOutputs × n) for raw inputs x (rawFeatures × n, column-major). */
  predict(x: Float32Array, n: number): Float32Array;
  /** Copy: predicted class per sample for raw inputs x (rawFeatures × n, column-major), by the
   *  core's rule: argmax over the outputs, or for one output `> 0.5` (tanh output: `> 0`).
   *  Classification only: throws for a regression data set (use predict). */
  predictClasses(x: Float32Array, n: number): Int32Array;
  /** VIEW: decision-boundary grid, nx × ny points, point p = j * nx + i at (x0 + i (x1-x0)/(nx-1),
   *  y0 + j (y1-y0)/(ny-1)) — row j = 0 is the BOTTOM (y0). Rows of the view: numOutputs values per
   *  point, or with allNeurons every neuron of every layer (inputs, hidden..., outputs) per point:
   *  the view is (rows × P) column-major, i.e. view[p * rows + r]. */
  predictGrid(x0: number, x1: number, y0: number, y1: number, nx: number, ny: number,
              allNeurons: boolean): Float32Array;
  /** VIEW: all parameters in the layout above (writing to it changes the network). */
  parameters(): Float32Array;
  /** VIEW: gradients of the last step, same layout. */
  gradients(): Float32Array;
  setParameter(index: number, value: number): void;
  /** Replaces all parameters (length must match); asInitial also makes them what reset() restores. */
  setParameters(values: Float32Array | Float64Array | number[], asInitial: boolean): void;
  /** JSON text of the validated options (TrainerOptions with every default filled in). */
  optionsJson(): string;
  /** The model file: versioned JSON (options, parameters, initial parameters, standardizer). */
  toModelJson(): string;
  /** Central-difference check in double on the first `samples` training samples. */
  gradientCheck(samples: number, maxParameters: number): GradientCheckResult;
  /** The trace of training sample `sample` (a whole number in [0, number of training samples - 1])
   *  under the current weights: see SampleTrace. Copies, computed by the core on a network of its
   *  own: the training run (weights, optimizer, RNG, history, gradients()) is left as it was.
   *  rule: 'backprop' (default) or 'seed_erratum' (the seed's printed recursion, for the erratum
   *  toggle). Throws without data, for a bad index ("sample: ...") or an unknown rule ("rule: ..."). */
  traceSample(sample: number, rule?: DeltaRuleName): SampleTrace;
  // --- EXPORT (issue 14): added by loader.js, made by the exporter module backprop-export.wasm
  // (core/export/), which loads on the first call: hence Promises. Each takes the trainer's state at
  // the call; refusals reject with an Error saying what and what to do (a diverged run, no data for
  // the script's self-check). A broken file is never returned.
  /** The network with its derived features and standardizer as ONNX (opset 17, IR version 8):
   *  input "input" float32 [batch, raw inputs], output "output" float32 [batch, outputs] = predict's. */
  toOnnx(): Promise<Uint8Array>;
  /** A standalone Python script: torch.nn.Sequential with these weights, a NumPy forward, and a
   *  self-check on the first `samples` (default 5) training samples against this engine's predict. */
  toPyTorch(options?: { samples?: number }): Promise<string>;
  /** The loss history as CSV: epoch,train_loss,test_loss,train_<metric>,test_<metric>
   *  (metric accuracy or r2); NaN (no test set) is an empty field. */
  historyCsv(): Promise<string>;
  // --- TRACE (issue 13 §4) ---
  /** Central difference, in double, of training sample `sample`'s own cost for parameter
   *  `parameterIndex` (layout of parameters()): (C(θ + h e_p) − C(θ − h e_p)) / 2h, h = 1e-5, on the
   *  core's naive double reference network at the current (float) weights. Compare with
   *  traceSample(sample).gradient[parameterIndex]. Changes nothing. Throws "sample: ..." or
   *  "parameterIndex: must be a whole number in [0, P-1]; got x". */
  finiteDifference(parameterIndex: number, sample: number): FiniteDifference;
  /** What the next trainSteps(1) will do to parameter `parameterIndex`: the next batch (same
   *  shuffle and dropout masks), its gradient, the optimizer's state and the new value, bit-identical
   *  to the value after the step. Read-only (the run stays bit-identical). Throws without data, for a
   *  bad index ("parameterIndex: ...") and in tfpMode ("pendingUpdate: is not available in tfpMode"). */
  pendingUpdate(parameterIndex: number): PendingUpdate;
  // --- end TRACE ---
  delete(): void;
}

export interface TrainerStatic {
  /** Validates the options (JSON text of TrainerOptions) and initialises the weights from the seed. */
  new (optionsJson: string): Trainer;
  /** Builds a trainer from a model file's text. */
  fromModelJson(text: string): Trainer;
}

export interface BackpropModule {
  Trainer: TrainerStatic;
  Dataset: DatasetStatic;
  /** Which SIMD instruction sets Eigen uses in this build (e.g. "SSE, SSE2, ..." or "None"). */
  simdInstructionSets(): string;
  /** Bytes of WASM linear memory (grows, never shrinks). */
  heapBytes(): number;
  /** Copy: TensorFlow Playground's initial weights for a link, in this engine's parameter layout
   *  (give it to trainer.setParameters(w, true)). The same stream as Dataset.generateTfp with the
   *  same arguments, continued by buildNetwork: one Math.random() - 0.5 per link, layer by layer,
   *  node by node, incoming link by link; W^l(i, j) is node i's link from node j; biases 0.1, or
   *  all 0 with initZero. layers: [number of features, ...networkShape, 1]. */
  tfpInitialWeights(dataset: TfpDatasetName, noise: number, percTrainData: number, seed: string,
                    layers: number[], initZero: boolean): Float64Array;
  /** The engine's features, in TFP's input-node order, for the TFP input keys that are on
   *  (e.g. ['sinX', 'x', 'y'] -> ['x1', 'x2', 'sin(x1)']). Throws for cosX/cosY and unknown keys. */
  tfpFeatures(keys: TfpInputKey[]): FeatureName[];
  /** Copy: the first `count` (0..1000000) values of Math.random() after TFP's Math.seedrandom(seed)
   *  (seedrandom's ARC4), e.g. to follow TFP's stream further. */
  tfpRandom(seed: string, count: number): Float64Array;
}

export interface LoadOptions {
  /** true: SIMD build or throw; false: baseline; default: SIMD when the engine validates SIMD128 and
   *  wasm exception handling. */
  simd?: boolean;
  /** Where backprop-{simd,base}.{js,wasm} are (default: next to loader.js). */
  baseUrl?: string | URL;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
  /** The variant's .wasm compiled by the caller (e.g. in a page, posted to a worker): nothing is
   *  fetched. The variant must match `simd`. Not together with wasmResponse. */
  wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>;
  /** The variant's .wasm fetched by the caller (compiled streaming): nothing else is fetched. */
  wasmResponse?: Response | Promise<Response>;
  /** The variant's glue (default export of backprop-<variant>.js), bundled by the caller: the .js
   *  is not imported from baseUrl. Must match the variant (`simd`). */
  createModule?: (options: object) => Promise<BackpropModule>;
}
export function loadBackprop(
  options?: LoadOptions,
): Promise<{ module: BackpropModule; variant: 'simd' | 'base' }>;
/** True when this engine can run the SIMD build. */
export function simdSupported(): boolean;
/** The URL of the .wasm that loadBackprop({ simd, baseUrl }) would fetch. */
export function wasmFileUrl(options?: { simd?: boolean; baseUrl?: string | URL }): string;

// --- EXPORT (issue 14) ---
/** The exporter module (backprop-export.{js,wasm}, next to loader.js unless baseUrl says where);
 *  loaded once per baseUrl. Trainer.toOnnx/toPyTorch/historyCsv use it; direct use is rarely needed. */
export interface ExporterModule {
  /** ONNX bytes of a model file (Trainer.toModelJson); divergence: the run's divergence message or ''. */
  onnx(modelJson: string, divergence: string): Uint8Array;
  /** samplesJson: {"inputs": [[...], ...], "outputs": [[...], ...]} (raw inputs, the engine's predictions). */
  pytorch(modelJson: string, divergence: string, samplesJson: string): string;
  /** history: Trainer.history()'s 5 numbers per point; metric 'accuracy' | 'r2'. */
  historyCsv(history: Float64Array | number[], metric: 'accuracy' | 'r2'): string;
  /** 17 */
  onnxOpset(): number;
}
export function loadExporter(options?: { baseUrl?: string | URL }): Promise<ExporterModule>;
