// The equations of the math panel in the seed's notation, with its erratum (static text of this
// project, no outside input). Loaded when the panel is first opened (mathPanel.js), so the page's
// first load does not carry them.
export const EQUATIONS = `
<p>The network has layers <i>l</i> = 1 … <i>L</i>; layer 1 is the input. In the seed's notation
<i>w</i><sup><i>l</i></sup> and <i>b</i><sup><i>l</i></sup> map layer <i>l</i> to layer <i>l</i>+1, and
<i>z</i><sup><i>l</i></sup> is the weighted input <em>of layer l+1</em> (Nielsen's book calls it
<i>z</i><sup><i>l</i>+1</sup>). Samples are the columns of a features × batch matrix.</p>
<div class="bp-eq"><span class="bp-eq-n">(1)</span>
  <i>z</i><sup><i>l</i></sup><sub><i>i</i></sub> = ∑<sub><i>j</i></sub> <i>w</i><sup><i>l</i></sup><sub><i>ij</i></sub> <i>a</i><sup><i>l</i></sup><sub><i>j</i></sub> + <i>b</i><sup><i>l</i></sup><sub><i>i</i></sub>,
  &nbsp; <i>a</i><sup><i>l</i>+1</sup><sub><i>i</i></sub> = σ(<i>z</i><sup><i>l</i></sup><sub><i>i</i></sub>)
  <span class="bp-eq-m">z = W a + b</span></div>
<div class="bp-eq"><span class="bp-eq-n">(2)</span>
  δ<sup><i>l</i></sup><sub><i>i</i></sub> = ∂<i>C</i>/∂<i>z</i><sup><i>l</i></sup><sub><i>i</i></sub>
  = ∂<i>C</i>/∂<i>a</i><sup><i>l</i>+1</sup><sub><i>i</i></sub> · σ′(<i>z</i><sup><i>l</i></sup><sub><i>i</i></sub>)</div>
<div class="bp-eq"><span class="bp-eq-n">(3)</span>
  ∂<i>C</i>/∂<i>b</i><sup><i>l</i></sup><sub><i>i</i></sub> = δ<sup><i>l</i></sup><sub><i>i</i></sub>,
  &nbsp; ∂<i>C</i>/∂<i>w</i><sup><i>l</i></sup><sub><i>ij</i></sub> = δ<sup><i>l</i></sup><sub><i>i</i></sub> <i>a</i><sup><i>l</i></sup><sub><i>j</i></sub>
  <span class="bp-eq-m">dW = δ aᵀ, &nbsp; db = ∑ δ over the batch</span></div>
<div class="bp-eq"><span class="bp-eq-n">(4)</span>
  δ<sup><i>L</i>−1</sup><sub><i>i</i></sub> = ∂<i>C</i>/∂<i>a</i><sup><i>L</i></sup><sub><i>i</i></sub> · σ′(<i>z</i><sup><i>L</i>−1</sup><sub><i>i</i></sub>)
  <span class="bp-eq-m">softmax + cross-entropy, sigmoid + binary cross-entropy: δ<sup><i>L</i>−1</sup> = <i>a</i><sup><i>L</i></sup> − <i>y</i></span></div>
<div class="bp-eq bp-eq-key"><span class="bp-eq-n">(5)</span>
  δ<sup><i>l</i>−1</sup><sub><i>i</i></sub> = ( ∑<sub><i>k</i></sub> δ<sup><i>l</i></sup><sub><i>k</i></sub> <i>w</i><sup><i>l</i></sup><sub><i>ki</i></sub> ) · σ′(<i>z</i><sup><i>l</i>−1</sup><sub><i>i</i></sub>)
  <span class="bp-eq-m">δ<sup><i>l</i>−1</sup> = (<i>W</i><sup><i>l</i></sup>)<sup>T</sup> δ<sup><i>l</i></sup> ⊙ σ′(<i>z</i><sup><i>l</i>−1</sup>)</span></div>
<div class="bp-erratum" role="note"><strong>Erratum in the seed.</strong> The derivation this project grew from
  ends with δ<sup><i>l</i>−1</sup><sub><i>i</i></sub> = ∑<sub><i>k</i></sub> δ<sup><i>l</i></sup><sub><i>k</i></sub> <i>w</i><sup><i>l</i></sup><sub><i>ki</i></sub>.
  That sum is only ∂<i>C</i>/∂<i>a</i><sup><i>l</i></sup><sub><i>i</i></sub> (which the seed derives correctly a few lines earlier);
  by its own definition δ<sup><i>l</i>−1</sup><sub><i>i</i></sub> = ∂<i>C</i>/∂<i>z</i><sup><i>l</i>−1</sup><sub><i>i</i></sub> needs the factor
  σ′(<i>z</i><sup><i>l</i>−1</sup><sub><i>i</i></sub>) as in (5). The engine implements (5), and its tests compare every gradient with a
  finite-difference estimate — which you can run on this very network below.</div>
<div class="bp-eq"><span class="bp-eq-n">(6)</span>
  <i>w</i> ← <i>w</i> − η ( (1/<i>m</i>) ∑<sub>batch</sub> ∂<i>C</i>/∂<i>w</i> + λ ∂<i>R</i>/∂<i>w</i> ),
  &nbsp; <i>R</i> = ½‖<i>w</i>‖² (L2) or ‖<i>w</i>‖₁ (L1)
  <span class="bp-eq-m">momentum, Nesterov, RMSProp and Adam replace the step by their moment estimates</span></div>
<p class="bp-hint">Gradient check: for each checked parameter θ, (<i>C</i>(θ+ε) − <i>C</i>(θ−ε)) / 2ε in double precision against
backprop's value; relative error |<i>g</i> − <i>ĝ</i>| / max(|<i>g</i>|, |<i>ĝ</i>|). The engine calls it agreement when the largest relative
error is below its tolerance, printed with the result; near a ReLU kink a larger value can be the kink, not a bug.</p>`;
