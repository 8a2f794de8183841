// The iframe embed's message API, wired to a playground controller (embed.html). messages.js
// validates; this file listens, checks who sent what, runs the command and answers.
//
// Who may talk to the frame: only its parent window (event.source === window.parent), and, when
// `allowedOrigins` is given, only from one of those origins. Everything else is ignored with a
// console warning saying why. Replies go back to the sender (the parent) at its event.origin;
// events go to the parent at the target origin chosen by messages.js targetOriginOf().
import {
  validateMessage, eventMessage, replyMessage, targetOriginOf, describe,
} from './messages.js';
import { toHash } from './state.js';

const WARN = 'backprop-playground embed:';

/**
 * options: controller (createPlayground's), mount (the element its events are dispatched on),
 * allowedOrigins (array of origins, or null: any), origin (declared target origin or null),
 * win (the window; tests may pass another), sizeElement (whose height the resize event reports;
 * default: mount).
 * Returns { disconnect(), targetOrigin() }.
 */
export function connectEmbed({ controller, mount, allowedOrigins = null, origin = null, win = window, sizeElement = mount }) {
  const parent = win.parent && win.parent !== win ? win.parent : null;
  let target = targetOriginOf({
    declared: origin,
    ancestor: win.location.ancestorOrigins?.length ? win.location.ancestorOrigins[0] : null,
    referrer: win.document.referrer,
  });
  const held = new Map();  // event -> message, kept while the target origin is unknown
  const cleanup = [];

  // With allowedOrigins, the frame talks to those origins only: events too ('*', an opaque
  // parent, counts as the origin 'null').
  let refusedTarget = '';
  const mayTalkTo = (to) => {
    if (!allowedOrigins || allowedOrigins.includes(to === '*' ? 'null' : to)) return true;
    if (refusedTarget !== to) {
      refusedTarget = to;
      win.console.warn(`${WARN} events are not sent: the parent's origin ${to === '*' ? 'null' : to} is not in allowedOrigins (${allowedOrigins.join(', ') || 'none'}).`);
    }
    return false;
  };
  const sendEvent = (event, fields) => {
    if (!parent) return;
    const msg = eventMessage(event, fields);
    if (target === null) { held.set(event, msg); return; }
    if (mayTalkTo(target)) post(parent, msg, target);
  };

  const onMessage = (e) => {
    if (e.source !== parent || !parent) {
      win.console.warn(`${WARN} ignored a message from ${e.origin || 'an unknown origin'}: it does not come from this frame's parent window.`);
      return;
    }
    if (allowedOrigins && !allowedOrigins.includes(e.origin)) {
      win.console.warn(`${WARN} ignored a message from ${e.origin}: that origin is not in allowedOrigins (${allowedOrigins.join(', ') || 'none'}).`);
      return;
    }
    const replyTo = e.origin === 'null' ? '*' : e.origin;
    const checked = validateMessage(e.data);
    if (!checked.ok) {
      win.console.warn(`${WARN} ignored a message: ${checked.error.replace(/\.$/, '')}.`);
      if (checked.replyable) post(parent, replyMessage(checked.id, typeof e.data.command === 'string' ? e.data.command : null, false, checked.error), replyTo);
      return;
    }
    if (target === null) {
      target = replyTo;
      for (const msg of held.values()) if (mayTalkTo(target)) post(parent, msg, target);
      held.clear();
    }
    run(checked).then(
      (result) => post(parent, replyMessage(checked.id, checked.command, true, result), replyTo),
      (error) => {
        win.console.warn(`${WARN} ${checked.command} failed: ${error?.message ?? error}`);
        post(parent, replyMessage(checked.id, checked.command, false, error?.message ?? String(error)), replyTo);
      },
    );
  };

  const snapshot = () => {
    const state = controller.state ?? controller.getState();
    return { state: { ...state }, hash: toHash(state) };
  };

  async function run({ command, args }) {
    switch (command) {
      case 'play': controller.play(); return null;
      case 'pause': controller.pause(); return null;
      case 'reset': controller.reset(); return null;
      case 'step': controller.step(args.n); return { n: args.n };
      case 'getState': return snapshot();
      case 'setState':
        controller.setState(args.state.hash ?? args.state.patch);
        return snapshot();
      case 'getData': {
        if (typeof controller.getData !== 'function') throw new Error('getData is not available in this build');
        return controller.getData();
      }
      default: throw new Error(`command ${describe(command)} has no handler`);
    }
  }

  win.addEventListener('message', onMessage);
  cleanup.push(() => win.removeEventListener('message', onMessage));

  // Events: the controller's DOM events on the mount element, re-sent to the parent.
  const forward = (name, pick) => {
    const handler = (e) => sendEvent(name, pick(e.detail ?? {}));
    mount.addEventListener(name, handler);
    cleanup.push(() => mount.removeEventListener(name, handler));
  };
  forward('epoch', (d) => ({ ...d }));
  forward('diverged', (d) => ({ epoch: d.epoch, message: d.message, learningRate: d.learningRate }));
  forward('change', (d) => ({ state: d.state ? { ...d.state } : undefined, hash: d.hash }));
  let readySent = false;
  const sendReady = () => {
    if (readySent) return;
    readySent = true;
    sendEvent('ready', { variant: controller.stats?.variant ?? '', hash: snapshot().hash });
  };
  // The controller's ready promise (controller.js): resolved once the first frame is drawn.
  controller.ready.then(sendReady, () => {});

  // resize: the content's height in CSS pixels (whole), each time it changes.
  let lastHeight = -1;
  const measure = () => {
    const height = Math.ceil(sizeElement.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    sendEvent('resize', { height, width: Math.ceil(sizeElement.getBoundingClientRect().width) });
  };
  if (typeof win.ResizeObserver === 'function') {
    const observer = new win.ResizeObserver(measure);
    observer.observe(sizeElement);
    cleanup.push(() => observer.disconnect());
  } else {
    win.addEventListener('resize', measure);
    cleanup.push(() => win.removeEventListener('resize', measure));
  }

  return {
    targetOrigin: () => target,
    disconnect() { for (const f of cleanup.splice(0)) f(); },
  };
}

function post(to, msg, targetOrigin) {
  try {
    to.postMessage(msg, targetOrigin);
  } catch (e) {
    // A value that cannot be cloned (a bug) must not break the page: say so.
    console.warn(`${WARN} could not send ${msg.event ? `the ${msg.event} event` : `the reply to ${msg.reply}`}: ${e.message}`);
  }
}
