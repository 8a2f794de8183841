'use strict';
// Benchmark harness: side processes, timing (warm-up, calibrated repetitions, median/min/max),
// the interleaved side-by-side runner, the loss-agreement check and a markdown table printer.

const { spawn } = require('child_process');
const readline = require('readline');

// ---------------------------------------------------------------- statistics

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

function summarize(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, values: xs };
}

// ---------------------------------------------------------------- side processes

/**
 * A side is a child process speaking the side protocol: one JSON request per line on its stdin,
 * one JSON reply per line on its stdout ({id, ok, ...} or {id, ok:false, error}).
 * spec = {id, cmd, args, env, cwd, label}
 */
class Side {
  constructor(spec, { verbose = false } = {}) {
    this.spec = spec;
    this.id = spec.id;
    this.nextId = 1;
    this.pending = new Map();
    this.stderrTail = [];
    this.exited = null;
    this.proc = spawn(spec.cmd, spec.args || [], {
      cwd: spec.cwd,
      env: { ...process.env, ...(spec.env || {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.on('error', (e) => this._fail(`spawn failed: ${e.message}`));
    this.proc.on('exit', (code, sig) => this._fail(`exited (code ${code}, signal ${sig})`));
    readline.createInterface({ input: this.proc.stdout }).on('line', (line) => this._onLine(line));
    readline.createInterface({ input: this.proc.stderr }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > 40) this.stderrTail.shift();
      if (verbose) process.stderr.write(`[${this.id}] ${line}\n`);
    });
  }

  _onLine(line) {
    let msg;
    try {
      msg = JSON.parse(line);
    } catch (e) {
      this.stderrTail.push(`(stdout, not JSON) ${line}`);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.ok) p.resolve(msg);
    else p.reject(new Error(`${this.id}: ${msg.error}`));
  }

  _fail(why) {
    this.exited = why;
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`${this.id} ${why}\n${this.stderrTail.slice(-10).join('\n')}`));
    }
    this.pending.clear();
  }

