// The restart of a playground's dead worker (workerSupervisor.js noticed; playground.js loads
// this module then, so the default page does not carry it): a new worker, the user's CSV file
// replayed, the settings with the last good weights, training resumed if it ran; and the banner
// that says what happened. `own` is the playground's private helpers: post, configure, attach,
// status, banner.
import { ToWorker } from './protocol.js';
import { startEngineWorker } from './spawn.js';
import { normalizeState } from './state.js';
import { FAULT_MESSAGE } from './workerSupervisor.js';

/** ?bp-test-faults only: root.bpFaultInjection = { inject(kind), terminate() } (workerSupervisor.js). */
export function addFaultHook(pg) {
  pg.root.bpFaultInjection = {
    inject: (kind) => pg.worker.postMessage({ type: FAULT_MESSAGE, kind }),
    terminate: () => pg.worker.terminate(),
  };
}

export function restartWorker(pg, reason, restart, own) {
  const wasPlaying = pg.playing;
  const sup = pg.supervisor;
  pg.stats.faults = (pg.stats.faults || 0) + 1;
  pg.stats.lastFault = reason;
  pg.ready = false;
  pg.engineFailed = false;
  pg.playing = false;
  pg.topbar.setPlaying(false);
  pg.root.dataset.playing = 'false';
  if (!restart) {
    sup.stop();
    own.status('The training worker stopped.', true);
    own.banner([`The training worker stopped again (${reason}) and was not restarted: it failed ${sup.maxRestarts + 1} times without training in between.`,
      'Reload the page to start over; your settings are in the link.']);
    return;
  }
  const good = sup.good;
  const { engine: _used, ...options } = pg.options;
  pg.engine = startEngineWorker(options);
  pg.worker = pg.engine.worker;
  sup.restarts += 1;
  pg.stats.restarts = sup.restarts;
  sup.watch(pg.worker);
  pg.pending = [];
  pg.stats.pending = 0;
  pg.diagram.controlsKey = null;  // the diagram's canvases went with the old worker: new ones
  own.attach();
  if (sup.csv) own.post(ToWorker.loadCsv, sup.csv);
  if (good) {
    pg.state = normalizeState({ ...pg.state, weights: good.params.slice() });
    pg.applied = pg.state;
  }
  own.configure();
  if (wasPlaying) pg.play();
  own.status('Restarting the engine…');
  own.banner([`The training worker stopped (${reason}); a new one was started.`,
    good ? `Your settings and the weights of epoch ${good.epoch} are restored${wasPlaying ? ', and training goes on' : ''}.`
      : 'Your settings are restored (there were no trained weights to keep yet).']);
}
