// The data column: which data set (tiles with a preview of each generated set), the real UCI sets
// with their credit, the user's own points and CSV upload, train/test ratio, noise, regenerate and
// the input features. Reports changes through onChange(patch, opts).
import { h, uid } from './dom.js';
import { GENERATED, BUILTIN, datasetFacts } from './datasets.js';
import { classColor, divergingCss } from './colors.js';
import { fileSizeError } from './state.js';


export class DataPanel {
  constructor({ onChange, onCsv, onClearPoints }) {
    this.onChange = onChange;
    this.tiles = new Map();
    this.tileBox = h('div', { class: 'bp-tiles', role: 'radiogroup', 'aria-label': 'Data set' });
    this.realBox = h('div', { class: 'bp-tiles bp-tiles-real', role: 'radiogroup', 'aria-label': 'Real data set' });
    for (const [name, g] of Object.entries(GENERATED)) this.tileBox.append(this.#tile(name, g.label, true));
    for (const [name, b] of Object.entries(BUILTIN)) this.realBox.append(this.#tile(name, b.label, false));
    this.customTile = this.#tile('custom', 'Draw', false);
    this.realBox.append(this.customTile);
    this.credit = h('p', { class: 'bp-credit' });

    this.ratioOut = h('output', {});
    this.ratio = h('input', { type: 'range', min: 10, max: 90, step: 10, 'aria-label': 'Ratio of training to test data',
      oninput: (e) => { this.ratioOut.textContent = `${e.target.value}%`; },
      onchange: (e) => onChange({ percTrainData: Number(e.target.value) }) });
    this.noiseOut = h('output', {});
    this.noise = h('input', { type: 'range', min: 0, max: 50, step: 5, 'aria-label': 'Noise',
      oninput: (e) => { this.noiseOut.textContent = e.target.value; },
      onchange: (e) => onChange({ noise: Number(e.target.value) }) });
    this.regenerate = h('button', { type: 'button', class: 'bp-btn', onclick: () => onChange({ dataSeed: (Math.random() * 2 ** 31) >>> 0 }) }, 'Regenerate');

    // Drawing points.
    this.addClass = 1;
    this.classBtn = h('button', { type: 'button', class: 'bp-btn bp-btn-small bp-class-btn', onclick: () => this.setAddClass(1 - this.addClass) });
    this.customBox = h('div', { class: 'bp-custom', hidden: true },
      h('p', { class: 'bp-hint' }, 'Click the output plot to add a point; shift-click (or switch the class here) for the other class.'),
      h('div', { class: 'bp-row' }, this.classBtn,
        h('button', { type: 'button', class: 'bp-btn bp-btn-small', onclick: onClearPoints }, 'Clear points')));
    this.setAddClass(1);

    // CSV upload.
    const fileId = uid('csv');
    this.file = h('input', { type: 'file', id: fileId, accept: '.csv,.txt,.tsv,text/csv,text/plain', class: 'bp-file',
      onchange: (e) => this.#readFile(e.target.files[0], onCsv) });
    this.csvTask = h('select', { 'aria-label': 'Task of the CSV file' },
      h('option', { value: 'auto' }, 'Detect task'), h('option', { value: 'classification' }, 'Classification'),
      h('option', { value: 'regression' }, 'Regression'));
    this.csvError = h('div', { class: 'bp-error', role: 'alert', hidden: true });
    this.csvStatus = h('p', { class: 'bp-hint', 'aria-live': 'polite' });
    this.csvBox = h('div', { class: 'bp-csv' },
      h('div', { class: 'bp-row bp-csv-row' },
        h('label', { class: 'bp-btn bp-btn-small bp-upload', for: fileId }, 'Upload CSV…'), this.file, this.csvTask),
      h('p', { class: 'bp-hint' }, 'Numbers only, the last column is the target; an optional header row. At most 32 MB.'),
      this.csvError, this.csvStatus);

    this.el = h('section', { class: 'bp-panel bp-data', 'aria-label': 'Data' },
      h('h2', { class: 'bp-panel-title' }, 'Data'),
      h('p', { class: 'bp-sub' }, 'Which data set do you want to use?'),
      this.tileBox,
      h('p', { class: 'bp-sub' }, 'Real data and your own'),
      this.realBox, this.credit, this.customBox, this.csvBox,
      h('div', { class: 'bp-field' }, h('span', { class: 'bp-field-label' }, 'Ratio of training to test data: ', this.ratioOut), this.ratio),
      h('div', { class: 'bp-field' }, h('span', { class: 'bp-field-label' }, 'Noise: ', this.noiseOut), this.noise),
      this.regenerate);
  }

  #tile(name, label, preview) {
    const canvas = preview ? h('canvas', { width: 96, height: 96, class: 'bp-tile-img', 'aria-hidden': 'true' }) : null;
    const tile = h('button', {
      type: 'button', class: `bp-tile${preview ? '' : ' bp-tile-text'}`, role: 'radio', 'aria-checked': 'false', title: label,
      onclick: () => this.onChange({ dataset: name }, { preset: true }),
    }, canvas, h('span', { class: 'bp-tile-label' }, label));
    this.tiles.set(name, { tile, canvas });
    return tile;
  }

  setAddClass(k) {
    this.addClass = k;
    this.classBtn.textContent = '';
    this.classBtn.append(h('span', { class: 'bp-swatch', style: { background: classColor(k) } }), k ? 'Adding blue' : 'Adding orange');
    this.classBtn.setAttribute('aria-label', `Points added by a click: ${k ? 'blue (class 1)' : 'orange (class 0)'}; press to switch`);
  }

  /** Previews of the generated sets from the worker: { name: { x, y } }. */
  setPreviews(previews) {
    for (const [name, p] of Object.entries(previews)) {
      const { canvas } = this.tiles.get(name) || {};
      if (!canvas) continue;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#f7f9fa'; ctx.fillRect(0, 0, 96, 96);
      const reg = GENERATED[name].task === 'regression';
      for (let i = 0; i < p.y.length; i++) {
        const x = ((p.x[2 * i] + 6) / 12) * 96; const y = (1 - (p.x[2 * i + 1] + 6) / 12) * 96;
        ctx.fillStyle = reg ? divergingCss(Math.sign(p.y[i]) * Math.min(1, Math.abs(p.y[i]) * 2 + 0.25)) : classColor(p.y[i]);
        ctx.beginPath(); ctx.arc(x, y, 2.6, 0, Math.PI * 2); ctx.fill();
      }
    }
  }

  sync(state, info, csvName) {
    const facts = datasetFacts(state.dataset, info);
    const regression = facts.task === 'regression';
    for (const [name, { tile }] of this.tiles) {
      const on = name === state.dataset;
      tile.setAttribute('aria-checked', String(on));
      tile.classList.toggle('bp-selected', on);
      const g = GENERATED[name];
      tile.hidden = g ? (g.task === 'regression') !== regression : regression;
    }
    this.credit.textContent = BUILTIN[state.dataset] ? `${BUILTIN[state.dataset].about} ${BUILTIN[state.dataset].credit}` : '';
    this.credit.hidden = !BUILTIN[state.dataset];
    this.customBox.hidden = state.dataset !== 'custom';
    this.ratio.value = state.percTrainData; this.ratioOut.textContent = `${state.percTrainData}%`;
    this.noise.value = state.noise; this.noiseOut.textContent = String(state.noise);
    this.noise.disabled = !GENERATED[state.dataset];
    this.regenerate.disabled = state.dataset === 'custom';
    this.lastStatus = state.dataset === 'csv' && csvName
      ? `Using ${csvName}: ${info ? `${info.numSamples} rows, ${info.numFeatures} features, ${info.task === 'regression' ? 'regression' : `${info.numClasses} classes`}` : ''}.`
      : '';
    this.csvStatus.textContent = this.lastStatus;
  }

  showCsvError(message) {
    this.csvError.textContent = message ? `This file was not loaded; your previous data are kept. ${message}` : '';
    this.csvError.hidden = !message;
    if (message) this.csvStatus.textContent = this.lastStatus || '';
  }

  async #readFile(file, onCsv) {
    this.file.value = '';
    if (!file) return;
    if (fileSizeError(file.size)) {
      this.showCsvError(fileSizeError(file.size));
      return;
    }
    this.showCsvError('');
    this.csvStatus.textContent = `Reading ${file.name}…`;
    try {
      const text = await file.text();
      onCsv(text, this.csvTask.value, file.name);
    } catch (e) {
      this.showCsvError(`${file.name}: ${e.message}`);
    }
  }
}
