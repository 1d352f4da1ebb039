/**
 * Linear regressor trained by stochastic gradient descent — scikit-learn's `SGDRegressor`.
 *
 * Reference: scikit-learn 1.2 `sklearn/linear_model/_stochastic_gradient.py` (`SGDRegressor`): same
 * solver as the classifier (`sgd-solver.ts`) on the raw targets, with 'invscaling' (eta0 0.01,
 * powerT 0.25) as the default schedule and epsilon 0.1 for the huber / epsilon-insensitive losses.
 * Standardise the features first: like sklearn, SGD diverges on raw scales.
 */
import type { Matrix } from '../../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../../core/params.js';
import { Rng } from '../../../core/rng.js';
import type { LinearFitOptions } from '../linear-common.js';
import { LinearRegressor, checkRegressionData } from '../linear-regressor.js';
import { REGRESSION_LOSSES, type SgdRegressionLoss, lossCode } from './sgd-losses.js';
import { SGD_COMMON_DEFAULTS, type SgdCommonParams, checkSgdParams } from './sgd-params.js';
import { plainSgd } from './sgd-solver.js';

/** Hyper-parameters of {@link SGDRegressor} (see `SgdCommonParams` for the shared ones). */
export interface SGDRegressorParams extends SgdCommonParams {
  /** 'squared_error' (default), 'huber', 'epsilon_insensitive' or 'squared_epsilon_insensitive'. */
  loss: SgdRegressionLoss;
  /** Huber threshold / insensitive-tube half-width (>= 0). Default 0.1. */
  epsilon: number;
}

const OWNER = 'SGDRegressor';

/**
 * Linear regressor fitted by SGD.
 *
 * @example
 * const m = new SGDRegressor({ loss: 'huber', seed: 3 }).fit(Xscaled, y);
 * const yHat = m.predict(XtestScaled);
 */
export class SGDRegressor extends LinearRegressor<SGDRegressorParams> {
  readonly type = 'sgd_regressor';

  constructor(params: Partial<SGDRegressorParams> = {}) {
    super({ ...SGD_COMMON_DEFAULTS, loss: 'squared_error', epsilon: 0.1, learningRate: 'invscaling', eta0: 0.01, powerT: 0.25 }, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): this {
    const c = checkSgdParams(OWNER, this.params);
    const lossName = checkOneOf(OWNER, 'loss', this.params.loss, REGRESSION_LOSSES);
    const epsilon = checkNumber(OWNER, 'epsilon', this.params.epsilon, { min: 0 });
    const yv = checkRegressionData(OWNER, X, y, options);
    const res = plainSgd({
      x: X.data, n: X.rows, d: X.cols, y: yv, weight: null,
      loss: lossCode(lossName), lossParam: epsilon,
      ...c,
      rng: new Rng(c.seed),
      onEpoch: options.onEpochEnd && ((epoch, loss) => options.onEpochEnd!({ epoch, loss })),
    });
    this.fitted = { coef: res.w, intercept: res.intercept, nFeatures: X.cols, nIter: res.nIter };
    return this;
  }
}