  request(cmd, params = {}, timeoutMs = 600000) {
    if (this.exited) return Promise.reject(new Error(`${this.id} ${this.exited}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.id}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.proc.stdin.write(JSON.stringify({ id, cmd, ...params }) + '\n');
    });
  }

  async close() {
    if (this.exited) return;
    try {
      await this.request('quit', {}, 10000);
    } catch (e) {
      /* ignore */
    }
    if (!this.exited) this.proc.kill();
  }
}

/** Start a side and say hello; resolves to {side, info} or {side:null, error}. */
async function startSide(spec, opts) {
  const side = new Side(spec, opts);
  try {
    const info = await side.request('hello', {}, 120000);
    return { side, info };
  } catch (e) {
    await side.close();
    return { side: null, error: e.message.split('\n').slice(0, 6).join(' | ') };
  }
}

// ---------------------------------------------------------------- agreement check

/**
 * Compare one number per side against the median of all finite values (robust to one wrong
 * side). ok when |v - anchor| <= tol.abs + tol.rel * |anchor|.
 */
function agreement(values, tol) {
  const finite = Object.values(values).filter((v) => Number.isFinite(v));
  const anchor = median(finite);
  const res = {};
  for (const [id, v] of Object.entries(values)) {
    const diff = Math.abs(v - anchor);
    const bound = tol.abs + tol.rel * Math.abs(anchor);
    res[id] = { value: v, diff, ok: Number.isFinite(v) && diff <= bound };
  }
  return { anchor, tol, bound: tol.abs + tol.rel * Math.abs(anchor), perSide: res };
}

/** Max |a-b| between an array and the elementwise median of several arrays. */
function arrayAgreement(arrays, tolAbs) {
  const ids = Object.keys(arrays);
  if (!ids.length) return { perSide: {} };
  const n = arrays[ids[0]].length;
  const mid = new Float64Array(n);
  const col = new Array(ids.length);
  for (let k = 0; k < n; k++) {
    for (let s = 0; s < ids.length; s++) col[s] = arrays[ids[s]][k];
    mid[k] = median(col);
  }
  const perSide = {};
  for (const id of ids) {
    const a = arrays[id];
    let mx = a.length === n ? 0 : Infinity;
    for (let k = 0; k < n && mx !== Infinity; k++) {
      const d = Math.abs(a[k] - mid[k]);
      if (!(d <= mx)) mx = Number.isFinite(d) ? d : Infinity;
    }
    perSide[id] = { value: mx, diff: mx, ok: mx <= tolAbs };
  }
  return { tol: { abs: tolAbs }, perSide };
}

// ---------------------------------------------------------------- timing

/**
 * Warm a side up with growing calls of `unit(k)` (k steps / reps) until warmMs of work has
 * been done, and pick k so that one timed repetition lasts about repMs.
 * unit(k) must resolve to the side-measured milliseconds for k units.
 */
async function calibrate(unit, { warmMs, repMs, maxUnits = 1 << 20 }) {
  let k = 1;
  let spent = 0;
  let per = Infinity;
  for (;;) {
    const ms = await unit(k);
    spent += ms;
    per = ms / k;
    if (spent >= warmMs || ms >= repMs) break;
    k = Math.min(maxUnits, k * 2);
  }
  return Math.max(1, Math.min(maxUnits, Math.round(repMs / Math.max(per, 1e-6))));
}

/**
 * Run `reps` timed repetitions on every side, interleaved: repetition r runs each side once,
 * starting from a different side each time. measure(side) resolves to one number (a rate).
 */
async function interleave(sides, reps, measure, onError) {
  const out = {};
  for (const s of sides) out[s.id] = [];
  const live = new Set(sides.map((s) => s.id));
  for (let r = 0; r < reps; r++) {
    for (let j = 0; j < sides.length; j++) {
      const s = sides[(r + j) % sides.length];
      if (!live.has(s.id)) continue;
      try {
        out[s.id].push(await measure(s));
      } catch (e) {
        live.delete(s.id);
        onError(s.id, e);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- workloads

/** Default tolerances of the agreement check (see README.md for the reasoning). */
const TOL = {
  loss0: { abs: 1e-6, rel: 1e-5 }, // before training: only forward rounding differs
  lossN: { abs: 1e-5, rel: 1e-3 }, // after N SGD steps: float32 vs float64 peers drift a little
  grid: 1e-4, // max |output difference| on the heatmap grid
};

/**
 * Run one workload on all sides. wl: workload definition (data.js WORKLOADS entry plus the
 * manifest path in wl.manifest). opts: {quick, reps, warmMs, repMs, log}.
 * Returns {id, title, kind, unit, check, sides: {id: {...}}}.
 */
async function runWorkload(sides, wl, opts) {
  const log = opts.log || (() => {});
  const res = { id: wl.id, title: wl.title, kind: wl.kind, sides: {} };
  const S = (id) => (res.sides[id] = res.sides[id] || {});
  const fail = (id, e) => {
    S(id).error = String(e.message || e).split('\n')[0].slice(0, 300);
    log(`  ${id}: ERROR ${S(id).error}`);
  };
  let live = sides.slice();
  const keep = (ids) => (live = live.filter((s) => ids.has(s.id)));

  // 1. Correctness: same initial weights, same batches.
  const okIds = new Set();
  if (wl.kind === 'grid') {
    const outs = {};
    for (const s of live) {
      try {
        await s.request('setup', { manifest: wl.manifest });
        const r = await s.request('forward', { set: 'grid', reps: 1, returnOutput: true });
        outs[s.id] = r.output;
        okIds.add(s.id);
      } catch (e) {
        fail(s.id, e);
      }
    }
    const agree = arrayAgreement(outs, TOL.grid);
    res.check = { what: `max |output - median output| over the 100x100 grid (W1 initial weights)`, tol: TOL.grid };
    for (const [id, a] of Object.entries(agree.perSide)) Object.assign(S(id), { gridMaxDiff: a.value, valid: a.ok });
  } else {
    const N = opts.quick ? wl.check.quickSteps : wl.check.steps;
    const l0 = {};
    const lN = {};
    for (const s of live) {
      try {
        await s.request('setup', { manifest: wl.manifest });
        l0[s.id] = (await s.request('loss', { batch: 0 })).loss;
        await s.request('train', { steps: N });
        lN[s.id] = (await s.request('loss', { batch: 0 })).loss;
        okIds.add(s.id);
      } catch (e) {
        fail(s.id, e);
      }
    }
    const a0 = agreement(l0, TOL.loss0);
    const aN = agreement(lN, TOL.lossN);
    res.check = {
      what: `loss on batch 0 before training and after N=${N} SGD steps`,
      steps: N,
      anchor0: a0.anchor,
      anchorN: aN.anchor,
      tol0: TOL.loss0,
      tolN: TOL.lossN,
    };
    for (const id of Object.keys(l0)) {
      const p0 = a0.perSide[id];
      const pN = aN.perSide[id];
      Object.assign(S(id), { loss0: p0.value, lossN: pN ? pN.value : NaN, valid: p0.ok && !!pN && pN.ok });
    }
  }
  keep(okIds);
  for (const s of live) log(`  ${s.id}: check ${res.sides[s.id].valid ? 'agrees' : 'DISAGREES'}`);

  // 2. Timing.
  const reps = opts.reps;
  if (wl.kind === 'train' || wl.kind === 'grid') {
    const isGrid = wl.kind === 'grid';
    res.unit = isGrid ? 'grids/s' : 'samples/s';
    const per = {};
    const ready = [];
    for (const s of live) {
      try {
        await s.request('setup', { manifest: wl.manifest });
        const unit = isGrid
          ? async (k) => (await s.request('forward', { set: 'grid', reps: k })).ms
          : async (k) => (await s.request('train', { steps: k })).ms;
        per[s.id] = await calibrate(unit, { warmMs: opts.warmMs, repMs: opts.repMs });
        ready.push(s);
      } catch (e) {
        fail(s.id, e);
      }
    }
    const faults = {};
    const cpu = {};
    const rates = await interleave(
      ready,
      reps,
      async (s) => {
        const k = per[s.id];
        const r = isGrid
          ? await s.request('forward', { set: 'grid', reps: k })
          : await s.request('train', { steps: k });
        (faults[s.id] = faults[s.id] || []).push(r.minorFaults / k);
        if (r.cpuMs !== undefined) (cpu[s.id] = cpu[s.id] || []).push(r.cpuMs / r.ms);
        return ((isGrid ? k : k * wl.batchSize) * 1000) / r.ms;
      },
      fail
    );
    for (const s of ready) {
      if (!rates[s.id].length) continue;
      Object.assign(S(s.id), summarize(rates[s.id]), { unitsPerRep: per[s.id] });
      if (faults[s.id]) S(s.id).faultsPerUnit = median(faults[s.id]);
      if (cpu[s.id]) S(s.id).cpuPerWall = median(cpu[s.id]);
    }
  } else if (wl.kind === 'fit') {
    res.unit = 'ms';
    const runs = await interleave(
      live,
      reps + 1, // the first repetition of every side is its warm-up and is dropped
      async (s) => {
        await s.request('setup', { manifest: wl.manifest });
        const r = await s.request('fit', wl.fit);
        (S(s.id).fits = S(s.id).fits || []).push(r);
        return r.ms;
      },
      fail
    );
    for (const s of live) {
      const f = S(s.id).fits || [];
      if (f.length < 2) continue;
      const kept = f.slice(1);
      Object.assign(S(s.id), summarize(kept.map((r) => r.ms)), {
        epochs: median(kept.map((r) => r.epochs)),
        epochsMin: Math.min(...kept.map((r) => r.epochs)),
        epochsMax: Math.max(...kept.map((r) => r.epochs)),
        acc: kept[kept.length - 1].acc,
        reached: kept.every((r) => r.reached),
      });
      delete S(s.id).fits;
      void runs;
    }
  }
  return res;
}

// ---------------------------------------------------------------- printing

function fmtNum(x, digits = 3) {
  if (x === undefined || x === null || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toExponential(digits - 1);
  if (a >= 100) return x.toFixed(0);
  return x.toPrecision(digits);
}

function fmtRate(x) {
  if (!Number.isFinite(x)) return '–';
  if (x >= 1e6) return (x / 1e6).toFixed(2) + 'M';
  if (x >= 1e4) return (x / 1e3).toFixed(1) + 'k';
  return x >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

function fmtLoss(x) {
  return Number.isFinite(x) ? x.toPrecision(7) : String(x);
}

/**
 * Markdown tables. focus: ids of the sides to compare against the others ("ours"); a ratio
 * column "F ÷ side" is printed for each, > 1 meaning F is faster.
 */
function renderMarkdown(results, sideInfo, focus) {
  const lines = [];
  const sideIds = Object.keys(sideInfo);
  const focusIds = focus.filter((f) => sideIds.includes(f));
  lines.push('### Sides');
  lines.push('');
  lines.push('| side | version | precision | notes |');
  lines.push('|---|---|---|---|');
  for (const [id, info] of Object.entries(sideInfo)) {
    if (info.error) lines.push(`| ${id} | unavailable | | ${info.error.replace(/\|/g, '/')} |`);
    else lines.push(`| ${id} | ${info.version || ''} | ${info.precision || ''} | ${(info.notes || '').replace(/\|/g, '/')} |`);
  }
  lines.push('');
  for (const r of results) {
    lines.push(`### ${r.title}`);
    lines.push('');
    if (r.check) {
      if (r.kind === 'grid') lines.push(`Check: ${r.check.what}, must be <= ${r.check.tol}.`);
      else {
        lines.push(
          `Check: ${r.check.what}; agree when |loss - median of sides| <= abs + rel*|median| ` +
            `(before: ${r.check.tol0.abs}+${r.check.tol0.rel}·|m|, after: ${r.check.tolN.abs}+${r.check.tolN.rel}·|m|). ` +
            `Median before ${fmtLoss(r.check.anchor0)}, after ${fmtLoss(r.check.anchorN)}.`
        );
      }
      lines.push('');
    }
    const ratioHead = focusIds.map((f) => `${f} ÷ side`);
    const isFit = r.kind === 'fit';
    const head = isFit
      ? ['side', 'wall ms (median)', 'min–max', 'epochs', 'test acc', 'loss after N', 'valid', ...ratioHead]
      : r.kind === 'grid'
      ? ['side', `${r.unit} (median)`, 'min–max', 'max |Δout|', 'valid', 'faults/grid', 'cpu/wall', ...ratioHead]
      : ['side', `${r.unit} (median)`, 'min–max', 'loss before', 'loss after N', 'valid', 'faults/step', 'cpu/wall', ...ratioHead];
    lines.push('| ' + head.join(' | ') + ' |');
    lines.push('|' + head.map(() => '---').join('|') + '|');
    for (const id of sideIds) {
      const s = r.sides[id];
      if (!s) continue;
      const valid = s.error ? `ERROR: ${s.error.replace(/\|/g, '/').slice(0, 120)}` : s.valid ? 'yes' : 'INVALID';
      const ratios = focusIds.map((f) => {
        const a = r.sides[f];
        if (!a || !s.median || !a.median || f === id) return f === id ? '1' : '–';
        if (!a.valid || !s.valid) return 'n/a (invalid)';
        const x = isFit ? s.median / a.median : a.median / s.median;
        return x.toFixed(2) + '×';
      });
      let row;
      if (isFit) {
        const ep = s.epochsMin === s.epochsMax ? `${s.epochs}` : `${s.epochs} (${s.epochsMin}–${s.epochsMax})`;
        row = [id, fmtNum(s.median), `${fmtNum(s.min)}–${fmtNum(s.max)}`, s.epochs !== undefined ? ep : '–',
          s.acc !== undefined ? (100 * s.acc).toFixed(1) + '%' + (s.reached ? '' : ' (not reached)') : '–',
          fmtLoss(s.lossN), valid, ...ratios];
      } else if (r.kind === 'grid') {
        row = [id, fmtRate(s.median), `${fmtRate(s.min)}–${fmtRate(s.max)}`, fmtNum(s.gridMaxDiff), valid,
          fmtNum(s.faultsPerUnit), fmtNum(s.cpuPerWall, 2), ...ratios];
      } else {
        row = [id, fmtRate(s.median), `${fmtRate(s.min)}–${fmtRate(s.max)}`, fmtLoss(s.loss0), fmtLoss(s.lossN), valid,
          fmtNum(s.faultsPerUnit), fmtNum(s.cpuPerWall, 2), ...ratios];
      }
      lines.push('| ' + row.join(' | ') + ' |');
    }
    lines.push('');
  }
  // Summary: one row per workload, one column per side.
  lines.push('### Summary (median; samples/s, grids/s, or ms to target accuracy)');
  lines.push('');
  lines.push('| workload | ' + sideIds.join(' | ') + ' |');
  lines.push('|---|' + sideIds.map(() => '---').join('|') + '|');
  for (const r of results) {
    const cells = sideIds.map((id) => {
      const s = r.sides[id];
      if (!s || s.median === undefined) return s && s.error ? 'error' : '–';
      const v = r.kind === 'fit' ? fmtNum(s.median) + ' ms' : fmtRate(s.median);
      return s.valid ? v : `${v} (invalid)`;
    });
    lines.push(`| ${r.id} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  return lines.join('\n');
}

module.exports = {
  median,
  summarize,
  Side,
  startSide,
  agreement,
  arrayAgreement,
  calibrate,
  interleave,
  runWorkload,
  renderMarkdown,
  TOL,
};
