/**
 * Random forests (Breiman 2001) — scikit-learn 1.2's `RandomForestClassifier` / `RandomForestRegressor`:
 * best splits over a fresh random subset of features at every split, each tree on a bootstrap sample.
 */
import { ForestClassifier, ForestRegressor, forestClassifierDefaults, forestRegressorDefaults, type ForestClassifierParams, type ForestRegressorParams } from './forest-base.js';

/**
 * Random forest classifier (registry type 'random_forest').
 *
 * @example
 * const rf = new RandomForestClassifier({ nEstimators: 200, oobScore: true, seed: 1 }).fit(X, y);
 * rf.predictProba(Xtest); // mean of the trees' leaf class fractions
 * rf.oobScore;            // out-of-bag accuracy
 */
export class RandomForestClassifier extends ForestClassifier {
  readonly type = 'random_forest';
  protected readonly splitter = 'best';

  constructor(params: Partial<ForestClassifierParams> = {}) {
    super(forestClassifierDefaults(true), params);
  }
}

/**
 * Random forest regressor (registry type 'random_forest_regressor').
 *
 * @example
 * const rf = new RandomForestRegressor({ nEstimators: 100, maxFeatures: 0.33 }).fit(X, y);
 * rf.predict(Xtest);
 */
export class RandomForestRegressor extends ForestRegressor {
  readonly type = 'random_forest_regressor';
  protected readonly splitter = 'best';

  constructor(params: Partial<ForestRegressorParams> = {}) {
    super(forestRegressorDefaults(true), params);
  }
}
