// Number and index formatting of the math panel (mathLive.js); pure, no DOM (the e2e test uses it
// to read the panel's digits back).
const SUP = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '-': '⁻', '+': '⁺', L: 'ᴸ' };
const SUB = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', ',': ',' };

/** Superscript: sup(3) = '³', sup('L-1') = 'ᴸ⁻¹'. */
export const sup = (v) => String(v).split('').map((c) => SUP[c] ?? c).join('');
/** Subscript of 0-based indices shown 1-based: sub(1, 0) = '₂₁' (commas once an index has 2 digits). */
export const sub = (...ix) => ix.map((i) => String(i + 1)).join(ix.some((i) => i >= 9) ? ',' : '').split('').map((c) => SUB[c] ?? c).join('');

/** 4 significant digits, U+2212 for minus, ×10ⁿ outside [1e-3, 1e5). */
export function fmt(x) {
  if (x === undefined || x === null || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const text = a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(4)))
    : x.toExponential(3).replace(/e([-+]?)(\d+)/, (_, s, d) => `×10${sup(`${s === '-' ? '-' : ''}${d}`)}`);
  return text.replace(/^-/, '−');
}
