/**
 * Shared parameters and fitting of the forests — scikit-learn 1.2's `ForestClassifier` /
 * `ForestRegressor` (`sklearn/ensemble/_forest.py`): many trees on bootstrap samples (or all rows),
 * each split drawing its own random subset of features; probabilities and predictions are the mean over
 * trees; the out-of-bag score is the accuracy / R² of each row's prediction by the trees that did not see it.
 * Random forests (Breiman 2001) and Extra-Trees (Geurts et al. 2006) differ only in their splitter and defaults.
 */
import type { FitOptions } from '../../core/estimator.js';
import { InvalidParamError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { checkClassWeight, classWeights, type ClassWeight } from '../linear/linear-common.js';
import { growTrees, type GrowSpec } from './grow-trees.js';
import { classificationData, regressionData } from './tree-data.js';
import { TreeClassifierBase, TreeRegressorBase, argmaxLabels, treeModelFitted } from './tree-model-base.js';
import { checkCriterion, resolveTreeConfig, type TreeGrowthParams } from './tree-params.js';

/** Parameters every forest takes (beside the tree growth ones). */
export interface ForestParams extends TreeGrowthParams {
  /** Number of trees (≥ 1). Default 100. */
  nEstimators: number;
  /** Fit each tree on a bootstrap sample. Default true for random forests, false for Extra-Trees. */
  bootstrap: boolean;
  /** Rows per bootstrap sample: null (= n), an integer ≥ 2 or a fraction in (0, 1] (1 means all rows). Default null. */
  maxSamples: number | null;
  /** Compute the out-of-bag score (needs `bootstrap`). Default false. */
  oobScore: boolean;
}

/** Hyper-parameters of the forest classifiers. */
export interface ForestClassifierParams extends ForestParams {
  criterion: 'gini' | 'entropy';
  /** null, 'balanced', 'balanced_subsample' (balanced per bootstrap sample) or `{ label: weight }`. */
  classWeight: ClassWeight | 'balanced_subsample';
}

/** Hyper-parameters of the forest regressors. */
export interface ForestRegressorParams extends ForestParams {
  criterion: 'squared_error';
}

const GROWTH: Omit<TreeGrowthParams, 'maxFeatures'> = { maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, minImpurityDecrease: 0, seed: 0 };

/** Defaults of a forest classifier (sklearn 1.2: 100 trees, 'sqrt' features per split). */
export function forestClassifierDefaults(bootstrap: boolean): ForestClassifierParams {
  return { nEstimators: 100, criterion: 'gini', ...GROWTH, maxFeatures: 'sqrt', bootstrap, maxSamples: null, oobScore: false, classWeight: null };
}

/** Defaults of a forest regressor (sklearn 1.2: 100 trees, all features per split — `maxFeatures: 1` is the fraction 1.0). */
export function forestRegressorDefaults(bootstrap: boolean): ForestRegressorParams {
  return { nEstimators: 100, criterion: 'squared_error', ...GROWTH, maxFeatures: 1, bootstrap, maxSamples: null, oobScore: false };
}

/** Validates the forest-level parameters into a {@link GrowSpec} (row weights filled in by the caller). */
function growSpec(owner: string, p: ForestParams, n: number): GrowSpec {
  const nTrees = checkNumber(owner, 'nEstimators', p.nEstimators, { min: 1, integer: true });
  const bootstrap = checkOneOf(owner, 'bootstrap', p.bootstrap, [true, false] as const);
  const oob = checkOneOf(owner, 'oobScore', p.oobScore, [true, false] as const);
  if (oob && !bootstrap) {
    throw new InvalidParamError(`${owner}: parameter 'oobScore' needs bootstrap: true (without bootstrap no row is out of bag)`, { estimator: owner, param: 'oobScore', value: oob });
  }
  let nBootstrap = n;
  if (p.maxSamples !== null) {
    if (!bootstrap) throw new InvalidParamError(`${owner}: parameter 'maxSamples' applies only with bootstrap: true; set it to null`, { estimator: owner, param: 'maxSamples', value: p.maxSamples });
    const ms = checkNumber(owner, 'maxSamples', p.maxSamples, { min: 0, exclusiveMin: true });
    if (ms <= 1) nBootstrap = Math.max(1, Math.round(n * ms));
    else if (Number.isInteger(ms) && ms <= n) nBootstrap = ms;
    else throw new InvalidParamError(`${owner}: parameter 'maxSamples' must be a fraction in (0, 1] or an integer in [2, ${n}] (the number of rows), got ${ms}`, { estimator: owner, param: 'maxSamples', value: ms });
  }
  return { nTrees, bootstrap, nBootstrap, seed: p.seed, rowWeights: null, balancedSubsample: false, oob };
}

/**
 * A forest classifier growing trees with the given splitter.
 *
 * @example
 * class MyForest extends ForestClassifier { readonly type = 'my_forest'; protected readonly splitter = 'best'; }
 */
export abstract class ForestClassifier extends TreeClassifierBase<ForestClassifierParams> {
  protected abstract readonly splitter: 'best' | 'random';

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const owner = this.constructor.name, p = this.params;
    const criterion = checkCriterion(owner, p.criterion, ['gini', 'entropy'] as const);
    const cfg = resolveTreeConfig(owner, p, criterion, this.splitter, X.rows, X.cols);
    const spec = growSpec(owner, p, X.rows);
    const subsample = p.classWeight === 'balanced_subsample';
    const cw = subsample ? null : checkClassWeight(owner, p.classWeight);
    if (subsample && !spec.bootstrap) {
      throw new InvalidParamError(`${owner}: classWeight 'balanced_subsample' needs bootstrap: true; use 'balanced'`, { estimator: owner, param: 'classWeight', value: p.classWeight });
    }
    const { data, classes } = classificationData(owner, X, y, options.featureNames);
    const yIdx = data.y as Int32Array;
    if (cw !== null) {
      const perClass = classWeights(owner, cw, classes, yIdx);
      spec.rowWeights = Float64Array.from(yIdx, (c) => perClass[c]);
    }
    spec.balancedSubsample = subsample;
    const grown = growTrees(data, cfg, spec);
    let oobScore: number | null = null;
    if (grown.oobSum) {
      const pred = argmaxLabels(grown.oobSum, X.rows, Float64Array.from(classes.keys()));
      let hit = 0;
      for (let i = 0; i < X.rows; i++) if (pred[i] === yIdx[i]) hit++;
      oobScore = hit / X.rows;
    }
    this.fitted = { ...treeModelFitted(grown.forest, { nFeatures: X.cols, importances: grown.importances, depth: grown.depth, oobScore }), classes };
    return this;
  }
}

