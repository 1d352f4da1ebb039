/**
 * Areas under ranking curves, after scikit-learn 1.2 `sklearn/metrics/_ranking.py` (`auc`,
 * `roc_auc_score` binary and multiclass one-vs-rest macro, `average_precision_score`).
 * ROC AUC is the trapezoidal area under the ROC curve, computed here straight from the integer
 * fp/tp counts (no intermediate rates), which equals sklearn's area to within rounding.
 * Multiclass one-vs-rest follows Provost & Domingos (2000), as sklearn does.
 */
import { DataError, InvalidParamError, ShapeError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { binaryCounts, requireBothClasses, type BinaryCounts, type PosLabelOptions } from './curves.js';
import { checkLabelList, checkSameLength, encodeLabels, uniqueLabels } from '../validate.js';

/** Options of {@link rocAucScore}. */
export interface RocAucOptions extends PosLabelOptions {
  /**
   * Multiclass: the class of each score column, sorted (default: the distinct labels of yTrue, which
   * must then number as many as the columns).
   */
  labels?: ArrayLike<number>;
}

/**
 * Area under a curve by the trapezoidal rule; `x` must be monotonic (increasing or decreasing).
 *
 * @example auc([0, 0.5, 1], [0, 0.75, 1]); // → 0.625
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkSameLength('auc', 'x', x, 'y', y);
  if (x.length < 2) throw new DataError(`auc: needs at least 2 points, got ${x.length}`, { metric: 'auc' });
  let rising = false;
  let falling = false;
  for (let i = 1; i < x.length; i++) {
    if (x[i] > x[i - 1]) rising = true;
    else if (x[i] < x[i - 1]) falling = true;
  }
  if (rising && falling) throw new DataError('auc: x is neither increasing nor decreasing; sort the points by x first', { metric: 'auc' });
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return falling ? -area : area;
}

/** Area under the ROC curve from cumulative counts (both classes must be present). */
function areaFromCounts(c: BinaryCounts): number {
  let twice = 0;
  let fPrev = 0;
  let tPrev = 0;
  for (let q = 0; q < c.fps.length; q++) {
    twice += (c.fps[q] - fPrev) * (c.tps[q] + tPrev);
    fPrev = c.fps[q];
    tPrev = c.tps[q];
  }
  return twice / (2 * fPrev * tPrev);
}

function binaryAuc(fn: string, yTrue: ArrayLike<number>, scores: ArrayLike<number>, posLabel: number): number {
  const counts = binaryCounts(fn, yTrue, scores, posLabel);
  const present = uniqueLabels(yTrue);
  if (present.length > 2) {
    throw new DataError(
      `${fn}: yTrue has ${present.length} classes (${Array.from(present).join(', ')}) but scores are one column; pass an n×k probability Matrix for multiclass ROC AUC`,
      { metric: fn, classes: Array.from(present) },
    );
  }
  if (present.length === 2 && !present.includes(posLabel)) {
    throw new InvalidParamError(`${fn}: posLabel ${posLabel} is not a class of yTrue (${Array.from(present).join(', ')}); set posLabel to the positive class`, {
      metric: fn,
      param: 'posLabel',
      value: posLabel,
    });
  }
  requireBothClasses(fn, counts, posLabel);
  return areaFromCounts(counts);
}

/**
 * Macro average over classes of the one-vs-rest ROC AUC of each score column. Scores need not be
 * probabilities (each column is only ranked); every class must occur in yTrue.
 */
export function rocAucOneVsRest(yTrue: ArrayLike<number>, scores: Matrix, labels: ArrayLike<number>): number {
  const fn = 'rocAucScore';
  checkSameLength(fn, 'yTrue', yTrue, 'scores', { length: scores.rows });
  const classes = checkLabelList(fn, labels);
  if (classes.length !== scores.cols) {
    throw new ShapeError(`${fn}: scores has ${scores.cols} columns but there are ${classes.length} classes (${Array.from(classes).join(', ')}); pass one column per class`, {
      metric: fn,
      columns: scores.cols,
      classes: classes.length,
    });
  }
  const code = encodeLabels(yTrue, classes);
  const bad = code.indexOf(-1);
  if (bad >= 0) {
    throw new DataError(`${fn}: yTrue has label ${yTrue[bad]} (row ${bad}) which is not among the classes ${Array.from(classes).join(', ')}`, { metric: fn, row: bad });
  }
  let total = 0;
  for (let c = 0; c < classes.length; c++) {
    const counts = binaryCounts(fn, code, scores.column(c), c);
    requireBothClasses(fn, counts, classes[c]);
    total += areaFromCounts(counts);
  }
  return total / classes.length;
}

/**
 * Area under the ROC curve. Binary: `scores` is one score per row for `posLabel` (or an n×1, or an
 * n×2 Matrix whose columns follow the sorted classes). Multiclass: an n×k Matrix of probabilities,
 * columns in sorted-class order, scored one-vs-rest and macro-averaged (sklearn's
 * `multi_class='ovr', average='macro'`). Throws `E_DATA` when yTrue holds a single class.
 *
 * @example rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // → 0.75
 */
export function rocAucScore(yTrue: ArrayLike<number>, scores: ArrayLike<number> | Matrix, options: RocAucOptions = {}): number {
  const fn = 'rocAucScore';
  const posLabel = options.posLabel ?? 1;
  if (!(scores instanceof Matrix)) return binaryAuc(fn, yTrue, scores, posLabel);
  if (scores.cols === 1) return binaryAuc(fn, yTrue, scores.data, posLabel);
  const classes = options.labels !== undefined ? checkLabelList(fn, options.labels) : uniqueLabels(yTrue);
  if (scores.cols === 2) {
    if (classes.length < 2) return binaryAuc(fn, yTrue, scores.column(1), posLabel); // throws: one class
    const col = classes.indexOf(posLabel);
    if (classes.length !== 2 || col < 0) {
      throw new DataError(`${fn}: a 2-column scores Matrix needs 2 classes including posLabel ${posLabel}, got ${Array.from(classes).join(', ')}`, { metric: fn });
    }
    return binaryAuc(fn, yTrue, scores.column(col), posLabel);
  }
  // sklearn refuses OvR on scores that are not probabilities (np.allclose(1, row sums)).
  for (let i = 0; i < scores.rows; i++) {
    let s = 0;
    for (let j = 0; j < scores.cols; j++) s += scores.data[i * scores.cols + j];
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new DataError(`${fn}: multiclass scores must be probabilities summing to 1 per row; row ${i} sums to ${s}`, { metric: fn, row: i, sum: s });
    }
  }
  return rocAucOneVsRest(yTrue, scores, classes);
}

