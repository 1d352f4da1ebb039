/**
 * Label-based classification scores, after scikit-learn 1.2 `sklearn/metrics/_classification.py`
 * (accuracy_score, balanced_accuracy_score, precision_recall_fscore_support, matthews_corrcoef).
 * Behaviour on ill-defined cases follows sklearn's default `zero_division='warn'`: a precision with
 * no predicted samples, or a recall with no true samples, counts as 0 (without the warning).
 */
import { InvalidParamError } from '../../core/errors.js';
import { checkNumber } from '../../core/params.js';
import { confusionCounts } from './confusion-matrix.js';
import { checkPair, uniqueLabels } from '../validate.js';

/** How per-label scores are combined: sklearn's `average` parameter (multilabel 'samples' is not supported). */
export type Average = 'binary' | 'macro' | 'micro' | 'weighted';

/** Options of {@link precisionScore}, {@link recallScore}, {@link f1Score} and {@link fbetaScore}. */
export interface PrecisionRecallOptions {
  /**
   * Default `'binary'`: score only the `posLabel` class (yTrue ∪ yPred may hold at most two labels).
   * `'macro'`: unweighted mean over labels; `'weighted'`: mean weighted by each label's true count;
   * `'micro'`: from the summed counts (equals accuracy for single-label multiclass).
   */
  average?: Average;
  /** Positive class for `average: 'binary'`. Default 1. */
  posLabel?: number;
  /** Labels to average over when not binary (default: every label in yTrue or yPred). */
  labels?: ArrayLike<number>;
}

const AVERAGES: readonly Average[] = ['binary', 'macro', 'micro', 'weighted'];

/**
 * Fraction of samples whose predicted label equals the true label.
 *
 * @example accuracyScore([0, 1, 2, 2], [0, 2, 2, 2]); // → 0.75
 */
export function accuracyScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair('accuracyScore', 'yTrue', yTrue, 'yPred', yPred);
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/**
 * Mean of per-class recall over the classes present in `yTrue` (labels only predicted are skipped,
 * as in sklearn). With `adjusted`, rescaled so chance scores 0 and perfect scores 1.
 *
 * @example balancedAccuracyScore([0, 0, 0, 1], [0, 0, 1, 1]); // → (2/3 + 1) / 2
 */
export function balancedAccuracyScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: { adjusted?: boolean } = {}): number {
  const { k, counts } = confusionCounts('balancedAccuracyScore', yTrue, yPred);
  let sum = 0;
  let classes = 0;
  for (let i = 0; i < k; i++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += counts[i * k + j];
    if (row === 0) continue; // a label never true: its recall is undefined and sklearn drops it
    sum += counts[i * k + i] / row;
    classes++;
  }
  let score = sum / classes;
  if (options.adjusted) {
    const chance = 1 / classes;
    score = (score - chance) / (1 - chance);
  }
  return score;
}

interface Prf {
  precision: number;
  recall: number;
  fScore: number;
}

/** sklearn's `precision_recall_fscore_support` with an average (never `None`). */
function precisionRecallFscore(fn: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>, beta: number, options: PrecisionRecallOptions): Prf {
  const average = options.average ?? 'binary';
  if (!AVERAGES.includes(average)) {
    throw new InvalidParamError(`${fn}: 'average' must be one of ${AVERAGES.join(', ')}, got ${JSON.stringify(average)}`, { metric: fn, param: 'average', value: average });
  }
  const posLabel = options.posLabel ?? 1;
  checkPair(fn, 'yTrue', yTrue, 'yPred', yPred);
  const present = uniqueLabels(yTrue, yPred);
  let selected: ArrayLike<number>;
  if (average === 'binary') {
    if (present.length > 2) {
      throw new InvalidParamError(
        `${fn}: yTrue and yPred hold ${present.length} labels (${Array.from(present).join(', ')}) but average is 'binary'; choose 'macro', 'micro' or 'weighted'`,
        { metric: fn, param: 'average', value: average, labels: Array.from(present) },
      );
    }
    if (present.length === 2 && !present.includes(posLabel)) {
      throw new InvalidParamError(`${fn}: posLabel ${posLabel} is not a label of the data; it should be one of ${Array.from(present).join(', ')}`, {
        metric: fn,
        param: 'posLabel',
        value: posLabel,
      });
    }
    selected = [posLabel];
  } else {
    selected = options.labels ?? present;
  }
  // Per-label counts are independent of other labels, so count over the union and pick the selection.
  const { labels, k, counts } = confusionCounts(fn, yTrue, yPred, uniqueLabels(present, selected));
  const m = selected.length;
  const tp = new Float64Array(m);
  const predSum = new Float64Array(m);
  const trueSum = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const j = labels.indexOf(selected[s]);
    tp[s] = counts[j * k + j];
    for (let i = 0; i < k; i++) {
      predSum[s] += counts[i * k + j];
      trueSum[s] += counts[j * k + i];
    }
  }
  if (average === 'micro') {
    return fscoreOf(sum(tp), sum(predSum), sum(trueSum), beta);
  }
  const per = Array.from({ length: m }, (_, s) => fscoreOf(tp[s], predSum[s], trueSum[s], beta));
  if (average === 'weighted') {
    const total = sum(trueSum);
    // sklearn: with no true samples of any selected label every score is the zero_division value 0.
    if (total === 0) return { precision: 0, recall: 0, fScore: 0 };
    const w = (f: (p: Prf) => number): number => per.reduce((acc, p, s) => acc + f(p) * trueSum[s], 0) / total;
    return { precision: w((p) => p.precision), recall: w((p) => p.recall), fScore: w((p) => p.fScore) };
  }
  const mean = (f: (p: Prf) => number): number => per.reduce((acc, p) => acc + f(p), 0) / m;
  return { precision: mean((p) => p.precision), recall: mean((p) => p.recall), fScore: mean((p) => p.fScore) };
}

