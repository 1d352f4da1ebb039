/**
 * CART decision trees (Breiman et al. 1984) — scikit-learn 1.2's `DecisionTreeClassifier` and
 * `DecisionTreeRegressor` (`sklearn/tree/_classes.py`): best (or random) splits on gini / entropy /
 * squared error, grown depth first with sklearn's stopping rules, thresholds and tie conventions, so
 * that on data without ties a tree equals sklearn's node for node.
 */
import type { FitOptions } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import { checkOneOf } from '../../core/params.js';
import { checkClassWeight, classWeights, type ClassWeight } from '../linear/linear-common.js';
import { growTrees } from './grow-trees.js';
import { classificationData, regressionData } from './tree-data.js';
import { TreeClassifierBase, TreeRegressorBase, treeModelFitted } from './tree-model-base.js';
import { checkCriterion, resolveTreeConfig, type TreeGrowthParams } from './tree-params.js';

/** Hyper-parameters of {@link DecisionTreeClassifier}. */
export interface DecisionTreeClassifierParams extends TreeGrowthParams {
  /** 'gini' or 'entropy'. Default 'gini'. */
  criterion: 'gini' | 'entropy';
  /** 'best' threshold over all, or 'random' (one drawn per feature). Default 'best'. */
  splitter: 'best' | 'random';
  /** Per-class weights: null, 'balanced' or `{ label: weight }`. Default null. */
  classWeight: ClassWeight;
}

/** Hyper-parameters of {@link DecisionTreeRegressor}. */
export interface DecisionTreeRegressorParams extends TreeGrowthParams {
  /** Only 'squared_error'. */
  criterion: 'squared_error';
  splitter: 'best' | 'random';
}

const GROWTH_DEFAULTS: TreeGrowthParams = { maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, minImpurityDecrease: 0, maxFeatures: null, seed: 0 };
const ONE_TREE = { nTrees: 1, bootstrap: false, nBootstrap: 0, balancedSubsample: false, oob: false };

/**
 * A decision tree classifier (registry type 'decision_tree').
 *
 * @example
 * const tree = new DecisionTreeClassifier({ maxDepth: 4 }).fit(X, y);
 * tree.predictProba(Xtest);   // leaf class fractions
 * tree.featureImportances;    // normalised impurity decrease per feature
 */
export class DecisionTreeClassifier extends TreeClassifierBase<DecisionTreeClassifierParams> {
  readonly type = 'decision_tree';

  constructor(params: Partial<DecisionTreeClassifierParams> = {}) {
    super({ ...GROWTH_DEFAULTS, criterion: 'gini', splitter: 'best', classWeight: null }, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const owner = 'DecisionTreeClassifier', p = this.params;
    const criterion = checkCriterion(owner, p.criterion, ['gini', 'entropy'] as const);
    const splitter = checkOneOf(owner, 'splitter', p.splitter, ['best', 'random'] as const);
    const cw = checkClassWeight(owner, p.classWeight);
    const cfg = resolveTreeConfig(owner, p, criterion, splitter, X.rows, X.cols);
    const { data, classes } = classificationData(owner, X, y, options.featureNames);
    const yIdx = data.y as Int32Array;
    const perClass = classWeights(owner, cw, classes, yIdx);
    const rowWeights = cw === null ? null : Float64Array.from(yIdx, (c) => perClass[c]);
    const grown = growTrees(data, cfg, { ...ONE_TREE, seed: p.seed, rowWeights });
    this.fitted = { ...treeModelFitted(grown.forest, { nFeatures: X.cols, importances: grown.importances, depth: grown.depth, oobScore: null }), classes };
    return this;
  }
}

/**
 * A decision tree regressor (registry type 'decision_tree_regressor').
 *
 * @example
 * const tree = new DecisionTreeRegressor({ maxDepth: 6, minSamplesLeaf: 5 }).fit(X, y);
 * tree.predict(Xtest); // leaf means
 */
export class DecisionTreeRegressor extends TreeRegressorBase<DecisionTreeRegressorParams> {
  readonly type = 'decision_tree_regressor';

  constructor(params: Partial<DecisionTreeRegressorParams> = {}) {
    super({ ...GROWTH_DEFAULTS, criterion: 'squared_error', splitter: 'best' }, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const owner = 'DecisionTreeRegressor', p = this.params;
    const criterion = checkCriterion(owner, p.criterion, ['squared_error'] as const);
    const splitter = checkOneOf(owner, 'splitter', p.splitter, ['best', 'random'] as const);
    const cfg = resolveTreeConfig(owner, p, criterion, splitter, X.rows, X.cols);
    const data = regressionData(owner, X, y, options.featureNames);
    const grown = growTrees(data, cfg, { ...ONE_TREE, seed: p.seed, rowWeights: null });
    this.fitted = treeModelFitted(grown.forest, { nFeatures: X.cols, importances: grown.importances, depth: grown.depth, oobScore: null });
    return this;
  }
}
