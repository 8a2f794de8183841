// The standalone component: dist/component/backprop-playground.js, built by vite.component.config.js
// (npm run build, npm pack). Importing it defines <backprop-playground>, so a page needs two lines:
//
//   <script type="module" src="…/backprop-playground.js"></script>
//   <backprop-playground dataset="spiral" network-shape="8,8"></backprop-playground>
//
// It also exports the page API (createPlayground, parseHash, ...), as dist/component/index.js does
// without defining the element. The worker, the .wasm files and the data sets sit beside it
// (assets/, wasm/, data/) and are found relative to the script, so the folder works from any host.
import { definePlaygroundElement } from './element.js';

export * from './index.js';

definePlaygroundElement();
