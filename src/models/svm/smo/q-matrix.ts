/**
 * The Q matrices SMO works on, after libsvm's `SVC_Q` and `SVR_Q` (`svm.cpp`):
 * classification `Q_ij = y_i y_j K(x_i, x_j)`; ε-SVR's 2l × 2l `Q` built from the l × l kernel with
 * signs (`Q_ij = s_i s_j K(x_{i mod l}, x_{j mod l})`). Rows come from the {@link KernelCache} and are
 * stored as float32 like libsvm's `Qfloat`, so our SMO iterates exactly as scikit-learn's.
 */
import { KernelCache } from './kernel-cache.js';
import type { KernelRows } from './kernel-threads.js';
import { kernelOfDot } from './kernel.js';

/** What the solver needs from a Q matrix. */
export interface QMatrix {
  /** Diagonal `Q_ii` (float64, as libsvm's `QD`). */
  readonly QD: Float64Array;
  /** Row `i` of Q, valid on `[0, len)`. The array may be reused by the next call. */
  getQ(i: number, len: number): Float32Array;
  /**
   * Rows `i` and `j` together (one pass over the data when both are missing), left in `rowI` and
   * `rowJ` (fields rather than a returned pair: this runs once per SMO iteration and must not allocate).
   */
  getQ2(i: number, j: number, len: number): void;
  rowI: Float32Array;
  rowJ: Float32Array;
  /** Renumbers variables `i` and `j` (shrinking). */
  swapIndex(i: number, j: number): void;
}

/**
 * `Q_ij = y_i y_j K(x_i, x_j)` over a subset of the training rows.
 *
 * @example
 * const Q = new SvcQ(kernelRows, subset, ySigned, 200 * 2 ** 20);
 * const row = Q.getQ(0, subset.length);
 */
export class SvcQ implements QMatrix {
  readonly QD: Float64Array;
  private readonly kr: KernelRows;
  /**
   * Training row of each (possibly permuted) variable. It lives in the kernel threads' shared
   * `targets` buffer, so only one SvcQ per {@link KernelRows} may be in use at a time.
   */
  private readonly order: Int32Array;
  private readonly y: Int8Array;
  private readonly cache: KernelCache;

  /** `subset[t]` is the training row behind variable `t`; `y` its ±1 label. Both are copied. */
  constructor(kr: KernelRows, subset: Int32Array, y: Int8Array, cacheBytes: number) {
    const l = subset.length;
    this.kr = kr;
    this.order = kr.targets.subarray(0, l);
    this.order.set(subset);
    this.y = y.slice();
    this.cache = new KernelCache(l, cacheBytes);
    this.QD = new Float64Array(l);
    for (let t = 0; t < l; t++) {
      const sq = kr.rows.sqNorms[subset[t]];
      this.QD[t] = kernelOfDot(kr.spec, sq, sq, sq);
    }
  }

  getQ(i: number, len: number): Float32Array {
    const start = this.cache.request(i, len);
    const row = this.cache.row(i);
    if (start < len) this.fill(i, row, start, len);
    return row;
  }

  rowI: Float32Array = new Float32Array(0);
  rowJ: Float32Array = new Float32Array(0);

  getQ2(i: number, j: number, len: number): void {
    // Row i was nearly always just fetched by the working-set search, so the rows are filled one by one.
    this.rowI = this.getQ(i, len);
    this.rowJ = this.getQ(j, len);
  }

  swapIndex(i: number, j: number): void {
    this.cache.swapIndex(i, j);
    swap(this.order, i, j);
    swap(this.y, i, j);
    swap(this.QD, i, j);
  }

  /** Fills row i on `[from, to)`: kernel values (on both cores when large) → signed float32. */
  private fill(i: number, row: Float32Array, from: number, to: number): void {
    const y = this.y, k = this.kr.out;
    this.kr.compute(this.order[i], true, from, to);
    const yi = y[i];
    for (let t = from; t < to; t++) row[t] = yi * y[t] * k[t];
  }
}

/**
 * ε-SVR's Q: variables `t < l` are α⁺ (sign +1), `t >= l` are α⁻ (sign −1) of row `t mod l`.
 *
 * @example
 * const Q = new SvrQ(kernelRows, 200 * 2 ** 20); // 2l variables
 * const row = Q.getQ(0, 2 * kernelRows.rows.rows);
 */
export class SvrQ implements QMatrix {
  readonly QD: Float64Array;
  private readonly kr: KernelRows;
  private readonly l: number;
  private readonly sign: Int8Array;
  private readonly index: Int32Array;
  private readonly cache: KernelCache;
  private readonly buffers: [Float32Array, Float32Array];
  private nextBuffer = 0;
  /** Which row each buffer holds, over how many variables, and at which swap epoch. */
  private readonly heldIndex = new Int32Array([-1, -1]);
  private readonly heldLen = new Int32Array(2);
  private readonly heldEpoch = new Int32Array(2);
  private epoch = 0;

  constructor(kr: KernelRows, cacheBytes: number) {
    const l = kr.rows.rows;
    this.kr = kr;
    this.l = l;
    this.cache = new KernelCache(l, cacheBytes);
    this.sign = new Int8Array(2 * l);
    this.index = new Int32Array(2 * l);

    this.QD = new Float64Array(2 * l);
    for (let k = 0; k < l; k++) {
      this.sign[k] = 1;
      this.sign[k + l] = -1;
      this.index[k] = this.index[k + l] = k;
      const sq = kr.rows.sqNorms[k];
      this.QD[k] = this.QD[k + l] = kernelOfDot(kr.spec, sq, sq, sq);
    }
    this.buffers = [new Float32Array(2 * l), new Float32Array(2 * l)];
  }

  getQ(i: number, len: number): Float32Array {
    // The solver asks for row i in the working-set search and again for the update: when one of the
    // two buffers still holds it (no swap since), hand it out again instead of re-gathering 2l values.
    for (let b = 0; b < 2; b++) {
      if (this.heldIndex[b] === i && this.heldLen[b] >= len && this.heldEpoch[b] === this.epoch) {
        this.nextBuffer = 1 - b;
        return this.buffers[b];
      }
    }
    const real = this.index[i], l = this.l;
    const start = this.cache.request(real, l);
    const data = this.cache.row(real);
    if (start < l) {
      this.kr.compute(real, false, start, l);
      const k = this.kr.out;
      for (let t = start; t < l; t++) data[t] = k[t];
    }
    // Two alternating buffers: the solver holds rows i and j at the same time.
    const b = this.nextBuffer;
    const buf = this.buffers[b];
    this.nextBuffer = 1 - b;
    this.heldIndex[b] = i;
    this.heldLen[b] = len;
    this.heldEpoch[b] = this.epoch;
    const sign = this.sign, index = this.index;
    if (this.sign[i] > 0) for (let t = 0; t < len; t++) buf[t] = sign[t] * data[index[t]];
    else for (let t = 0; t < len; t++) buf[t] = -sign[t] * data[index[t]];
    return buf;
  }

  rowI: Float32Array = new Float32Array(0);
  rowJ: Float32Array = new Float32Array(0);

  getQ2(i: number, j: number, len: number): void {
    this.rowI = this.getQ(i, len);
    this.rowJ = this.getQ(j, len);
  }

  swapIndex(i: number, j: number): void {
    this.epoch++;
    swap(this.sign, i, j);
    swap(this.index, i, j);
    swap(this.QD, i, j);
  }
}

function swap(a: Int8Array | Int32Array | Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
