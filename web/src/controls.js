// The top bar (run buttons, epoch counter, learning rate, activation, regularization, problem type)
// and the training panel (optimizer, batch, dropout, output, speed, stop targets, seeds).
// Controls only report changes through onChange(patch); sync(state) shows a state.
import { h, select, setSelect, field, iconButton, iconSvg, uid } from './dom.js';
import {
  ACTIVATIONS, OPTIMIZERS, REGULARIZATIONS, LEARNING_RATES, REGULARIZATION_RATES, OUTPUTS,
} from './state.js';
import { SPEEDS } from './protocol.js';
import { ACTIVATION_LABELS } from './networkDiagram.js';
import { datasetFacts } from './datasets.js';

const OPTIMIZER_LABELS = { sgd: 'SGD', momentum: 'Momentum', nesterov: 'Nesterov', rmsprop: 'RMSProp', adam: 'Adam' };
const REG_LABELS = { none: 'None', l1: 'L1', l2: 'L2' };
const OUTPUT_LABELS = { tanh: 'tanh · quadratic', sigmoid: 'sigmoid · cross-entropy', softmax: 'softmax · cross-entropy' };

export class TopBar {
  constructor({ onChange, onPlay, onStep, onReset }) {
    this.onChange = onChange;
    this.play = h('button', { type: 'button', class: 'bp-play', 'aria-label': 'Play (space)', title: 'Play / pause (Space)', onclick: onPlay });
    this.play.append(iconSvg('play'));
    this.reset = iconButton('reset', 'Reset to the initial weights (R)', { onclick: onReset, class: 'bp-icon-btn bp-round' });
    this.step = iconButton('step', 'Step: train one frame (S or →)', { onclick: onStep, class: 'bp-icon-btn bp-round' });
    this.epoch = h('output', { class: 'bp-epoch-value', 'aria-live': 'off' }, '000,000');
    const lrAll = LEARNING_RATES.map((v) => [v, String(v)]);
    this.lr = select(lrAll, 0.03, { onchange: (e) => onChange({ learningRate: Number(e.target.value) }) });
    this.act = select(ACTIVATIONS.map((a) => [a, ACTIVATION_LABELS[a]]), 'tanh', {
      onchange: (e) => onChange({ activations: this.layers.map(() => e.target.value) }),
    });
    this.reg = select(REGULARIZATIONS.map((r) => [r, REG_LABELS[r]]), 'none', { onchange: (e) => onChange({ regularization: e.target.value }) });
    this.regRate = select(REGULARIZATION_RATES.map((v) => [v, String(v)]), 0, { onchange: (e) => onChange({ regularizationRate: Number(e.target.value) }) });
    this.problem = select([['classification', 'Classification'], ['regression', 'Regression']], 'classification', {
      onchange: (e) => onChange({ dataset: e.target.value === 'regression' ? 'reg-plane' : 'circle' }, { preset: true }),
    });
    this.layers = [];
    this.el = h('header', { class: 'bp-topbar' },
      h('div', { class: 'bp-run' }, this.reset, this.play, this.step,
        h('div', { class: 'bp-epoch' }, h('span', { class: 'bp-field-label' }, 'Epoch'), this.epoch)),
      h('div', { class: 'bp-top-fields' },
        field('Learning rate', this.lr),
        field('Activation', this.act),
        field('Regularization', this.reg),
        field('Regularization rate', this.regRate),
        field('Problem type', this.problem)));
  }

  sync(state, info) {
    this.layers = state.networkShape;
    if (!LEARNING_RATES.includes(state.learningRate)) addOption(this.lr, state.learningRate);
    setSelect(this.lr, state.learningRate);
    const acts = new Set(state.activations);
    if (acts.size === 1) setSelect(this.act, state.activations[0]);
    else { addOption(this.act, 'mixed', 'Per layer'); setSelect(this.act, 'mixed'); }
    this.act.disabled = state.networkShape.length === 0;
    setSelect(this.reg, state.regularization);
    if (!REGULARIZATION_RATES.includes(state.regularizationRate)) addOption(this.regRate, state.regularizationRate);
    setSelect(this.regRate, state.regularizationRate);
    this.regRate.disabled = state.regularization === 'none';
    const facts = datasetFacts(state.dataset, info);
    setSelect(this.problem, facts.task === 'regression' ? 'regression' : 'classification');
  }

  setPlaying(playing) {
    this.play.replaceChildren(iconSvg(playing ? 'pause' : 'play'));
    this.play.setAttribute('aria-label', playing ? 'Pause (space)' : 'Play (space)');
    this.play.classList.toggle('bp-playing', playing);
  }

