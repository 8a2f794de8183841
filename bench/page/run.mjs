#!/usr/bin/env node
// The page benchmark: two builds of the page (dist/ folders), each served on its own localhost port,
// loaded ALTERNATELY in one headless Chromium (Debian's, through playwright-core), every load in a
// fresh browser context (empty cache). Writes bench/results/page.md and page.json.
//
//   node bench/page/run.mjs                        # ours = dist/, base = the page of e2275f0
//   node bench/page/run.mjs --base-dist DIR        # base = any built dist/ (e.g. another worktree's)
//   node bench/page/run.mjs --base-rev REV         # base = the page of REV (bench/page/build-base.sh)
//   node bench/page/run.mjs --ours DIR --no-base   # one side only
//   options: --loads N (7), --runs R (3 training runs per speed and side), --seconds S (5),
//            --speeds 0,1,... (all), --out DIR (bench/results),
//            --six-loads N (= --loads; 0: skip the six-component page),
//            --smoke (1 load, 1 run of 1 s per speed, no warm-up, no base unless given; for npm test)
//
// Measured, per side:
//   cold loads of the default page (`?autoplay`): navigation -> first script -> worker script
//   requested -> .wasm downloaded -> engine ready -> first frame -> first trained frame (the page's
//   window.backpropPlayground.stats, relative to navigation start, and PerformanceResourceTiming of
//   the page and of its workers); long tasks (PerformanceObserver 'longtask') after the first frame
//   until 1 s after the first trained frame; the bytes the server sent per file (gzip level 9) and in
//   total, data sets (.csv) apart; WASM memory (stats.heapBytes).
//   training the spiral (features x1,x2,sinx1,sinx2, network 8,8,5) for S seconds at every speed
//   (the URL key `speed`, SPEEDS in web/src/protocol.js): main-thread frame time p50/p95/max (deltas
//   between requestAnimationFrame callbacks), long tasks after the first frame (count, total ms) and
//   epochs per second (from the worker's frame messages, `epochFloat`).
//   a page with six components of the standalone build (dist/component/, generated here and served
//   at /bench/six-components.html; a side without that build is skipped): the requests the server
//   answered (count, .wasm count, gzip bytes), time to the first and the last 'ready' event, the
//   workers, and memory: JS heap of the page and of each worker (DevTools protocol, after a GC)
//   plus the six engines' WASM memory (el.stats.heapBytes).
// One discarded warm-up load per side comes first (not in --smoke). Nothing here asserts a time.
import { chromium } from 'playwright-core';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist } from './server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_BASE_REV = 'e2275f0';
export const SPEED_LABELS = ['Slow motion', '1 step / frame', '10 steps / frame', '1 epoch / frame',
  '10 epochs / frame', 'As fast as possible'];
export const DEFAULT_SPEED = 3;
const SPIRAL = '#dataset=spiral&features=x1,x2,sinx1,sinx2&networkShape=8,8,5';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const WAIT = { timeout: 90000 };

function parseArgs(argv) {
  const o = { ours: join(root, 'dist'), base: null, baseRev: DEFAULT_BASE_REV, noBase: false, loads: 7, seconds: 5, runs: 3,
    speeds: SPEED_LABELS.map((_, i) => i), out: join(root, 'bench', 'results'), smoke: false, warmup: true, sixLoads: null };
  const value = (i, name) => {
    if (i + 1 >= argv.length) throw new Error(`bench/page: ${name} needs a value`);
    return argv[i + 1];
  };
  const count = (text, name, min) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`bench/page: ${name} must be a whole number >= ${min}, got '${text}'`);
    return n;
  };
  let loadsGiven = false; let secondsGiven = false; let runsGiven = false;
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    switch (a) {
      case '--ours': o.ours = resolve(value(i, a)); ++i; break;
      case '--base-dist': o.base = resolve(value(i, a)); ++i; break;
      case '--base-rev': o.baseRev = value(i, a); ++i; break;
      case '--no-base': o.noBase = true; break;
      case '--loads': o.loads = count(value(i, a), a, 1); loadsGiven = true; ++i; break;
      case '--runs': o.runs = count(value(i, a), a, 1); runsGiven = true; ++i; break;
      case '--seconds': {
        const s = Number(value(i, a));
        if (!(s > 0 && s <= 600)) throw new Error(`bench/page: --seconds must be a number in (0, 600], got '${argv[i + 1]}'`);
        o.seconds = s; secondsGiven = true; ++i; break;
      }
      case '--speeds': {
        const list = value(i, a).split(',').map((s) => count(s, '--speeds entry', 0));
        for (const k of list) if (k >= SPEED_LABELS.length) throw new Error(`bench/page: --speeds entry ${k} is outside [0, ${SPEED_LABELS.length - 1}]`);
        o.speeds = list; ++i; break;
      }
      case '--out': o.out = resolve(value(i, a)); ++i; break;
      case '--six-loads': o.sixLoads = count(value(i, a), a, 0); ++i; break;
      case '--smoke': o.smoke = true; break;
      case '--page': break;  // accepted for `npm run bench -- --page` (scripts/bench.sh picks it up)
      case '-h': case '--help':
        console.log(readUsage()); process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default: throw new Error(`bench/page: unknown argument '${a}'; accepted: --ours DIR, --base-dist DIR, --base-rev REV, --no-base, --loads N, --runs R, --seconds S, --speeds LIST, --out DIR, --six-loads N, --smoke, --help`);
    }
  }
  if (o.smoke) {
    if (!loadsGiven) o.loads = 1;
    if (!secondsGiven) o.seconds = 1;
    if (!runsGiven) o.runs = 1;
    o.warmup = false;
    if (!o.base) o.noBase = true;
  }
  if (o.sixLoads === null) o.sixLoads = o.loads;
  return o;
}

