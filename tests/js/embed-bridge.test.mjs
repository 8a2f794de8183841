// Unit tests of the embed's wiring (web/src/embedBridge.js) with a fake window, parent and
// controller: who may send, where replies and events go, what runs. No browser, nothing timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectEmbed } from '../../web/src/embedBridge.js';
import { parseHash, toHash } from '../../web/src/state.js';

function setup({ allowedOrigins = null, origin = null, ancestor = 'https://host.example', referrer = '' } = {}) {
  const sent = [];
  const warnings = [];
  const calls = [];
  const parent = { postMessage: (msg, targetOrigin) => sent.push({ msg, targetOrigin }) };
  const win = new EventTarget();
  Object.assign(win, {
    parent,
    location: { ancestorOrigins: ancestor ? [ancestor] : [] },
    document: { referrer },
    console: { warn: (w) => warnings.push(w) },
    ResizeObserver: class { constructor(cb) { win.resized = cb; } observe() {} disconnect() {} },
  });
  const mount = new EventTarget();
  let state = parseHash('#dataset=xor').state;
  let resolveReady;
  const controller = {
    ready: new Promise((r) => { resolveReady = r; }),
    stats: { variant: 'simd' },
    get state() { return state; },
    getState: () => state,
    setState: (x) => { calls.push(['setState', x]); state = typeof x === 'string' ? parseHash(x).state : { ...state, ...x }; },
    play: () => calls.push(['play']),
    pause: () => calls.push(['pause']),
    reset: () => calls.push(['reset']),
    step: (n) => calls.push(['step', n]),
    getData: () => ({ train: [[0.5, -1, 1]], test: [] }),
  };
  const size = { height: 480.2, width: 800 };
  const bridge = connectEmbed({ controller, mount, allowedOrigins, origin, win, sizeElement: { getBoundingClientRect: () => size } });
  const message = (data, from = 'https://host.example', source = parent) => {
    const e = new Event('message');
    Object.defineProperties(e, { data: { value: data }, origin: { value: from }, source: { value: source } });
    win.dispatchEvent(e);
  };
  const settle = () => new Promise((r) => { setImmediate(r); });
  return { sent, warnings, calls, win, mount, bridge, message, settle, resolveReady, size, controller };
}
const cmd = (command, id, args = {}) => ({ type: 'backprop-playground', v: 1, command, id, ...args });

test('commands from the parent run and are answered at its origin, with their id', async () => {
  const t = setup();
  t.message(cmd('play', 'a'));
  t.message(cmd('step', 'b', { n: 40 }));
  t.message(cmd('setState', 'c', { state: { learningRate: 0.3 } }));
  t.message(cmd('getState', 'd'));
  t.message(cmd('getData', 'e'));
  await t.settle();
  assert.deepEqual(t.calls, [['play'], ['step', 40], ['setState', { learningRate: 0.3 }]]);
  const replies = t.sent.filter((s) => s.msg.reply);
  assert.deepEqual(replies.map((r) => [r.msg.id, r.msg.reply, r.msg.ok, r.targetOrigin]),
    [['a', 'play', true, 'https://host.example'], ['b', 'step', true, 'https://host.example'], ['c', 'setState', true, 'https://host.example'],
      ['d', 'getState', true, 'https://host.example'], ['e', 'getData', true, 'https://host.example']]);
  assert.equal(replies[2].msg.result.state.learningRate, 0.3);
  assert.equal(replies[3].msg.result.hash, toHash(t.controller.state));
  assert.deepEqual(replies[4].msg.result, { train: [[0.5, -1, 1]], test: [] });
  assert.deepEqual(t.warnings, []);
});

