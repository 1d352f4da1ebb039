/** Histogram gradient boosting (scikit-learn's HistGradientBoosting / XGBoost hist). */
export { HistGradientBoostingClassifier, type HistGradientBoostingClassifierFitted } from './hist-gradient-boosting-classifier.js';
export { HistGradientBoostingRegressor } from './hist-gradient-boosting-regressor.js';
export { HGB_DEFAULTS, HGB_INVALID_PARAMS, type HistGradientBoostingParams } from './boosting-params.js';
export type { BoostedEnsemble } from './boosting-task.js';