function readUsage() {
  const text = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  return text.slice(text.indexOf('\n') + 1, text.indexOf('\nimport ')).replace(/^\/\/ ?/gm, '');
}

// --- statistics --------------------------------------------------------------------------------

const finite = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
export function summary(xs) {
  const v = finite(xs).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

// --- one browser, fresh contexts ---------------------------------------------------------------

// Runs in every page before its scripts: long tasks, and the worker's frame messages (epoch counts).
function instrument() {
  const bench = { longTasks: [], frames: [] };
  window.__bench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { bench.noLongTaskObserver = true; }
  const Native = window.Worker;
  if (Native) {
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (e) => {
          const d = e.data;
          if (d && typeof d === 'object' && typeof d.epoch === 'number') {
            bench.frames.push({ t: performance.now(), epoch: d.epoch,
              epochFloat: typeof d.epochFloat === 'number' ? d.epochFloat : d.epoch });
          }
        });
      }
    };
  }
}

async function withPage(browser, fn) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  context.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  try {
    return await fn(page, errors);
  } finally {
    await context.close();
    await new Promise((done) => setTimeout(done, 500));  // let the closed context's renderer go first
  }
}

// A function, not a string: the built pages' Content-Security-Policy (no 'unsafe-eval') refuses
// the eval() Playwright would run a string predicate with.
const readyFor = (field) => window.backpropPlayground && window.backpropPlayground.stats && !Number.isNaN(window.backpropPlayground.stats[field]);

/** Waits for window.backpropPlayground.stats[field]; a page that never gets there is named with its errors. */
async function waitForStat(page, field, errors) {
  try {
    await page.waitForFunction(readyFor, field, WAIT);
  } catch (error) {
    throw new Error(`bench/page: ${page.url()} never set window.backpropPlayground.stats.${field} ` +
      `(${error.message.split('\n')[0]}); page errors: ${errors.length ? errors.join('; ') : 'none'}`);
  }
}

// Resource timings of the page and of its workers, on the page's clock (ms after navigation start).
async function resourceTimings(page) {
  const mine = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    nav: (() => { const n = performance.getEntriesByType('navigation')[0]; return n ? { responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd } : null; })(),
    entries: performance.getEntriesByType('resource').map((e) => ({ name: e.name, type: e.initiatorType, start: e.startTime, end: e.responseEnd })),
  }));
  const entries = mine.entries.map((e) => ({ ...e, where: 'page' }));
  for (const w of page.workers()) {
    try {
      const theirs = await w.evaluate(() => ({
        origin: performance.timeOrigin,
        entries: performance.getEntriesByType('resource').map((e) => ({ name: e.name, type: e.initiatorType, start: e.startTime, end: e.responseEnd })),
      }));
      const shift = theirs.origin - mine.origin;
      for (const e of theirs.entries) entries.push({ ...e, start: e.start + shift, end: e.end + shift, where: 'worker' });
    } catch { /* a worker that ended */ }
  }
  return { nav: mine.nav, entries };
}

const pathOf = (url) => { try { return new URL(url).pathname; } catch { return url; } };
const earliest = (entries, test, field) => {
  const hits = entries.filter((e) => test(pathOf(e.name))).map((e) => e[field]);
  return hits.length ? Math.min(...hits) : null;
};

