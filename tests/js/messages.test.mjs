// Unit tests of the iframe embed's message validator and hash options (web/src/messages.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  validateMessage, parseEmbedHash, parseOriginList, canonicalOrigin, targetOriginOf, eventMessage, replyMessage,
  COMMAND_NAMES, MAX_STEPS,
} from '../../web/src/messages.js';

const msg = (fields) => ({ type: 'backprop-playground', v: 1, ...fields });

test('every command is accepted in its plain form and carries its id', () => {
  assert.deepEqual([...COMMAND_NAMES].sort(), ['getData', 'getState', 'pause', 'play', 'reset', 'setState', 'step']);
  for (const command of ['play', 'pause', 'reset', 'getState', 'getData']) {
    const r = validateMessage(msg({ command, id: `id-${command}` }));
    assert.equal(r.ok, true, command);
    assert.equal(r.command, command);
    assert.equal(r.id, `id-${command}`);
  }
  assert.deepEqual(validateMessage(msg({ command: 'step', id: 7 })), { ok: true, command: 'step', id: 7, args: { n: 1 } });
  assert.deepEqual(validateMessage(msg({ command: 'step', n: 25 })).args, { n: 25 });
  assert.equal(validateMessage(msg({ command: 'play' })).id, null, 'the id is optional');
});

test('what is not a message of ours is refused, saying why, and is not answered', () => {
  const cases = [
    [null, /not an object/],
    ['play', /not an object/],
    [[1, 2], /not an object/],
    [{ command: 'play' }, /type is missing; expected 'backprop-playground'/],
    [{ type: 'other', v: 1, command: 'play' }, /type is 'other'/],
    [{ type: 'backprop-playground', command: 'play' }, /v is missing; this page speaks version 1/],
    [msg({ v: 2, command: 'play' }), /v is 2/],
    [msg({ command: 'play', id: { a: 1 } }), /id is an object/],
    [msg({ command: 'play', id: 'x'.repeat(201) }), /id is/],
    [msg({ command: 'play', id: Number.NaN }), /id is NaN/],
  ];
  for (const [data, re] of cases) {
    const r = validateMessage(data);
    assert.equal(r.ok, false, JSON.stringify(data));
    assert.match(r.error, re);
    assert.equal(r.replyable, false);
  }
});

test('our messages with a bad command or bad arguments are refused and can be answered', () => {
  const cases = [
    [msg({ id: 1 }), /command is missing; accepted: play, pause, reset, getState, getData, step, setState/],
    [msg({ id: 1, command: 'explode' }), /command is 'explode'; accepted:/],
    [msg({ id: 1, command: 'toString' }), /command is 'toString'/],
    [msg({ id: 1, command: 'play', speed: 3 }), /play: unknown field 'speed'; it takes no arguments/],
    [msg({ id: 1, command: 'step', steps: 3 }), /step: unknown field 'steps'; accepted: n/],
    [msg({ id: 1, command: 'step', n: 0 }), /step: n is 0; expected a whole number from 1 to 100000/],
    [msg({ id: 1, command: 'step', n: 1.5 }), /n is 1.5/],
    [msg({ id: 1, command: 'step', n: '3' }), /n is '3'/],
    [msg({ id: 1, command: 'step', n: MAX_STEPS + 1 }), /n is 100001/],
    [msg({ id: 1, command: 'setState' }), /setState: state is missing/],
    [msg({ id: 1, command: 'setState', state: 42 }), /state is 42; expected a hash string or an object/],
    [msg({ id: 1, command: 'setState', state: '#learningRate=abc' }), /learningRate: 'abc' is not a number/],
    [msg({ id: 1, command: 'setState', state: '#colour=red' }), /Unknown setting 'colour'/],
    [msg({ id: 1, command: 'setState', state: { learningRate: 'fast' } }), /learningRate: 'fast' is not a number/],
    [msg({ id: 1, command: 'setState', state: { networkShape: [4, 999] } }), /networkShape: entry 2: 999 is outside \[1, 128\]/],
    [msg({ id: 1, command: 'setState', state: { colour: 'red' } }), /unknown setting 'colour'/],
    [msg({ id: 1, command: 'setState', state: { dataset: { x: 1 } } }), /dataset is an object; expected a string/],
    [msg({ id: 1, command: 'setState', state: {} }), /no settings/],
    [msg({ id: 1, command: 'setState', state: 'x'.repeat(50000) }), /at most 40000/],
    [msg({ id: 1, event: 'ready' }), /this is an event, not a command/],
  ];
  for (const [data, re] of cases) {
    const r = validateMessage(data);
    assert.equal(r.ok, false, JSON.stringify(data).slice(0, 80));
    assert.match(r.error, re);
    assert.equal(r.id, 1);
  }
  assert.equal(validateMessage(msg({ id: 1, command: 'explode' })).replyable, true);
  assert.equal(validateMessage(msg({ command: 'explode' })).replyable, false, 'no id, nothing to answer to');
});

