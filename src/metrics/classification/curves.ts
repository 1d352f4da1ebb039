/**
 * ROC and precision–recall curves, after scikit-learn 1.2 `sklearn/metrics/_ranking.py`
 * (`_binary_clf_curve`, `roc_curve`, `precision_recall_curve`): one point per distinct score,
 * thresholds in decreasing order for ROC (first threshold = max score + 1) and increasing for PR,
 * and the same `drop_intermediate` rule for ROC.
 *
 * Speed: instead of sorting an index permutation with a comparator (slow in JS), the positive and
 * negative scores are copied into two Float64Arrays and each is sorted natively; a descending merge
 * of the two then yields the cumulative (fp, tp) counts at every distinct score. Ties need no stable
 * order because only per-score totals are kept. 1M rows take ~0.1 s.
 */
import { DataError } from '../../core/errors.js';
import { checkFinite, checkNonEmpty, checkSameLength } from '../validate.js';

/** Cumulative counts at each distinct score, scores in decreasing order (sklearn's `_binary_clf_curve`). */
export interface BinaryCounts {
  /** False positives among samples scoring ≥ `thresholds[i]`. */
  fps: Float64Array;
  /** True positives among samples scoring ≥ `thresholds[i]`. */
  tps: Float64Array;
  /** Distinct scores, decreasing. */
  thresholds: Float64Array;
}

/** Options shared by the binary curve and area functions. */
export interface PosLabelOptions {
  /** The label that counts as positive; every other label is negative. Default 1. */
  posLabel?: number;
}

/** Options of {@link rocCurve}. */
export interface RocCurveOptions extends PosLabelOptions {
  /** Drop points collinear with their neighbours (they change neither the plot nor the area). Default true. */
  dropIntermediate?: boolean;
}

/** A ROC curve: false and true positive rates at each threshold (decreasing). */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

/** A precision–recall curve; the last point is (recall 0, precision 1) and has no threshold. */
export interface PrecisionRecallCurve {
  precision: Float64Array;
  recall: Float64Array;
  /** Increasing; one fewer than the points. */
  thresholds: Float64Array;
}

/** Validates inputs and counts fp/tp at each distinct score; `fn` names the caller in errors. */
export function binaryCounts(fn: string, yTrue: ArrayLike<number>, scores: ArrayLike<number>, posLabel = 1): BinaryCounts {
  checkSameLength(fn, 'yTrue', yTrue, 'scores', scores);
  checkNonEmpty(fn, 'yTrue', yTrue);
  checkFinite(fn, 'yTrue', yTrue);
  checkFinite(fn, 'scores', scores);
  const n = yTrue.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === posLabel) nPos++;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(n - nPos);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (yTrue[i] === posLabel) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  const thresholds = new Float64Array(n);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let m = 0;
  while (i >= 0 || j >= 0) {
    const t = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
    // `===` treats -0 and +0 as one score, like np.diff in sklearn.
    while (i >= 0 && pos[i] === t) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === t) {
      fp++;
      j--;
    }
    fps[m] = fp;
    tps[m] = tp;
    thresholds[m] = t;
    m++;
  }
  return { fps: fps.slice(0, m), tps: tps.slice(0, m), thresholds: thresholds.slice(0, m) };
}

/**
 * Receiver operating characteristic: (false positive rate, true positive rate) as the threshold
 * falls from above the highest score to the lowest score. A rate is NaN when its class is absent.
 *
 * @example
 * rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // → fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [1.8, 0.8, 0.4, 0.35, 0.1]
 */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: RocCurveOptions = {}): RocCurve {
  let { fps, tps, thresholds } = binaryCounts('rocCurve', yTrue, scores, options.posLabel ?? 1);
  const m = fps.length;
  if ((options.dropIntermediate ?? true) && m > 2) {
    // sklearn keeps point i when the second difference of fps or tps is non-zero there (a corner).
    const keep = new Int32Array(m);
    let kept = 0;
    keep[kept++] = 0;
    for (let p = 1; p < m - 1; p++) {
      const d2f = fps[p + 1] - 2 * fps[p] + fps[p - 1];
      const d2t = tps[p + 1] - 2 * tps[p] + tps[p - 1];
      if (d2f !== 0 || d2t !== 0) keep[kept++] = p;
    }
    keep[kept++] = m - 1;
    const pick = (a: Float64Array): Float64Array => {
      const out = new Float64Array(kept);
      for (let q = 0; q < kept; q++) out[q] = a[keep[q]];
      return out;
    };
    fps = pick(fps);
    tps = pick(tps);
    thresholds = pick(thresholds);
  }
  const len = fps.length + 1;
  const fpr = new Float64Array(len);
  const tpr = new Float64Array(len);
  const thr = new Float64Array(len);
  const fTotal = fps[fps.length - 1];
  const tTotal = tps[tps.length - 1];
  // The extra first point (0, 0) sits at threshold max + 1 (sklearn 1.2; 1.3 moved it to +Infinity).
  thr[0] = thresholds[0] + 1;
  fpr[0] = fTotal > 0 ? 0 : NaN;
  tpr[0] = tTotal > 0 ? 0 : NaN;
  for (let q = 1; q < len; q++) {
    fpr[q] = fTotal > 0 ? fps[q - 1] / fTotal : NaN;
    tpr[q] = tTotal > 0 ? tps[q - 1] / tTotal : NaN;
    thr[q] = thresholds[q - 1];
  }
  return { fpr, tpr, thresholds: thr };
}

/**
 * Precision and recall at every distinct score, ordered by increasing threshold, ending with the
 * point (recall 0, precision 1). With no positive sample recall is 1 everywhere (as in sklearn).
 *
 * @example
 * precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // → precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
 */
export function precisionRecallCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: PosLabelOptions = {}): PrecisionRecallCurve {
  const { fps, tps, thresholds } = binaryCounts('precisionRecallCurve', yTrue, scores, options.posLabel ?? 1);
  const m = fps.length;
  const tTotal = tps[m - 1];
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thr = new Float64Array(m);
  for (let q = 0; q < m; q++) {
    const src = m - 1 - q; // reversed so recall decreases
    const ps = tps[src] + fps[src];
    precision[q] = ps === 0 ? 0 : tps[src] / ps;
    recall[q] = tTotal === 0 ? 1 : tps[src] / tTotal;
    thr[q] = thresholds[src];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thr };
}

/** Throws `E_DATA` unless yTrue holds both the positive class and some other class. */
export function requireBothClasses(fn: string, counts: BinaryCounts, posLabel: number): void {
  const m = counts.fps.length;
  if (counts.tps[m - 1] === 0 || counts.fps[m - 1] === 0) {
    const only = counts.tps[m - 1] === 0 ? `no sample of the positive class ${posLabel}` : `only the positive class ${posLabel}`;
    throw new DataError(`${fn}: yTrue has ${only}; ROC AUC is undefined with one class in yTrue. Score on data with both classes (e.g. a stratified split)`, {
      metric: fn,
      posLabel,
    });
  }
}
