/**
 * Extremely randomised trees (Geurts, Ernst & Wehenkel 2006) — scikit-learn 1.2's
 * `ExtraTreesClassifier` / `ExtraTreesRegressor`: one uniform random threshold per drawn feature
 * (`RandomSplitter`), the best of those kept; every tree sees all rows by default (`bootstrap: false`).
 */
import { ForestClassifier, ForestRegressor, forestClassifierDefaults, forestRegressorDefaults, type ForestClassifierParams, type ForestRegressorParams } from './forest-base.js';

/**
 * Extra-Trees classifier (registry type 'extra_trees').
 *
 * @example
 * const et = new ExtraTreesClassifier({ nEstimators: 200 }).fit(X, y);
 * et.predictProba(Xtest);
 */
export class ExtraTreesClassifier extends ForestClassifier {
  readonly type = 'extra_trees';
  protected readonly splitter = 'random';

  constructor(params: Partial<ForestClassifierParams> = {}) {
    super(forestClassifierDefaults(false), params);
  }
}

/**
 * Extra-Trees regressor (registry type 'extra_trees_regressor').
 *
 * @example
 * const et = new ExtraTreesRegressor({ nEstimators: 100 }).fit(X, y);
 * et.predict(Xtest);
 */
export class ExtraTreesRegressor extends ForestRegressor {
  readonly type = 'extra_trees_regressor';
  protected readonly splitter = 'random';

  constructor(params: Partial<ForestRegressorParams> = {}) {
    super(forestRegressorDefaults(false), params);
  }
}
