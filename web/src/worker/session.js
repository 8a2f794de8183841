// The worker's one session: the loaded module, the data, the trainer and the loop's flags, shared
// by the worker's modules; plus the two helpers every module uses to talk to the page.
import { DEFAULT_SPEED, SPEEDS } from '../protocol.js';
import { PLANE_EXTENT } from '../datasets.js';

export const w = {
  module: null,
  dataBase: '',
  texts: new Map(),       // builtin CSV text by file name, fetched when first chosen
  csv: null,              // the user's last good CSV Dataset { dataset, name, id }
  full: null, train: null, test: null, split: null,
  raw: null,              // { train: {x, n, labels, targets}, test: {...} } copies for predictions
  info: null, twoD: false, extent: PLANE_EXTENT,
  dataKey: '', netKey: '', weights: null, lastDataset: '',
  trainer: null, built: null, numNeurons: 0, historyKey: '',
  playing: false, inFlight: 0, scheduled: false, frameNo: 0,
  speed: DEFAULT_SPEED, stopEpoch: 0, stopLoss: 0, focus: -1,
  busy: false,
};

export const post = (message, transfer = []) => self.postMessage(message, transfer);
export const messageOf = (e) => (e && e.message) || String(e);
export const speedIndex = (v) => Math.min(SPEEDS.length - 1, Math.max(0, Math.round(Number(v) || 0)));
/** An Error carrying the part of the settings it is about ('data', 'config'), for the page. */
export const scoped = (e, scope) => Object.assign(new Error(messageOf(e)), { scope });
