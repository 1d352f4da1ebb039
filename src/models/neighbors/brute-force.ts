/**
 * Exhaustive k-nearest-neighbour search over all training rows, in cache-sized blocks.
 *
 * Reference: scikit-learn 1.2 `sklearn/metrics/_pairwise_distances_reduction/_argkmin.pyx`
 * (`EuclideanArgKmin`): euclidean distances come from the expansion ‖q−t‖² = ‖q‖² + ‖t‖² − 2 q·t,
 * so the bulk of the work is a matrix product (q·t for a block of queries × a block of training rows)
 * and candidates are selected on ‖t‖² − 2 q·t (‖q‖² is constant per query and added back only for the
 * k winners, then clamped at 0 and square-rooted, as scikit-learn does). Cosine distance is 1 − q̂·t̂
 * on L2-normalised rows, the same product. Other Minkowski metrics sum |q − t|^p directly.
 *
 * One-hot encoded tables are mostly zeros: when at most 30% of the training values are non-zero the
 * training rows are kept as compressed sparse rows and each product touches only their non-zeros.
 * Both layouts add the same non-zero terms in the same order, so the choice never changes a result.
 */
import { reducedDistance, reducedToDistance, type ResolvedMetric } from './distance-metrics.js';
import { NeighborHeaps } from './neighbor-heap.js';

/** Queries per block (a multiple of the kernel height). */
const QUERY_BLOCK = 64;
/** Queries per kernel call: 8 running products in registers per training row. */
const KERNEL_ROWS = 8;
/** Training rows per block: a block of training rows stays in L1/L2 while all query groups pass over it. */
const TRAIN_BLOCK = 256;
const SPARSE_MAX_DENSITY = 0.3;

/**
 * Exhaustive search index: the training-side data the brute search reuses across calls (squared
 * norms, normalised or sparse rows; built once per fitted model, never saved).
 */
export class BruteIndex {
  private readonly X: Float64Array;
  private readonly n: number;
  private readonly d: number;
  private readonly metric: ResolvedMetric;
  /** Rows used in products: X, or X with L2-normalised rows for cosine. */
  private readonly rowsForDot: Float64Array;
  /** ‖t‖² per training row (euclidean only). */
  private readonly sqNorms: Float64Array;
  private readonly csr: Csr | null;

  /**
   * @example
   * const index = new BruteIndex(X.data, X.rows, X.cols, resolveMetric('minkowski', 2));
   * const heaps = new NeighborHeaps(Q.rows, 5);
   * index.query(Q.data, Q.rows, heaps); // heaps.dist / heaps.idx: sorted distances and training rows
   */
  constructor(X: Float64Array, n: number, d: number, metric: ResolvedMetric) {
    this.X = X;
    this.n = n;
    this.d = d;
    this.metric = metric;
    this.rowsForDot = metric.kind === 'cosine' ? normaliseRows(X, n, d) : X;
    this.sqNorms = new Float64Array(metric.kind === 'euclidean' ? n : 0);
    if (metric.kind === 'euclidean') this.sqNorms.set(rowSquaredNorms(X, n, d));
    this.csr = metric.kind === 'euclidean' || metric.kind === 'cosine' ? toCsrIfSparse(this.rowsForDot, n, d) : null;
  }

  /** Fills `heaps` (one per query row of `Q`, `nq` × d row-major) with the sorted true distances and indices. */
  query(Q: Float64Array, nq: number, heaps: NeighborHeaps): void {
    const m = this.metric;
    if (m.kind === 'euclidean' || m.kind === 'cosine') this.queryByProducts(Q, nq, heaps);
    else this.queryDirect(Q, nq, heaps);
    heaps.sort();
    const D = heaps.dist, k = heaps.k;
    if (m.kind === 'euclidean') {
      const qn = rowSquaredNorms(Q, nq, this.d);
      for (let q = 0; q < nq; q++) for (let t = q * k; t < (q + 1) * k; t++) D[t] = Math.sqrt(Math.max(D[t] + qn[q], 0));
    } else if (m.kind === 'cosine') {
      for (let t = 0; t < D.length; t++) D[t] = Math.min(Math.max(1 + D[t], 0), 2);
    } else {
      for (let t = 0; t < D.length; t++) D[t] = reducedToDistance(D[t], m);
    }
  }

