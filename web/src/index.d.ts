// Types for the page-level API of backprop-playground (web/src/index.js). The engine's API (the
// WASM module, Trainer, Dataset, loadBackprop) is typed in wasm/backprop.d.ts ('backprop-playground/engine').

export type DatasetName =
  | 'circle' | 'xor' | 'gaussian' | 'spiral' | 'reg-plane' | 'reg-gauss'
  | 'iris' | 'wine' | 'digits' | 'custom' | 'csv';

/** The playground's settings (every field is also a key of the URL hash). */
export interface PlaygroundSettings {
  dataset: DatasetName;
  noise: number;            // percent, 0..50 (TensorFlow Playground's slider)
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
}

export interface PlaygroundOptions {
  /** A hash string ('#dataset=xor&networkShape=8,8') or an object of settings. */
  state?: string | Partial<PlaygroundSettings>;
  /** Read and write window.location.hash (one playground per page should). */
  hash?: boolean;
  /** Start training as soon as the engine is ready. */
  autoplay?: boolean;
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
}

export interface PlaygroundController {
  play(): void;
  pause(): void;
  toggle(): void;
  step(): void;
  /** Back to the same initial weights, epoch 0. */
  reset(): void;
  getState(): PlaygroundSettings;
  /** A copy of the current parameters (layout: see wasm/backprop.d.ts), or null before a frame. */
  getParameters(): Float32Array | null;
  setState(hashOrPatch: string | Partial<PlaygroundSettings>): void;
  /** The link that reproduces this setup. */
  getUrl(): string;
  readonly stats: PlaygroundStats;
  readonly root: HTMLElement;
  /** Stops the worker and removes the playground from its element. */
  destroy(): void;
}

/** Mounts a playground into `element` (its own worker and WASM module). */
export function createPlayground(element: Element, options?: PlaygroundOptions): PlaygroundController;

/** Defines <backprop-playground state="#..." hash wasm-base="..." data-base="..."> (once). */
export function definePlaygroundElement(name?: string): CustomElementConstructor;

/** Parses a URL hash into settings; bad fields keep their defaults and are listed in `errors`. */
export function parseHash(hash: string, base?: PlaygroundSettings): { state: PlaygroundSettings; errors: string[] };
/** The hash that reproduces `state`. */
export function toHash(state: PlaygroundSettings): string;
export const DEFAULTS: Readonly<PlaygroundSettings>;
