// createPlayground(element, options): mounts a playground into a page element (the page's own
// stylesheet applies) and returns its controller (controller.js: the same API as the element).
import './styles.css';
import { PlaygroundHandle } from './controller.js';

/** Mounts a playground into `element`; returns its controller. */
export function createPlayground(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('createPlayground: element must be a DOM element');
  return new PlaygroundHandle(element, options, element).api;
}
