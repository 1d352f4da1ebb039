import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/rng.js';
import { finiteRange, finiteValues, medianOf, quantileOf } from './stats.js';

/** The definitions the selection-based statistics must equal: numpy's, on a sorted copy. */
function sortedQuantile(values: Float64Array, q: number): number {
  const s = Float64Array.from(values).sort();
  const virtual = (s.length - 1) * q;
  if (virtual >= s.length - 1) return s[s.length - 1];
  const lo = Math.floor(virtual);
  const gamma = virtual - lo;
  const diff = s[lo + 1] - s[lo];
  return gamma >= 0.5 ? s[lo + 1] - diff * (1 - gamma) : s[lo] + diff * gamma;
}

function sortedMedian(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

test('medianOf and quantileOf equal the sorted definitions on random, tied, sorted, reversed and constant data', () => {
  const rng = new Rng(7);
  const cases: Float64Array[] = [];
  for (const n of [1, 2, 3, 16, 17, 18, 100, 1001, 4096]) {
    cases.push(Float64Array.from({ length: n }, () => rng.normal()));
    cases.push(Float64Array.from({ length: n }, () => Math.floor(rng.random() * 5))); // heavy ties
    cases.push(Float64Array.from({ length: n }, (_, i) => i)); // sorted
    cases.push(Float64Array.from({ length: n }, (_, i) => n - i)); // reversed
    cases.push(new Float64Array(n).fill(3)); // constant
    cases.push(Float64Array.from({ length: n }, (_, i) => (i % 2 ? i : -i) * 1e300)); // organ pipe, ±huge
  }
  for (const values of cases) {
    assert.equal(medianOf(Float64Array.from(values)), sortedMedian(values), `median of ${values.length}`);
    for (const q of [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1]) {
      assert.equal(quantileOf(Float64Array.from(values), q), sortedQuantile(values, q), `quantile ${q} of ${values.length}`);
    }
  }
});

test('quantileOf may be called repeatedly on the array it reordered', () => {
  const rng = new Rng(3);
  const values = Float64Array.from({ length: 999 }, () => rng.random());
  const a = Float64Array.from(values);
  const got = [0.9, 0.1, 0.5, 0.25].map((q) => quantileOf(a, q));
  assert.deepEqual(got, [0.9, 0.1, 0.5, 0.25].map((q) => sortedQuantile(values, q)));
});

test('finiteValues drops NaN; finiteRange ignores it and is NaN for a column with no value', () => {
  const v = Float64Array.from([NaN, 3, -1, NaN, 7, 2]);
  assert.deepEqual([...finiteValues(v)], [3, -1, 7, 2]);
  assert.deepEqual(finiteRange(v), { min: -1, max: 7 });
  const none = finiteRange(Float64Array.from([NaN, NaN]));
  assert.ok(Number.isNaN(none.min) && Number.isNaN(none.max));
  assert.ok(Number.isNaN(medianOf(new Float64Array(0))));
});
