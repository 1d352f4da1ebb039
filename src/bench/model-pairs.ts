/**
 * The (trainyard model, reference model) pairs the benchmark runs, with equivalent hyper-parameters.
 * trainyard params are only the ones that differ from its defaults, which follow scikit-learn's; a
 * name not registered yet is reported as "not registered" and its reference still runs. Tree
 * ensembles and k-NN use both cores on the reference side too (`n_jobs=-1`), since trainyard does.
 */
import type { ModelPair } from './task-types.js';

/** Histogram GBDT shaped like XGBoost's hist trees: depth-wise limit, L2 = 1, no leaf-size floor. */
function xgbLikeGbdt(trees: number): Record<string, unknown> {
  return { maxIter: trees, maxDepth: 6, maxLeafNodes: 64, minSamplesLeaf: 1, l2Regularization: 1, learningRate: 0.1, earlyStopping: false };
}

/** XGBoost hist with `trees` trees of depth 6, learning rate 0.1 (anchors.md). */
function xgb(kind: 'Classifier' | 'Regressor', trees: number): string {
  return `XGB${kind}(tree_method='hist', n_estimators=${trees}, max_depth=6, learning_rate=0.1, n_jobs=2, random_state=0)`;
}

/**
 * Every classifier, for the small real data sets (online shoppers, telco churn, penguins).
 *
 * @example
 * classifierPairs().map((p) => p.model); // ['logistic_regression', 'linear_svm', 'mlp', ...]
 */
export function classifierPairs(): ModelPair[] {
  return [
    { model: 'logistic_regression', params: { maxIter: 1000 }, reference: 'LogisticRegression(max_iter=1000)', library: 'sklearn', target: 'sklearn' },
    { model: 'linear_svm', params: {}, reference: 'LinearSVC(random_state=0)', library: 'sklearn', target: 'sklearn' },
    { model: 'sgd_classifier', params: {}, reference: 'SGDClassifier(random_state=0)', library: 'sklearn' },
    {
      model: 'mlp',
      params: { hidden: [64, 32], earlyStopping: true },
      reference: 'MLPClassifier(hidden_layer_sizes=(64, 32), early_stopping=True, random_state=0)',
      library: 'sklearn',
      target: 'sklearn',
    },
    { model: 'svm', params: {}, reference: 'SVC(random_state=0)', library: 'sklearn' },
    { model: 'decision_tree', params: {}, reference: 'DecisionTreeClassifier(random_state=0)', library: 'sklearn' },
    { model: 'random_forest', params: { nEstimators: 200 }, reference: 'RandomForestClassifier(n_estimators=200, n_jobs=-1, random_state=0)', library: 'sklearn' },
    { model: 'extra_trees', params: { nEstimators: 200 }, reference: 'ExtraTreesClassifier(n_estimators=200, n_jobs=-1, random_state=0)', library: 'sklearn' },
    {
      model: 'gradient_boosting',
      params: { maxIter: 100, earlyStopping: false },
      reference: 'HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0)',
      library: 'sklearn',
      target: 'sklearn',
    },
    { model: 'gradient_boosting', label: 'gradient_boosting (xgb-like)', params: xgbLikeGbdt(200), reference: xgb('Classifier', 200), library: 'xgboost', target: 'xgboost' },
    { model: 'knn', params: {}, reference: 'KNeighborsClassifier(n_jobs=-1)', library: 'sklearn' },
    { model: 'naive_bayes', params: {}, reference: 'GaussianNB()', library: 'sklearn' },
  ];
}

/**
 * Every regressor, for kc-house (the target is the raw price, as trainyard has no target transform).
 *
 * @example
 * regressorPairs().length; // 14
 */
export function regressorPairs(): ModelPair[] {
  return [
    { model: 'linear_regression', params: {}, reference: 'LinearRegression()', library: 'sklearn' },
    { model: 'ridge', params: {}, reference: 'Ridge()', library: 'sklearn' },
    { model: 'lasso', params: {}, reference: 'Lasso()', library: 'sklearn' },
    { model: 'elastic_net', params: {}, reference: 'ElasticNet()', library: 'sklearn' },
    { model: 'sgd_regressor', params: {}, reference: 'SGDRegressor(random_state=0)', library: 'sklearn' },
    { model: ['linear_svr', 'linear_svm_regressor'], params: {}, reference: 'LinearSVR(random_state=0)', library: 'sklearn' },
    { model: ['svm_regressor', 'svr'], params: {}, reference: 'SVR()', library: 'sklearn' },
    { model: 'decision_tree_regressor', params: {}, reference: 'DecisionTreeRegressor(random_state=0)', library: 'sklearn' },
    { model: 'random_forest_regressor', params: { nEstimators: 100 }, reference: 'RandomForestRegressor(n_estimators=100, n_jobs=-1, random_state=0)', library: 'sklearn' },
    { model: 'extra_trees_regressor', params: { nEstimators: 100 }, reference: 'ExtraTreesRegressor(n_estimators=100, n_jobs=-1, random_state=0)', library: 'sklearn' },
    {
      model: 'gradient_boosting_regressor',
      params: { maxIter: 100, earlyStopping: false },
      reference: 'HistGradientBoostingRegressor(max_iter=100, early_stopping=False, random_state=0)',
      library: 'sklearn',
      target: 'sklearn',
    },
    { model: 'gradient_boosting_regressor', label: 'gradient_boosting_regressor (xgb-like)', params: xgbLikeGbdt(200), reference: xgb('Regressor', 200), library: 'xgboost', target: 'xgboost' },
    { model: ['knn_regressor'], params: {}, reference: 'KNeighborsRegressor(n_jobs=-1)', library: 'sklearn' },
    {
      model: 'mlp_regressor',
      params: { hidden: [64, 32], earlyStopping: true },
      reference: 'MLPRegressor(hidden_layer_sizes=(64, 32), early_stopping=True, random_state=0)',
      library: 'sklearn',
    },
  ];
}

/**
 * The 1M×40 synthetic set (anchors.md): the models of its anchor table, at the same settings.
 * LinearSVC runs its primal solver (`dual=False`): same objective, the solver sklearn recommends for n ≫ d.
 *
 * @example
 * syntheticPairs().filter((p) => p.target).length; // 5
 */
export function syntheticPairs(): ModelPair[] {
  return [
    { model: 'logistic_regression', params: {}, reference: 'LogisticRegression()', library: 'sklearn', target: 'sklearn' },
    { model: 'linear_svm', params: {}, reference: 'LinearSVC(dual=False)', library: 'sklearn', target: 'sklearn' },
    { model: 'sgd_classifier', params: { maxIter: 5, tol: null }, reference: 'SGDClassifier(max_iter=5, tol=None, random_state=0)', library: 'sklearn' },
    {
      model: 'gradient_boosting',
      params: { maxIter: 100, earlyStopping: false },
      reference: 'HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0)',
      library: 'sklearn',
      target: 'sklearn',
    },
    { model: 'gradient_boosting', label: 'gradient_boosting (xgb-like)', params: xgbLikeGbdt(100), reference: xgb('Classifier', 100), library: 'xgboost', target: 'xgboost' },
    {
      model: 'mlp',
      params: { hidden: [64, 32], epochs: 3, batchSize: 256 },
      reference: 'MLPClassifier(hidden_layer_sizes=(64, 32), max_iter=3, batch_size=256, random_state=0)',
      library: 'sklearn',
      target: 'sklearn',
    },
  ];
}
