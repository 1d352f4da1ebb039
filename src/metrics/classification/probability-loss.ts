/**
 * Losses of predicted probabilities, after scikit-learn 1.2 `sklearn/metrics/_classification.py`
 * (`log_loss`, `brier_score_loss`). Log loss clips each probability to [eps, 1 − eps], renormalises
 * every row to sum to 1 and averages −log p(true class); sklearn 1.2's default eps is 'auto', the
 * float64 machine epsilon (2.22e-16) — 1e-15 was the default up to 1.1.
 */
import { DataError, InvalidParamError, ShapeError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { checkNumber } from '../../core/params.js';
import { checkFinite, checkLabelList, checkPair, checkSameLength, encodeLabels, uniqueLabels } from '../validate.js';

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /**
   * The classes, sorted: columns of an n×k Matrix follow them, and a single column (or a plain array)
   * is the probability of the greater of two classes. Default: the distinct labels of yTrue.
   */
  labels?: ArrayLike<number>;
  /** Clipping bound; default `Number.EPSILON` (sklearn 1.2's `eps='auto'` for float64). */
  eps?: number;
}

/**
 * Cross-entropy of predicted class probabilities: mean of −log p(true class). Lower is better.
 *
 * @example logLoss([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // → 0.4723
 */
export function logLoss(yTrue: ArrayLike<number>, yProb: ArrayLike<number> | Matrix, options: LogLossOptions = {}): number {
  const fn = 'logLoss';
  const eps = options.eps === undefined ? Number.EPSILON : checkNumber(fn, 'eps', options.eps, { min: 0, max: 0.5, exclusiveMax: true });
  const matrix = yProb instanceof Matrix ? yProb : null;
  const rows = matrix ? matrix.rows : (yProb as ArrayLike<number>).length;
  checkSameLength(fn, 'yTrue', yTrue, 'yProb', { length: rows });
  if (rows === 0) throw new DataError(`${fn}: yTrue is empty; a metric needs at least one sample`, { metric: fn });
  checkFinite(fn, 'yTrue', yTrue);
  checkFinite(fn, 'yProb', matrix ? matrix.data : (yProb as ArrayLike<number>));
  const classes = options.labels !== undefined ? checkLabelList(fn, options.labels) : uniqueLabels(yTrue);
  if (classes.length < 2) {
    throw new DataError(
      options.labels !== undefined
        ? `${fn}: labels must hold at least two classes, got ${Array.from(classes).join(', ')}`
        : `${fn}: yTrue holds only one class (${classes[0]}); pass all classes through the labels option`,
      { metric: fn },
    );
  }
  const code = encodeLabels(yTrue, classes);
  const bad = code.indexOf(-1);
  if (bad >= 0) {
    throw new DataError(`${fn}: yTrue has label ${yTrue[bad]} (row ${bad}) which is not among the classes ${Array.from(classes).join(', ')}`, { metric: fn, row: bad });
  }
  const cols = matrix ? matrix.cols : 1;
  const k = cols === 1 ? 2 : cols;
  if (k !== classes.length) {
    throw new ShapeError(`${fn}: yProb has ${cols} column(s) but there are ${classes.length} classes (${Array.from(classes).join(', ')}); pass one column per class or the labels option`, {
      metric: fn,
      columns: cols,
      classes: classes.length,
    });
  }
  const hi = 1 - eps;
  const clip = (p: number): number => (p < eps ? eps : p > hi ? hi : p);
  let total = 0;
  if (cols === 1) {
    const p1 = matrix ? matrix.data : (yProb as ArrayLike<number>);
    for (let i = 0; i < rows; i++) {
      // sklearn clips first, then expands p into [1 − p, p] and renormalises the pair.
      const p = clip(p1[i]);
      const q = 1 - p;
      total -= Math.log((code[i] === 1 ? p : q) / (q + p));
    }
  } else {
    const d = matrix!.data;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += clip(d[i * cols + j]);
      total -= Math.log(clip(d[i * cols + code[i]]) / s);
    }
  }
  return total / rows;
}

/**
 * Brier score: mean squared difference between the predicted probability of `posLabel` and the
 * outcome (1 for `posLabel`, else 0). Binary only; lower is better.
 *
 * @example brierScoreLoss([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // → 0.158125
 */
export function brierScoreLoss(yTrue: ArrayLike<number>, yProb: ArrayLike<number>, options: { posLabel?: number } = {}): number {
  const fn = 'brierScoreLoss';
  const posLabel = options.posLabel ?? 1;
  checkPair(fn, 'yTrue', yTrue, 'yProb', yProb);
  const present = uniqueLabels(yTrue);
  if (present.length > 2) {
    throw new DataError(`${fn}: yTrue has ${present.length} classes (${Array.from(present).join(', ')}); the Brier score is defined for binary targets only`, { metric: fn });
  }
  if (present.length === 2 && !present.includes(posLabel)) {
    throw new InvalidParamError(`${fn}: posLabel ${posLabel} is not a class of yTrue (${Array.from(present).join(', ')}); set posLabel to the positive class`, {
      metric: fn,
      param: 'posLabel',
      value: posLabel,
    });
  }
  let total = 0;
  for (let i = 0; i < yProb.length; i++) {
    const p = yProb[i];
    if (p < 0 || p > 1) {
      throw new DataError(`${fn}: yProb must be probabilities in [0, 1]; row ${i} is ${p}`, { metric: fn, row: i, value: p });
    }
    const d = (yTrue[i] === posLabel ? 1 : 0) - p;
    total += d * d;
  }
  return total / yProb.length;
}
