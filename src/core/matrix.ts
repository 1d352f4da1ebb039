/**
 * Dense row-major matrix of float64 — the input every estimator takes. Row `i` is
 * `data.subarray(i * cols, (i + 1) * cols)`, so hot loops walk contiguous memory.
 */
import { ShapeError } from './errors.js';

export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (data && data.length !== rows * cols) {
      throw new ShapeError(`Matrix data has ${data.length} values, expected ${rows}×${cols} = ${rows * cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** Builds a matrix from nested arrays (convenient in tests and examples; not for hot paths). */
  static fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const n = rows.length;
    const d = n === 0 ? 0 : rows[0].length;
    const m = new Matrix(n, d);
    for (let i = 0; i < n; i++) {
      if (rows[i].length !== d) throw new ShapeError(`row ${i} has ${rows[i].length} values, expected ${d}`);
      for (let j = 0; j < d; j++) m.data[i * d + j] = rows[i][j];
    }
    return m;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  /** A view (no copy) of row `i`. */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** A copy of column `j`. */
  column(j: number): Float64Array {
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j];
    return out;
  }

  /** A new matrix holding the given rows, in the given order. */
  takeRows(indices: ArrayLike<number>): Matrix {
    const c = this.cols;
    const out = new Matrix(indices.length, c);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      out.data.set(this.data.subarray(i * c, (i + 1) * c), k * c);
    }
    return out;
  }

  toArrays(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }
}

/** Picks `y[indices]` into a new array of the same type. */
export function takeValues<T extends Float64Array | Int32Array>(y: T, indices: ArrayLike<number>): T {
  const out = new (y.constructor as new (n: number) => T)(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = y[indices[k]];
  return out;
}

/** Throws `E_SHAPE` unless X has as many rows as y has values. */
export function checkXy(owner: string, X: Matrix, y: ArrayLike<number>): void {
  if (X.rows !== y.length) {
    throw new ShapeError(`${owner}: X has ${X.rows} rows but y has ${y.length} values; they must match`, {
      estimator: owner,
      rows: X.rows,
      targets: y.length,
    });
  }
  if (X.rows === 0) throw new ShapeError(`${owner}: cannot fit on 0 rows`, { estimator: owner });
}
