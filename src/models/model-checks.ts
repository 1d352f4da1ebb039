/**
 * Input checks shared by the model families (linear, trees, SVMs, naive Bayes, neighbours): finite
 * features naming the column, `featureNames` of the right length, finite targets naming the row,
 * class-label encoding, and the predict-time feature count. One wording everywhere, so a user sees
 * the same message and remedy whichever model refused the data.
 */
import { DataError, ShapeError } from '../core/errors.js';
import { type Matrix, checkXy } from '../core/matrix.js';

/**
 * Throws `E_DATA` at the first NaN or infinite value, naming its column (and name when known) and row.
 *
 * @example
 * checkFinite('SVR', X, ['age', 'income']); // throws E_DATA "feature column 1 ('income') has a missing value (NaN) at row 3; …"
 */
export function checkFinite(owner: string, X: Matrix, featureNames?: readonly string[]): void {
  const data = X.data;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (v - v !== 0) {
      // v - v is NaN exactly for NaN and ±Infinity: one cheap test on the hot path.
      const row = Math.floor(k / X.cols);
      const col = k % X.cols;
      const name = featureNames?.[col];
      const what = Number.isNaN(v) ? 'a missing value (NaN)' : `an infinite value (${v})`;
      throw new DataError(
        `${owner}: feature column ${col}${name !== undefined ? ` ('${name}')` : ''} has ${what} at row ${row}; ` +
          `${owner} cannot handle missing values — impute them first (e.g. a SimpleImputer step) or drop the column`,
        { estimator: owner, column: col, feature: name ?? null, row, value: String(v) },
      );
    }
  }
}

/**
 * Throws `E_SHAPE` unless `featureNames` (when given) has one name per column of X.
 *
 * @example
 * checkFeatureNameCount('SVR', X, options.featureNames);
 */
export function checkFeatureNameCount(owner: string, X: Matrix, featureNames?: readonly string[]): void {
  if (featureNames !== undefined && featureNames.length !== X.cols) {
    throw new ShapeError(`${owner}: featureNames has ${featureNames.length} names but X has ${X.cols} columns`, {
      estimator: owner,
      names: featureNames.length,
      features: X.cols,
    });
  }
}

/**
 * y as a Float64Array copy; a missing or non-finite target is `E_DATA` naming the row.
 *
 * @example
 * checkFiniteTargets('SVR', [1, 2.5]); // Float64Array [1, 2.5]
 */
export function checkFiniteTargets(owner: string, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      throw new DataError(`${owner}: target y has a missing or non-finite value (${v}) at row ${i}; drop those rows before fitting`, {
        estimator: owner,
        row: i,
      });
    }
    out[i] = v;
  }
  return out;
}

/**
 * Validates X and a continuous y for `fit` — matching rows (`E_SHAPE`), `featureNames` length,
 * finite X naming the column and finite y naming the row (`E_DATA`) — and returns y as a Float64Array.
 *
 * @example
 * const target = checkRegressionFit('SVR', X, y, options.featureNames);
 */
export function checkRegressionFit(owner: string, X: Matrix, y: ArrayLike<number>, featureNames?: readonly string[]): Float64Array {
  checkXy(owner, X, y);
  checkFeatureNameCount(owner, X, featureNames);
  checkFinite(owner, X, featureNames);
  return checkFiniteTargets(owner, y);
}

/**
 * Encodes y as indices into its sorted distinct labels; `E_DATA` for a non-finite label (naming the
 * row) or a single class. X is not looked at (callers check it as they need).
 *
 * @example
 * const { classes, yIdx } = encodeClassLabels('GaussianNB', [3, 1, 3]); // classes [1, 3], yIdx [1, 0, 1]
 */
export function encodeClassLabels(owner: string, y: ArrayLike<number>): { classes: Float64Array; yIdx: Int32Array } {
  checkFiniteTargets(owner, y);
  const classes = Float64Array.from(new Set(Array.from(y))).sort();
  if (classes.length < 2) {
    throw new DataError(`${owner}: y has a single class (${classes[0]}); a classifier needs at least 2 classes — check the target column and the split`, {
      estimator: owner,
      classes: Array.from(classes),
    });
  }
  const index = new Map<number, number>();
  classes.forEach((c, i) => index.set(c, i));
  const yIdx = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) yIdx[i] = index.get(y[i])!;
  return { classes, yIdx };
}

/**
 * Validates X and y for a classifier's `fit` (shapes, `featureNames`, finite X and y) and encodes y
 * as indices into the sorted distinct labels.
 *
 * @example
 * const { classes, yIdx } = encodeTargets('SVC', X, y, options.featureNames);
 */
export function encodeTargets(owner: string, X: Matrix, y: ArrayLike<number>, featureNames?: readonly string[]): { classes: Float64Array; yIdx: Int32Array } {
  checkXy(owner, X, y);
  checkFeatureNameCount(owner, X, featureNames);
  checkFinite(owner, X, featureNames);
  return encodeClassLabels(owner, y);
}

/**
 * Checks X at predict time: the fitted feature count (`E_SHAPE`) and finite values (`E_DATA`).
 *
 * @example
 * checkPredictX('SVR', Xtest, fitted.nFeatures);
 */
export function checkPredictX(owner: string, X: Matrix, nFeatures: number): void {
  if (X.cols !== nFeatures) {
    throw new ShapeError(`${owner}: X has ${X.cols} features, but the model was fitted with ${nFeatures}; pass the same columns as in fit`, {
      estimator: owner,
      features: X.cols,
      expected: nFeatures,
    });
  }
  checkFinite(owner, X);
}
