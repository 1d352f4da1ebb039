/**
 * Per-column statistics with NumPy/scikit-learn semantics, so fitted values match scikit-learn 1.2:
 * - quantiles: NumPy's default 'linear' method (Hyndman & Fan type 7): virtual index (n-1)·q and
 *   `numpy.lib.function_base._lerp`, which interpolates from the upper neighbour when the weight is ≥ 0.5;
 * - mean/variance: the corrected two-pass algorithm of `sklearn.utils.extmath._incremental_mean_and_var`
 *   (population variance), ignoring NaN;
 * - zero-variance detection: `sklearn.preprocessing._data._is_constant_feature` and
 *   `_handle_zeros_in_scale` (scales below 10·eps become 1).
 */

/** The non-NaN values of `values`, sorted ascending. */
export function sortedFinite(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[k++] = values[i];
  return out.sort();
}

/** `numpy.quantile(sorted, q)` (method 'linear') of an ascending array; NaN when empty. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return sorted[n - 1];
  if (virtual < 0) return sorted[0];
  const lo = Math.floor(virtual);
  const gamma = virtual - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** `numpy.median` of an ascending array (mean of the two middle values when even); NaN when empty. */
export function medianSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
}

/** Mean, population variance and count of the non-NaN values (NaN mean/var when none). */
export function meanVar(values: Float64Array): { mean: number; variance: number; count: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  if (n === 0) return { mean: NaN, variance: NaN, count: 0 };
  const mean = sum / n;
  let correction = 0;
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) {
      const t = v - mean;
      correction += t;
      sq += t * t;
    }
  }
  return { mean, variance: (sq - (correction * correction) / n) / n, count: n };
}

/** scikit-learn's `_is_constant_feature`: variance within rounding error of zero. */
export function isConstantFeature(variance: number, mean: number, count: number): boolean {
  const eps = Number.EPSILON;
  const upper = count * eps * variance + (count * mean * eps) ** 2;
  return variance <= upper;
}

/** scikit-learn's `_handle_zeros_in_scale`: a scale that is (nearly) zero becomes 1. */
export function safeScale(scale: number): number {
  return scale < 10 * Number.EPSILON ? 1 : scale;
}

/**
 * Most frequent value among `counts` (indexed by category); ties go to the category that sorts
 * first by `less`, as scikit-learn's `_most_frequent` takes the smallest tied value. -1 when all zero.
 */
export function modeIndex(counts: ArrayLike<number>, less: (a: number, b: number) => boolean): number {
  let best = -1;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] === 0) continue;
    if (best < 0 || counts[k] > counts[best] || (counts[k] === counts[best] && less(k, best))) best = k;
  }
  return best;
}
