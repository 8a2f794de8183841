// Google Benchmark's JSON output, parsed: it writes NaN and inf (e.g. the cv of a counter that is
// always 0), which JSON.parse rejects; those values become null.
import { readFileSync } from 'node:fs';

export function readBenchmarkJson(path) {
  const text = readFileSync(path, 'utf8').replace(/:\s*-?(?:NaN|nan|inf|Infinity)\s*([,}\n])/g, ': null$1');
  return JSON.parse(text);
}
