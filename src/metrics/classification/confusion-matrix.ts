/**
 * Confusion matrix, after scikit-learn 1.2 `sklearn.metrics.confusion_matrix`: rows are true labels,
 * columns predicted labels, both in sorted label order. Every label-based classification metric in
 * this folder is computed from these counts.
 */
import { DataError } from '../../core/errors.js';
import { checkLabelList, checkPair, encodeLabels, uniqueLabels } from '../validate.js';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /**
   * Labels to index the matrix by, in any order (they are sorted). Default: every label present in
   * `yTrue` or `yPred`. Rows whose true or predicted label is not listed are left out, as in sklearn.
   */
  labels?: ArrayLike<number>;
}

/** A confusion matrix: `matrix[i][j]` counts samples of true label `labels[i]` predicted as `labels[j]`. */
export interface ConfusionMatrixResult {
  labels: number[];
  matrix: number[][];
}

/** Counts in typed form, for the metric functions (row-major k × k). */
export interface ConfusionCounts {
  labels: Float64Array;
  k: number;
  counts: Float64Array;
}

/** Validates the pair and counts (true, predicted) label pairs; `fn` names the caller in errors. */
export function confusionCounts(fn: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>, labels?: ArrayLike<number>): ConfusionCounts {
  checkPair(fn, 'yTrue', yTrue, 'yPred', yPred);
  let lab: Float64Array;
  if (labels === undefined) {
    lab = uniqueLabels(yTrue, yPred);
  } else {
    lab = checkLabelList(fn, labels);
    if (lab.length === 0) throw new DataError(`${fn}: 'labels' is empty; list at least one label`, { metric: fn });
  }
  const k = lab.length;
  const t = encodeLabels(yTrue, lab);
  const p = encodeLabels(yPred, lab);
  if (labels !== undefined && !t.some((c) => c >= 0)) {
    throw new DataError(`${fn}: none of the labels [${Array.from(lab).join(', ')}] occurs in yTrue; pass labels that yTrue uses`, { metric: fn });
  }
  const counts = new Float64Array(k * k);
  for (let i = 0; i < t.length; i++) {
    if (t[i] >= 0 && p[i] >= 0) counts[t[i] * k + p[i]]++;
  }
  return { labels: lab, k, counts };
}

/**
 * Confusion matrix of `yPred` against `yTrue`.
 *
 * @example
 * confusionMatrix([0, 1, 1, 2], [0, 1, 0, 2]);
 * // → { labels: [0, 1, 2], matrix: [[1, 0, 0], [1, 1, 0], [0, 0, 1]] }
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ConfusionMatrixOptions = {}): ConfusionMatrixResult {
  const { labels, k, counts } = confusionCounts('confusionMatrix', yTrue, yPred, options.labels);
  const matrix: number[][] = [];
  for (let i = 0; i < k; i++) matrix.push(Array.from(counts.subarray(i * k, (i + 1) * k)));
  return { labels: Array.from(labels), matrix };
}