/**
 * Average precision: the precision at each threshold weighted by the recall gained there
 * (Σ (Rₙ − Rₙ₋₁) Pₙ, no interpolation), a summary of the precision–recall curve. Binary only.
 *
 * @example averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // → 0.8333
 */
export function averagePrecisionScore(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: PosLabelOptions = {}): number {
  const fn = 'averagePrecisionScore';
  const posLabel = options.posLabel ?? 1;
  const { fps, tps } = binaryCounts(fn, yTrue, scores, posLabel);
  const present = uniqueLabels(yTrue);
  if (present.length > 2) {
    throw new DataError(`${fn}: yTrue has ${present.length} classes; average precision is defined for binary targets only`, { metric: fn });
  }
  if (present.length === 2 && !present.includes(posLabel)) {
    throw new InvalidParamError(`${fn}: posLabel ${posLabel} is not a class of yTrue (${Array.from(present).join(', ')}); set posLabel to the positive class`, {
      metric: fn,
      param: 'posLabel',
      value: posLabel,
    });
  }
  const m = fps.length;
  const tTotal = tps[m - 1];
  // With no positives sklearn sets recall to 1 everywhere: the only step is the first point's.
  if (tTotal === 0) return 0;
  let ap = 0;
  let rPrev = 0;
  for (let q = 0; q < m; q++) {
    const r = tps[q] / tTotal;
    ap += (r - rPrev) * (tps[q] / (tps[q] + fps[q]));
    rPrev = r;
  }
  return ap;
}
