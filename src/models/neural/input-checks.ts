/**
 * Input checks shared by fit and predict: a network silently turns one NaN into NaN weights, so
 * non-finite features are refused up front with the column (and its name, when known) and a remedy.
 */
import { DataError, ShapeError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';

/** Throws `E_DATA` naming the first feature column that holds NaN or ±Infinity. */
export function checkFiniteFeatures(owner: string, X: Matrix, featureNames?: readonly string[]): void {
  const { rows, cols, data } = X;
  for (let i = 0; i < data.length; i++) {
    if (Number.isFinite(data[i])) continue;
    const col = i % cols;
    let count = 0;
    for (let r = 0; r < rows; r++) if (!Number.isFinite(data[r * cols + col])) count++;
    const value = data[i];
    const name = featureNames?.[col] !== undefined ? ` ('${featureNames[col]}')` : '';
    const what = Number.isNaN(value) ? 'missing (NaN)' : 'infinite';
    throw new DataError(
      `${owner}: feature column ${col}${name} has ${count} ${what} value${count === 1 ? '' : 's'} (first: row ${Math.floor(i / cols)}, ${value}); ` +
        `impute missing values (e.g. a median imputer) or drop the column before using a neural network, which cannot handle them`,
      { estimator: owner, column: col, feature: featureNames?.[col], row: Math.floor(i / cols), count, value: String(value) },
    );
  }
}

/** Throws `E_SHAPE` unless `featureNames` (when given) has one name per column of X. */
export function checkFeatureNames(owner: string, X: Matrix, featureNames?: readonly string[]): void {
  if (featureNames !== undefined && featureNames.length !== X.cols) {
    throw new ShapeError(`${owner}: featureNames has ${featureNames.length} names but X has ${X.cols} columns; pass one name per column`, {
      estimator: owner,
      names: featureNames.length,
      cols: X.cols,
    });
  }
}

/**
 * Sorted distinct labels of `y` and each row's class index. Throws `E_DATA` for non-finite labels
 * and for a target with fewer than two classes.
 */
export function encodeLabels(owner: string, y: ArrayLike<number>): { classes: Float64Array; index: Int32Array } {
  const n = y.length;
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      throw new DataError(`${owner}: target y has a non-finite label at row ${i} (${v}); drop or fill rows with missing targets before fitting`, {
        estimator: owner,
        row: i,
      });
    }
    if (!seen.has(v)) seen.set(v, 0);
  }
  const classes = Float64Array.from(seen.keys()).sort();
  if (classes.length < 2) {
    throw new DataError(
      `${owner}: target y has a single class (${classes[0]}) in ${n} rows; a classifier needs at least two — check the target column or the split`,
      { estimator: owner, classes: Array.from(classes) },
    );
  }
  classes.forEach((c, i) => seen.set(c, i));
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = seen.get(y[i]) as number;
  return { classes, index };
}

/**
 * Predict-time checks: the fitted feature count (`E_SHAPE`, both counts) and finite values.
 *
 * @example
 * checkPredictInput('NeuralNetRegressor', X, 8); // throws E_SHAPE when X.cols !== 8
 */
export function checkPredictInput(owner: string, X: Matrix, nFeatures: number): void {
  if (X.cols !== nFeatures) {
    throw new ShapeError(`${owner}: X has ${X.cols} features but the model was fitted on ${nFeatures}; pass the same columns as in fit`, {
      estimator: owner,
      cols: X.cols,
      expected: nFeatures,
    });
  }
  checkFiniteFeatures(owner, X);
}
