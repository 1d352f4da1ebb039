/** ROC and precision–recall curves of a binary model's held-out scores, for the report. */
import type { Matrix } from '../../core/matrix.js';
import { averagePrecisionScore, precisionRecallCurve, rocAucScore, rocCurve } from '../../metrics/index.js';
import type { Curve } from '../../report/report-data.js';

/** Positive-class score per row: the last column (probability of class 1, or the n × 1 decision score). */
export function positiveScores(scores: Matrix): Float64Array {
  return scores.column(scores.cols - 1);
}

export function binaryCurves(y: Float64Array, scores: Matrix): { roc: Curve; pr: Curve } {
  const s = positiveScores(scores);
  const roc = rocCurve(y, s);
  const pr = precisionRecallCurve(y, s);
  return {
    roc: { x: Array.from(roc.fpr), y: Array.from(roc.tpr), area: rocAucScore(y, s) },
    pr: { x: Array.from(pr.recall), y: Array.from(pr.precision), area: averagePrecisionScore(y, s) },
  };
}