async function coldLoad(browser, site) {
  return withPage(browser, async (page, errors) => {
    site.resetLog();
    await page.goto(`${site.url}?autoplay`);
    await waitForStat(page, 'firstTrainedFrameAt', errors);
    await page.waitForTimeout(1000);  // long tasks just after the first trained frame
    const stats = await page.evaluate(() => window.backpropPlayground.stats);
    const bench = await page.evaluate(() => window.__bench);
    // Files fetched later (data sets, previews): wait until the server has sent nothing for 1.5 s.
    for (let n = -1, quiet = 0, waited = 0; quiet < 1500 && waited < 20000; waited += 250) {
      if (site.log.length === n) quiet += 250; else { n = site.log.length; quiet = 0; }
      await page.waitForTimeout(250);
    }
    const timing = await resourceTimings(page);
    const e = timing.entries;
    const files = site.log.map((f) => ({ ...f }));
    // --- math panel (issue 13): what its first opening fetches (module, KaTeX CSS and fonts) ---
    const mathFiles = await openMathPanel(page, site);
    const isJs = (p) => /\.m?js$/.test(p);
    const after = bench.longTasks.filter((t) => t.start >= stats.firstFrameAt && t.start <= stats.firstTrainedFrameAt + 1000);
    const before = bench.longTasks.filter((t) => t.start < stats.firstFrameAt);
    return {
      errors,
      stats,
      timeline: {
        htmlReceived: timing.nav?.responseEnd ?? null,
        firstScriptReceived: earliest(e.filter((x) => x.where === 'page'), isJs, 'end'),
        workerScriptRequested: earliest(e, (p) => isJs(p) && /worker/i.test(p), 'start'),
        wasmReceived: earliest(e, (p) => p.endsWith('.wasm'), 'end'),
        readyAt: stats.readyAt,
        firstFrameAt: stats.firstFrameAt,
        firstTrainedFrameAt: stats.firstTrainedFrameAt,
      },
      longTasksBeforeFirstFrame: { count: before.length, ms: before.reduce((s, t) => s + t.duration, 0) },
      longTasksAfterFirstFrame: { count: after.length, ms: after.reduce((s, t) => s + t.duration, 0) },
      longTaskObserver: !bench.noLongTaskObserver,
      files,
      mathFiles,
    };
  });
}

// Opens the math panel and returns the files the server sent for it (until 1.5 s of quiet), or
// null on a build whose panel has no live part (document.querySelector('.bp-math').bpMath).
async function openMathPanel(page, site) {
  const before = site.log.length;
  if (!(await page.$('.bp-math summary'))) return null;
  await page.click('.bp-math summary');
  try {
    await page.waitForFunction(() => document.querySelector('.bp-math')?.bpMath?.live?.msg, null, { timeout: 20000 });
  } catch { return null; }
  for (let n = -1, quiet = 0, waited = 0; quiet < 1500 && waited < 20000; waited += 250) {
    if (site.log.length === n) quiet += 250; else { n = site.log.length; quiet = 0; }
    await page.waitForTimeout(250);
  }
  return site.log.slice(before).map((f) => ({ ...f }));
}

async function speedRun(browser, site, speed, seconds) {
  return withPage(browser, async (page, errors) => {
    await page.goto(`${site.url}${SPIRAL}&speed=${speed}`);
    await waitForStat(page, 'firstFrameAt', errors);
    const state = await page.evaluate(() => window.backpropPlayground.getState());
    if (state.speed !== speed) throw new Error(`bench/page: the page at ${site.url} ignored speed=${speed} in its URL (state.speed = ${state.speed})`);
    await page.evaluate(() => window.backpropPlayground.play());
    await waitForStat(page, 'firstTrainedFrameAt', errors);
    const m = await page.evaluate(async (ms) => {
      const bench = window.__bench;
      const epochAttr = () => Number(window.backpropPlayground.root.dataset.epoch || 0);
      const e0 = epochAttr();
      const t0 = performance.now();
      const deltas = [];
      await new Promise((done) => {
        let last = -1;
        const tick = (t) => {
          if (last >= 0) deltas.push(t - last);
          last = t;
          if (t - t0 < ms) requestAnimationFrame(tick); else done();
        };
        requestAnimationFrame(tick);
      });
      const t1 = performance.now();
      const inWindow = bench.frames.filter((f) => f.t >= t0 && f.t <= t1);
      let epochsPerSecond = (epochAttr() - e0) / ((t1 - t0) / 1000);
      let source = 'root.dataset.epoch';
      if (inWindow.length >= 2) {
        const a = inWindow[0]; const b = inWindow[inWindow.length - 1];
        if (b.t > a.t) { epochsPerSecond = (b.epochFloat - a.epochFloat) / ((b.t - a.t) / 1000); source = 'worker frames (epochFloat)'; }
      }
      const ff = window.backpropPlayground.stats.firstFrameAt;
      const after = bench.longTasks.filter((t) => t.start >= ff);
      return { deltas, epochsPerSecond, epochSource: source, framesReceived: inWindow.length,
        longTasks: after.length, longTaskMs: after.reduce((s, t) => s + t.duration, 0), windowMs: t1 - t0 };
    }, seconds * 1000);
    const sorted = m.deltas.slice().sort((a, b) => a - b);
    return {
      errors, speed, windowMs: m.windowMs, rafFrames: sorted.length,
      frameP50: percentile(sorted, 0.5), frameP95: percentile(sorted, 0.95), frameMax: sorted.length ? sorted[sorted.length - 1] : NaN,
      longTasks: m.longTasks, longTaskMs: m.longTaskMs, epochsPerSecond: m.epochsPerSecond, epochSource: m.epochSource,
      framesReceived: m.framesReceived,
    };
  });
}

