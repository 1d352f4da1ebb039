/**
 * Elastic net and lasso — scikit-learn's `ElasticNet` and `Lasso`.
 *
 * Reference: scikit-learn 1.2 `sklearn/linear_model/_coordinate_descent.py` (`ElasticNet.fit`): the
 * objective 1/(2n)·‖y − Xw − b‖² + alpha·l1Ratio·‖w‖₁ + alpha·(1 − l1Ratio)/2·‖w‖², X and y centred
 * so the intercept is unpenalised, solved by coordinate descent from w = 0 (`coordinate-descent.ts`)
 * with sklearn's defaults (maxIter 1000, tol 1e-4, cyclic selection).
 */
import type { StateValue } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { Rng } from '../../core/rng.js';
import { stateNumber } from '../../core/state-check.js';
import { centredColumns, enetCoordinateDescent, enetCoordinateDescentGram } from './solvers/coordinate-descent.js';
import { centredGram } from './solvers/normal-equations.js';
import type { LinearFitOptions } from './linear-common.js';
import { LinearRegressor, checkLinearRegressorFitted, checkRegressionData, dataMeans, interceptFromMeans, type LinearRegressorFitted } from './linear-regressor.js';

/** Hyper-parameters of {@link ElasticNet}. */
export interface ElasticNetParams {
  /** Overall penalty strength (>= 0). Default 1. */
  alpha: number;
  /** Share of the L1 penalty in [0, 1] (1 = lasso, 0 = ridge-like). Default 0.5. */
  l1Ratio: number;
  /** Fit an unpenalised intercept. Default true. */
  fitIntercept: boolean;
  /** Maximum passes over the coordinates. Default 1000. */
  maxIter: number;
  /** Stop when the duality gap is below tol·‖y − ȳ‖². Default 1e-4. */
  tol: number;
  /** 'cyclic' (default) or 'random' coordinate order. */
  selection: 'cyclic' | 'random';
  /** Seed for selection 'random'. Default 0. */
  seed: number;
  /**
   * Work on the precomputed Gram matrix XᵀX: true, false (sklearn's default path, one pass over X per
   * sweep) or 'auto' (default: when n > 2·d, where it is much faster; same iterates up to rounding).
   */
  precompute: 'auto' | boolean;
}

/** Hyper-parameters of {@link Lasso}: those of the elastic net without `l1Ratio` (fixed at 1). */
export type LassoParams = Omit<ElasticNetParams, 'l1Ratio'>;

/** Learned state of the elastic net: the linear fit plus the final duality gap. */
export interface ElasticNetFitted extends LinearRegressorFitted {
  dualGap: number;
}

const BASE_DEFAULTS: LassoParams = { alpha: 1, fitIntercept: true, maxIter: 1000, tol: 1e-4, selection: 'cyclic', seed: 0, precompute: 'auto' };

/** Fit shared by {@link ElasticNet} and {@link Lasso}. */
function fitElasticNet(owner: string, p: LassoParams, l1Ratio: number, X: Matrix, y: ArrayLike<number>, options: LinearFitOptions): ElasticNetFitted {
  const alpha = checkNumber(owner, 'alpha', p.alpha, { min: 0 });
  const fitIntercept = checkOneOf(owner, 'fitIntercept', p.fitIntercept, [true, false] as const);
  const maxIter = checkNumber(owner, 'maxIter', p.maxIter, { min: 1, integer: true });
  const tol = checkNumber(owner, 'tol', p.tol, { min: 0 });
  const selection = checkOneOf(owner, 'selection', p.selection, ['cyclic', 'random'] as const);
  const seed = checkNumber(owner, 'seed', p.seed, { integer: true });
  const precompute = checkOneOf(owner, 'precompute', p.precompute, ['auto', true, false] as const);
  const yv = checkRegressionData(owner, X, y, options);
  const n = X.rows, d = X.cols;
  const { xMean, yMean } = dataMeans(X, yv, fitIntercept);
  const yc = yv.map((v) => v - yMean);
  const common = { d, l1: alpha * l1Ratio * n, l2: alpha * (1 - l1Ratio) * n, maxIter, tol, rng: selection === 'random' ? new Rng(seed) : undefined };
  let res;
  if (precompute === true || (precompute === 'auto' && n > 2 * d)) {
    const { gram, xty } = centredGram(X.data, n, d, yv, xMean, yMean);
    let yy = 0;
    for (let i = 0; i < n; i++) yy += yc[i] * yc[i];
    res = enetCoordinateDescentGram({ gram, xty, yy, ...common });
  } else {
    res = enetCoordinateDescent({ Xcol: centredColumns(X.data, n, d, xMean), n, y: yc, ...common });
  }
  options.onEpochEnd?.({ epoch: res.nIter, loss: res.gap / n });
  return {
    coef: res.w,
    intercept: fitIntercept ? interceptFromMeans(res.w, xMean, yMean) : 0,
    nFeatures: d,
    nIter: res.nIter,
    dualGap: res.gap / n, // sklearn reports the gap of the 1/(2n)-scaled objective
  };
}

abstract class ElasticNetBase<P extends LassoParams> extends LinearRegressor<P, ElasticNetFitted> {
  /** Duality gap at the solution (of the 1/(2n)-scaled objective; sklearn's `dual_gap_`). */
  get dualGap(): number {
    return this.requireFitted().dualGap;
  }

  protected override checkFitted(fitted: { [key: string]: StateValue }): ElasticNetFitted {
    return { ...checkLinearRegressorFitted(fitted), dualGap: stateNumber(fitted, 'dualGap') };
  }
}

/**
 * Linear regression with combined L1 and L2 penalties.
 *
 * @example
 * const m = new ElasticNet({ alpha: 0.01, l1Ratio: 0.5 }).fit(X, y);
 * m.coef; // some weights exactly 0
 */
export class ElasticNet extends ElasticNetBase<ElasticNetParams> {
  readonly type = 'elastic_net';

  constructor(params: Partial<ElasticNetParams> = {}) {
    super({ ...BASE_DEFAULTS, l1Ratio: 0.5 }, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): this {
    const l1Ratio = checkNumber('ElasticNet', 'l1Ratio', this.params.l1Ratio, { min: 0, max: 1 });
    this.fitted = fitElasticNet('ElasticNet', this.params, l1Ratio, X, y, options);
    return this;
  }
}

/**
 * Linear regression with an L1 penalty (sparse weights).
 *
 * @example
 * const m = new Lasso({ alpha: 0.001 }).fit(X, y);
 * const yHat = m.predict(Xtest);
 */
export class Lasso extends ElasticNetBase<LassoParams> {
  readonly type = 'lasso';

  constructor(params: Partial<LassoParams> = {}) {
    super({ ...BASE_DEFAULTS }, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): this {
    this.fitted = fitElasticNet('Lasso', this.params, 1, X, y, options);
    return this;
  }
}

