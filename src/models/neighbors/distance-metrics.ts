/**
 * The distance metrics of the neighbour models and their "reduced" forms.
 *
 * Reference: scikit-learn 1.2 `sklearn/metrics/_dist_metrics.pyx` (`rdist`/`_rdist_to_dist`) and
 * `sklearn/neighbors/_base.py` (`minkowski` with p = 2 is run as 'euclidean', p = 1 as 'manhattan').
 * A reduced distance orders pairs exactly like the true distance but is cheaper: the Minkowski sum
 * Σ|a−b|^p before its p-th root (Σ(a−b)² for euclidean). Searches compare reduced distances and take
 * the root only for the k winners.
 */
import { InvalidParamError } from '../../core/errors.js';

/** The `metric` parameter: 'minkowski' uses `p`; 'cosine' is 1 − cos(a, b). */
export type NeighborMetric = 'minkowski' | 'euclidean' | 'manhattan' | 'cosine';

/** The metric a search actually runs (minkowski with p = 1 or 2 is mapped to its special case). */
export interface ResolvedMetric {
  kind: 'euclidean' | 'manhattan' | 'minkowski' | 'cosine';
  /** The Minkowski power (2 for euclidean, 1 for manhattan, unused for cosine). */
  p: number;
}

/**
 * Metrics a KD-tree can answer: its node bounds are axis-aligned boxes, valid for Minkowski metrics only.
 *
 * @example
 * treeSupports(resolveMetric('cosine', 2)); // false
 */
export function treeSupports(m: ResolvedMetric): boolean {
  return m.kind !== 'cosine';
}

/**
 * Maps the `metric`/`p` parameters to the metric a search runs.
 *
 * @example
 * resolveMetric('minkowski', 2); // { kind: 'euclidean', p: 2 }
 */
export function resolveMetric(metric: NeighborMetric, p: number): ResolvedMetric {
  if (metric === 'euclidean') return { kind: 'euclidean', p: 2 };
  if (metric === 'manhattan') return { kind: 'manhattan', p: 1 };
  if (metric === 'cosine') return { kind: 'cosine', p: 2 };
  if (metric === 'minkowski') {
    if (p === 2) return { kind: 'euclidean', p: 2 };
    if (p === 1) return { kind: 'manhattan', p: 1 };
    return { kind: 'minkowski', p };
  }
  throw new InvalidParamError(`unknown metric ${JSON.stringify(metric)}`, { param: 'metric', value: metric });
}

/**
 * Reduced distance between row `a` of `A` (at offset `ao`) and row `b` of `B` (at `bo`), `d` values each,
 * computed directly from the differences (the KD-tree and the non-euclidean brute search use it).
 *
 * @example
 * reducedDistance(Float64Array.of(0, 0), 0, Float64Array.of(3, 4), 0, 2, { kind: 'euclidean', p: 2 }); // 25
 */
export function reducedDistance(A: Float64Array, ao: number, B: Float64Array, bo: number, d: number, m: ResolvedMetric): number {
  let s = 0;
  if (m.kind === 'euclidean') {
    for (let j = 0; j < d; j++) {
      const t = A[ao + j] - B[bo + j];
      s += t * t;
    }
  } else if (m.kind === 'manhattan') {
    for (let j = 0; j < d; j++) s += Math.abs(A[ao + j] - B[bo + j]);
  } else {
    const p = m.p;
    for (let j = 0; j < d; j++) s += Math.abs(A[ao + j] - B[bo + j]) ** p;
  }
  return s;
}

/**
 * True distance from a reduced one (square root, p-th root, or identity).
 *
 * @example
 * reducedToDistance(25, { kind: 'euclidean', p: 2 }); // 5
 */
export function reducedToDistance(r: number, m: ResolvedMetric): number {
  if (m.kind === 'euclidean') return Math.sqrt(r);
  if (m.kind === 'minkowski') return r ** (1 / m.p);
  return r;
}