  /**
   * Euclidean / cosine: products of a block of queries with a block of training rows, then offered
   * to the queries' heaps with key ‖t‖² − 2q·t (or −q̂·t̂).
   */
  private queryByProducts(Q: Float64Array, nq: number, heaps: NeighborHeaps): void {
    const d = this.d, n = this.n;
    const cosine = this.metric.kind === 'cosine';
    const Qrows = cosine ? normaliseRows(Q, nq, d) : Q;
    const qBlock = new Float64Array(QUERY_BLOCK * d);
    const dots = new Float64Array(QUERY_BLOCK * TRAIN_BLOCK);
    // Heaps for a whole number of kernel groups: the zero rows padding the last group get heaps too
    // (so the kernels never branch on the group size); only the first nq are copied out.
    const work = new NeighborHeaps(Math.ceil(nq / KERNEL_ROWS) * KERNEL_ROWS, heaps.k);
    // key = offset_t + scale · product: ‖t‖² − 2 q·t for euclidean, 0 − q̂·t̂ for cosine.
    const offsets = cosine ? new Float64Array(n) : this.sqNorms;
    const scale = cosine ? -1 : -2;
    for (let q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
      const qb = Math.min(QUERY_BLOCK, nq - q0);
      interleave(Qrows, q0, qb, d, qBlock);
      for (let t0 = 0; t0 < n; t0 += TRAIN_BLOCK) {
        const t1 = Math.min(n, t0 + TRAIN_BLOCK);
        const groups = Math.ceil(qb / KERNEL_ROWS);
        if (this.csr) sparseKernel(this.csr, qBlock, groups, d, t0, t1, dots);
        else denseKernel(this.rowsForDot, qBlock, groups, d, t0, t1, dots);
        for (let g = 0; g < groups; g++) offerProducts(dots, g * TRAIN_BLOCK * KERNEL_ROWS, t0, t1, offsets, scale, work, q0 + g * KERNEL_ROWS);
      }
    }
    heaps.dist.set(work.dist.subarray(0, nq * heaps.k));
    heaps.idx.set(work.idx.subarray(0, nq * heaps.k));
  }

  /** Manhattan / general Minkowski: reduced distances from the differences, training rows in blocks. */
  private queryDirect(Q: Float64Array, nq: number, heaps: NeighborHeaps): void {
    const d = this.d, n = this.n, k = heaps.k, X = this.X, m = this.metric, HD = heaps.dist;
    for (let q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
      const q1 = Math.min(nq, q0 + QUERY_BLOCK);
      for (let t0 = 0; t0 < n; t0 += TRAIN_BLOCK) {
        const t1 = Math.min(n, t0 + TRAIN_BLOCK);
        for (let q = q0; q < q1; q++) {
          for (let t = t0; t < t1; t++) {
            const r = reducedDistance(Q, q * d, X, t * d, d, m);
            if (r < HD[q * k]) heaps.push(q, r, t);
          }
        }
      }
    }
  }
}

/**
 * Copies queries [q0, q0 + qb) into `out` as groups of 8 interleaved rows — value j of the group's
 * row r at `group · 8d + 8j + r` — so the 8 values a kernel step needs share one cache line.
 * Missing rows of the last group are zeros (their products are computed and dropped).
 */
function interleave(Q: Float64Array, q0: number, qb: number, d: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < qb; r++) {
    const base = (r >> 3) * KERNEL_ROWS * d + (r & 7), src = (q0 + r) * d;
    for (let j = 0; j < d; j++) out[base + j * KERNEL_ROWS] = Q[src + j];
  }
}

/**
 * Offers the products of one group of 8 queries (`dots` from `base`, as the kernels write them) with training
 * rows [t0, t1) to the queries' heaps, key = offset_t + scale · product. Kept apart from the kernels:
 * a second, simple loop keeps the kernels' 8 running sums in registers. Training
 * rows arrive in index order, so a key equal to the root never wins (the lower index is kept), and
 * the common case is one comparison.
 */
function offerProducts(dots: Float64Array, base: number, t0: number, t1: number, offsets: Float64Array, scale: number, heaps: NeighborHeaps, q: number): void {
  const HD = heaps.dist, k = heaps.k;
  for (let r = 0; r < KERNEL_ROWS; r++) {
    const root = (q + r) * k;
    for (let t = t0, o = base + r; t < t1; t++, o += KERNEL_ROWS) {
      const key = offsets[t] + scale * dots[o];
      if (key < HD[root]) heaps.push(q + r, key, t);
    }
  }
}

