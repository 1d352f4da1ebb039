/**
 * Regression errors and R², after scikit-learn 1.2 `sklearn/metrics/_regression.py` (single output,
 * no sample weights): mean_squared_error (also with squared=False), mean_absolute_error, r2_score
 * with force_finite=True, mean_absolute_percentage_error.
 */
import { checkPair } from './validate.js';

/**
 * Mean of squared differences. Lower is better.
 *
 * @example meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // → 0.375
 */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair('meanSquaredError', 'yTrue', yTrue, 'yPred', yPred);
  return squaredErrorSum(yTrue, yPred) / yTrue.length;
}

/**
 * Square root of the mean squared error, in the target's units. Lower is better.
 *
 * @example rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // → 0.6124
 */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair('rootMeanSquaredError', 'yTrue', yTrue, 'yPred', yPred);
  return Math.sqrt(squaredErrorSum(yTrue, yPred) / yTrue.length);
}

/**
 * Mean of absolute differences. Lower is better.
 *
 * @example meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // → 0.5
 */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair('meanAbsoluteError', 'yTrue', yTrue, 'yPred', yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / yTrue.length;
}

/**
 * Coefficient of determination 1 − SS_res / SS_tot: 1 is perfect, 0 is as good as predicting the
 * mean, negative is worse. For a constant yTrue (SS_tot = 0) it is 1 if the predictions are exact,
 * else 0 (sklearn's force_finite).
 *
 * @example r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // → 0.9486
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair('r2Score', 'yTrue', yTrue, 'yPred', yPred);
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssTot = 0;
  for (let i = 0; i < n; i++) ssTot += (yTrue[i] - mean) ** 2;
  const ssRes = squaredErrorSum(yTrue, yPred);
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/**
 * Mean of |yTrue − yPred| / |yTrue| as a fraction (0.1 = 10 %, not 10). A zero yTrue divides by
 * machine epsilon instead, as in sklearn, so such rows give huge errors. Lower is better.
 *
 * @example meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // → 0.3274
 */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair('meanAbsolutePercentageError', 'yTrue', yTrue, 'yPred', yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]) / Math.max(Math.abs(yTrue[i]), Number.EPSILON);
  return s / yTrue.length;
}

function squaredErrorSum(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i] - yPred[i];
    s += d * d;
  }
  return s;
}