test('messages from another window or a disallowed origin are ignored with a warning, unanswered', async () => {
  const t = setup({ allowedOrigins: ['https://host.example'] });
  t.message(cmd('play', 1), 'https://host.example', { postMessage() {} });
  t.message(cmd('play', 2), 'https://evil.example');
  await t.settle();
  assert.deepEqual(t.calls, []);
  assert.deepEqual(t.sent.filter((s) => s.msg.reply), []);
  assert.match(t.warnings[0], /does not come from this frame's parent window/);
  assert.match(t.warnings[1], /ignored a message from https:\/\/evil.example: that origin is not in allowedOrigins \(https:\/\/host.example\)/);
});

test('a malformed message is ignored with a warning; one addressed to us with an id is told why', async () => {
  const t = setup();
  t.message({ type: 'backprop-playground', v: 1, command: 'fly', id: 9 });
  t.message({ hello: 'world' });
  t.message(cmd('setState', 10, { state: '#learningRate=abc' }));
  await t.settle();
  assert.deepEqual(t.calls, []);
  const replies = t.sent.filter((s) => s.msg.reply !== undefined);
  assert.deepEqual(replies.map((r) => [r.msg.id, r.msg.ok]), [[9, false], [10, false]]);
  assert.match(replies[0].msg.error, /command is 'fly'/);
  assert.match(replies[1].msg.error, /learningRate: 'abc' is not a number/);
  assert.equal(t.warnings.length, 3);
  assert.match(t.warnings[1], /type is missing/);
});

test('events: ready once the controller is, epoch/diverged/change from the mount, resize with whole pixels', async () => {
  const t = setup();
  t.win.resized();
  t.size.height = 480.9;
  t.win.resized();  // same whole height: not sent again
  t.size.height = 600;
  t.win.resized();
  t.resolveReady();
  await t.settle();
  t.mount.dispatchEvent(new CustomEvent('epoch', { detail: { epoch: 3, trainLoss: 0.2, metric: 'accuracy' } }));
  t.mount.dispatchEvent(new CustomEvent('diverged', { detail: { epoch: 4, message: 'NaN', learningRate: 10 } }));
  const events = t.sent.map((s) => [s.msg.event, s.targetOrigin]);
  assert.deepEqual(events, [['resize', 'https://host.example'], ['resize', 'https://host.example'], ['ready', 'https://host.example'],
    ['epoch', 'https://host.example'], ['diverged', 'https://host.example']]);
  assert.deepEqual(t.sent.map((s) => s.msg.height).filter(Boolean), [481, 600]);
  assert.equal(t.sent[2].msg.variant, 'simd');
  assert.deepEqual(t.sent[3].msg, { epoch: 3, trainLoss: 0.2, metric: 'accuracy', type: 'backprop-playground', v: 1, event: 'epoch' });
  t.bridge.disconnect();
  t.message(cmd('play', 1));
  assert.deepEqual(t.calls, [], 'disconnected');
});

test('an opaque parent gets * ; an unknown one gets the events held until its first valid message', async () => {
  const opaque = setup({ ancestor: 'null' });
  opaque.win.resized();
  assert.equal(opaque.sent[0].targetOrigin, '*');
  const unknown = setup({ ancestor: null, referrer: '' });
  unknown.win.resized();
  unknown.resolveReady();
  await unknown.settle();
  assert.deepEqual(unknown.sent, [], 'held: no origin to send them to yet');
  unknown.message(cmd('getState', 'first'), 'https://late.example');
  await unknown.settle();
  assert.deepEqual(unknown.sent.map((s) => [s.msg.event ?? s.msg.reply, s.targetOrigin]),
    [['resize', 'https://late.example'], ['ready', 'https://late.example'], ['getState', 'https://late.example']]);
  const declared = setup({ origin: 'https://declared.example', ancestor: 'https://host.example' });
  declared.win.resized();
  assert.equal(declared.sent[0].targetOrigin, 'https://declared.example');
});

test('with allowedOrigins, events go to an allowed parent only', async () => {
  const t = setup({ allowedOrigins: ['https://other.example'] });
  t.win.resized();
  t.resolveReady();
  await t.settle();
  assert.deepEqual(t.sent, []);
  assert.equal(t.warnings.length, 1, 'said once');
  assert.match(t.warnings[0], /events are not sent: the parent's origin https:\/\/host.example is not in allowedOrigins/);
});
