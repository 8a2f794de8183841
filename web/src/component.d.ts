// Types of 'backprop-playground/component' (web/src/component.js, built to
// dist/component/backprop-playground.js): importing it defines <backprop-playground>.
export { definePlaygroundElement } from './index.js';
