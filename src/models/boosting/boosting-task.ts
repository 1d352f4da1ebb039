/**
 * What a boosting fit takes and gives: the task (loss, targets, outputs, stratification) the
 * classifier and the regressor each make, the fitted ensemble, and the check on X both share.
 */
import { DataError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { checkFiniteTargets, encodeClassLabels } from '../model-checks.js';
import type { BoostingLoss } from './boosting-losses.js';
import type { TreeArrays } from './tree-nodes.js';

/** What a boosting fit learns (the estimators add their own fields). */
export interface BoostedEnsemble {
  nFeatures: number;
  /** Outputs per iteration: 1 (binary, regression) or the number of classes. */
  nOutputs: number;
  baseline: Float64Array;
  nIter: number;
  trees: TreeArrays;
  /** Total split gain per feature, normalised to sum 1 (all zero when no split was made). */
  featureImportances: Float64Array;
  /** Training loss per iteration (only when `onEpochEnd` was given; else empty). */
  trainLoss: Float64Array;
  /** Validation loss before the first and after each iteration (empty without early stopping). */
  validationLoss: Float64Array;
}

/** Task-specific inputs of the loop. */
export interface BoostingTask {
  owner: string;
  loss: BoostingLoss;
  /** Class index (log loss) or target per row. */
  y: Float64Array;
  nOutputs: number;
  /** Class indices to stratify the validation split by (classifiers), or null. */
  stratify: Int32Array | null;
}

/**
 * Refuses ±Infinity in X (NaN is a missing value, routed natively): `E_DATA` naming the column (and
 * its name when known), the row and the value.
 *
 * @example
 * checkNoInfinity('HistGradientBoostingRegressor', X, options.featureNames);
 */
export function checkNoInfinity(owner: string, X: Matrix, featureNames?: readonly string[]): void {
  const x = X.data, d = X.cols;
  for (let k = 0; k < x.length; k++) {
    const v = x[k];
    if (v === Infinity || v === -Infinity) {
      const col = k % d, name = featureNames?.[col];
      throw new DataError(
        `${owner}: feature column ${col}${name !== undefined ? ` ('${name}')` : ''} has an infinite value (${v}) at row ${Math.floor(k / d)}; ` +
          'clip it or replace it with NaN (missing values are handled natively)',
        { estimator: owner, column: col, feature: name ?? null, row: Math.floor(k / d), value: String(v) },
      );
    }
  }
}

/**
 * A classifier's boosting task: class indices under log loss, one output for two classes (else one
 * per class), the early-stopping hold-out stratified by class.
 *
 * @example
 * const { task, classes } = classificationTask('HistGradientBoostingClassifier', y);
 */
export function classificationTask(owner: string, y: ArrayLike<number>): { task: BoostingTask; classes: Float64Array } {
  const { classes, yIdx } = encodeClassLabels(owner, y);
  const k = classes.length;
  return { task: { owner, loss: 'log_loss', y: Float64Array.from(yIdx), nOutputs: k === 2 ? 1 : k, stratify: yIdx }, classes };
}

/**
 * A regressor's boosting task: finite targets under squared error, one output, no stratification.
 *
 * @example
 * const task = regressionTask('HistGradientBoostingRegressor', y);
 */
export function regressionTask(owner: string, y: ArrayLike<number>): BoostingTask {
  return { owner, loss: 'squared_error', y: checkFiniteTargets(owner, y), nOutputs: 1, stratify: null };
}
