/**
 * Adam for embedding tables, updating only the rows a mini-batch touched ("lazy" Adam, as
 * TensorFlow's `LazyAdam` and PyTorch's `SparseAdam` do). A dense Adam step would visit every row of
 * every table on every batch — for NCF on MovieLens 100K that is ~50× the work of the batch itself —
 * and would keep moving rows whose gradient is zero on their stale momentum.
 *
 * Kingma & Ba (2015), "Adam: A Method for Stochastic Optimization", in the form of
 * `neural/optimizers/adam.ts` (bias corrections folded into the step size):
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  η_t = η·sqrt(1−β2^t)/(1−β1^t);  θ ← θ − η_t·m/(sqrt(v)+ε)
 * with t counting optimizer steps (batches), not per-row updates.
 */

/** Options for {@link SparseRowAdam}. */
export interface SparseRowAdamOptions {
  /** Base step size η. */
  learningRate: number;
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  epsilon?: number;
}

/**
 * Lazy Adam over the rows of one or more `nRows × width` tables that share a row index (e.g. a
 * user's GMF and MLP embeddings). Gradients accumulate into `grads[t]`; `markRow` records which rows
 * a batch touched; `step` updates exactly those rows and zeroes their gradients.
 *
 * @example
 * const opt = new SparseRowAdam([userEmb], [dim], nUsers, { learningRate: 1e-3 });
 * opt.markRow(u); opt.grads[0][u * dim] += 0.5;
 * opt.step();
 */
export class SparseRowAdam {
  /** Gradient accumulators, shaped like the tables; only marked rows are non-zero. */
  readonly grads: Float64Array[];
  private readonly tables: Float64Array[];
  private readonly widths: number[];
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private readonly marked: Uint8Array;
  private readonly rows: Int32Array;
  private nMarked = 0;
  private t = 0;
  private readonly learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(tables: Float64Array[], widths: number[], nRows: number, options: SparseRowAdamOptions) {
    for (let i = 0; i < tables.length; i++) {
      if (tables[i].length !== nRows * widths[i]) throw new RangeError(`SparseRowAdam: table ${i} has ${tables[i].length} values, expected ${nRows} × ${widths[i]}`);
    }
    this.tables = tables;
    this.widths = widths;
    this.grads = tables.map((t) => new Float64Array(t.length));
    this.m = tables.map((t) => new Float64Array(t.length));
    this.v = tables.map((t) => new Float64Array(t.length));
    this.marked = new Uint8Array(nRows);
    this.rows = new Int32Array(nRows);
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** Records that row `r` has a gradient in this batch (idempotent). */
  markRow(r: number): void {
    if (this.marked[r] === 0) {
      this.marked[r] = 1;
      this.rows[this.nMarked++] = r;
    }
  }

  /** Applies one Adam update to the marked rows, then clears their gradients and marks. */
  step(): void {
    const b1 = this.beta1, b2 = this.beta2, eps = this.epsilon;
    this.t++;
    const lr = (this.learningRate * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
    const c1 = 1 - b1, c2 = 1 - b2;
    for (let ti = 0; ti < this.tables.length; ti++) {
      const theta = this.tables[ti], g = this.grads[ti], m = this.m[ti], v = this.v[ti], w = this.widths[ti];
      for (let q = 0; q < this.nMarked; q++) {
        const o = this.rows[q] * w;
        for (let j = o; j < o + w; j++) {
          const gj = g[j];
          const mj = b1 * m[j] + c1 * gj;
          const vj = b2 * v[j] + c2 * gj * gj;
          m[j] = mj;
          v[j] = vj;
          theta[j] -= (lr * mj) / (Math.sqrt(vj) + eps);
          g[j] = 0;
        }
      }
    }
    for (let q = 0; q < this.nMarked; q++) this.marked[this.rows[q]] = 0;
    this.nMarked = 0;
  }
}