test('setState takes a hash (a whole setup) or an object (a patch) of valid values', () => {
  const hash = validateMessage(msg({ command: 'setState', state: 'dataset=xor&networkShape=4' }));
  assert.deepEqual(hash.args.state, { hash: '#dataset=xor&networkShape=4' });
  const patch = validateMessage(msg({ command: 'setState', state: { dataset: 'spiral', networkShape: [8, 8], learningRate: 0.1, showTestData: true, features: 'x1,x2,sinx1' } }));
  assert.equal(patch.ok, true, patch.error);
  const p = patch.args.state.patch;
  assert.equal(p.dataset, 'spiral');
  assert.deepEqual([...p.networkShape], [8, 8]);
  assert.equal(p.learningRate, 0.1);
  assert.equal(p.showTestData, true);
  assert.deepEqual([...p.features], ['x1', 'x2', 'sinx1']);
  assert.deepEqual(Object.keys(p).sort(), ['dataset', 'features', 'learningRate', 'networkShape', 'showTestData']);
});

test('embed.html hash: settings go to the playground, embed keys are read and checked', () => {
  const o = parseEmbedHash('#dataset=xor&controls=minimal&views=network,output&locked=learning-rate&autoplay&networkShape=4&allowedOrigins=https://a.org,http://localhost:8080/&origin=https://a.org');
  assert.equal(o.stateHash, '#dataset=xor&networkShape=4');
  assert.equal(o.controls, 'minimal');
  assert.equal(o.views, 'network,output');
  assert.equal(o.locked, 'learning-rate');
  assert.equal(o.autoplay, true);
  assert.deepEqual(o.allowedOrigins, ['https://a.org', 'http://localhost:8080']);
  assert.equal(o.origin, 'https://a.org');
  assert.deepEqual(o.errors, []);
  const d = parseEmbedHash('');
  assert.equal(d.stateHash, '');
  assert.equal(d.autoplay, false);
  assert.equal(d.allowedOrigins, null, 'no list: any origin may send');
  assert.equal(d.origin, null);
  assert.equal(parseEmbedHash('#autoplay=false').autoplay, false);
  const bad = parseEmbedHash('#autoplay=maybe&origin=https://a.org/path&controls=none&controls=full');
  assert.equal(bad.autoplay, false);
  assert.equal(bad.origin, null);
  assert.equal(bad.controls, 'none');
  assert.match(bad.errors.join('\n'), /autoplay: 'maybe' is not true or false/);
  assert.match(bad.errors.join('\n'), /origin: 'https:\/\/a.org\/path' is not an origin/);
  assert.match(bad.errors.join('\n'), /controls appears twice/);
  assert.equal(parseEmbedHash('#origin=null').origin, '*');
});

test('allowedOrigins never widens: bad entries are dropped, an all-bad list allows no one', () => {
  assert.deepEqual(parseOriginList('https://a.org, null').origins, ['https://a.org', 'null']);
  const r = parseOriginList('a.org,ftp://x.org,https://b.org/page');
  assert.deepEqual(r.origins, []);
  assert.equal(r.errors.length, 4);
  assert.match(r.errors.at(-1), /no page may send commands/);
  assert.deepEqual(parseEmbedHash('#allowedOrigins=nonsense').allowedOrigins, []);
  assert.equal(canonicalOrigin('HTTPS://Example.ORG:443'), 'https://example.org');
  assert.equal(canonicalOrigin('https://user@example.org'), null);
  assert.equal(canonicalOrigin('https://example.org/?q'), null);
});

test('the target origin of events: declared, else the ancestor, else the referrer; opaque -> *', () => {
  assert.equal(targetOriginOf({ declared: 'https://a.org', ancestor: 'https://b.org' }), 'https://a.org');
  assert.equal(targetOriginOf({ ancestor: 'https://b.org', referrer: 'https://c.org/x' }), 'https://b.org');
  assert.equal(targetOriginOf({ ancestor: 'null' }), '*');
  assert.equal(targetOriginOf({ referrer: 'https://c.org/page?x#y' }), 'https://c.org');
  assert.equal(targetOriginOf({}), null, 'unknown until the parent speaks');
});

test('events and replies have the versioned shape', () => {
  assert.deepEqual(eventMessage('epoch', { epoch: 3, type: 'x', event: 'y' }), { epoch: 3, type: 'backprop-playground', v: 1, event: 'epoch' });
  assert.deepEqual(replyMessage('a', 'getState', true, { hash: '#x' }), { type: 'backprop-playground', v: 1, id: 'a', reply: 'getState', ok: true, result: { hash: '#x' } });
  assert.deepEqual(replyMessage(2, 'step', false, 'bad n'), { type: 'backprop-playground', v: 1, id: 2, reply: 'step', ok: false, error: 'bad n' });
  assert.deepEqual(replyMessage(3, 'play', true), { type: 'backprop-playground', v: 1, id: 3, reply: 'play', ok: true, result: null });
});
