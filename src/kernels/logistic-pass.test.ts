import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../core/rng.js';
import { LR_CHUNK, type RowData, createLogisticPass, releaseLogisticRows } from './logistic-pass.js';
import { binaryPassJs, multinomialPassJs } from '../testing/reference/kernel-reference-passes.js';
import { kernelThreads, setKernelThreads } from './thread-pool.js';

const rng = new Rng(7);

/** n×d rows with about `zeros` of the values set to 0, as dense and as CSR. */
function rowsOf(n: number, d: number, zeros: number): { dense: RowData; csr: RowData } {
  const X = new Float64Array(n * d);
  for (let i = 0; i < X.length; i++) X[i] = rng.random() < zeros ? 0 : rng.random() * 4 - 2;
  const indptr = new Int32Array(n + 1), idx: number[] = [], val: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) if (X[i * d + j] !== 0) (idx.push(j), val.push(X[i * d + j]));
    indptr[i + 1] = idx.length;
  }
  const none = { indptr: new Int32Array(0), indices: new Int32Array(0), values: new Float64Array(0) };
  return {
    dense: { rows: n, cols: d, dense: X, ...none },
    csr: { rows: n, cols: d, dense: null, indptr, indices: Int32Array.from(idx), values: Float64Array.from(val) },
  };
}

function close(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(got.length, want.length);
  for (let j = 0; j < want.length; j++) {
    assert.ok(Math.abs(got[j] - want[j]) <= tol * Math.max(1, Math.abs(want[j])), `${what}[${j}]: ${got[j]} vs ${want[j]}`);
  }
}

// n spans two chunks plus a partial one; d is odd so the SIMD loops have tails.
const n = 2 * LR_CHUNK + 123, d = 7;

test('binary pass matches the TypeScript reference (dense and CSR, with and without intercept)', () => {
  const { dense, csr } = rowsOf(n, d, 0.4);
  const y = Float64Array.from({ length: n }, () => (rng.random() < 0.4 ? 1 : 0));
  const sw = Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 0 : 0.5 + rng.random()));
  const w = Float64Array.from({ length: d + 1 }, () => rng.random() - 0.5);
  for (const fitIntercept of [true, false]) {
    const m = d + (fitIntercept ? 1 : 0);
    const want = new Float64Array(d + 1);
    const lossWant = binaryPassJs(dense.dense!, n, d, y, sw, w, want, fitIntercept);
    for (const X of [dense, csr]) {
      const grad = new Float64Array(m);
      const loss = createLogisticPass({ X, y, sw, k: 1, fitIntercept })(w.subarray(0, m), grad);
      close([loss], [lossWant], 1e-12, 'loss');
      close(grad, want.subarray(0, m), 1e-11, X.dense ? 'dense grad' : 'csr grad');
    }
  }
  releaseLogisticRows();
});

test('multinomial pass matches the TypeScript reference', () => {
  const k = 3;
  const { dense, csr } = rowsOf(n, d, 0.6);
  const y = Int32Array.from({ length: n }, () => rng.int(k));
  const sw = Float64Array.from({ length: n }, () => 0.5 + rng.random());
  const w = Float64Array.from({ length: k * d + k }, () => rng.random() - 0.5);
  const want = new Float64Array(k * d + k);
  const lossWant = multinomialPassJs(dense.dense!, n, d, k, y, sw, w, want, true);
  for (const X of [dense, csr]) {
    const grad = new Float64Array(k * d + k);
    const loss = createLogisticPass({ X, y, sw, k, fitIntercept: true })(w, grad);
    close([loss], [lossWant], 1e-12, 'loss');
    close(grad, want, 1e-11, 'grad');
  }
});

test('the pass gives bit-identical results on 1 and 2 threads', () => {
  const before = kernelThreads();
  try {
    const rows = rowsOf(150_000, 9, 0.1).dense; // above the parallel threshold
    const y = Float64Array.from({ length: rows.rows }, () => (rng.random() < 0.5 ? 1 : 0));
    const sw = new Float64Array(rows.rows).fill(1);
    const w = Float64Array.from({ length: 10 }, () => rng.random() - 0.5);
    const pass = createLogisticPass({ X: rows, y, sw, k: 1, fitIntercept: true });
    const g1 = new Float64Array(10), g2 = new Float64Array(10);
    setKernelThreads(1);
    const l1 = pass(w, g1);
    setKernelThreads(2);
    const l2 = pass(w, g2);
    assert.equal(l2, l1);
    assert.deepEqual(g2, g1);
  } finally {
    setKernelThreads(before);
    releaseLogisticRows();
  }
});

test('later changes to y do not leak into a pass that was already built', () => {
  const { dense } = rowsOf(50, 3, 0);
  const y = new Float64Array(50).fill(1), sw = new Float64Array(50).fill(1), w = new Float64Array(4);
  const pass = createLogisticPass({ X: dense, y, sw, k: 1, fitIntercept: true });
  const g = new Float64Array(4);
  const before = pass(w, g);
  y.fill(0);
  assert.equal(pass(w, g), before);
});
