// Types for the page-level API of backprop-playground (web/src/index.js). The engine's API (the
// WASM module, Trainer, Dataset, loadBackprop) is typed in wasm/backprop.d.ts ('backprop-playground/engine').

export type DatasetName =
  | 'circle' | 'xor' | 'gaussian' | 'spiral' | 'reg-plane' | 'reg-gauss'
  | 'iris' | 'wine' | 'digits' | 'custom' | 'csv';

/** The playground's settings (every field is also a key of the URL hash). */
export interface PlaygroundSettings {
  dataset: DatasetName;
  noise: number;            // percent, 0..50 (TensorFlow Playground's slider; up to 80 from an imported TFP link)
  percTrainData: number;    // 10..90
  dataSeed: number;
  seed: number;             // initial weights
  features: string[];       // x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2
  networkShape: number[];   // hidden layer sizes
  activations: string[];    // one per hidden layer: tanh, relu, leaky_relu, sigmoid, linear
  output: 'tanh' | 'sigmoid' | 'softmax';
  learningRate: number;
  optimizer: 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam';
  momentum: number;
  regularization: 'none' | 'l1' | 'l2';
  regularizationRate: number;
  batchSize: number;
  dropout: number;
  speed: number;
  stopEpoch: number;        // 0: off
  stopLoss: number;         // 0: off
  showTestData: boolean;
  discretize: boolean;
  points: { x: Float32Array; labels: Uint8Array } | null;  // drawn points (dataset 'custom')
  weights: Float32Array | null;                             // edited starting weights
  /** An imported TensorFlow Playground link's seed (its raw text): its data (Dataset.generateTfp)
   *  and starting weights (tfpInitialWeights) for generated data sets; null: this playground's own. */
  tfpSeed: string | null;
  tfpTraining: boolean;     // with tfpSeed: train as TensorFlow Playground does (trainer option tfpMode)
  initZero: boolean;        // TFP's initZero: biases 0 instead of 0.1 in the imported weights
}

/** A control of the playground, by id (attributes controls= and locked=). */
export type ControlId =
  | 'play' | 'step' | 'reset' | 'learning-rate' | 'activation' | 'regularization' | 'regularization-rate'
  | 'problem' | 'dataset' | 'noise' | 'perc-train-data' | 'data-seed' | 'features' | 'network-shape'
  | 'optimizer' | 'momentum' | 'batch-size' | 'dropout' | 'output' | 'speed' | 'stop' | 'seed'
  | 'show-test-data' | 'discretize' | 'upload' | 'weights' | 'export' | 'embed' | 'tfp';
export type ControlPreset = 'none' | 'minimal' | 'standard' | 'full';
/** A panel of the playground (attribute views=). */
export type ViewId = 'network' | 'output' | 'loss' | 'data' | 'metrics' | 'math';

/** Which controls and panels show. */
export interface PlaygroundUi {
  controls: readonly ControlId[];
  /** Shown but not changeable. */
  locked: readonly ControlId[];
  views: readonly ViewId[];
}

export interface PlaygroundOptions {
  /** A hash string ('#dataset=xor&networkShape=8,8') or an object of settings. */
  state?: string | Partial<PlaygroundSettings>;
  /** Read and write window.location.hash (one playground per page should). */
  hash?: boolean;
  /** Start training as soon as the engine is ready (not when the reader prefers reduced motion). */
  autoplay?: boolean;
  /** Which controls and panels show (default: all). */
  ui?: Partial<PlaygroundUi>;
  /** Start no worker and fetch no .wasm until the element nears the viewport (default false). */
  lazy?: boolean;
  /** Pause while scrolled away (it always pauses while the tab is hidden). */
  pauseWhenAway?: boolean;
  /** Where backprop-*.wasm and loader.js are served (default ../wasm/ beside the built script). */
  wasmBase?: string;
  /** Where the data set CSVs are served (default ../data/). */
  dataBase?: string;
  /** Force the SIMD (true) or baseline (false) build. */
  simd?: boolean;
}

export interface PlaygroundStats {
  startedAt: number; readyAt: number; firstFrameAt: number; firstTrainedFrameAt: number;
  heapBytes: number; variant: 'simd' | 'base' | '';
  /** Settings sent to the worker and not yet answered (0: the last frame reflects the settings). */
  pending: number;
  /** Mini-batch steps trained in all, across rebuilds and worker restarts (after the first frame). */
  steps?: number;
  /** Worker deaths noticed (error event, no answer to the watchdog) and restarts done (issue 15). */
  faults?: number;
  restarts?: number;
  /** Why the worker was last found dead, in words. */
  lastFault?: string;
}

/** The figures of the last frame (the detail of the 'epoch' event). NaN: no test data. */
export interface PlaygroundMetrics {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  /** Accuracy (0..1) for classification, R² for regression. */
  trainMetric: number;
  testMetric: number;
  metric: 'accuracy' | 'R²';
}

/** The data points in the data's own coordinates: each row the inputs, then the label (class
 *  index) or the target (regression). */
export interface PlaygroundData {
  train: number[][];
  test: number[][];
}

