/**
 * Input checks and layouts for the trees. Fitting reads features column by column (one column per
 * candidate split), so X is transposed once into column-major float32 — scikit-learn also grows trees
 * on float32 (`DTYPE`), which halves the bytes streamed and makes thresholds and routing match its trees.
 */
import type { Matrix } from '../../core/matrix.js';
import { checkPredictX, checkRegressionFit, encodeTargets } from '../model-checks.js';

/** Training data in the layout the builder reads. */
export interface TreeData {
  /** Column-major float32 features (sklearn grows trees on float32 too): column `f` is `Xc[f·n .. f·n+n)`. */
  Xc: Float32Array;
  n: number;
  d: number;
  /** Class indices (classification) or target values (regression). */
  y: Int32Array | Float64Array;
  /** Number of classes; 0 for regression. */
  nClasses: number;
  /** Per-value bins of the low-cardinality features (null: sort every feature). */
  bins: FeatureBins | null;
}

/**
 * Column-major float32 copy of X.
 *
 * @example
 * columnMajor32(Matrix.fromRows([[1, 2], [3, 4]])); // Float32Array [1, 3, 2, 4]
 */
export function columnMajor32(X: Matrix): Float32Array {
  const n = X.rows, d = X.cols, src = X.data;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) out[j * n + i] = src[o + j];
  }
  return out;
}

/** Most distinct values a feature may have to be split through per-value bins instead of sorting. */
export const MAX_BINS = 65536;

/**
 * Exact per-value bins of the features (one bin per distinct float32 value, when there are at most
 * {@link MAX_BINS}): in nodes with at least as many rows as the feature has values, the split search
 * sums statistics per value in one pass instead of sorting the node's values — the same candidate
 * thresholds and the same best split, in O(rows + values) instead of O(rows · log rows).
 */
export interface FeatureBins {
  /** Column-major bin index of each row's value, for features with `values[f].length > 0`. */
  codes: Uint16Array;
  /** Largest number of bins over the features. */
  maxBins: number;
  /** Ascending distinct float32 values of feature `f` (empty when it has more than {@link MAX_BINS}). */
  values: Float64Array[];
}

/** Finds the features with at most {@link MAX_BINS} distinct values and codes their rows. */
export function binFeatures(Xc: Float32Array, n: number, d: number): FeatureBins {
  const codes = new Uint16Array(n * d);
  let maxBins = 0;
  const values: Float64Array[] = [];
  const sorted = new Float32Array(n);
  for (let f = 0; f < d; f++) {
    const col = Xc.subarray(f * n, f * n + n);
    sorted.set(col);
    sorted.sort();
    const distinct: number[] = [];
    for (let i = 0; i < n && distinct.length <= MAX_BINS; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    if (distinct.length > MAX_BINS) {
      values.push(new Float64Array(0));
      continue;
    }
    const v = Float64Array.from(distinct);
    values.push(v);
    maxBins = Math.max(maxBins, v.length);
    for (let i = 0; i < n; i++) {
      const x = col[i];
      let lo = 0, hi = v.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      codes[f * n + i] = lo;
    }
  }
  return { codes, values, maxBins };
}

/** Validates a classification fit (shapes, finite X naming the column, ≥ 2 classes) and lays the data out. */
export function classificationData(owner: string, X: Matrix, y: ArrayLike<number>, featureNames?: readonly string[]): { data: TreeData; classes: Float64Array } {
  const { classes, yIdx } = encodeTargets(owner, X, y, featureNames);
  const Xc = columnMajor32(X);
  return { data: { Xc, n: X.rows, d: X.cols, y: yIdx, nClasses: classes.length, bins: binFeatures(Xc, X.rows, X.cols) }, classes };
}

/** Validates a regression fit (shapes, finite X naming the column, finite y) and lays the data out. */
export function regressionData(owner: string, X: Matrix, y: ArrayLike<number>, featureNames?: readonly string[]): TreeData {
  const yv = checkRegressionFit(owner, X, y, featureNames);
  const Xc = columnMajor32(X);
  return { Xc, n: X.rows, d: X.cols, y: yv, nClasses: 0, bins: binFeatures(Xc, X.rows, X.cols) };
}

/**
 * Checks X at predict time (feature count → `E_SHAPE`, NaN → `E_DATA` naming the column) and returns
 * it row-major in float32, the precision the thresholds were learned at.
 */
export function predictRows32(owner: string, X: Matrix, nFeatures: number): Float32Array {
  checkPredictX(owner, X, nFeatures);
  return Float32Array.from(X.data);
}
