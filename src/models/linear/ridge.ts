/**
 * L2-penalised least squares — scikit-learn's `Ridge` with its 'cholesky' solver.
 *
 * Reference: scikit-learn 1.2 `sklearn/linear_model/_ridge.py` (`_solve_cholesky`, `_BaseRidge.fit`):
 * minimises ‖y − Xw − b‖² + alpha·‖w‖² (no 1/n factor); X and y are centred first so the intercept is
 * not penalised, then (XᵀX + alpha·I)·w = Xᵀy is solved by Cholesky. With alpha = 0 and collinear
 * columns the system is singular and the minimum-norm solution is returned instead.
 */
import type { Matrix } from '../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { LinearRegressor, checkRegressionData, dataMeans, interceptFromMeans } from './linear-regressor.js';
import type { LinearFitOptions } from './linear-common.js';
import { centredGram, choleskySolve, minNormSolve } from './solvers/normal-equations.js';

/** Hyper-parameters of {@link Ridge}. */
export interface RidgeParams {
  /** L2 penalty strength (>= 0). Default 1. */
  alpha: number;
  /** Fit an unpenalised intercept (by centring X and y). Default true. */
  fitIntercept: boolean;
}

const OWNER = 'Ridge';

/**
 * Ridge regression.
 *
 * @example
 * const m = new Ridge({ alpha: 10 }).fit(X, y);
 * const yHat = m.predict(Xtest);
 */
export class Ridge extends LinearRegressor<RidgeParams> {
  readonly type = 'ridge';

  constructor(params: Partial<RidgeParams> = {}) {
    super({ alpha: 1, fitIntercept: true }, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): this {
    const alpha = checkNumber(OWNER, 'alpha', this.params.alpha, { min: 0 });
    const fitIntercept = checkOneOf(OWNER, 'fitIntercept', this.params.fitIntercept, [true, false] as const);
    const yv = checkRegressionData(OWNER, X, y, options);
    const { xMean, yMean } = dataMeans(X, yv, fitIntercept);
    const d = X.cols;
    const { gram, xty } = centredGram(X.data, X.rows, d, yv, xMean, yMean);
    for (let j = 0; j < d; j++) gram[j * d + j] += alpha;
    const coef = choleskySolve(gram, xty, d) ?? minNormSolve(gram, xty, d).w;
    this.fitted = { coef, intercept: fitIntercept ? interceptFromMeans(coef, xMean, yMean) : 0, nFeatures: d, nIter: 0 };
    return this;
  }
}
