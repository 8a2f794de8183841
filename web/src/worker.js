// The training worker of one playground: it owns the WASM module (worker/engine.js), the data
// (worker/data.js), the trainer (worker/config.js), the loop (worker/loop.js) and the frames it
// posts (worker/frame.js). This file only routes the page's messages (protocol.js) to them.
import { ToWorker, FromWorker } from './protocol.js';
import { post, messageOf } from './worker/session.js';
import { init, wasmModule } from './worker/engine.js';
import { configure } from './worker/config.js';
import { loadCsv } from './worker/data.js';
import { acknowledge } from './worker/loop.js';
import * as commands from './worker/commands.js';
import { FAULT_MESSAGE, PING, PONG } from './workerSupervisor.js';

const ROUTES = {
  [ToWorker.init]: init,
  [ToWorker.configure]: (msg) => configure(msg.config),
  [ToWorker.play]: commands.play,
  [ToWorker.pause]: commands.pause,
  [ToWorker.step]: commands.step,
  [ToWorker.reset]: commands.reset,
  [ToWorker.setSpeed]: commands.setSpeed,
  [ToWorker.setStop]: commands.setStop,
  [ToWorker.setParameter]: commands.setParameter,
  [ToWorker.focus]: commands.focus,
  [ToWorker.canvases]: commands.canvases,
  [ToWorker.loadCsv]: loadCsv,
  [ToWorker.recover]: commands.recover,
  [ToWorker.gradientCheck]: commands.gradientCheck,
  [ToWorker.exportModel]: commands.exportModel,
  [ToWorker.exportFile]: commands.exportFile,  // EXPORT (issue 14)
  [ToWorker.trace]: commands.trace,  // math panel (issue 13)
};

let faultsAllowed = false;
/** 'throw': an uncaught error (the page sees an `error` event); 'hang': the thread never returns. */
function injectFault(kind) {
  if (kind === 'throw') setTimeout(() => { throw new Error('injected fault'); });
  // (A loop with a call in it: a minifier drops an empty endless loop.)
  else if (kind === 'hang') while (performance.now() >= 0) { /* never returns: the supervisor's watchdog must notice */ }
}

// Messages run one at a time, in order (a configure may wait for a data file)...
let queue = Promise.resolve();
self.onmessage = (event) => {
  const msg = event.data;
  // ...except the acknowledgement of a drawn frame, which must not wait behind a slow configure.
  if (msg.type === ToWorker.ack) { acknowledge(); return; }
  // ...and the page's compiled .wasm, which the queued init waits for.
  if (msg.type === ToWorker.wasmModule) { wasmModule(msg); return; }
  // ...and the supervisor's ping (workerSupervisor.js), answered even while a configure waits.
  if (msg.type === PING) { post({ type: PONG }); return; }
  // Fault injection: honoured only when the page was opened with ?bp-test-faults (init's testFaults).
  if (msg.type === ToWorker.init && msg.testFaults) faultsAllowed = true;
  if (msg.type === FAULT_MESSAGE) { if (faultsAllowed) injectFault(msg.kind); return; }
  const route = ROUTES[msg.type];
  queue = queue
    .then(() => {
      if (!route) throw new Error(`unknown message '${msg.type}'`);
      return route(msg);
    })
    .catch((e) => post({ type: FromWorker.error, scope: 'engine', message: messageOf(e) }));
};

post({ type: FromWorker.started });
