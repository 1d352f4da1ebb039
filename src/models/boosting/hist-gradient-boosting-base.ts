/**
 * What the histogram gradient boosting classifier and regressor share once fitted: input checks
 * (NaN allowed — missing values are handled natively — but not infinities), raw scores summed over
 * the trees, feature importances, learning curves, and the saved-state schema.
 */
import { availableParallelism } from 'node:os';
import { ModelFileError, ShapeError } from '../../core/errors.js';
import { Estimator, type StateValue } from '../../core/estimator.js';
import { Matrix } from '../../core/matrix.js';
import { stateArray, stateNumber, stateObject } from '../../core/state-check.js';
import { checkNoInfinity, type BoostedEnsemble } from './boosting-task.js';
import { HGB_DEFAULTS, resolveParams, type HistGradientBoostingParams, type ResolvedParams } from './boosting-params.js';
import { addTreeRaw, treeArraysFromState } from './tree-nodes.js';

export abstract class HistGradientBoostingBase<F extends BoostedEnsemble> extends Estimator<HistGradientBoostingParams, F> {
  constructor(params: Partial<HistGradientBoostingParams> = {}) {
    super(HGB_DEFAULTS, params);
  }

  /** Boosting iterations run (fewer than `maxIter` when early stopping stopped). */
  get nIter(): number {
    return this.requireFitted().nIter;
  }

  /** Total split gain per feature, normalised to sum 1. */
  get featureImportances(): Float64Array {
    return this.requireFitted().featureImportances.slice();
  }

  /** Validation loss before the first and after each iteration (empty without early stopping). */
  get validationLoss(): Float64Array {
    return this.requireFitted().validationLoss.slice();
  }

  /** Training loss per iteration (recorded when `fit` got an `onEpochEnd` callback). */
  get trainLoss(): Float64Array {
    return this.requireFitted().trainLoss.slice();
  }

  protected resolve(): ResolvedParams {
    return resolveParams(this.constructor.name, this.params, availableParallelism());
  }

  /** Raw scores, row-major n × nOutputs: baseline plus every tree. */
  protected rawScores(X: Matrix): Matrix {
    const f = this.requireFitted();
    if (X.cols !== f.nFeatures) {
      throw new ShapeError(`${this.constructor.name}: X has ${X.cols} features, but the model was fitted with ${f.nFeatures}; pass the same columns as in fit`, {
        estimator: this.constructor.name,
        features: X.cols,
        expected: f.nFeatures,
      });
    }
    checkNoInfinity(this.constructor.name, X);
    const k = f.nOutputs, n = X.rows;
    const out = new Matrix(n, k);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out.data[i * k + c] = f.baseline[c];
    const roots = f.trees.roots;
    for (let t = 0; t < roots.length; t++) addTreeRaw(f.trees, roots[t], X.data, n, X.cols, out.data, k, t % k);
    return out;
  }

  /** Schema check of the ensemble part of a saved model. */
  protected checkEnsemble(fitted: { [k: string]: StateValue }): BoostedEnsemble {
    const nOutputs = stateNumber(fitted, 'nOutputs');
    const nFeatures = stateNumber(fitted, 'nFeatures');
    const t = stateObject(fitted, 'trees');
    const trees = treeArraysFromState(t, 'model file', nFeatures);
    if (!Number.isInteger(nOutputs) || nOutputs < 1 || trees.roots.length % nOutputs !== 0) {
      throw new ModelFileError(`model file: ${trees.roots.length} trees do not split into ${nOutputs} outputs per iteration`, { field: 'nOutputs' });
    }
    return {
      nFeatures,
      nOutputs,
      baseline: stateArray(fitted, 'baseline', Float64Array, nOutputs),
      nIter: stateNumber(fitted, 'nIter'),
      trees,
      featureImportances: stateArray(fitted, 'featureImportances', Float64Array, nFeatures),
      trainLoss: stateArray(fitted, 'trainLoss', Float64Array),
      validationLoss: stateArray(fitted, 'validationLoss', Float64Array),
    };
  }
}
