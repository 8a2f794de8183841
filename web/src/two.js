// A demo page with two independent playgrounds (each with its own worker): one mounted with
// createPlayground(), one as the <backprop-playground> custom element.
import { createPlayground, definePlaygroundElement } from './index.js';

window.firstPlayground = createPlayground(document.getElementById('first'), { state: '#dataset=xor&networkShape=4' });
definePlaygroundElement();
