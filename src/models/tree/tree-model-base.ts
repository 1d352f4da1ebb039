/**
 * What every tree model shares once fitted: flat trees, prediction as the mean over trees of the
 * leaf values (class fractions or target means — scikit-learn's `predict_proba` / `predict` for
 * forests), feature importances, and the saved-state schema. A decision tree is a one-tree forest.
 */
import { Estimator, type Classifier, type StateValue } from '../../core/estimator.js';
import { ModelFileError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { stateArray, stateNumber } from '../../core/state-check.js';
import { checkFlatForest, flatForestState, treeCount, type FlatForest } from './flat-forest.js';
import { predictRows32 } from './tree-data.js';

/** Learned state of every tree model. */
export interface TreeModelFitted extends FlatForest {
  nFeatures: number;
  /** Normalised impurity decrease per feature (sums to 1 unless no split was made). */
  importances: Float64Array;
  /** Deepest leaf over the trees (root = 0). */
  depth: number;
  /** Out-of-bag accuracy (classifiers) or R² (regressors) when requested, else null. */
  oobScore: number | null;
}

/** Learned state of the tree classifiers. */
export interface TreeClassifierFitted extends TreeModelFitted {
  classes: Float64Array;
}

/** Mean over the trees of the leaf values each row reaches: n × nOutputs, row-major. */
export function forestMean(f: FlatForest, X32: Float32Array, rows: number, cols: number): Float64Array {
  const k = f.nOutputs, T = treeCount(f);
  const out = new Float64Array(rows * k);
  const { left, right, feature, threshold, value } = f;
  for (let t = 0; t < T; t++) {
    const root = f.nodeOffsets[t];
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      let node = root;
      while (left[node] >= 0) node = X32[base + feature[node]] <= threshold[node] ? left[node] : right[node];
      const o = i * k, v = node * k;
      for (let c = 0; c < k; c++) out[o + c] += value[v + c];
    }
  }
  if (T > 1) for (let i = 0; i < out.length; i++) out[i] /= T;
  return out;
}

function checkTreeModelFitted(fitted: { [k: string]: StateValue }): TreeModelFitted {
  const nFeatures = stateNumber(fitted, 'nFeatures');
  if (!Number.isInteger(nFeatures) || nFeatures < 1) throw new ModelFileError(`model file: nFeatures must be a positive integer, got ${nFeatures}`, { field: 'nFeatures' });
  const forest = checkFlatForest(fitted, nFeatures);
  const oob = fitted.oobScore;
  if (oob !== null && typeof oob !== 'number') throw new ModelFileError('model file: field \'oobScore\' must be a number or null', { field: 'oobScore' });
  return {
    ...forest,
    nFeatures,
    importances: stateArray(fitted, 'importances', Float64Array, nFeatures),
    depth: stateNumber(fitted, 'depth'),
    oobScore: oob,
  };
}

/** Assembles the fitted state from its parts (only saveable fields). */
export function treeModelFitted(forest: FlatForest, parts: { nFeatures: number; importances: Float64Array; depth: number; oobScore: number | null }): TreeModelFitted {
  return { ...(flatForestState(forest) as unknown as FlatForest), ...parts };
}

/** Shared getters of fitted tree models. */
export abstract class TreeModelBase<P extends object, F extends TreeModelFitted> extends Estimator<P, F> {
  /** Normalised impurity-based importance of each feature (a copy). */
  get featureImportances(): Float64Array {
    return this.requireFitted().importances.slice();
  }

  /** Number of trees (1 for a decision tree). */
  get nTrees(): number {
    return treeCount(this.requireFitted());
  }

  /** Total number of nodes over all trees. */
  get nodeCount(): number {
    const f = this.requireFitted();
    return f.nodeOffsets[f.nodeOffsets.length - 1];
  }

  /** Depth of the deepest leaf (root = 0). */
  get depth(): number {
    return this.requireFitted().depth;
  }

  /** The flat tree arrays (views; do not modify). */
  get trees(): FlatForest {
    return this.requireFitted();
  }

  /** Out-of-bag score (accuracy or R²) when fitted with `oobScore: true`, else null. */
  get oobScore(): number | null {
    return this.requireFitted().oobScore;
  }

  /** Mean leaf values over the trees for X (after the feature-count and NaN checks). */
  protected meanLeafValues(X: Matrix): Float64Array {
    const f = this.requireFitted();
    return forestMean(f, predictRows32(this.constructor.name, X, f.nFeatures), X.rows, X.cols);
  }
}

/**
 * Base of the tree classifiers: probabilities are the mean class fractions of the leaves reached.
 *
 * @example
 * const p = new RandomForestClassifier().fit(X, y).predictProba(Xtest); // n × k
 */
export abstract class TreeClassifierBase<P extends object> extends TreeModelBase<P, TreeClassifierFitted> implements Classifier {
  /** Sorted class labels seen in `fit`. */
  get classes(): Float64Array {
    return this.requireFitted().classes;
  }

  /** Class probabilities, n × k in `classes` order. */
  predictProba(X: Matrix): Matrix {
    return new Matrix(X.rows, this.requireFitted().classes.length, this.meanLeafValues(X));
  }

  /** Binary: n × 1 holding P(positive) − P(negative) (its sign is the prediction); multiclass: the probabilities. */
  decisionFunction(X: Matrix): Matrix {
    const p = this.predictProba(X);
    if (p.cols !== 2) return p;
    const out = new Matrix(X.rows, 1);
    for (let i = 0; i < X.rows; i++) out.data[i] = p.data[2 * i + 1] - p.data[2 * i];
    return out;
  }

  /** The most probable class (the first one on ties, as numpy's argmax). */
  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    return argmaxLabels(this.meanLeafValues(X), X.rows, f.classes);
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): TreeClassifierFitted {
    const base = checkTreeModelFitted(fitted);
    const classes = stateArray(fitted, 'classes', Float64Array);
    if (classes.length < 2 || base.nOutputs !== classes.length) {
      throw new ModelFileError(`model file: a tree classifier with ${classes.length} classes cannot have ${base.nOutputs} values per node`, { field: 'classes' });
    }
    return { ...base, classes };
  }
}

/**
 * Base of the tree regressors: the prediction is the mean of the leaf means reached.
 *
 * @example
 * const yhat = new ExtraTreesRegressor().fit(X, y).predict(Xtest);
 */
export abstract class TreeRegressorBase<P extends object> extends TreeModelBase<P, TreeModelFitted> {
  predict(X: Matrix): Float64Array {
    return this.meanLeafValues(X);
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): TreeModelFitted {
    const base = checkTreeModelFitted(fitted);
    if (base.nOutputs !== 1) throw new ModelFileError(`model file: a tree regressor has 1 value per node, not ${base.nOutputs}`, { field: 'nOutputs' });
    return base;
  }
}

/** Labels of the row-wise argmax of an n × k matrix. */
export function argmaxLabels(p: Float64Array, rows: number, classes: Float64Array): Float64Array {
  const k = classes.length;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
    out[i] = classes[best];
  }
  return out;
}
