/**
 * Histogram gradient boosting regressor — scikit-learn 1.2's `HistGradientBoostingRegressor`
 * (`sklearn/ensemble/_hist_gradient_boosting/gradient_boosting.py`) with the squared error loss
 * (constant hessians, so histograms carry only gradient sums and counts). Missing values (NaN) are
 * routed natively.
 */
import type { FitOptions, StateValue } from '../../core/estimator.js';
import { Matrix, checkXy } from '../../core/matrix.js';
import { checkFeatureNameCount } from '../model-checks.js';
import { fitBoosting } from './boosting-fit.js';
import { checkNoInfinity, regressionTask, type BoostedEnsemble } from './boosting-task.js';
import type { HistGradientBoostingParams } from './boosting-params.js';
import { HistGradientBoostingBase } from './hist-gradient-boosting-base.js';

/**
 * Gradient-boosted regression trees on binned features.
 *
 * @example
 * const reg = new HistGradientBoostingRegressor({ maxLeafNodes: 63 }).fit(X, y);
 * const yHat = reg.predict(Xtest);
 */
export class HistGradientBoostingRegressor extends HistGradientBoostingBase<BoostedEnsemble> {
  readonly type = 'gradient_boosting_regressor';

  constructor(params: Partial<HistGradientBoostingParams> = {}) {
    super(params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const owner = this.constructor.name;
    const p = this.resolve();
    checkXy(owner, X, y);
    checkFeatureNameCount(owner, X, options.featureNames);
    checkNoInfinity(owner, X, options.featureNames);
    this.fitted = fitBoosting(X, regressionTask(owner, y), p, options);
    return this;
  }

  /** Predicted targets: baseline (mean of y) plus every tree. */
  predict(X: Matrix): Float64Array {
    return this.rawScores(X).data;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): BoostedEnsemble {
    return this.checkEnsemble(fitted);
  }
}