export interface PlaygroundEventMap {
  /** The first frame is drawn. */
  ready: CustomEvent<{ variant: 'simd' | 'base' | '' }>;
  /** At most every 250 ms while training, and when training stops. */
  epoch: CustomEvent<PlaygroundMetrics>;
  /** The loss became NaN or infinite; training paused at the last good weights. */
  diverged: CustomEvent<{ epoch: number; message: string; learningRate: number }>;
  /** Any settings change, by the reader or the API. */
  change: CustomEvent<{ state: PlaygroundSettings; hash: string }>;
}

/** The API of createPlayground()'s controller and of the <backprop-playground> element. */
export interface PlaygroundApi {
  play(): void;
  pause(): void;
  toggle(): void;
  /** n mini-batch steps (a whole number, 1 to 100000); without n, one frame's worth at the current speed. */
  step(n?: number): void;
  /** Back to the same initial weights, epoch 0. */
  reset(): void;
  /** The settings; assigning a hash string or a partial settings object changes them. */
  get state(): PlaygroundSettings;
  set state(value: string | Partial<PlaygroundSettings>);
  getState(): PlaygroundSettings;
  setState(hashOrPatch: string | Partial<PlaygroundSettings>): void;
  /** A copy of the current parameters (layout: see wasm/backprop.d.ts), or null before a frame. */
  getParameters(): Float32Array | null;
  readonly metrics: PlaygroundMetrics | null;
  /** null until the data arrive from the worker. */
  getData(): PlaygroundData | null;
  /** The link that reproduces this setup. */
  getUrl(): string;
  /** null until started (a lazy playground starts near the viewport). */
  readonly stats: PlaygroundStats | null;
  readonly root: HTMLElement | null;
  /** Which controls and panels show (the element's controls, locked and views attributes). */
  setUi(ui: Partial<PlaygroundUi>): void;
  /** Stops the worker and removes the playground from its element. */
  destroy(): void;
  // EXPORT (issue 14): made in the worker once the playground is ready (a waiting lazy playground
  // starts); the exporter .wasm loads on the first ONNX/PyTorch/CSV export. Refusals reject with
  // an Error saying what and what to do.
  /** The network, its derived features and standardizer as ONNX (opset 17): input "input"
   *  [batch, raw inputs], output "output" [batch, outputs]. */
  exportOnnx(): Promise<Uint8Array>;
  /** A standalone PyTorch (and NumPy) script with the trained weights and a self-check. */
  exportPyTorch(): Promise<string>;
  /** The loss history: epoch,train_loss,test_loss,train_<metric>,test_<metric>. */
  exportHistoryCsv(): Promise<string>;
  /** The model file (versioned JSON, as the Model JSON button saves). */
  exportModel(): Promise<string>;
  /** The current picture as a PNG (as the PNG button saves). */
  exportPng(): Promise<Blob>;
}

export interface PlaygroundController extends PlaygroundApi {
  /** Resolves with the controller once the first frame is drawn. */
  readonly ready: Promise<PlaygroundController>;
  addEventListener<K extends keyof PlaygroundEventMap>(type: K, listener: (event: PlaygroundEventMap[K]) => void): void;
  removeEventListener<K extends keyof PlaygroundEventMap>(type: K, listener: (event: PlaygroundEventMap[K]) => void): void;
}

/** <backprop-playground>: attributes are the URL's settings in kebab-case plus state, tfp,
 *  controls, locked, views, autoplay, stop-at-epoch, height, hash, lazy, wasm-base, data-base. */
export interface BackpropPlaygroundElement extends HTMLElement, PlaygroundApi {
  /** Resolves with the element once its first frame is drawn (await it at any time). */
  readonly ready: Promise<BackpropPlaygroundElement>;
  readonly api: PlaygroundController | null;
  addEventListener<K extends keyof PlaygroundEventMap>(type: K, listener: (this: BackpropPlaygroundElement, event: PlaygroundEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Mounts a playground into `element` (its own worker; the page's playgrounds share one compiled .wasm). */
export function createPlayground(element: Element, options?: PlaygroundOptions): PlaygroundController;

/** Defines <backprop-playground> (once; returns the class). */
export function definePlaygroundElement(name?: string): { new (): BackpropPlaygroundElement; prototype: BackpropPlaygroundElement };

/** Parses a URL hash into settings; bad fields keep their defaults and are listed in `errors`. */
export function parseHash(hash: string, base?: PlaygroundSettings): { state: PlaygroundSettings; errors: string[] };
/** The hash that reproduces `state`. */
export function toHash(state: PlaygroundSettings): string;
export const DEFAULTS: Readonly<PlaygroundSettings>;

export const CONTROL_IDS: readonly ControlId[];
export const CONTROL_PRESETS: Readonly<Record<ControlPreset, readonly ControlId[]>>;
export const VIEW_IDS: readonly ViewId[];
/** Every attribute the element reads (its observedAttributes). */
export const OBSERVED_ATTRIBUTES: readonly string[];
/** Reads a component's attributes (get returns an attribute's text or null): the settings, the
 *  ui, and one error per bad attribute, naming it and what it accepts. */
export function readAttributes(get: (name: string) => string | null): {
  state: PlaygroundSettings;
  ui: PlaygroundUi & { autoplay: boolean; height: string };
  flags: { hash: boolean; lazy: boolean; wasmBase?: string; dataBase?: string };
  errors: { attribute: string; message: string }[];
};

declare global {
  interface HTMLElementTagNameMap { 'backprop-playground': BackpropPlaygroundElement }
}
