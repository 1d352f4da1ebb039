/**
 * Ordinary least squares — scikit-learn's `LinearRegression`.
 *
 * Reference: scikit-learn 1.2 `sklearn/linear_model/_base.py` (`LinearRegression.fit`): X and y are
 * centred (`_preprocess_data`) so the intercept is ȳ − x̄·w, then `scipy.linalg.lstsq` gives the
 * minimum-norm solution. Here the centred normal equations are solved by Cholesky, falling back to a
 * minimum-norm eigen solve when X is rank deficient (e.g. one-hot columns that sum to the intercept);
 * see `normal-equations.ts`.
 */
import type { StateValue } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import { checkOneOf } from '../../core/params.js';
import { stateNumber } from '../../core/state-check.js';
import { LinearRegressor, checkLinearRegressorFitted, checkRegressionData, dataMeans, interceptFromMeans, type LinearRegressorFitted } from './linear-regressor.js';
import type { LinearFitOptions } from './linear-common.js';
import { centredGram, choleskySolve, minNormSolve } from './solvers/normal-equations.js';

/** Hyper-parameters of {@link LinearRegression}. */
export interface LinearRegressionParams {
  /** Fit an intercept (by centring X and y). Default true. */
  fitIntercept: boolean;
}

/** Learned state of {@link LinearRegression}: the linear fit plus the numerical rank of X (centred). */
export interface LinearRegressionFitted extends LinearRegressorFitted {
  rank: number;
}

const OWNER = 'LinearRegression';

/**
 * Least-squares linear regression.
 *
 * @example
 * const m = new LinearRegression().fit(X, y);
 * const yHat = m.predict(Xtest);
 * m.rank; // < X.cols when columns are collinear (the minimum-norm solution is returned)
 */
export class LinearRegression extends LinearRegressor<LinearRegressionParams, LinearRegressionFitted> {
  readonly type = 'linear_regression';

  constructor(params: Partial<LinearRegressionParams> = {}) {
    super({ fitIntercept: true }, params);
  }

  /** Numerical rank of the (centred) design matrix. */
  get rank(): number {
    return this.requireFitted().rank;
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): this {
    const fitIntercept = checkOneOf(OWNER, 'fitIntercept', this.params.fitIntercept, [true, false] as const);
    const yv = checkRegressionData(OWNER, X, y, options);
    const { xMean, yMean } = dataMeans(X, yv, fitIntercept);
    const d = X.cols;
    const { gram, xty } = centredGram(X.data, X.rows, d, yv, xMean, yMean);
    let coef = choleskySolve(gram, xty, d);
    let rank = d;
    if (coef === null) ({ w: coef, rank } = minNormSolve(gram, xty, d));
    this.fitted = { coef, intercept: fitIntercept ? interceptFromMeans(coef, xMean, yMean) : 0, nFeatures: d, nIter: 0, rank };
    return this;
  }

  protected override checkFitted(fitted: { [key: string]: StateValue }): LinearRegressionFitted {
    return { ...checkLinearRegressorFitted(fitted), rank: stateNumber(fitted, 'rank') };
  }
}
