/**
 * KD-tree index for k-nearest-neighbour queries under Minkowski metrics.
 *
 * Reference: scikit-learn 1.2 `sklearn/neighbors/_binary_tree.pxi` (`_recursive_build`,
 * `_query_single_depthfirst`) and `_kd_tree.pyx` (`init_node`, `min_rdist`); Friedman, Bentley &
 * Finkel (1977), "An algorithm for finding best matches in logarithmic expected time". As there, the
 * tree is a complete binary tree of 2^levels − 1 nodes with leaves of `leafSize` to 2·`leafSize`
 * points; each node splits its points at the median of the dimension of largest spread, and keeps the
 * bounding box of its points. A query descends depth-first into the nearer child first and skips a
 * node whose box is farther than the current k-th best. Pruning only on a strictly larger bound keeps
 * every tied candidate reachable, so the (distance, index) order of `NeighborHeaps` makes the result
 * identical to a brute-force search with the same distances.
 */
import { reducedDistance, reducedToDistance, type ResolvedMetric } from './distance-metrics.js';
import type { NeighborHeaps } from './neighbor-heap.js';

/** A built KD-tree (derived from the training rows; rebuilt after loading, never saved). */
export class KDTree {
  private readonly d: number;
  private readonly metric: ResolvedMetric;
  /** Training row of each tree position. */
  private readonly order: Int32Array;
  /** Training rows copied in tree order, so a leaf scans contiguous memory. */
  private readonly points: Float64Array;
  private readonly nodeStart: Int32Array;
  private readonly nodeEnd: Int32Array;
  private readonly nNodes: number;
  /** Per node: d lower bounds then d upper bounds. */
  private readonly bounds: Float64Array;

  /**
   * Builds the tree over `n` rows of `d` values (row-major `X`).
   *
   * @example
   * const tree = new KDTree(X.data, X.rows, X.cols, resolveMetric('euclidean', 2), 30);
   * const heaps = new NeighborHeaps(Q.rows, 5);
   * tree.query(Q.data, Q.rows, heaps);
   */
  constructor(X: Float64Array, n: number, d: number, metric: ResolvedMetric, leafSize: number) {
    this.d = d;
    this.metric = metric;
    const levels = Math.floor(Math.log2(Math.max(1, (n - 1) / leafSize))) + 1;
    this.nNodes = 2 ** levels - 1;
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.nodeStart = new Int32Array(this.nNodes);
    this.nodeEnd = new Int32Array(this.nNodes);
    this.bounds = new Float64Array(this.nNodes * 2 * d);
    this.build(X, 0, 0, n);
    this.points = new Float64Array(n * d);
    for (let t = 0; t < n; t++) this.points.set(X.subarray(this.order[t] * d, (this.order[t] + 1) * d), t * d);
  }

  private build(X: Float64Array, node: number, start: number, end: number): void {
    const d = this.d, order = this.order, b = this.bounds, bo = node * 2 * d;
    this.nodeStart[node] = start;
    this.nodeEnd[node] = end;
    for (let j = 0; j < d; j++) {
      b[bo + j] = Infinity;
      b[bo + d + j] = -Infinity;
    }
    for (let t = start; t < end; t++) {
      const r = order[t] * d;
      for (let j = 0; j < d; j++) {
        const v = X[r + j];
        if (v < b[bo + j]) b[bo + j] = v;
        if (v > b[bo + d + j]) b[bo + d + j] = v;
      }
    }
    if (2 * node + 1 >= this.nNodes || end - start < 2) return; // a leaf
    let split = 0, spread = -1;
    for (let j = 0; j < d; j++) {
      const s = b[bo + d + j] - b[bo + j];
      if (s > spread) {
        spread = s;
        split = j;
      }
    }
    const mid = start + ((end - start) >> 1);
    selectNth(X, d, order, split, start, end - 1, mid);
    this.build(X, 2 * node + 1, start, mid);
    this.build(X, 2 * node + 2, mid, end);
  }

  private isLeaf(node: number): boolean {
    return 2 * node + 1 >= this.nNodes || this.nodeEnd[node] - this.nodeStart[node] < 2;
  }

  /** Reduced distance from `Q[qo ..]` to the box of `node` (0 inside it). */
  private minReduced(node: number, Q: Float64Array, qo: number): number {
    const d = this.d, b = this.bounds, bo = node * 2 * d, m = this.metric;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const lo = b[bo + j] - Q[qo + j];
      const hi = Q[qo + j] - b[bo + d + j];
      const g = lo > 0 ? lo : hi > 0 ? hi : 0;
      s += m.kind === 'euclidean' ? g * g : m.kind === 'manhattan' ? g : g ** m.p;
    }
    return s;
  }

  /** Fills `heaps` (one per query row of `Q`) with sorted true distances and training indices. */
  query(Q: Float64Array, nq: number, heaps: NeighborHeaps): void {
    for (let q = 0; q < nq; q++) this.search(0, Q, q, heaps, this.minReduced(0, Q, q * this.d));
    heaps.sort();
    const D = heaps.dist;
    for (let t = 0; t < D.length; t++) D[t] = reducedToDistance(D[t], this.metric);
  }

  private search(node: number, Q: Float64Array, q: number, heaps: NeighborHeaps, bound: number): void {
    if (bound > heaps.largest(q)) return;
    const d = this.d, qo = q * d;
    if (this.isLeaf(node)) {
      const P = this.points, order = this.order, m = this.metric, end = this.nodeEnd[node];
      for (let t = this.nodeStart[node]; t < end; t++) {
        const r = reducedDistance(Q, qo, P, t * d, d, m);
        heaps.push(q, r, order[t]);
      }
      return;
    }
    const c1 = 2 * node + 1, c2 = c1 + 1;
    const b1 = this.minReduced(c1, Q, qo), b2 = this.minReduced(c2, Q, qo);
    if (b1 <= b2) {
      this.search(c1, Q, q, heaps, b1);
      this.search(c2, Q, q, heaps, b2);
    } else {
      this.search(c2, Q, q, heaps, b2);
      this.search(c1, Q, q, heaps, b1);
    }
  }
}

/**
 * Reorders `order[lo..hi]` so that position `nth` holds the point whose value in dimension `dim` would
 * be there after sorting, with no larger value before it and no smaller after (quickselect, median of
 * three pivots; deterministic).
 */
function selectNth(X: Float64Array, d: number, order: Int32Array, dim: number, lo: number, hi: number, nth: number): void {
  const val = (t: number): number => X[order[t] * d + dim];
  const swap = (a: number, b: number): void => {
    const tmp = order[a];
    order[a] = order[b];
    order[b] = tmp;
  };
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    if (val(mid) < val(lo)) swap(mid, lo);
    if (val(hi) < val(lo)) swap(hi, lo);
    if (val(hi) < val(mid)) swap(hi, mid);
    const pivot = val(mid);
    let i = lo, j = hi;
    while (i <= j) {
      while (val(i) < pivot) i++;
      while (val(j) > pivot) j--;
      if (i <= j) {
        swap(i, j);
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
