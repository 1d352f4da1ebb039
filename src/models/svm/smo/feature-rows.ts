/**
 * Training or support-vector rows stored for fast dot products — the inner loop of every kernel row.
 *
 * Rows are kept dense (row-major Float64) or, when most values are zero (one-hot encoded categoricals
 * make typical tabular data 70–80 % zeros), as CSR. A batch of dot products `x · row_t` scatters `x`
 * into a dense scratch vector once and then walks only the non-zeros of each row, so the cost is the
 * number of non-zeros instead of the number of features. libsvm's dense build (scikit-learn's `SVC`)
 * always walks every feature; this is where most of our speed over it comes from.
 */
import { Matrix } from '../../../core/matrix.js';

/** Below this share of non-zeros the CSR layout is used (its indirect loads cost ~2× a dense step). */
const SPARSE_DENSITY = 0.45;

/** The arrays behind a {@link FeatureRows} (what a worker thread needs to rebuild it). */
export interface FeatureRowsParts {
  rows: number;
  cols: number;
  sparse: boolean;
  sqNorms: Float64Array;
  dense: Float64Array;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/**
 * Rows of a matrix packed for batched dot products (dense or CSR, chosen by density).
 *
 * @example
 * const rows = new FeatureRows(X);
 * rows.dotsOfRow(0, null, 0, rows.rows, out); // out[t] = x_0 · x_t
 */
export class FeatureRows {
  readonly rows: number;
  readonly cols: number;
  /** Squared Euclidean norm of each row (for the RBF kernel). */
  readonly sqNorms: Float64Array;
  readonly sparse: boolean;
  private readonly dense: Float64Array;
  private readonly indptr: Int32Array;
  private readonly indices: Int32Array;
  private readonly values: Float64Array;
  /** Scratch vector for scattering a query row (kept zero between calls). */
  private readonly scratch: Float64Array;

  /** Stores the rows of `X` (a copy is made only for the CSR layout), or adopts `parts` as they are. */
  constructor(source: Matrix | FeatureRowsParts) {
    const p = source instanceof Matrix ? pack(source) : source;
    this.rows = p.rows;
    this.cols = p.cols;
    this.sparse = p.sparse;
    this.sqNorms = p.sqNorms;
    this.dense = p.dense;
    this.indptr = p.indptr;
    this.indices = p.indices;
    this.values = p.values;
    this.scratch = new Float64Array(p.cols);
  }

  /** Copies of the arrays on shared memory, for worker threads. */
  sharedParts(): FeatureRowsParts {
    return {
      rows: this.rows,
      cols: this.cols,
      sparse: this.sparse,
      sqNorms: shared(this.sqNorms),
      dense: shared(this.dense),
      indptr: shared(this.indptr),
      indices: shared(this.indices),
      values: shared(this.values),
    };
  }

  /** Dense copy of row `i` into `out` (length `cols`). */
  copyRow(i: number, out: Float64Array): void {
    const d = this.cols;
    if (!this.sparse) {
      out.set(this.dense.subarray(i * d, (i + 1) * d));
      return;
    }
    out.fill(0);
    for (let p = this.indptr[i]; p < this.indptr[i + 1]; p++) out[this.indices[p]] = this.values[p];
  }

  /** `out[t] = row(i) · row(targets[t])` (or `row(t)` when `targets` is null) for `t` in `[from, to)`. */
  dotsOfRow(i: number, targets: Int32Array | null, from: number, to: number, out: Float64Array): void {
    const w = this.scratch;
    this.copyRow(i, w);
    this.dotsWith(w, 0, targets, from, to, out);
    if (this.sparse) this.clearScratch(i, w);
  }

  /**
   * `out[t] = w · row(targets[t])` (or `w · row(t)` when `targets` is null) for `t` in `[from, to)`,
   * where the query vector is `w[wOffset .. wOffset + cols)` (so a row of a `Matrix` needs no copy).
   */
  dotsWith(w: Float64Array, wOffset: number, targets: Int32Array | null, from: number, to: number, out: Float64Array): void {
    // Several partial sums break the add-latency chain of one accumulator (the loop is latency-bound,
    // not bandwidth-bound, at tabular widths). The grouping depends only on positions within a row,
    // so x·z and z·x stay bit-identical.
    if (this.sparse) {
      const ip = this.indptr, ix = this.indices, v = this.values;
      for (let t = from; t < to; t++) {
        const r = targets === null ? t : targets[t];
        let s0 = 0, s1 = 0;
        let p = ip[r];
        const e = ip[r + 1];
        for (; p + 1 < e; p += 2) {
          s0 += w[wOffset + ix[p]] * v[p];
          s1 += w[wOffset + ix[p + 1]] * v[p + 1];
        }
        if (p < e) s0 += w[wOffset + ix[p]] * v[p];
        out[t] = s0 + s1;
      }
      return;
    }
    const x = this.dense, d = this.cols, d4 = d - (d % 4);
    for (let t = from; t < to; t++) {
      const o = (targets === null ? t : targets[t]) * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let c = 0;
      for (; c < d4; c += 4) {
        s0 += w[wOffset + c] * x[o + c];
        s1 += w[wOffset + c + 1] * x[o + c + 1];
        s2 += w[wOffset + c + 2] * x[o + c + 2];
        s3 += w[wOffset + c + 3] * x[o + c + 3];
      }
      for (; c < d; c++) s0 += w[wOffset + c] * x[o + c];
      out[t] = s0 + s1 + (s2 + s3);
    }
  }

  private clearScratch(i: number, w: Float64Array): void {
    for (let p = this.indptr[i]; p < this.indptr[i + 1]; p++) w[this.indices[p]] = 0;
  }
}

function shared<T extends Float64Array | Int32Array>(a: T): T {
  const out = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** Chooses the layout for X and builds its arrays. */
function pack(X: Matrix): FeatureRowsParts {
  const n = X.rows, d = X.cols, x = X.data;
  let nnz = 0;
  for (let k = 0; k < x.length; k++) if (x[k] !== 0) nnz++;
  const sparse = d > 0 && nnz < SPARSE_DENSITY * n * d;
  const sqNorms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * d, e = j + d; j < e; j++) s += x[j] * x[j];
    sqNorms[i] = s;
  }
  if (!sparse) return { rows: n, cols: d, sparse, sqNorms, dense: x, indptr: new Int32Array(0), indices: new Int32Array(0), values: new Float64Array(0) };
  const indptr = new Int32Array(n + 1), indices = new Int32Array(nnz), values = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j];
      if (v !== 0) {
        indices[p] = j;
        values[p++] = v;
      }
    }
    indptr[i + 1] = p;
  }
  return { rows: n, cols: d, sparse, sqNorms, dense: new Float64Array(0), indptr, indices, values };
}