  setEpoch(epoch) {
    const text = String(epoch).padStart(6, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    if (this.epoch.textContent !== text) this.epoch.textContent = text;
  }
}

function addOption(sel, value, label = String(value)) {
  if ([...sel.options].some((o) => o.value === String(value))) return;
  sel.append(h('option', { value: String(value) }, label));
}

export class TrainingPanel {
  constructor({ onChange, onReseed }) {
    this.onChange = onChange;
    this.optimizer = select(OPTIMIZERS.map((o) => [o, OPTIMIZER_LABELS[o]]), 'sgd', { onchange: (e) => onChange({ optimizer: e.target.value }) });
    this.momentum = h('input', { type: 'number', min: 0, max: 0.999, step: 0.05, onchange: (e) => {
      const v = Number(e.target.value);
      if (Number.isFinite(v) && v >= 0 && v <= 0.999) onChange({ momentum: v }); else e.target.value = this.state.momentum;
    } });
    this.batchOut = h('output', {});
    this.batch = h('input', { type: 'range', min: 1, max: 128, step: 1, 'aria-label': 'Batch size',
      oninput: (e) => { this.batchOut.textContent = e.target.value; },
      onchange: (e) => onChange({ batchSize: Number(e.target.value) }) });
    this.dropoutOut = h('output', {});
    this.dropout = h('input', { type: 'range', min: 0, max: 0.9, step: 0.05, 'aria-label': 'Dropout on hidden layers',
      oninput: (e) => { this.dropoutOut.textContent = Number(e.target.value).toFixed(2); },
      onchange: (e) => onChange({ dropout: Number(e.target.value) }) });
    this.output = select(OUTPUTS.map((o) => [o, OUTPUT_LABELS[o]]), 'tanh', { onchange: (e) => onChange({ output: e.target.value }) });
    this.speed = select(SPEEDS.map((s, i) => [i, s.label]), 3, { onchange: (e) => onChange({ speed: Number(e.target.value) }, { live: true }) });
    this.stopEpoch = h('input', { type: 'number', min: 0, step: 1, placeholder: 'off', onchange: (e) => {
      const v = Math.round(Number(e.target.value || 0));
      onChange({ stopEpoch: Number.isFinite(v) && v > 0 ? Math.min(v, 1e6) : 0 }, { live: true });
    } });
    this.stopLoss = h('input', { type: 'number', min: 0, step: 'any', placeholder: 'off', onchange: (e) => {
      const v = Number(e.target.value || 0);
      onChange({ stopLoss: Number.isFinite(v) && v > 0 ? Math.min(v, 100) : 0 }, { live: true });
    } });
    this.seed = h('output', { class: 'bp-seed' });
    this.momentumField = field('Momentum', this.momentum);
    this.outputField = field('Output and loss', this.output);
    const batchId = uid('batch');
    const dropId = uid('drop');
    this.batchOut.id = batchId; this.dropoutOut.id = dropId;
    this.el = h('section', { class: 'bp-panel bp-training', 'aria-label': 'Training settings' },
      h('h2', { class: 'bp-panel-title' }, 'Training'),
      field('Optimizer', this.optimizer),
      this.momentumField,
      h('div', { class: 'bp-field' }, h('span', { class: 'bp-field-label' }, 'Batch size ', this.batchOut), this.batch),
      h('div', { class: 'bp-field' }, h('span', { class: 'bp-field-label' }, 'Dropout ', this.dropoutOut), this.dropout),
      this.outputField,
      field('Speed', this.speed),
      h('div', { class: 'bp-row' }, field('Stop at epoch', this.stopEpoch), field('or loss ≤', this.stopLoss)),
      h('div', { class: 'bp-row bp-seed-row' },
        h('span', { class: 'bp-field-label' }, 'Weight seed ', this.seed),
        h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: onReseed, title: 'New random initial weights' }, 'New weights')));
  }

  sync(state, info) {
    this.state = state;
    setSelect(this.optimizer, state.optimizer);
    this.momentum.value = state.momentum;
    this.momentumField.hidden = !(state.optimizer === 'momentum' || state.optimizer === 'nesterov');
    this.batch.value = state.batchSize; this.batchOut.textContent = state.batchSize;
    this.dropout.value = state.dropout; this.dropoutOut.textContent = state.dropout.toFixed(2);
    const facts = datasetFacts(state.dataset, info);
    this.outputField.hidden = !(facts.task === 'classification' && facts.classes <= 2);
    setSelect(this.output, state.output);
    setSelect(this.speed, state.speed);
    this.stopEpoch.value = state.stopEpoch || '';
    this.stopLoss.value = state.stopLoss || '';
    this.seed.textContent = String(state.seed);
  }
}
