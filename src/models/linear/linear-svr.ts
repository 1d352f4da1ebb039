/**
 * Linear support vector regression — scikit-learn's `LinearSVR` (liblinear, dual formulation).
 *
 * Reference: scikit-learn 1.2 `sklearn/svm/_classes.py` (`LinearSVR`) and `_base.py::_fit_liblinear`
 * (solver L2R_L1LOSS_SVR_DUAL for 'epsilon_insensitive', L2R_L2LOSS_SVR_DUAL for
 * 'squared_epsilon_insensitive'; intercept = interceptScaling × the bias feature's weight, which is
 * penalised like the others). The solver is in `svr-dual-coordinate-descent.ts`.
 */
import type { Matrix } from '../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { Rng } from '../../core/rng.js';
import type { LinearFitOptions } from './linear-common.js';
import { LinearRegressor, checkRegressionData } from './linear-regressor.js';
import { rowStore } from './solvers/row-store.js';
import { solveSvrDualCd } from './solvers/svr-dual-coordinate-descent.js';

/** Hyper-parameters of {@link LinearSVR}. */
export interface LinearSVRParams {
  /** Cost of errors outside the tube (> 0). Default 1. */
  C: number;
  /** Half-width of the insensitive tube (>= 0), in units of y. Default 0. */
  epsilon: number;
  /** 'epsilon_insensitive' (L1 loss, default) or 'squared_epsilon_insensitive' (L2 loss). */
  loss: 'epsilon_insensitive' | 'squared_epsilon_insensitive';
  /** Fit an intercept (as a penalised extra feature, like liblinear). Default true. */
  fitIntercept: boolean;
  /** Value of the extra intercept feature. Default 1. */
  interceptScaling: number;
  /** Maximum passes over the data. Default 1000. */
  maxIter: number;
  /** Stop when the summed violations fall to tol × their first-pass value. Default 1e-4. */
  tol: number;
  /** Seed of the coordinate permutation. Default 0. */
  seed: number;
}

const OWNER = 'LinearSVR';

/**
 * Linear SVM regressor.
 *
 * @example
 * const m = new LinearSVR({ C: 1, epsilon: 0.1 }).fit(X, y);
 * const yHat = m.predict(Xtest);
 */
export class LinearSVR extends LinearRegressor<LinearSVRParams> {
  readonly type = 'linear_svr';

  constructor(params: Partial<LinearSVRParams> = {}) {
    super({ C: 1, epsilon: 0, loss: 'epsilon_insensitive', fitIntercept: true, interceptScaling: 1, maxIter: 1000, tol: 1e-4, seed: 0 }, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): this {
    const p = this.params;
    const C = checkNumber(OWNER, 'C', p.C, { min: 0, exclusiveMin: true });
    const epsilon = checkNumber(OWNER, 'epsilon', p.epsilon, { min: 0 });
    const loss = checkOneOf(OWNER, 'loss', p.loss, ['epsilon_insensitive', 'squared_epsilon_insensitive'] as const);
    const fitIntercept = checkOneOf(OWNER, 'fitIntercept', p.fitIntercept, [true, false] as const);
    const interceptScaling = checkNumber(OWNER, 'interceptScaling', p.interceptScaling, { min: 0, exclusiveMin: true });
    const maxIter = checkNumber(OWNER, 'maxIter', p.maxIter, { min: 1, integer: true });
    const tol = checkNumber(OWNER, 'tol', p.tol, { min: 0, exclusiveMin: true });
    const seed = checkNumber(OWNER, 'seed', p.seed, { integer: true });
    const yv = checkRegressionData(OWNER, X, y, options);
    const d = X.cols;
    const res = solveSvrDualCd({
      X: rowStore(X), y: yv, C, epsilon, loss, bias: fitIntercept ? interceptScaling : -1, tol, maxIter, rng: new Rng(seed),
    });
    this.fitted = {
      coef: res.w.slice(0, d),
      intercept: fitIntercept ? interceptScaling * res.w[d] : 0,
      nFeatures: d,
      nIter: res.iterations,
    };
    return this;
  }
}