// --- transfer ----------------------------------------------------------------------------------

// assets/index-DdX3a_9Q.js -> assets/index-[hash].js: the same file of two builds on one row.
export const fileKey = (path) => path.replace(/^\//, '').replace(/-[A-Za-z0-9_-]{8}(\.[a-z0-9]+)$/, '-[hash]$1');
const isData = (path) => /\.csv$/i.test(path);

function transferOf(load) {
  const byFile = {};
  for (const f of load.files) {
    if (f.status !== 200) continue;
    const k = fileKey(f.path);
    byFile[k] = (byFile[k] || 0) + f.bytes;
  }
  let page = 0; let data = 0;
  for (const [k, b] of Object.entries(byFile)) { if (isData(k)) data += b; else page += b; }
  return { byFile, page, data, requests: load.files.length };
}

// --- the table ---------------------------------------------------------------------------------

const KB = 1024;
const fmt = (x, digits) => {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  if (digits !== undefined) return x.toFixed(digits);
  const a = Math.abs(x);
  return a >= 99.95 ? x.toFixed(0) : a >= 9.995 ? x.toFixed(1) : x.toFixed(2);
};
const cell = (s, digits) => {
  if (!s) return 'n/a';
  if (s.n === 1 || s.min === s.max) return fmt(s.median, digits);
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
};

/** Rows: { key, figure, base, ours (summaries), ratio, target, met, digits }. */
export function buildRows(sides, o) {
  const rows = [];
  const add = (key, figure, pick, { digits, target = '', check = null, ratio = true } = {}) => {
    const base = sides.base ? pick(sides.base) : null;
    const ours = pick(sides.ours);
    const r = ratio && base && ours && base.median !== 0 ? ours.median / base.median : null;
    let met = '';
    if (check) met = check(ours, base, r);
    rows.push({ key, figure, base, ours, ratio: r, target, met, digits });
  };
  const loads = (side) => side.loads;
  const tl = (field) => (side) => summary(loads(side).map((l) => l.timeline[field]));
  const yes = (ok) => (ok === null ? 'needs a base' : ok ? 'yes' : 'NO');
  add('htmlReceived', 'HTML received (ms after navigation start)', tl('htmlReceived'));
  add('firstScriptReceived', 'first script received (ms)', tl('firstScriptReceived'));
  add('workerScriptRequested', 'worker script requested (ms)', tl('workerScriptRequested'));
  add('wasmReceived', '.wasm received (ms)', tl('wasmReceived'));
  add('readyAt', 'engine ready (ms)', tl('readyAt'));
  add('firstFrameAt', 'first frame (ms)', tl('firstFrameAt'));
  add('firstTrainedFrameAt', 'first trained frame (ms)', tl('firstTrainedFrameAt'), {
    target: '≤ 0.4x base', check: (ours, base, r) => (r === null ? yes(null) : yes(r <= 0.4)),
  });
  add('loadLongTasks', 'long tasks after first frame, cold load (count, until first trained frame + 1 s)',
    (s) => summary(loads(s).map((l) => l.longTasksAfterFirstFrame.count)), {
      digits: 0, target: '0', ratio: false, check: (ours) => yes(ours.median === 0),
    });
  add('loadLongTaskMs', 'long tasks after first frame, cold load (total ms)',
    (s) => summary(loads(s).map((l) => l.longTasksAfterFirstFrame.ms)), { ratio: false });
  add('transferPage', 'transfer, gzip, page without data sets (KB)', (s) => summary(loads(s).map((l) => transferOf(l).page / KB)), {
    digits: 1, target: '≤ 300 KB', check: (ours) => yes(ours.median <= 300),
  });
  // math panel (issue 13): n/a for a build without its live part.
  add('transferMath', 'transfer, gzip, math panel on first open: module, KaTeX CSS + fonts used (KB)', (s) => {
    const l = loads(s).filter((x) => x.mathFiles);
    return l.length ? summary(l.map((x) => x.mathFiles.filter((f) => f.status === 200).reduce((t, f) => t + f.bytes, 0) / KB)) : null;
  }, { digits: 1, ratio: false });
  add('transferData', 'transfer, gzip, data sets fetched by the default page (KB)', (s) => summary(loads(s).map((l) => transferOf(l).data / KB)), { digits: 1 });
  add('heap', 'WASM memory (MB, 10^6 bytes)', (s) => summary(loads(s).map((l) => l.stats.heapBytes / 1e6)), {
    digits: 1, target: '< 16 MB', check: (ours) => yes(ours.median < 16),
  });
  for (const k of o.speeds) {
    const label = `speed ${k} "${SPEED_LABELS[k]}"${k === DEFAULT_SPEED ? ' (default)' : ''}`;
    const sp = (field) => (side) => summary(side.speeds[k].map((r) => r[field]));
    add(`s${k}.frameP50`, `${label}: frame p50 (ms)`, sp('frameP50'));
    add(`s${k}.frameP95`, `${label}: frame p95 (ms)`, sp('frameP95'), k === DEFAULT_SPEED
      ? { target: '≤ 17 ms', check: (ours) => yes(ours.median <= 17) } : {});
    add(`s${k}.frameMax`, `${label}: frame max (ms)`, sp('frameMax'));
    add(`s${k}.longTasks`, `${label}: long tasks after first frame (count)`, sp('longTasks'), {
      digits: 0, target: '0', ratio: false, check: (ours) => yes(ours.median === 0),
    });
    add(`s${k}.longTaskMs`, `${label}: long tasks (total ms)`, sp('longTaskMs'), { ratio: false });
    add(`s${k}.epochsPerSecond`, `${label}: epochs per second`, sp('epochsPerSecond'));
  }
  return rows;
}

function fileTable(sides) {
  const per = (side) => {
    if (!side) return {};
    const acc = {};
    const all = new Set(side.loads.flatMap((l) => Object.keys(transferOf(l).byFile)));
    for (const l of side.loads) {
      const byFile = transferOf(l).byFile;
      for (const k of all) (acc[k] ||= []).push((byFile[k] || 0) / KB);  // not fetched in a load: 0
    }
    return Object.fromEntries(Object.entries(acc).map(([k, v]) => [k, summary(v)]));
  };
  const base = per(sides.base); const ours = per(sides.ours);
  const keys = [...new Set([...Object.keys(base), ...Object.keys(ours)])]
    .sort((a, b) => (isData(a) - isData(b)) || ((ours[b]?.median ?? base[b]?.median ?? 0) - (ours[a]?.median ?? base[a]?.median ?? 0)));
  const lines = ['| file | kind | base KB (gzip) | ours KB (gzip) |', '|---|---|--:|--:|'];
  for (const k of keys) lines.push(`| \`${k}\` | ${isData(k) ? 'data set' : 'page'} | ${base[k] ? cell(base[k], 1) : sides.base ? '–' : 'n/a'} | ${ours[k] ? cell(ours[k], 1) : '–'} |`);
  return lines.join('\n');
}

function markdown(rows, sides, meta) {
  const head = [
    '# Page benchmark (bench/page/run.mjs)',
    '',
    `${meta.date}, ${meta.machine}; ${meta.browser}; Node ${meta.node}; ${meta.load}.`,
    `base: ${meta.baseLabel}; ours: ${meta.oursLabel}. ${meta.loads} cold loads per side (fresh browser context each, ` +
      `alternating sides${meta.warmup ? ', after one discarded warm-up load per side' : ''}); ${meta.runs} run(s) of ${meta.seconds} s ` +
      'training the spiral (x1,x2,sinx1,sinx2; 8,8,5) per speed and side, each in a fresh context, sides alternating. Medians (min–max); times in ms after navigation start; ' +
      'transfer = gzip (level 9) bytes the server sent; ratio = ours / base.',
    '',
    '| figure | base median (min–max) | ours median (min–max) | ratio | target | met? |',
    '|---|--:|--:|--:|---|---|',
  ];
  const body = rows.map((r) => `| ${r.figure} | ${sides.base ? cell(r.base, r.digits) : 'n/a'} | ${cell(r.ours, r.digits)} | ` +
    `${r.ratio === null ? '–' : `${r.ratio.toFixed(2)}x`} | ${r.target} | ${r.met} |`);
  const errors = [];
  for (const [name, side] of Object.entries(sides)) {
    if (!side) continue;
    const all = [...side.loads.flatMap((l) => l.errors), ...Object.values(side.speeds).flat().flatMap((r) => r.errors)];
    if (all.length) errors.push(`- ${name}: ${[...new Set(all)].slice(0, 5).join('; ')}`);
  }
  return [...head, ...body, '', '## Transfer per file (median over the cold loads; a file a load did not fetch counts 0 there; min–max where they differ)', '', fileTable(sides), '',
    ...(errors.length ? ['## Page errors seen', '', ...errors, ''] : [])].join('\n');
}

// --- six components on one page ----------------------------------------------------------------

// The page is generated here and served with the build (serveDist's `pages`): six components of
// the standalone build (dist/component/, npm run build), all in view at 1440x1000, each its own
// data set, as an article would embed them.
export const SIX_PAGE = '/bench/six-components.html';
export const SIX_DATASETS = ['circle', 'xor', 'gaussian', 'spiral', 'reg-plane', 'reg-gauss'];
export function sixComponentPage(script = '../component/backprop-playground.js') {
  const tags = SIX_DATASETS.map((d) =>
    `  <backprop-playground dataset="${d}" network-shape="8,8" views="network,output" controls="minimal" height="420px"></backprop-playground>`);
  return ['<!doctype html>', '<meta charset="utf-8">', '<title>Six playgrounds (bench/page)</title>', '<link rel="icon" href="data:,">',
    `<script type="module" src="${script}"></script>`,
    '<div style="display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px">', ...tags, '</div>', ''].join('\n');
}
const hasComponent = (dir) => existsSync(join(dir, 'component', 'backprop-playground.js'));

// Runs in the page before its scripts: when each component fires 'ready' (bubbles, composed).
function instrumentSix() {
  const six = { ready: [] };
  window.__benchSix = six;
  document.addEventListener('ready', (e) => {
    if (e.target?.localName === 'backprop-playground') six.ready.push(performance.now());
  }, true);
}

/** JS heap (bytes used after a forced GC) of the page and of each of its workers, through CDP: the
 *  workers' targets are reached with Target.attachToTarget (non-flat) from the page's session. */
async function jsHeaps(context, page) {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const pageHeap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const { targetInfos } = await cdp.send('Target.getTargets');
    const mine = targetInfos.find((t) => t.type === 'page' && t.url === page.url())?.browserContextId;
    const workers = targetInfos.filter((t) => t.type === 'worker' && (!mine || t.browserContextId === mine));
    const waiting = new Map();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      const w = waiting.get(`${e.sessionId}:${m.id}`);
      if (w) { waiting.delete(`${e.sessionId}:${m.id}`); w(m); }
    });
    const ask = (sessionId, id, method) => new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no answer to ${method} from a worker`)), 20000);
      waiting.set(`${sessionId}:${id}`, (m) => { clearTimeout(timer); if (m.error) fail(new Error(m.error.message)); else ok(m.result); });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(fail);
    });
    const workerHeaps = [];
    for (const t of workers) {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
      try {
        await ask(sessionId, 1, 'HeapProfiler.collectGarbage');
        workerHeaps.push((await ask(sessionId, 2, 'Runtime.getHeapUsage')).usedSize);
      } finally {
        await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
    }
    return { pageHeap, workerHeaps };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function sixLoad(browser, site) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(instrumentSix);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  context.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  try {
    site.resetLog();
    await page.goto(`${site.url}${SIX_PAGE.slice(1)}`);
    try {
      await page.waitForFunction((n) => window.__benchSix.ready.length >= n, SIX_DATASETS.length, WAIT);
    } catch (error) {
      throw new Error(`bench/page: ${page.url()}: not all ${SIX_DATASETS.length} components fired 'ready' ` +
        `(${error.message.split('\n')[0]}); page errors: ${errors.length ? errors.join('; ') : 'none'}`);
    }
    for (let n = -1, quiet = 0, waited = 0; quiet < 1500 && waited < 20000; waited += 250) {
      if (site.log.length === n) quiet += 250; else { n = site.log.length; quiet = 0; }
      await page.waitForTimeout(250);
    }
    const ready = (await page.evaluate(() => window.__benchSix.ready)).slice().sort((a, b) => a - b);
    const wasmHeaps = await page.evaluate(() => [...document.querySelectorAll('backprop-playground')].map((el) => el.stats?.heapBytes ?? null));
    const { pageHeap, workerHeaps } = await jsHeaps(context, page);
    return { errors, ready, firstReady: ready[0], allReady: ready[ready.length - 1], wasmHeaps, pageHeap, workerHeaps,
      workers: page.workers().length, files: site.log.map((f) => ({ ...f })) };
  } finally {
    await context.close();
    await new Promise((done) => setTimeout(done, 500));
  }
}

const sum = (xs) => xs.reduce((s, x) => s + x, 0);
const MB = 1e6;

/** The six-component table's rows: { key, figure, base, ours (summaries or null), target, met, digits }. */
export function sixRows(six) {
  const rows = [];
  const yes = (ok) => (ok ? 'yes' : 'NO');
  const add = (key, figure, pick, { digits, target = '', check = null } = {}) => {
    const of = (loads) => (loads && loads.length ? summary(loads.map(pick)) : null);
    const base = of(six.base); const ours = of(six.ours);
    rows.push({ key, figure, base, ours, target, met: check && ours ? check(ours) : '', digits });
  };
  const wasm = (l) => l.files.filter((f) => f.status === 200 && /\.wasm$/.test(f.path));
  add('requests', 'requests (count, every file the server answered)', (l) => l.files.length, { digits: 0 });
  add('wasmRequests', '.wasm requests (count)', (l) => wasm(l).length, { digits: 0, target: '1', check: (s) => yes(s.min === 1 && s.max === 1) });
  add('workerScripts', 'worker script requests (count; the server sends no-cache and no validators)', (l) => l.files.filter((f) => f.status === 200 && /worker[^/]*\.js$/.test(f.path)).length, { digits: 0 });
  add('transfer', 'transfer, gzip, all files (KB)', (l) => sum(l.files.filter((f) => f.status === 200).map((f) => f.bytes)) / KB, { digits: 1 });
  add('transferNoData', 'transfer, gzip, without data sets (KB)', (l) => sum(l.files.filter((f) => f.status === 200 && !isData(f.path)).map((f) => f.bytes)) / KB, { digits: 1 });
  add('workers', 'workers (count)', (l) => l.workers, { digits: 0, target: String(SIX_DATASETS.length), check: (s) => yes(s.min === SIX_DATASETS.length && s.max === SIX_DATASETS.length) });
  add('firstReady', "first component ready ('ready' event, ms after navigation start)", (l) => l.firstReady);
  add('allReady', "all six ready (last 'ready' event, ms)", (l) => l.allReady);
  add('jsHeapPage', 'JS heap, page (MB, 10^6 bytes, used after GC)', (l) => l.pageHeap / MB, { digits: 1 });
  add('jsHeapWorkers', 'JS heap, six workers together (MB)', (l) => sum(l.workerHeaps) / MB, { digits: 1 });
  add('wasmMemory', 'WASM memory, six engines together (MB, el.stats.heapBytes)', (l) => sum(l.wasmHeaps.map((b) => b ?? NaN)) / MB, { digits: 1 });
  add('memory', 'memory, JS heaps + WASM memory (MB)', (l) => (l.pageHeap + sum(l.workerHeaps) + sum(l.wasmHeaps.map((b) => b ?? NaN))) / MB, { digits: 1 });
  return rows;
}

/** The section of page.md: a note when no side has the component build, else the table. */
export function sixTable(rows, six, meta) {
  const lines = [`## Six components on one page (\`${SIX_PAGE}\`, generated by the benchmark)`, ''];
  if (!six.base && !six.ours) {
    lines.push('Not measured: neither build has `component/backprop-playground.js` (`npm run build` writes it), or `--six-loads 0`.', '');
    return lines.join('\n');
  }
  lines.push(`Six \`<backprop-playground>\` of the standalone build (\`component/backprop-playground.js\`; data sets ${SIX_DATASETS.join(', ')}; ` +
    'network 8,8, views network+output, minimal controls, height 420px, all in view at 1440x1000), ' +
    `${meta.sixLoads} cold load(s) per side, each in a fresh context; a side without the component build shows n/a. ` +
    'Requests and transfer are counted by the server once it has been quiet for 1.5 s; JS heaps through the DevTools protocol ' +
    '(Runtime.getHeapUsage after a forced GC, the page and each worker). Medians (min–max).', '');
  lines.push('| figure | base median (min–max) | ours median (min–max) | target | met? |', '|---|--:|--:|---|---|');
  for (const r of rows) lines.push(`| ${r.figure} | ${cell(r.base, r.digits)} | ${cell(r.ours, r.digits)} | ${r.target} | ${r.met} |`);
  lines.push('');
  return lines.join('\n');
}

