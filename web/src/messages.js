// The iframe embed's message API (embed.html): the one validator of incoming messages, the shapes
// of outgoing ones, and the embed page's own hash keys. Pure: no DOM, no window, no playground;
// web/src/embedBridge.js wires it to a controller.
//
//   in:     { type: 'backprop-playground', v: 1, command, id?, ...args }
//   events: { type: 'backprop-playground', v: 1, event, ...fields }
//   replies { type: 'backprop-playground', v: 1, id, reply: command, ok, result | error }
import { STATE_KEYS, LIMITS, parseHash, hashPairs, hashLengthError } from './state.js';

export const MESSAGE_TYPE = 'backprop-playground';
export const MESSAGE_VERSION = 1;
/** step(n): at most this many mini-batch steps per command. */
export const MAX_STEPS = 100000;
const MAX_ID_LENGTH = 200;

/** Each command's arguments: name -> (value, present) => parsed value; throws Error(reason). */
const COMMANDS = Object.freeze({
  play: {},
  pause: {},
  reset: {},
  getState: {},
  getData: {},
  step: {
    n: (value, present) => {
      if (!present) return 1;
      if (!Number.isInteger(value) || value < 1 || value > MAX_STEPS) {
        throw new Error(`n is ${describe(value)}; expected a whole number from 1 to ${MAX_STEPS}`);
      }
      return value;
    },
  },
  setState: {
    state: (value, present) => {
      if (!present) throw new Error('state is missing; expected a hash string (\'#dataset=xor&networkShape=4\') or an object of settings');
      return parseStateArgument(value);
    },
  },
});
export const COMMAND_NAMES = Object.freeze(Object.keys(COMMANDS));
export const EVENT_NAMES = Object.freeze(['ready', 'epoch', 'diverged', 'resize', 'change']);

/**
 * Validates one incoming message. Returns
 *   { ok: true, command, id, args }                     a command to run
 *   { ok: false, error, id?, replyable }                what is wrong (for the console warning);
 * replyable: the message is addressed to us (type, v and id are right), so the sender can be
 * told why it was refused.
 */
export function validateMessage(data) {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return refuse(`the message is ${describe(data)}, not an object { type: '${MESSAGE_TYPE}', v: ${MESSAGE_VERSION}, command, id }`);
  }
  if (data.type !== MESSAGE_TYPE) return refuse(`type is ${describe(data.type)}; expected '${MESSAGE_TYPE}'`);
  const tooBig = messageSizeError(data);
  if (tooBig) return refuse(tooBig, validId(data.id) ? data.id : null, validId(data.id));
  if (data.v !== MESSAGE_VERSION) return refuse(`v is ${describe(data.v)}; this page speaks version ${MESSAGE_VERSION}`);
  const hasId = 'id' in data && data.id !== undefined;
  if (hasId && !validId(data.id)) {
    return refuse(`id is ${describe(data.id)}; expected a string of at most ${MAX_ID_LENGTH} characters or a finite number`);
  }
  const id = hasId ? data.id : null;
  if ('event' in data || 'reply' in data) return refuse(`this is an ${'event' in data ? 'event' : 'reply'}, not a command; the page only takes commands`, id);
  if (typeof data.command !== 'string' || !Object.hasOwn(COMMANDS, data.command)) {
    return refuse(`command is ${describe(data.command)}; accepted: ${COMMAND_NAMES.join(', ')}`, id, true);
  }
  const command = data.command;
  const spec = COMMANDS[command];
  const known = new Set(['type', 'v', 'command', 'id', ...Object.keys(spec)]);
  for (const key of Object.keys(data)) {
    if (!known.has(key)) {
      const accepted = Object.keys(spec);
      return refuse(`${command}: unknown field '${clip(key)}'; ${accepted.length ? `accepted: ${accepted.join(', ')}` : 'it takes no arguments'}`, id, true);
    }
  }
  const args = {};
  for (const [name, parse] of Object.entries(spec)) {
    try {
      args[name] = parse(data[name], name in data && data[name] !== undefined);
    } catch (e) {
      return refuse(`${command}: ${e.message}`, id, true);
    }
  }
  return { ok: true, command, id, args };
}

