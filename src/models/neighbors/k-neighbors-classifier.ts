/**
 * k-nearest-neighbours classification — scikit-learn's `KNeighborsClassifier`.
 *
 * Reference: scikit-learn 1.2 `sklearn/neighbors/_classification.py`: class probabilities are the
 * (distance-weighted) shares of the k neighbours' classes; `predict` takes the most probable class,
 * the smallest label on ties (as `scipy.stats.mode` / `weighted_mode` do).
 */
import type { Classifier, FitOptions, StateValue } from '../../core/estimator.js';
import { ModelFileError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { stateArray } from '../../core/state-check.js';
import { encodeTargets } from '../model-checks.js';
import { KNEIGHBORS_DEFAULTS, NeighborsBase, neighborWeights, type KNeighborsParams, type NeighborsFitted } from './neighbors-base.js';

/** Learned state of {@link KNeighborsClassifier}: the training rows and their class indices. */
export interface KNeighborsClassifierFitted extends NeighborsFitted {
  classes: Float64Array;
  /** Class index (into `classes`) of each training row. */
  yIdx: Int32Array;
}

const OWNER = 'KNeighborsClassifier';

/**
 * k-nearest-neighbours classifier (brute force on blocked products, or a KD-tree in low dimension).
 *
 * @example
 * const knn = new KNeighborsClassifier({ nNeighbors: 5, weights: 'distance' }).fit(X, y);
 * const p = knn.predictProba(Xtest); // n × k neighbour class shares, columns in knn.classes order
 */
export class KNeighborsClassifier extends NeighborsBase<KNeighborsClassifierFitted> implements Classifier {
  readonly type = 'knn';

  constructor(params: Partial<KNeighborsParams> = {}) {
    super(KNEIGHBORS_DEFAULTS, params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    const base = this.fitRows(OWNER, X, y, options);
    const { classes, yIdx } = encodeTargets(OWNER, X, y, options.featureNames);
    this.fitted = { ...base, classes, yIdx };
    return this;
  }

  /** Sorted class labels seen in `fit`. */
  get classes(): Float64Array {
    return this.requireFitted().classes;
  }

  /** Class probabilities (weighted neighbour class shares), n × k in `classes` order. */
  predictProba(X: Matrix): Matrix {
    const f = this.requireFitted();
    const nb = this.kneighbors(X);
    const w = neighborWeights(nb.distances, f.weights);
    const n = X.rows, k = nb.nNeighbors, c = f.classes.length;
    const out = new Matrix(n, c);
    const o = out.data, idx = nb.indices, yIdx = f.yIdx;
    for (let i = 0; i < n; i++) {
      const row = i * c;
      let total = 0;
      for (let t = i * k; t < (i + 1) * k; t++) {
        const wt = w === null ? 1 : w[t];
        o[row + yIdx[idx[t]]] += wt;
        total += wt;
      }
      for (let j = 0; j < c; j++) o[row + j] /= total;
    }
    return out;
  }

  /** Signed scores: P(classes[1]) − P(classes[0]) (n × 1) for two classes, the probabilities otherwise. */
  decisionFunction(X: Matrix): Matrix {
    const p = this.predictProba(X);
    if (p.cols !== 2) return p;
    const out = new Matrix(p.rows, 1);
    for (let i = 0; i < p.rows; i++) out.data[i] = p.data[2 * i + 1] - p.data[2 * i];
    return out;
  }

  predict(X: Matrix): Float64Array {
    const f = this.requireFitted();
    const p = this.predictProba(X);
    const c = p.cols, out = new Float64Array(p.rows);
    for (let i = 0; i < p.rows; i++) {
      let best = 0;
      for (let j = 1; j < c; j++) if (p.data[i * c + j] > p.data[i * c + best]) best = j;
      out[i] = f.classes[best];
    }
    return out;
  }

  protected checkFitted(fitted: { [key: string]: StateValue }): KNeighborsClassifierFitted {
    const base = this.checkNeighborsFitted(fitted);
    const classes = stateArray(fitted, 'classes', Float64Array);
    const yIdx = stateArray(fitted, 'yIdx', Int32Array, base.nSamples);
    for (const v of yIdx) {
      if (v < 0 || v >= classes.length) throw new ModelFileError(`model file: class index ${v} is outside the ${classes.length} classes`, { field: 'yIdx' });
    }
    return { ...base, classes, yIdx };
  }
}