// --- main ----------------------------------------------------------------------------------------

function machine() {
  let model = '';
  try { model = /Model name:\s*(.*)/.exec(execFileSync('lscpu', { encoding: 'utf8' }))?.[1]?.trim() ?? ''; } catch { /* no lscpu */ }
  return `${model || cpus()[0]?.model || 'unknown CPU'}, ${cpus().length} cores (${hostname()})`;
}

function gitLabel(dir) {
  try {
    const rev = execFileSync('git', ['-C', dir, 'rev-parse', '--short=7', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return `${rev}${dirty ? '+changes' : ''}`;
  } catch { return 'not a git checkout'; }
}

function baseDistFor(rev) {
  const r = spawnSync('bash', [join(root, 'bench', 'page', 'build-base.sh'), rev], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench/page: building the base page of ${rev} failed (bench/page/build-base.sh ${rev})`);
  return r.stdout.trim().split('\n').pop();
}

export async function main(argv = process.argv.slice(2)) {
  const o = parseArgs(argv);
  if (!existsSync(join(o.ours, 'index.html'))) throw new Error(`bench/page: ${o.ours} has no index.html; run npm run build first (or pass --ours DIR)`);
  let baseLabel = 'none (--no-base)';
  if (!o.noBase && !o.base) { o.base = baseDistFor(o.baseRev); baseLabel = `${o.base} (git ${o.baseRev})`; }
  else if (o.base) baseLabel = o.base;
  if (o.base && !existsSync(join(o.base, 'index.html'))) throw new Error(`bench/page: --base-dist ${o.base} has no index.html`);
  const oursLabel = o.ours === join(root, 'dist') ? `dist/ (git ${gitLabel(root)})` : o.ours;

  const pages = { [SIX_PAGE]: sixComponentPage() };
  const servers = { ours: await serveDist(o.ours, { pages }), base: o.base ? await serveDist(o.base, { pages }) : null };
  const sixNames = o.sixLoads > 0 ? [o.base && hasComponent(o.base) ? 'base' : null, hasComponent(o.ours) ? 'ours' : null].filter(Boolean) : [];
  const six = { base: sixNames.includes('base') ? [] : null, ours: sixNames.includes('ours') ? [] : null };
  const sixErrors = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS });
  const names = servers.base ? ['base', 'ours'] : ['ours'];
  const sides = Object.fromEntries(names.map((n) => [n, { loads: [], speeds: Object.fromEntries(o.speeds.map((k) => [k, []])) }]));
  const order = (i) => (i % 2 ? [...names].reverse() : names);
  const say = (s) => process.stderr.write(`${s}\n`);
  const started = new Date(); const loadBefore = loadavg()[0];
  try {
    if (o.warmup) for (const n of names) { say(`bench/page: warm-up load (${n})`); await coldLoad(browser, servers[n]); }
    for (let i = 0; i < o.loads; ++i) {
      for (const n of order(i)) {
        const l = await coldLoad(browser, servers[n]);
        sides[n].loads.push(l);
        say(`bench/page: load ${i + 1}/${o.loads} ${n}: ready ${fmt(l.timeline.readyAt, 0)} ms, first frame ${fmt(l.timeline.firstFrameAt, 0)}, first trained frame ${fmt(l.timeline.firstTrainedFrameAt, 0)}`);
      }
    }
    for (let run = 0, i = 0; run < o.runs; ++run) for (const k of o.speeds) {
      for (const n of order(i++)) {
        const r = await speedRun(browser, servers[n], k, o.seconds);
        sides[n].speeds[k].push(r);
        say(`bench/page: run ${run + 1}/${o.runs} speed ${k} ${n}: frame p50 ${fmt(r.frameP50)} p95 ${fmt(r.frameP95)} max ${fmt(r.frameMax)} ms, long tasks ${r.longTasks}, ${fmt(r.epochsPerSecond)} epochs/s`);
      }
    }
    for (let i = 0; i < o.sixLoads; ++i) {
      for (const n of (i % 2 ? [...sixNames].reverse() : sixNames)) {
        try {
          const l = await sixLoad(browser, servers[n]);
          six[n].push(l);
          say(`bench/page: six components ${i + 1}/${o.sixLoads} ${n}: first ready ${fmt(l.firstReady, 0)} ms, all ready ${fmt(l.allReady, 0)}, ` +
            `${l.files.length} requests, ${l.files.filter((f) => f.path.endsWith('.wasm')).length} .wasm`);
        } catch (error) {
          sixErrors.push(`${n}: ${error.message}`);
          say(error.message);
        }
      }
    }
  } finally {
    await browser.close();
    for (const s of Object.values(servers)) await s?.close();
  }
  const meta = {
    date: `${started.toISOString().slice(0, 16).replace('T', ' ')}–${new Date().toISOString().slice(11, 16)} UTC`,
    load: `1-min load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`, machine: machine(), browser: `Chromium ${browser.version()}`,
    node: process.versions.node, baseLabel, oursLabel, loads: o.loads, runs: o.runs, seconds: o.seconds, warmup: o.warmup, speeds: o.speeds,
    sixLoads: o.sixLoads,
  };
  const full = { base: sides.base || null, ours: sides.ours };
  const rows = buildRows(full, o);
  const sixResult = { rows: sixRows(six), sides: six, errors: sixErrors };
  for (const l of [...(six.base ?? []), ...(six.ours ?? [])]) sixErrors.push(...l.errors);
  const md = [markdown(rows, full, meta), sixTable(sixResult.rows, six, meta),
    ...(sixErrors.length ? ['### Six-component page: errors seen', '', ...[...new Set(sixErrors)].slice(0, 5).map((e) => `- ${e}`), ''] : [])].join('\n');
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'page.md'), md + '\n');
  writeFileSync(join(o.out, 'page.json'), JSON.stringify({ meta, rows, sides: full, six: sixResult }, null, 1) + '\n');
  console.log(md);
  console.log(`\nbench/page: wrote ${join(o.out, 'page.md')} and page.json`);
  return { meta, rows, sides: full, six: sixResult };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => { console.error(e.message || e); process.exit(1); });
}
