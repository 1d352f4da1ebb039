import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../../core/matrix.js';
import { rowAxpy, rowDot, rowSquaredNorm, rowStore } from './row-store.js';

const X = Matrix.fromRows([[0, 2, 0, -1], [0, 0, 0, 0], [3, 0, 0.5, 0]]);

test('chooses CSR for sparse data and dense otherwise', () => {
  assert.equal(rowStore(X).dense, null);
  assert.deepEqual(Array.from(rowStore(X).indptr), [0, 2, 2, 4]);
  assert.deepEqual(Array.from(rowStore(X).indices), [1, 3, 0, 2]);
  assert.notEqual(rowStore(X, 0.2).dense, null);
});

test('dense and CSR kernels agree', () => {
  const w = Float64Array.of(9, 1, 2, 3, 4, 5);
  for (const s of [rowStore(X, 1), rowStore(X, -1)]) {
    assert.deepEqual([0, 1, 2].map((i) => rowDot(s, i, w, 1)), [2 * 2 - 4, 0, 3 + 0.5 * 3]);
    assert.deepEqual([0, 1, 2].map((i) => rowSquaredNorm(s, i)), [5, 0, 9.25]);
    const out = new Float64Array(5);
    rowAxpy(s, 2, 2, out, 1);
    assert.deepEqual(Array.from(out), [0, 6, 0, 1, 0]);
  }
});
