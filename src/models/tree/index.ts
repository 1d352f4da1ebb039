/**
 * Tree models: CART decision trees, random forests and Extra-Trees, for classification and regression,
 * on flat typed-array trees.
 *
 * @example
 * import { RandomForestClassifier } from './models/tree/index.js';
 * const rf = new RandomForestClassifier({ nEstimators: 200 }).fit(X, y);
 * rf.featureImportances; // Float64Array, sums to 1
 */
export { DecisionTreeClassifier, DecisionTreeRegressor, type DecisionTreeClassifierParams, type DecisionTreeRegressorParams } from './decision-tree.js';
export { RandomForestClassifier, RandomForestRegressor } from './random-forest.js';
export { ExtraTreesClassifier, ExtraTreesRegressor } from './extra-trees.js';
export { ForestClassifier, ForestRegressor, type ForestParams, type ForestClassifierParams, type ForestRegressorParams } from './forest-base.js';
export { TreeClassifierBase, TreeRegressorBase, TreeModelBase, type TreeModelFitted, type TreeClassifierFitted } from './tree-model-base.js';
export type { FlatForest } from './flat-forest.js';
export type { MaxFeatures, TreeCriterion, TreeGrowthParams } from './tree-params.js';
