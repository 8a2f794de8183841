// Keeps a playground's training worker alive (issue 15). The worker dies when it throws outside a
// message (an `error` event), when its WASM module aborts, when the browser kills it, or when it
// hangs; the page must not freeze with it. The supervisor
// - notices: `error` / `messageerror` events, and a watchdog: every pingMs the page sends a ping
//   (answered outside the worker's message queue, worker.js); no message at all for deadAfterMs
//   while the page is visible means the worker is gone or stuck;
// - keeps, on the main thread, the parameters of the last good frame (not diverged) and the user's
//   last CSV file, so the playground can start a new worker with the same setup and weights
//   (playground.js #restartWorker);
// - gives up after maxRestarts failures without a trained frame in between (a worker that dies
//   at once again would otherwise restart forever), and says so.
//
// Fault injection for tests: only when the page's URL has the query flag `?bp-test-faults`
// (FAULT_FLAG), spawn.js tells the worker, which then honours { type: 'bp-test-fault', kind }
// ('throw': an uncaught error; 'hang': an endless loop), and the playground's root element gets
// `bpFaultInjection = { inject(kind), terminate() }` (terminate: kill the worker behind the
// supervisor's back; the watchdog finds out). The flag also shortens the watchdog (1 s / 4 s) so
// tests wait less. Without the flag the worker ignores fault messages.

export const FAULT_FLAG = 'bp-test-faults';
export const FAULT_MESSAGE = 'bp-test-fault';
export const PING = 'bp-ping';
export const PONG = 'bp-pong';

/** True when the page was opened with ?bp-test-faults. */
export function faultInjectionEnabled() {
  try { return new URLSearchParams(globalThis.location?.search || '').has(FAULT_FLAG); } catch { return false; }
}

export class WorkerSupervisor {
  /** onDead(reason, restart): once per death; restart false after maxRestarts deaths in a row. */
  constructor(onDead) {
    const testing = faultInjectionEnabled();
    this.onDead = onDead;
    this.maxRestarts = 3;
    this.pingMs = testing ? 1000 : 5000;
    this.deadAfterMs = testing ? 4000 : 30000;
    this.restarts = 0;          // restarts done in all
    this.failures = 0;          // deaths since the last trained frame
    this.good = null;           // { params, epoch } of the last good frame
    this.csv = null;            // the last loadCsv message the page sent
    this.steps = 0;             // steps trained in all (stats.steps)
  }

  /** Watches `worker` (a new one after each restart). */
  watch(worker) {
    this.worker = worker;
    this.lastSteps = 0;
    this.alive = this.dead = false;  // the watchdog judges only a worker that has run (sent a message)
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      const silent = performance.now() - this.lastHeard;
      if (this.dead || !this.alive) return;
      // A hidden tab's timers are throttled and its worker may be paused: no verdict then.
      if (document.hidden) this.heard();
      else if (silent > this.deadAfterMs) this.died(`it did not answer for ${Math.round(silent / 1000)} s`);
      else worker.postMessage({ type: PING });
    }, this.pingMs);
  }

  /** Any message from the worker: it is alive. */
  heard() { this.lastHeard = performance.now(); this.alive = true; }

  /** A frame: its parameters are the last good ones unless training diverged. */
  frame(f) {
    this.heard();
    // Each trainer counts its steps from 0: a count below the last one is a new trainer.
    this.steps += f.steps >= this.lastSteps ? f.steps - this.lastSteps : f.steps;
    this.lastSteps = f.steps;
    if (f.params && !f.diverged) {
      this.good = { params: f.params, epoch: f.epoch };
      if (f.steps > 0) this.failures = 0;
    }
  }

  /** Reports a death (error event, watchdog). Ignored after the first. */
  died(reason) {
    if (this.dead || !this.worker) return;
    this.dead = true;
    clearInterval(this.timer);
    this.onDead(reason, ++this.failures <= this.maxRestarts);
  }

  stop() { clearInterval(this.timer); this.worker = null; }
}