/**
 * Products of the interleaved query groups of `Qi` with dense training rows [t0, t1) into `dots`
 * (group g, training row t, query r of the group at g·TRAIN_BLOCK·8 + (t − t0)·8 + r): each training
 * value is loaded once for 8 multiply-adds, each product summed over j in order.
 */
function denseKernel(X: Float64Array, Qi: Float64Array, groups: number, d: number, t0: number, t1: number, dots: Float64Array): void {
  for (let g = 0; g < groups; g++) {
    const a = g * KERNEL_ROWS * d, base = g * TRAIN_BLOCK * KERNEL_ROWS;
    for (let t = t0; t < t1; t++) {
      const b = t * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let j = 0, o = a; j < d; j++, o += KERNEL_ROWS) {
        const x = X[b + j];
        s0 += Qi[o] * x; s1 += Qi[o + 1] * x; s2 += Qi[o + 2] * x; s3 += Qi[o + 3] * x;
        s4 += Qi[o + 4] * x; s5 += Qi[o + 5] * x; s6 += Qi[o + 6] * x; s7 += Qi[o + 7] * x;
      }
      const o = base + (t - t0) * KERNEL_ROWS;
      dots[o] = s0; dots[o + 1] = s1; dots[o + 2] = s2; dots[o + 3] = s3;
      dots[o + 4] = s4; dots[o + 5] = s5; dots[o + 6] = s6; dots[o + 7] = s7;
    }
  }
}

/** As {@link denseKernel} with CSR training rows: each product walks the row's non-zeros only. */
function sparseKernel(csr: Csr, Qi: Float64Array, groups: number, d: number, t0: number, t1: number, dots: Float64Array): void {
  const { indptr, indices8, values } = csr;
  for (let g = 0; g < groups; g++) {
    const a = g * KERNEL_ROWS * d, base = g * TRAIN_BLOCK * KERNEL_ROWS;
    for (let t = t0; t < t1; t++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      const end = indptr[t + 1];
      for (let p = indptr[t]; p < end; p++) {
        const o = a + indices8[p], x = values[p];
        s0 += Qi[o] * x; s1 += Qi[o + 1] * x; s2 += Qi[o + 2] * x; s3 += Qi[o + 3] * x;
        s4 += Qi[o + 4] * x; s5 += Qi[o + 5] * x; s6 += Qi[o + 6] * x; s7 += Qi[o + 7] * x;
      }
      const o = base + (t - t0) * KERNEL_ROWS;
      dots[o] = s0; dots[o + 1] = s1; dots[o + 2] = s2; dots[o + 3] = s3;
      dots[o + 4] = s4; dots[o + 5] = s5; dots[o + 6] = s6; dots[o + 7] = s7;
    }
  }
}

/**
 * ‖row‖² of each row of an n × d row-major array.
 *
 * @example
 * rowSquaredNorms(Float64Array.of(3, 4, 1, 0), 2, 2); // Float64Array [25, 1]
 */
export function rowSquaredNorms(X: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * d; j < (i + 1) * d; j++) s += X[j] * X[j];
    out[i] = s;
  }
  return out;
}

/** Rows divided by their L2 norm; all-zero rows stay zero (scikit-learn's `normalize`). */
function normaliseRows(X: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  const norms = rowSquaredNorms(X, n, d);
  for (let i = 0; i < n; i++) {
    const norm = Math.sqrt(norms[i]);
    const s = norm === 0 ? 1 : norm;
    for (let j = i * d; j < (i + 1) * d; j++) out[j] = X[j] / s;
  }
  return out;
}

/** Compressed sparse rows; column indices are stored times 8 (their offset in an interleaved query group). */
interface Csr {
  indptr: Int32Array;
  indices8: Int32Array;
  values: Float64Array;
}

function toCsrIfSparse(X: Float64Array, n: number, d: number): Csr | null {
  let nnz = 0;
  for (let k = 0; k < X.length; k++) if (X[k] !== 0) nnz++;
  if (X.length === 0 || nnz / X.length > SPARSE_MAX_DENSITY) return null;
  const indptr = new Int32Array(n + 1), indices8 = new Int32Array(nnz), values = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = X[i * d + j];
      if (v !== 0) {
        indices8[p] = j * KERNEL_ROWS;
        values[p++] = v;
      }
    }
    indptr[i + 1] = p;
  }
  return { indptr, indices8, values };
}