/**
 * setState's argument: a hash string (a whole setup, like a link: missing keys take the defaults)
 * or an object of settings (a patch: only its keys change). Every value goes through the URL's
 * schema (state.js), so the same values are accepted with the same messages.
 * Returns { hash } or { patch, keys }; throws Error listing every bad field.
 */
export function parseStateArgument(value) {
  if (typeof value === 'string') {
    if (value.length > LIMITS.maxHashLength + 1) throw new Error(`state is ${value.length} characters long; at most ${LIMITS.maxHashLength}`);
    const { errors } = parseHash(value);
    if (errors.length) throw new Error(`state: ${errors.map(unkept).join('; ')}`);
    return { hash: value.startsWith('#') ? value : `#${value}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`state is ${describe(value)}; expected a hash string or an object of settings`);
  }
  const keys = Object.keys(value);
  const errors = [];
  const patch = {};
  for (const key of keys) {
    if (!STATE_KEYS.includes(key)) { errors.push(`unknown setting '${clip(key)}'`); continue; }
    const text = settingText(value[key]);
    if (text === null) { errors.push(`${key} is ${describe(value[key])}; expected a string, number, boolean or array of them`); continue; }
    const parsed = parseHash(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
    if (parsed.errors.length) { errors.push(parsed.errors.map(unkept).join(' ')); continue; }
    patch[key] = parsed.state[key];
  }
  if (!keys.length) errors.push('the object has no settings');
  if (errors.length) throw new Error(`state: ${errors.join('; ')}`);
  return { patch, keys };
}

/** parseHash's "…; kept 0.03." reads wrong here: a refused setState keeps every setting. */
function unkept(error) { return error.replace(/; kept [^;]*\.$/, '.').replace(/\.$/, ''); }

function settingText(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(',');
  return null;
}

function refuse(error, id = null, replyable = false) {
  return { ok: false, error, id, replyable: replyable && id !== null };
}
function validId(id) {
  return (typeof id === 'string' && id.length <= MAX_ID_LENGTH) || (typeof id === 'number' && Number.isFinite(id));
}

/** An event message: the fields first, so they cannot overwrite type, v or event. */
export function eventMessage(event, fields = {}) {
  return { ...fields, type: MESSAGE_TYPE, v: MESSAGE_VERSION, event };
}
/** The reply to a command: { type, v, id, reply: command, ok, result | error }. */
export function replyMessage(id, command, ok, resultOrError) {
  const base = { type: MESSAGE_TYPE, v: MESSAGE_VERSION, id, reply: command, ok };
  return ok ? { ...base, result: resultOrError ?? null } : { ...base, error: String(resultOrError) };
}

// --- the embed page's own hash keys ---------------------------------------------------------------

/** Keys of embed.html's hash beyond the playground's settings. */
export const EMBED_KEYS = Object.freeze(['controls', 'views', 'locked', 'autoplay', 'allowedOrigins', 'origin']);

/**
 * Splits embed.html's hash: the settings (a hash for parseHash) and the embed options.
 * Returns { stateHash, controls?, views?, locked?, autoplay, allowedOrigins (null = anyone),
 * origin (null = find out), errors }. controls, views and locked stay text: the component's
 * attribute validator reads them (the same names and values as the attributes).
 */
export function parseEmbedHash(hash) {
  let text = String(hash ?? '');
  if (text.startsWith('#')) text = text.slice(1);
  const out = { stateHash: '', autoplay: false, allowedOrigins: null, origin: null, errors: [] };
  const long = hashLengthError(text);
  if (long) { out.errors.push(long); return out; }
  const rest = [];
  const seen = new Set();
  for (const { pair, key, raw, bad } of hashPairs(text)) {
    if (bad) {
      rest.push(pair);  // parseHash names it
      continue;
    }
    if (!EMBED_KEYS.includes(key)) { rest.push(pair); continue; }
    if (seen.has(key)) { out.errors.push(`${key} appears twice; the first value is kept.`); continue; }
    seen.add(key);
    if (key === 'autoplay') {
      if (raw === '' || raw === 'true' || raw === '1') out.autoplay = true;
      else if (raw === 'false' || raw === '0') out.autoplay = false;
      else out.errors.push(`autoplay: '${clip(raw)}' is not true or false; kept false.`);
    } else if (key === 'allowedOrigins') {
      const { origins, errors } = parseOriginList(raw);
      out.allowedOrigins = origins;
      out.errors.push(...errors);
    } else if (key === 'origin') {
      const origin = raw === '*' || raw === 'null' ? '*' : canonicalOrigin(raw);
      if (origin) out.origin = origin;
      else out.errors.push(`origin: '${clip(raw)}' is not an origin like https://example.org (or * for any, null for a sandboxed parent); the parent's origin is found out instead.`);
    } else {
      out[key] = raw;
    }
  }
  out.stateHash = rest.length ? `#${rest.join('&')}` : '';
  return out;
}

