/**
 * Per-column statistics with NumPy/scikit-learn semantics, so fitted values match scikit-learn 1.2:
 * - quantiles: NumPy's default 'linear' method (Hyndman & Fan type 7): virtual index (n-1)·q and
 *   `numpy.lib.function_base._lerp`, which interpolates from the upper neighbour when the weight is ≥ 0.5;
 * - mean/variance: the corrected two-pass algorithm of `sklearn.utils.extmath._incremental_mean_and_var`
 *   (population variance), ignoring NaN;
 * - zero-variance detection: `sklearn.preprocessing._data._is_constant_feature` and
 *   `_handle_zeros_in_scale` (scales below 10·eps become 1).
 */

/** The non-NaN values of `values`, in their order (a copy the order statistics below may reorder). */
export function finiteValues(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[k++] = values[i];
  return out;
}

/**
 * `numpy.quantile(a, q)` (method 'linear') of NaN-free values; NaN when empty. Reorders `a` (two
 * order statistics by selection, O(n), where sorting a column for them cost most of a fold's
 * preprocessing).
 */
export function quantileOf(a: Float64Array, q: number): number {
  const n = a.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return selectKth(a, n - 1);
  if (virtual < 0) return selectKth(a, 0);
  const lo = Math.floor(virtual);
  const gamma = virtual - lo;
  const x = selectKth(a, lo);
  const y = minFrom(a, lo + 1);
  const diff = y - x;
  return gamma >= 0.5 ? y - diff * (1 - gamma) : x + diff * gamma;
}

/** `numpy.median` of NaN-free values (mean of the two middle values when even); NaN when empty. Reorders `a`. */
export function medianOf(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  const upper = selectKth(a, h);
  return n % 2 === 1 ? upper : (maxBelow(a, h) + upper) / 2;
}

/**
 * Reorders `a` so that a[k] is its k-th smallest value, everything before it ≤ a[k] and everything
 * after ≥ a[k] (Hoare's selection with a median-of-three pivot), and returns a[k]. A range that keeps
 * failing to shrink is sorted instead, so adversarial orders cost O(n log n), not O(n²).
 */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  for (let budget = 2 * Math.ceil(Math.log2(a.length + 1)) + 8; hi - lo > 16; budget--) {
    if (budget === 0) {
      a.subarray(lo, hi + 1).sort();
      return a[k];
    }
    const mid = (lo + hi) >> 1;
    // Median of a[lo], a[mid], a[hi] as the pivot.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and a[j+1..i-1] (if any) equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  a.subarray(lo, hi + 1).sort();
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The smallest of a[from..]; after `selectKth(a, from - 1)` that is the from-th smallest value. */
function minFrom(a: Float64Array, from: number): number {
  let m = a[from];
  for (let i = from + 1; i < a.length; i++) if (a[i] < m) m = a[i];
  return m;
}

/** The largest of a[..below); after `selectKth(a, below)` that is the (below − 1)-th smallest value. */
function maxBelow(a: Float64Array, below: number): number {
  let m = a[0];
  for (let i = 1; i < below; i++) if (a[i] > m) m = a[i];
  return m;
}

/** Smallest and largest non-NaN value (NaN, NaN when there is none). */
export function finiteRange(values: Float64Array): { min: number; max: number } {
  let min = NaN;
  let max = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    // Written so that the first value replaces the initial NaN.
    if (!(v >= min)) min = v;
    if (!(v <= max)) max = v;
  }
  return { min, max };
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
