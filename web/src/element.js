// <backprop-playground state="#dataset=spiral" hash wasm-base="..."> : the same playground as a
// custom element. Defined on demand by definePlaygroundElement() (index.js does not define it
// itself, so importing the module has no global side effect beyond its stylesheet).
import { Playground } from './playground.js';

export function definePlaygroundElement(name = 'backprop-playground') {
  if (customElements.get(name)) return customElements.get(name);
  class BackpropPlaygroundElement extends HTMLElement {
    connectedCallback() {
      if (this.playground) return;
      this.playground = new Playground(this, {
        state: this.getAttribute('state') || undefined,
        hash: this.hasAttribute('hash'),
        wasmBase: this.getAttribute('wasm-base') || undefined,
        dataBase: this.getAttribute('data-base') || undefined,
      });
    }
    disconnectedCallback() { this.playground?.destroy(); this.playground = null; }
    play() { this.playground?.play(); }
    pause() { this.playground?.pause(); }
    reset() { this.playground?.reset(); }
  }
  customElements.define(name, BackpropPlaygroundElement);
  return BackpropPlaygroundElement;
}