/** 'https://a.org, http://localhost:8080' -> origins; 'null' is the opaque origin of a sandboxed
 *  parent. A bad entry is dropped (never widens the list): an all-bad list allows no one. */
export function parseOriginList(text) {
  const origins = [];
  const errors = [];
  for (const item of String(text).split(',').map((s) => s.trim()).filter(Boolean)) {
    const origin = item === 'null' ? 'null' : canonicalOrigin(item);
    if (origin) origins.push(origin);
    else errors.push(`allowedOrigins: '${clip(item)}' is not an origin like https://example.org (scheme, host and port only) or null; ignored.`);
  }
  if (!origins.length) errors.push('allowedOrigins: no valid origin listed; no page may send commands.');
  return { origins, errors };
}

/** 'https://Example.org:443/' -> 'https://example.org'; anything with a path, query or user -> null. */
export function canonicalOrigin(text) {
  let url;
  try { url = new URL(text); } catch { return null; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}

/**
 * Where events and replies go (postMessage's targetOrigin), from the first source that knows:
 * the host's `origin` hash key, location.ancestorOrigins[0] (Chromium, Safari), the referrer's
 * origin. null: unknown until the parent's first valid message (its event.origin). An opaque
 * parent ('null') cannot be named as a targetOrigin: '*' then, the only value postMessage takes.
 */
export function targetOriginOf({ declared = null, ancestor = null, referrer = '' } = {}) {
  if (declared) return declared;
  if (ancestor) return ancestor === 'null' ? '*' : ancestor;
  if (referrer) {
    try { return new URL(referrer).origin === 'null' ? '*' : new URL(referrer).origin; } catch { /* not a URL */ }
  }
  return null;
}

/** Describes a value for a message: strings quoted and clipped, the rest by kind. */
export function describe(v) {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `'${clip(v)}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'an array';
  return `a${/^[aeiou]/.test(typeof v) ? 'n' : ''} ${typeof v}`;
}
function clip(text) { return text.length > 40 ? `${text.slice(0, 37)}...` : text; }

// --- limits from outside (issue 15): the message-size rule (the others are in state.js) -----------

/** One message from outside (postMessage data): its strings' characters and its keys and items,
 *  counted without recursion past the bounds (a hostile object stops the walk early). */
export function messageSizeError(data) {
  let chars = 0; let nodes = 0;
  const stack = [data];
  const seen = new Set();
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') chars += v.length;
    else if (v && typeof v === 'object') {
      if (seen.has(v)) continue;
      seen.add(v);
      if (ArrayBuffer.isView(v)) { chars += v.byteLength; continue; }
      const keys = Object.keys(v);
      nodes += keys.length;
      if (nodes > LIMITS.maxMessageNodes) return `the message has more than ${LIMITS.maxMessageNodes} keys and items; at most ${LIMITS.maxMessageNodes} are read`;
      for (const k of keys) { chars += k.length; stack.push(v[k]); }
    }
    if (chars > LIMITS.maxMessageChars) return `the message has more than ${LIMITS.maxMessageChars} characters of text; at most ${LIMITS.maxMessageChars} are read`;
  }
  return '';
}
