/**
 * Feature binning for histogram gradient boosting, after scikit-learn 1.2
 * `sklearn/ensemble/_hist_gradient_boosting/binning.py` (`_find_binning_thresholds`, `_BinMapper`):
 * per feature, up to `maxBins` bins whose thresholds are the midpoints between distinct values when
 * there are few of them, else the quantiles (numpy's `percentile(method='midpoint')`) of a subsample
 * of at most 200,000 rows. Bin 255 is reserved for missing values, whatever `maxBins` is. A value `x`
 * falls in bin `i` = the first threshold with `x <= thresholds[i]` (so a split "bin <= b" is the
 * numeric test "x <= thresholds[b]" at predict time).
 */
import type { Matrix } from '../../core/matrix.js';
import type { Rng } from '../../core/rng.js';

/** The bin holding missing values (NaN) of every feature. */
export const MISSING_BIN = 255;
/** Bins per feature in a histogram (0..254 for values, 255 for missing). */
export const HIST_BINS = 256;
/** Rows used to find the thresholds (scikit-learn's `subsample=int(2e5)`). */
export const BINNING_SUBSAMPLE = 200_000;

/** Learned thresholds of every feature. */
export interface BinMapping {
  /** `thresholds[f]` ascending; feature f has `thresholds[f].length + 1` non-missing bins. */
  thresholds: Float64Array[];
  /** Non-missing bins per feature. */
  nBinsNonMissing: Int32Array;
  /** 1 where the feature had a NaN in the rows the mapping was fitted on. */
  hasMissing: Uint8Array;
}

/**
 * Finds bin thresholds on the rows `rows` of X (all rows when omitted).
 *
 * @example
 * const mapping = fitBinMapping(X, 255, new Rng(0));
 * const binned = binColumns(X, mapping); // Uint8Array, column-major
 */
export function fitBinMapping(X: Matrix, maxBins: number, rng: Rng, rows?: Int32Array): BinMapping {
  let use = rows;
  if (!use) {
    use = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) use[i] = i;
  }
  if (use.length > BINNING_SUBSAMPLE) {
    // Partial Fisher–Yates: a uniform subset without replacement, like numpy's rng.choice.
    const pool = use.slice();
    for (let i = 0; i < BINNING_SUBSAMPLE; i++) {
      const j = i + rng.int(pool.length - i);
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    use = pool.subarray(0, BINNING_SUBSAMPLE).sort();
  }
  const d = X.cols, x = X.data, m = use.length;
  const thresholds: Float64Array[] = [];
  const nBinsNonMissing = new Int32Array(d);
  const hasMissing = new Uint8Array(d);
  // Missing values are looked for on all given rows, not only the subsample (a NaN seen only outside
  // it must still get a learned direction); rows are read whole, in order, for the cache's sake.
  const nAll = rows ? rows.length : X.rows;
  for (let i = 0; i < nAll; i++) {
    const o = (rows ? rows[i] : i) * d;
    for (let f = 0; f < d; f++) if (x[o + f] !== x[o + f]) hasMissing[f] = 1;
  }
  // Transpose the subsample once (row reads stay contiguous), a block of features at a time.
  const block = Math.max(1, Math.min(d, Math.floor(8_000_000 / Math.max(m, 1))));
  const cols = new Float64Array(block * m);
  for (let f0 = 0; f0 < d; f0 += block) {
    const f1 = Math.min(d, f0 + block);
    for (let i = 0; i < m; i++) {
      const o = use[i] * d;
      for (let f = f0; f < f1; f++) cols[(f - f0) * m + i] = x[o + f];
    }
    for (let f = f0; f < f1; f++) {
      const col = cols.subarray((f - f0) * m, (f - f0 + 1) * m);
      let k = 0;
      for (let i = 0; i < m; i++) if (col[i] === col[i]) col[k++] = col[i];
      const t = featureThresholds(col.subarray(0, k).sort(), maxBins);
      thresholds.push(t);
      nBinsNonMissing[f] = t.length + 1;
    }
  }
  return { thresholds, nBinsNonMissing, hasMissing };
}

/** Thresholds of one feature from its sorted non-missing values. */
function featureThresholds(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  let out: Float64Array;
  if (distinct.length <= maxBins) {
    out = new Float64Array(Math.max(distinct.length - 1, 0));
    for (let i = 0; i < out.length; i++) out[i] = (distinct[i] + distinct[i + 1]) * 0.5;
  } else {
    // np.percentile(col, linspace(0, 100, maxBins + 1)[1:-1], method='midpoint').
    out = new Float64Array(maxBins - 1);
    for (let q = 1; q < maxBins; q++) {
      const pos = ((q * 100) / maxBins / 100) * (n - 1);
      const lo = Math.floor(pos), hi = Math.ceil(pos);
      out[q - 1] = (sorted[lo] + sorted[hi]) * 0.5;
    }
  }
  // +inf thresholds are reserved for "split on missing" (scikit-learn clips to ALMOST_INF).
  for (let i = 0; i < out.length; i++) if (out[i] > 1e300) out[i] = 1e300;
  return out;
}

/**
 * Maps rows of X (all, or `rows` in that order) to bins, column-major: the bin of row i, feature f
 * is `out[f * nRows + i]`. `out` may be given (e.g. a view on a SharedArrayBuffer); `rowMajorOut`,
 * when given, receives the same bins row-major (`[i * d + f]`).
 *
 * @example
 * const binned = binColumns(X, fitBinMapping(X, 255, new Rng(0))); // binned[f * X.rows + i]
 */
export function binColumns(X: Matrix, mapping: BinMapping, rows?: Int32Array, out?: Uint8Array, rowMajorOut?: Uint8Array): Uint8Array {
  const d = X.cols, x = X.data;
  const n = rows ? rows.length : X.rows;
  const res = out ?? new Uint8Array(n * d);
  // Thresholds padded to 256 with +Infinity so the search is eight fixed, branch-free steps.
  const padded = mapping.thresholds.map((t) => {
    const pt = new Float64Array(256).fill(Infinity);
    pt.set(t);
    return pt;
  });
  // Row-major reads, d sequential column writes (and one sequential row-major write when asked).
  for (let i = 0; i < n; i++) {
    const o = (rows ? rows[i] : i) * d;
    for (let f = 0; f < d; f++) {
      const v = x[o + f];
      let lo = MISSING_BIN;
      if (v === v) {
        const t = padded[f];
        lo = 128 & -+(t[127] < v);
        lo += 64 & -+(t[lo + 63] < v);
        lo += 32 & -+(t[lo + 31] < v);
        lo += 16 & -+(t[lo + 15] < v);
        lo += 8 & -+(t[lo + 7] < v);
        lo += 4 & -+(t[lo + 3] < v);
        lo += 2 & -+(t[lo + 1] < v);
        lo += 1 & -+(t[lo] < v);
      }
      res[f * n + i] = lo;
      if (rowMajorOut) rowMajorOut[i * d + f] = lo;
    }
  }
  return res;
}
