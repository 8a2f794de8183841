// Which controls and panels of a playground show, and which controls are locked (attributes.js
// reads them). Every control's element carries data-control="<id>"; a hidden one gets data-off
// (styles.css: display none), a locked one data-locked and its inputs disabled. The panels carry
// part="<view>" so an article can style them with ::part().

/** True when the ui shows control `id`. */
export function showsControl(ui, id) { return ui.controls.includes(id); }

const fieldOf = (el) => el.closest('.bp-field') || el.closest('.bp-check') || el;

/** Marks the controls built by the playground's panels (the diagram marks its own). */
export function tagControls(pg) {
  const tag = (id, ...els) => { for (const el of els) if (el) el.dataset.control = id; };
  const { topbar: t, training: tr, dataPanel: d } = pg;
  tag('play', t.play); tag('step', t.step); tag('reset', t.reset);
  tag('learning-rate', fieldOf(t.lr)); tag('activation', fieldOf(t.act));
  tag('regularization', fieldOf(t.reg)); tag('regularization-rate', fieldOf(t.regRate));
  tag('problem', fieldOf(t.problem));
  tag('dataset', d.tileBox, d.realBox, d.customBox, ...d.el.querySelectorAll('.bp-sub'));
  tag('noise', fieldOf(d.noise)); tag('perc-train-data', fieldOf(d.ratio));
  tag('data-seed', d.regenerate); tag('upload', d.csvBox);
  tag('optimizer', fieldOf(tr.optimizer)); tag('momentum', tr.momentumField);
  tag('batch-size', fieldOf(tr.batch)); tag('dropout', fieldOf(tr.dropout));
  tag('output', tr.outputField); tag('speed', fieldOf(tr.speed));
  tag('stop', tr.stopEpoch.closest('.bp-row')); tag('seed', tr.seed.closest('.bp-row'));
  tag('show-test-data', fieldOf(pg.showTest)); tag('discretize', fieldOf(pg.discretize));
  tag('export', pg.exporter.el);
  const part = (name, el) => { if (el) el.setAttribute('part', name); };
  part('topbar', t.el); part('banner', pg.banner); part('data', pg.leftEl); part('network', pg.networkEl.querySelector('.bp-network'));
  part('training', tr.el); part('output', pg.outputEl); part('loss', pg.chart.el); part('metrics', pg.metricsEl);
  part('math', pg.math.el); part('footer', pg.footerEl);
}

const FORM = 'input, select, button, textarea';

/** Applies ui = { controls, locked, views } to a built playground. */
export function applyUi(pg, ui) {
  const shown = new Set(ui.controls);
  const locked = new Set(ui.locked);
  const views = new Set(ui.views);
  pg.diagram.setControls({ features: shown.has('features'), shape: shown.has('network-shape'), activation: shown.has('activation') });
  for (const el of pg.root.querySelectorAll('[data-control]')) {
    const id = el.dataset.control;
    const off = !shown.has(id);
    flag(el, 'data-off', off);
    const lock = !off && locked.has(id);
    flag(el, 'data-locked', lock);
    for (const c of el.matches(FORM) ? [el] : el.querySelectorAll(FORM)) {
      if (lock) {
        if (!c.disabled) { c.disabled = true; c.dataset.lockDisabled = ''; }
      } else if ('lockDisabled' in c.dataset) {
        delete c.dataset.lockDisabled;
        c.disabled = false;
      }
    }
  }
  // Panels: a region without anything shown in it goes too.
  const anyShown = (el) => [...el.querySelectorAll('[data-control]')].some((c) => !c.hasAttribute('data-off'));
  flag(pg.topbar.el, 'data-off', !anyShown(pg.topbar.el));
  flag(pg.training.el, 'data-off', !anyShown(pg.training.el));
  // The data column holds only controls: without one shown, it goes (as in embed.html#controls=minimal).
  flag(pg.leftEl, 'data-off', !views.has('data') || !anyShown(pg.leftEl));
  flag(pg.networkEl.querySelector('.bp-network'), 'data-off', !views.has('network'));
  const out = pg.outputEl;
  for (const el of [out.querySelector('.bp-panel-title'), out.querySelector('.bp-view'), pg.plotOptions]) flag(el, 'data-off', !views.has('output'));
  flag(pg.metricsEl, 'data-off', !views.has('metrics'));
  flag(pg.confusion.el, 'data-off', !views.has('metrics'));
  flag(pg.chartHead, 'data-off', !views.has('loss'));
  flag(pg.chart.el, 'data-off', !views.has('loss'));
  const outputShown = views.has('output') || views.has('loss') || views.has('metrics') || shown.has('export');
  flag(out, 'data-off', !outputShown);
  flag(pg.math.el, 'data-off', !views.has('math'));
  // A small embed that shows the math shows it open (once: the reader may fold it).
  if (views.has('math') && !views.has('data') && !pg.math.el.dataset.opened) { pg.math.el.open = true; pg.math.el.dataset.opened = ''; }
  flag(pg.footerEl, 'data-off', !views.has('data'));
  const centerShown = views.has('network') || !pg.training.el.hasAttribute('data-off');
  const main = pg.mainEl;
  const leftShown = !pg.leftEl.hasAttribute('data-off');
  main.dataset.left = leftShown ? 'on' : 'off';
  main.dataset.center = centerShown ? 'on' : 'off';
  main.dataset.output = outputShown ? 'on' : 'off';
  flag(main, 'data-off', !leftShown && !centerShown && !outputShown);
}

function flag(el, name, on) {
  if (!el) return;
  if (on) { if (!el.hasAttribute(name)) el.setAttribute(name, ''); } else if (el.hasAttribute(name)) el.removeAttribute(name);
}
