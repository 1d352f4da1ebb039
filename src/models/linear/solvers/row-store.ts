/**
 * Row access for the linear solvers: dense row-major, or compressed sparse rows (CSR) when most values
 * are zero. One-hot encoded data (the usual tabular input) is mostly zeros; liblinear and
 * scikit-learn's BLAS calls win there by touching only non-zeros, so the solvers do the same.
 * Both layouts add the same non-zero terms in the same order, so the choice does not change results.
 */
import type { Matrix } from '../../../core/matrix.js';

/** Rows of X in the layout chosen by {@link rowStore}. */
export interface RowStore {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values when dense, else null. */
  readonly dense: Float64Array | null;
  /** CSR row pointers (rows + 1), column indices and values; empty when dense. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** Uses CSR when the share of non-zeros is at most `maxDensity` (default 0.5). */
export function rowStore(X: Matrix, maxDensity = 0.5): RowStore {
  const { rows, cols, data } = X;
  let nnz = 0;
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) nnz++;
  if (data.length === 0 || nnz / data.length > maxDensity) {
    return { rows, cols, dense: data, indptr: new Int32Array(0), indices: new Int32Array(0), values: new Float64Array(0) };
  }
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[off + j];
      if (v !== 0) {
        indices[p] = j;
        values[p++] = v;
      }
    }
    indptr[i + 1] = p;
  }
  return { rows, cols, dense: null, indptr, indices, values };
}

/** x_i · w[wOff .. wOff + cols). */
export function rowDot(s: RowStore, i: number, w: Float64Array, wOff: number): number {
  let acc = 0;
  const x = s.dense;
  if (x !== null) {
    const off = i * s.cols, end = off + s.cols;
    for (let k = off; k < end; k++) acc += x[k] * w[wOff + k - off];
  } else {
    const idx = s.indices, val = s.values, end = s.indptr[i + 1];
    for (let k = s.indptr[i]; k < end; k++) acc += val[k] * w[wOff + idx[k]];
  }
  return acc;
}

/** out[outOff .. outOff + cols) += a · x_i. */
export function rowAxpy(s: RowStore, i: number, a: number, out: Float64Array, outOff: number): void {
  const x = s.dense;
  if (x !== null) {
    const off = i * s.cols, end = off + s.cols;
    for (let k = off; k < end; k++) out[outOff + k - off] += a * x[k];
  } else {
    const idx = s.indices, val = s.values, end = s.indptr[i + 1];
    for (let k = s.indptr[i]; k < end; k++) out[outOff + idx[k]] += a * val[k];
  }
}

/** ‖x_i‖². */
export function rowSquaredNorm(s: RowStore, i: number): number {
  let acc = 0;
  const x = s.dense;
  if (x !== null) {
    const off = i * s.cols, end = off + s.cols;
    for (let k = off; k < end; k++) acc += x[k] * x[k];
  } else {
    const val = s.values, end = s.indptr[i + 1];
    for (let k = s.indptr[i]; k < end; k++) acc += val[k] * val[k];
  }
  return acc;
}
