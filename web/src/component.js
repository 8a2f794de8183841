// The standalone component: dist/component/backprop-playground.js, built by vite.component.config.js
// (npm run build, npm pack). Importing it defines <backprop-playground>, so a page needs two lines:
//
//   <script type="module" src="…/backprop-playground.js"></script>
//   <backprop-playground dataset="spiral" network-shape="8,8"></backprop-playground>
//
// The element carries its styles in its shadow root: this entry adds nothing to the page's own
// stylesheets. (The page module with createPlayground, whose playground uses the page's
// stylesheet, is dist/component/index.js, package.json ".".) The worker, the .wasm files and the
// data sets sit beside it (assets/, wasm/, data/) and are found relative to the script, so the
// folder works from any host and sub-path.
import { definePlaygroundElement } from './element.js';

definePlaygroundElement();

export { definePlaygroundElement };
