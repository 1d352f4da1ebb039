/**
 * The project's standard metric set for one set of predictions, used by the CLI (`evaluate`) and the
 * experiment layer (CV scoring, held-out test). Each value is the sklearn 1.2 metric of the same name
 * with default options (see fixtures/metrics/generate.py, `evaluate_classification`).
 *
 * Undefined values are `null` rather than errors, so one degenerate fold does not abort a run:
 * `rocAuc` when a class is missing from yTrue (sklearn raises), ranking metrics without scores,
 * `logLoss`/`brier` unless the scores are probabilities, `averagePrecision` and `brier` for multiclass.
 */
import { DataError, InvalidParamError, ShapeError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { accuracyScore, balancedAccuracyScore, f1Score, matthewsCorrcoef, precisionScore, recallScore } from './classification/classification.js';
import { confusionMatrix } from './classification/confusion-matrix.js';
import { brierScoreLoss, logLoss } from './classification/probability-loss.js';
import { averagePrecisionScore, rocAucOneVsRest, rocAucScore } from './classification/ranking-auc.js';
import { meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, r2Score, rootMeanSquaredError } from './regression.js';
import { checkPair } from './validate.js';

/** The kind of prediction task. */
export type TaskKind = 'binary' | 'multiclass' | 'regression';

/** Input of {@link evaluatePredictions}. */
export interface EvaluateInput {
  task: TaskKind;
  /** Class index 0..k-1 for classification, the value for regression. */
  yTrue: ArrayLike<number>;
  /** Same encoding as yTrue. */
  yPred: ArrayLike<number>;
  /** Classification: n×k probabilities or decision scores (binary may be n×1 = positive-class score). */
  scores?: Matrix;
  /** When true, `logLoss` and `brier` are computed from `scores`. Default false. */
  scoresAreProbabilities?: boolean;
  /** Number of classes k (default: 2 for binary, 1 + the largest label for multiclass). */
  nClasses?: number;
}

/** Metric key → value; `confusionMatrix` is rows of counts over labels 0..k-1. */
export type MetricValues = Record<string, number | number[][] | null>;

const TASKS: readonly TaskKind[] = ['binary', 'multiclass', 'regression'];

/**
 * Scores predictions with the project's standard metric keys:
 * binary → accuracy, balancedAccuracy, precision, recall, f1 (class 1 positive), rocAuc,
 * averagePrecision, logLoss, mcc, brier, confusionMatrix; multiclass → the same with
 * precision/recall/f1 weighted, plus f1Macro, f1Micro, f1Weighted, precisionMacro, recallMacro and
 * rocAuc one-vs-rest macro; regression → rmse, mse, mae, r2, mape.
 *
 * `keys` limits the work to the metrics named (a CV fold needs only the selection metric; computing
 * the other ten, two of them sorting every score, took longer than predicting).
 *
 * @example
 * evaluatePredictions({ task: 'binary', yTrue: [0, 1, 1, 0], yPred: [0, 1, 0, 0] }).f1; // → 0.6667
 * evaluatePredictions(input, ['rocAuc']); // → { rocAuc: … } only
 */
export function evaluatePredictions(input: EvaluateInput, keys?: readonly string[]): MetricValues {
  const table = metricTable(input);
  const out: MetricValues = {};
  for (const key of keys ?? Object.keys(table)) if (key in table) out[key] = table[key]();
  return out;
}

type Metric = () => number | number[][] | null;

/** Checks the input (eagerly: bad input fails whichever metrics are asked for) and returns each metric as a thunk. */
function metricTable(input: EvaluateInput): Record<string, Metric> {
  const fn = 'evaluatePredictions';
  const { task, yTrue, yPred, scores } = input;
  if (!TASKS.includes(task)) {
    throw new InvalidParamError(`${fn}: task must be one of ${TASKS.join(', ')}, got ${JSON.stringify(task)}`, { param: 'task', value: task });
  }
  checkPair(fn, 'yTrue', yTrue, 'yPred', yPred);
  if (task === 'regression') {
    return {
      rmse: () => rootMeanSquaredError(yTrue, yPred),
      mse: () => meanSquaredError(yTrue, yPred),
      mae: () => meanAbsoluteError(yTrue, yPred),
      r2: () => r2Score(yTrue, yPred),
      mape: () => meanAbsolutePercentageError(yTrue, yPred),
    };
  }
  const k = classCount(fn, task, yTrue, yPred, input.nClasses);
  if (scores && scores.rows !== yTrue.length) {
    throw new ShapeError(`${fn}: scores has ${scores.rows} rows but yTrue has ${yTrue.length} values; they must match`, { scores: scores.rows, yTrue: yTrue.length });
  }
  const labels = Array.from({ length: k }, (_, i) => i);
  const probabilities = Boolean(scores && input.scoresAreProbabilities);
  const present = new Uint8Array(k);
  for (let i = 0; i < yTrue.length; i++) present[yTrue[i]] = 1;
  const allPresent = present.every((p) => p === 1);
  const common = {
    accuracy: () => accuracyScore(yTrue, yPred),
    balancedAccuracy: () => balancedAccuracyScore(yTrue, yPred),
    mcc: () => matthewsCorrcoef(yTrue, yPred),
    confusionMatrix: () => confusionMatrix(yTrue, yPred, { labels }).matrix,
  };
  if (task === 'binary') {
    if (scores && scores.cols !== 1 && scores.cols !== 2) {
      throw new ShapeError(`${fn}: binary scores must have 1 column (positive class) or 2 (one per class), got ${scores.cols}`, { columns: scores.cols });
    }
    const positive = scores ? scores.column(scores.cols - 1) : null;
    return {
      accuracy: common.accuracy,
      balancedAccuracy: common.balancedAccuracy,
      precision: () => precisionScore(yTrue, yPred),
      recall: () => recallScore(yTrue, yPred),
      f1: () => f1Score(yTrue, yPred),
      rocAuc: () => (positive && allPresent ? rocAucScore(yTrue, positive) : null),
      averagePrecision: () => (positive ? averagePrecisionScore(yTrue, positive) : null),
      logLoss: () => (positive && probabilities ? logLoss(yTrue, positive, { labels: [0, 1] }) : null),
      mcc: common.mcc,
      brier: () => (positive && probabilities ? brierScoreLoss(yTrue, positive) : null),
      confusionMatrix: common.confusionMatrix,
    };
  }
  if (scores && scores.cols !== k) {
    throw new ShapeError(`${fn}: multiclass scores must have one column per class (${k}), got ${scores.cols}`, { columns: scores.cols, classes: k });
  }
  const f1Weighted = () => f1Score(yTrue, yPred, { average: 'weighted' });
  return {
    accuracy: common.accuracy,
    balancedAccuracy: common.balancedAccuracy,
    precision: () => precisionScore(yTrue, yPred, { average: 'weighted' }),
    recall: () => recallScore(yTrue, yPred, { average: 'weighted' }),
    f1: f1Weighted,
    // Columns are only ranked, so the row-sum check of rocAucScore is not needed here.
    rocAuc: () => (scores && probabilities && allPresent ? rocAucOneVsRest(yTrue, scores, labels) : null),
    averagePrecision: () => null,
    logLoss: () => (scores && probabilities ? logLoss(yTrue, scores, { labels }) : null),
    mcc: common.mcc,
    brier: () => null,
    confusionMatrix: common.confusionMatrix,
    f1Macro: () => f1Score(yTrue, yPred, { average: 'macro' }),
    f1Micro: () => f1Score(yTrue, yPred, { average: 'micro' }),
    f1Weighted,
    precisionMacro: () => precisionScore(yTrue, yPred, { average: 'macro' }),
    recallMacro: () => recallScore(yTrue, yPred, { average: 'macro' }),
  };
}

/** k for a classification task; every label must be an integer class index below it. */
function classCount(fn: string, task: TaskKind, yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number | undefined): number {
  let max = 0;
  for (const [name, y] of [['yTrue', yTrue], ['yPred', yPred]] as const) {
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      if (!Number.isInteger(v) || v < 0) {
        throw new DataError(`${fn}: ${name} must hold class indices 0..k-1 for a ${task} task; row ${i} is ${v}. Encode labels as indices first`, { row: i, value: v });
      }
      if (v > max) max = v;
    }
  }
  if (nClasses !== undefined && (!Number.isInteger(nClasses) || nClasses < 1)) {
    throw new InvalidParamError(`${fn}: nClasses must be a positive integer, got ${nClasses}`, { param: 'nClasses', value: nClasses });
  }
  if (task === 'binary' && nClasses !== undefined && nClasses > 2) {
    throw new InvalidParamError(`${fn}: a binary task has 2 classes but nClasses is ${nClasses}; use task 'multiclass'`, { param: 'nClasses', value: nClasses });
  }
  const k = task === 'binary' ? 2 : Math.max(nClasses ?? max + 1, 2);
  if (max >= k) {
    throw new DataError(`${fn}: labels must be class indices below ${k} for this ${task} task, found ${max}`, { value: max, classes: k });
  }
  return k;
}
