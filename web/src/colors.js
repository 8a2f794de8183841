// Colour scales. Two classes / signed values: TensorFlow Playground's orange (negative, class 0)
// to blue (positive, class 1) through a light grey, a pair that stays apart for the common forms of
// colour blindness. More classes: the Okabe-Ito palette, extended for ten digits.

export const NEGATIVE = [245, 147, 34];   // #f59322
export const NEUTRAL = [232, 234, 235];   // #e8eaeb
export const POSITIVE = [8, 119, 189];    // #0877bd
export const CLASS_COLORS = Object.freeze([
  '#f59322', '#0877bd', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#e6c229', '#6a3d9a', '#7f7f7f', '#1b1b1b',
]);
const CLASS_RGB = CLASS_COLORS.map(hexToRgb);

export function hexToRgb(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

// 256-entry lookup table for t in [-1, 1].
const LUT = new Uint8ClampedArray(256 * 3);
for (let i = 0; i < 256; i++) {
  const t = (i / 255) * 2 - 1;
  const [from, to, f] = t < 0 ? [NEUTRAL, NEGATIVE, -t] : [NEUTRAL, POSITIVE, t];
  for (let c = 0; c < 3; c++) LUT[i * 3 + c] = from[c] + (to[c] - from[c]) * f;
}

/** The LUT entry (0..255) of a signed value t, clamped to [-1, 1]; NaN maps to the middle. */
export function divergingIndex(t) {
  const c = t >= 1 ? 1 : t <= -1 ? -1 : (t || 0);
  return Math.round((c + 1) * 127.5);
}

/** Writes the colour of a signed value t (clamped to [-1, 1]) at out[o..o+3] (ImageData pixels). */
export function divergingInto(t, out, o, alpha = 255) {
  const i = divergingIndex(t) * 3;
  out[o] = LUT[i]; out[o + 1] = LUT[i + 1]; out[o + 2] = LUT[i + 2]; out[o + 3] = alpha;
}

const CSS = Array.from({ length: 256 }, (_, i) => `rgb(${LUT[i * 3]},${LUT[i * 3 + 1]},${LUT[i * 3 + 2]})`);
/** The CSS colour of a signed value t: one of 256 strings made once. */
export function divergingCss(t) { return CSS[divergingIndex(t)]; }

/** Class k with confidence f in [0, 1] mixed from the neutral grey. */
export function classInto(k, f, out, o) {
  const rgb = CLASS_RGB[k % CLASS_RGB.length];
  const g = Math.max(0, Math.min(1, f));
  for (let c = 0; c < 3; c++) out[o + c] = NEUTRAL[c] + (rgb[c] - NEUTRAL[c]) * g;
  out[o + 3] = 255;
}

export function classColor(k) { return CLASS_COLORS[k % CLASS_COLORS.length]; }
