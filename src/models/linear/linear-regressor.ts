/**
 * Base of the linear regressors (LinearRegression, Ridge, Lasso, ElasticNet, LinearSVR, SGDRegressor):
 * one weight vector and an intercept, `predict = X·coef + intercept`, input checks for continuous
 * targets and the saved-state schema. Also the centring step that scikit-learn's `_preprocess_data`
 * applies before its solvers, so that the intercept is never penalised.
 */
import { DataError, ModelFileError } from '../../core/errors.js';
import { Estimator, type FitOptions, type StateValue } from '../../core/estimator.js';
import { Matrix, checkXy } from '../../core/matrix.js';
import { stateArray, stateNumber } from '../../core/state-check.js';
import { checkFinite, checkPredictX } from './linear-common.js';
import { checkFeatureNameCount } from '../model-checks.js';

/** Learned state shared by the linear regressors. */
export interface LinearRegressorFitted {
  /** One weight per feature. */
  coef: Float64Array;
  intercept: number;
  nFeatures: number;
  /** Solver iterations (passes, epochs); 0 for closed-form solvers. */
  nIter: number;
}

/**
 * Checks X and a continuous y for `fit`: matching rows (`E_SHAPE`), finite X naming the column and
 * finite y naming the row (`E_DATA`), and `featureNames` of the right length.
 *
 * @example
 * const yv = checkRegressionData('Ridge', X, y, options); // Float64Array copy of y
 */
export function checkRegressionData(owner: string, X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): Float64Array {
  checkXy(owner, X, y);
  const names = options.featureNames;
  checkFeatureNameCount(owner, X, names);
  checkFinite(owner, X, names);
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      throw new DataError(`${owner}: target y has a missing or non-finite value (${v}) at row ${i}; drop those rows or impute the target before fitting`, {
        estimator: owner,
        row: i,
      });
    }
    out[i] = v;
  }
  return out;
}

/**

 * Column means of X and the mean of y (zeros when not centring).

 *
 * @example
 * const { xMean, yMean } = dataMeans(X, y, fitIntercept);
 */
export function dataMeans(X: Matrix, y: Float64Array, center: boolean): { xMean: Float64Array; yMean: number } {
  const n = X.rows, d = X.cols, x = X.data;
  const xMean = new Float64Array(d);
  let yMean = 0;
  if (!center) return { xMean, yMean };
  for (let i = 0; i < n; i++) {
    const off = i * d;
    for (let j = 0; j < d; j++) xMean[j] += x[off + j];
    yMean += y[i];
  }
  for (let j = 0; j < d; j++) xMean[j] /= n;
  return { xMean, yMean: yMean / n };
}

/**

 * intercept = ȳ − x̄·w (the intercept of a fit on centred data, as sklearn's `_set_intercept`).

 *
 * @example
 * const b = interceptFromMeans(coef, xMean, yMean);
 */
export function interceptFromMeans(coef: Float64Array, xMean: Float64Array, yMean: number): number {
  let s = yMean;
  for (let j = 0; j < coef.length; j++) s -= xMean[j] * coef[j];
  return s;
}

/**

 * Schema check of {@link LinearRegressorFitted} in a saved model.

 *
 * @example
 * protected checkFitted(f) { return checkLinearRegressorFitted(f); }
 */
export function checkLinearRegressorFitted(fitted: { [k: string]: StateValue }): LinearRegressorFitted {
  const nFeatures = stateNumber(fitted, 'nFeatures');
  if (!Number.isInteger(nFeatures) || nFeatures < 0) {
    throw new ModelFileError(`model file: nFeatures must be an integer >= 0, got ${nFeatures}`, { field: 'nFeatures' });
  }
  return {
    coef: stateArray(fitted, 'coef', Float64Array, nFeatures),
    intercept: stateNumber(fitted, 'intercept'),
    nFeatures,
    nIter: stateNumber(fitted, 'nIter'),
  };
}

/**
 * A fitted linear regressor: `predict(X) = X·coef + intercept`.
 *
 * @example
 * const m = new Ridge({ alpha: 1 }).fit(X, y);
 * m.coef;        // Float64Array, one weight per feature
 * m.predict(X);  // Float64Array
 */
export abstract class LinearRegressor<P extends object, F extends LinearRegressorFitted = LinearRegressorFitted> extends Estimator<P, F> {
  /** Weights, one per feature (a copy). */
  get coef(): Float64Array {
    return this.requireFitted().coef.slice();
  }

  get intercept(): number {
    return this.requireFitted().intercept;
  }

  /** Solver iterations used (0 for closed-form fits). */
  get nIter(): number {
    return this.requireFitted().nIter;
  }

  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    checkPredictX(this.constructor.name, X, f.nFeatures);
    const n = X.rows, d = X.cols, x = X.data, w = f.coef;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const off = i * d;
      let s = f.intercept;
      for (let j = 0; j < d; j++) s += x[off + j] * w[j];
      out[i] = s;
    }
    return out;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): F {
    return checkLinearRegressorFitted(fitted) as F;
  }
}