/**
 * A forest regressor growing trees with the given splitter.
 *
 * @example
 * class MyForest extends ForestRegressor { readonly type = 'my_forest_regressor'; protected readonly splitter = 'random'; }
 */
export abstract class ForestRegressor extends TreeRegressorBase<ForestRegressorParams> {
  protected abstract readonly splitter: 'best' | 'random';

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const owner = this.constructor.name, p = this.params;
    const criterion = checkCriterion(owner, p.criterion, ['squared_error'] as const);
    const cfg = resolveTreeConfig(owner, p, criterion, this.splitter, X.rows, X.cols);
    const spec = growSpec(owner, p, X.rows);
    const data = regressionData(owner, X, y, options.featureNames);
    const grown = growTrees(data, cfg, spec);
    let oobScore: number | null = null;
    if (grown.oobSum && grown.oobCount) {
      // R² of the out-of-bag means (rows never out of bag predict 0, as sklearn after its warning).
      const yv = data.y as Float64Array;
      let mean = 0;
      for (let i = 0; i < X.rows; i++) mean += yv[i];
      mean /= X.rows;
      let ssRes = 0, ssTot = 0;
      for (let i = 0; i < X.rows; i++) {
        const pred = grown.oobSum[i] / Math.max(1, grown.oobCount[i]);
        ssRes += (yv[i] - pred) ** 2;
        ssTot += (yv[i] - mean) ** 2;
      }
      oobScore = ssTot > 0 ? 1 - ssRes / ssTot : 0;
    }
    this.fitted = treeModelFitted(grown.forest, { nFeatures: X.cols, importances: grown.importances, depth: grown.depth, oobScore });
    return this;
  }
}
