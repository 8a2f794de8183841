// The article's erratum table (web/src/articleErratum.js, plain JS): the corrected recursion agrees
// with central differences in every layer; the seed's last equation (no σ′ factor) fails in every
// layer below the last and agrees in the last one, which the recursion does not reach.
// The same facts as tests/test_erratum.cpp, for the numbers the article prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erratumTable } from '../../web/src/articleErratum.js';

test('article erratum table: corrected backprop passes the check, the seed recursion fails below the last layer', () => {
  const rows = erratumTable();
  assert.deepEqual(rows.map((r) => r.shape), ['5×2', '4×5', '1×4']);
  for (const r of rows) assert.ok(r.corrected < 1e-7, `layer ${r.layer}: corrected ${r.corrected}`);
  for (const r of rows.slice(0, -1)) assert.ok(r.seed > 1e-2, `layer ${r.layer}: seed ${r.seed}`);
  assert.ok(rows.at(-1).seed < 1e-7, 'the last layer does not use the recursion');
});

test('article erratum table: deeper and wider shapes behave the same', () => {
  const rows = erratumTable({ sizes: [3, 6, 6, 5, 2], samples: 5, seed: 7 });
  assert.equal(rows.length, 4);
  for (const r of rows) assert.ok(r.corrected < 1e-7, `layer ${r.layer}: corrected ${r.corrected}`);
  for (const r of rows.slice(0, -1)) assert.ok(r.seed > 1e-2, `layer ${r.layer}: seed ${r.seed}`);
});
