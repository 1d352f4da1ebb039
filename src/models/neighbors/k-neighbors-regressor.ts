/**
 * k-nearest-neighbours regression — scikit-learn's `KNeighborsRegressor`.
 *
 * Reference: scikit-learn 1.2 `sklearn/neighbors/_regression.py`: the prediction is the mean of the
 * k neighbours' targets, or their 1/distance-weighted mean with `weights: 'distance'`.
 */
import type { FitOptions, StateValue } from '../../core/estimator.js';
import type { Matrix } from '../../core/matrix.js';
import { stateArray } from '../../core/state-check.js';
import { KNEIGHBORS_DEFAULTS, NeighborsBase, neighborWeights, type KNeighborsParams, type NeighborsFitted } from './neighbors-base.js';

/** Learned state of {@link KNeighborsRegressor}: the training rows and targets. */
export interface KNeighborsRegressorFitted extends NeighborsFitted {
  y: Float64Array;
}

const OWNER = 'KNeighborsRegressor';

/**
 * k-nearest-neighbours regressor.
 *
 * @example
 * const knn = new KNeighborsRegressor({ nNeighbors: 10, weights: 'distance' }).fit(X, price);
 * const predicted = knn.predict(Xtest);
 */
export class KNeighborsRegressor extends NeighborsBase<KNeighborsRegressorFitted> {
  readonly type = 'knn_regressor';

  constructor(params: Partial<KNeighborsParams> = {}) {
    super(KNEIGHBORS_DEFAULTS, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const base = this.fitRows(OWNER, X, y, options);
    this.fitted = { ...base, y: Float64Array.from(y) };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    const nb = this.kneighbors(X);
    const w = neighborWeights(nb.distances, f.weights);
    const n = X.rows, k = nb.nNeighbors, idx = nb.indices, y = f.y;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0, total = 0;
      for (let t = i * k; t < (i + 1) * k; t++) {
        const wt = w === null ? 1 : w[t];
        s += wt * y[idx[t]];
        total += wt;
      }
      out[i] = w === null ? s / k : s / total;
    }
    return out;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): KNeighborsRegressorFitted {
    const base = this.checkNeighborsFitted(fitted);
    return { ...base, y: stateArray(fitted, 'y', Float64Array, base.nSamples) };
  }
}