function fscoreOf(tp: number, predSum: number, trueSum: number, beta: number): Prf {
  const precision = predSum === 0 ? 0 : tp / predSum;
  const recall = trueSum === 0 ? 0 : tp / trueSum;
  if (beta === Infinity) return { precision, recall, fScore: recall };
  const beta2 = beta * beta;
  const denom = beta2 * precision + recall;
  return { precision, recall, fScore: denom === 0 ? 0 : ((1 + beta2) * precision * recall) / denom };
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/**
 * Precision tp / (tp + fp): of the samples predicted positive, the fraction truly positive.
 *
 * @example precisionScore([0, 1, 1, 0], [1, 1, 0, 0]); // → 0.5
 */
export function precisionScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: PrecisionRecallOptions = {}): number {
  return precisionRecallFscore('precisionScore', yTrue, yPred, 1, options).precision;
}

/**
 * Recall tp / (tp + fn): of the truly positive samples, the fraction predicted positive.
 *
 * @example recallScore([0, 1, 1, 0], [1, 1, 0, 0]); // → 0.5
 */
export function recallScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: PrecisionRecallOptions = {}): number {
  return precisionRecallFscore('recallScore', yTrue, yPred, 1, options).recall;
}

/**
 * F1: the harmonic mean of precision and recall.
 *
 * @example f1Score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'macro' }); // → 0.2667
 */
export function f1Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: PrecisionRecallOptions = {}): number {
  return precisionRecallFscore('f1Score', yTrue, yPred, 1, options).fScore;
}

/**
 * F-beta: weighted harmonic mean of precision and recall; `beta` > 1 favours recall, < 1 precision.
 *
 * @example fbetaScore([0, 1, 1, 0], [1, 1, 0, 0], 2); // → 0.5
 */
export function fbetaScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, beta: number, options: PrecisionRecallOptions = {}): number {
  if (beta !== Infinity) checkNumber('fbetaScore', 'beta', beta, { min: 0 });
  return precisionRecallFscore('fbetaScore', yTrue, yPred, beta, options).fScore;
}

/**
 * Matthews correlation coefficient in its multiclass form (Gorodkin 2004, as in sklearn): 1 is a
 * perfect prediction, 0 no better than chance, -1 total disagreement; 0 when it is undefined.
 *
 * @example matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1]); // → -0.3333
 */
export function matthewsCorrcoef(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { k, counts } = confusionCounts('matthewsCorrcoef', yTrue, yPred);
  const tSum = new Float64Array(k);
  const pSum = new Float64Array(k);
  let correct = 0;
  for (let i = 0; i < k; i++) {
    correct += counts[i * k + i];
    for (let j = 0; j < k; j++) {
      tSum[i] += counts[i * k + j];
      pSum[j] += counts[i * k + j];
    }
  }
  const n = sum(pSum);
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    tp += tSum[i] * pSum[i];
    pp += pSum[i] * pSum[i];
    tt += tSum[i] * tSum[i];
  }
  const covYtYp = correct * n - tp;
  const covYpYp = n * n - pp;
  const covYtYt = n * n - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}
