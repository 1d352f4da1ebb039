/**
 * What the k-nearest-neighbour models share: hyper-parameters, storing the training rows (they are
 * the model), choosing and (re)building the search index, and `kneighbors`.
 *
 * Reference: scikit-learn 1.2 `sklearn/neighbors/_base.py` (`NeighborsBase._fit`, `KNeighborsMixin`).
 * `algorithm: 'auto'` follows its rule: brute force when there are more than 15 features, when
 * k ≥ n/2 or for cosine, a KD-tree otherwise. The index is derived data: it is rebuilt (lazily) after
 * loading a model instead of being saved, so model files hold only the training rows.
 */
import { InvalidParamError, ModelFileError } from '../../core/errors.js';
import { Estimator, type FitOptions, type StateValue } from '../../core/estimator.js';
import { Matrix, checkXy } from '../../core/matrix.js';
import { checkNumber, checkOneOf } from '../../core/params.js';
import { stateArray, stateNumber, stateString } from '../../core/state-check.js';
import { checkFeatureNameCount, checkFinite, checkFiniteTargets, checkPredictX } from '../model-checks.js';
import { BruteIndex } from './brute-force.js';
import { resolveMetric, treeSupports, type NeighborMetric, type ResolvedMetric } from './distance-metrics.js';
import { KDTree } from './kd-tree.js';
import { NeighborHeaps } from './neighbor-heap.js';

/** Hyper-parameters of the k-nearest-neighbour models (defaults as scikit-learn's). */
export interface KNeighborsParams {
  /** Neighbours per query, an integer in [1, training rows]. Default 5. */
  nNeighbors: number;
  /** 'uniform' (each neighbour counts 1) or 'distance' (1 / distance; exact matches take all the weight). Default 'uniform'. */
  weights: 'uniform' | 'distance';
  /** 'minkowski' (with `p`), 'euclidean', 'manhattan' or 'cosine'. Default 'minkowski'. */
  metric: NeighborMetric;
  /** Minkowski power, a number >= 1 (2 = euclidean, 1 = manhattan). Default 2. */
  p: number;
  /** Search index: 'auto', 'brute' or 'kd_tree' (Minkowski metrics only). Default 'auto'. */
  algorithm: 'auto' | 'brute' | 'kd_tree';
  /** Points per KD-tree leaf (between leafSize and 2·leafSize), an integer >= 1. Default 30. */
  leafSize: number;
}

/**
 * Default hyper-parameters (scikit-learn's).
 *
 * @example
 * new KNeighborsClassifier({ ...KNEIGHBORS_DEFAULTS, nNeighbors: 10 });
 */
export const KNEIGHBORS_DEFAULTS: KNeighborsParams = { nNeighbors: 5, weights: 'uniform', metric: 'minkowski', p: 2, algorithm: 'auto', leafSize: 30 };

/** Learned state: the training rows and the settings resolved at fit. */
export interface NeighborsFitted {
  /** Training rows, row-major nSamples × nFeatures. */
  X: Float64Array;
  nSamples: number;
  nFeatures: number;
  nNeighbors: number;
  weights: 'uniform' | 'distance';
  metric: ResolvedMetric['kind'];
  p: number;
  method: 'brute' | 'kd_tree';
  leafSize: number;
}

/** The k nearest training rows of each query row, nearest first (ties: lower training index first). */
export interface KNeighborsResult {
  /** Row-major rows × nNeighbors distances. */
  distances: Matrix;
  /** Row-major rows × nNeighbors training row indices. */
  indices: Int32Array;
  nNeighbors: number;
}

/**
 * Base of `KNeighborsClassifier` and `KNeighborsRegressor`: subclasses call `fitRows` in
 * `fit` and turn `kneighbors` results into predictions.
 *
 * @example
 * const { indices } = new KNeighborsRegressor({ nNeighbors: 3 }).fit(X, y).kneighbors(Xtest);
 */
export abstract class NeighborsBase<F extends NeighborsFitted> extends Estimator<KNeighborsParams, F> {
  private index: BruteIndex | KDTree | null = null;
  private indexOf: F | null = null;

  /** Validates the params against the training rows and stores those rows (copied). */
  protected fitRows(owner: string, X: Matrix, y: ArrayLike<number>, options: FitOptions): NeighborsFitted {
    const p = this.params;
    checkXy(owner, X, y);
    const nNeighbors = checkNumber(owner, 'nNeighbors', p.nNeighbors, { min: 1, max: X.rows, integer: true });
    const weights = checkOneOf(owner, 'weights', p.weights, ['uniform', 'distance'] as const);
    const metricName = checkOneOf(owner, 'metric', p.metric, ['minkowski', 'euclidean', 'manhattan', 'cosine'] as const);
    const power = checkNumber(owner, 'p', p.p, { min: 1 });
    const algorithm = checkOneOf(owner, 'algorithm', p.algorithm, ['auto', 'brute', 'kd_tree'] as const);
    const leafSize = checkNumber(owner, 'leafSize', p.leafSize, { min: 1, integer: true });
    const metric = resolveMetric(metricName, power);
    if (algorithm === 'kd_tree' && !treeSupports(metric)) {
      throw new InvalidParamError(`${owner}: parameter 'algorithm' 'kd_tree' cannot search with metric '${metricName}'; use algorithm 'brute' or 'auto'`, {
        estimator: owner, param: 'algorithm', value: algorithm, allowed: ['auto', 'brute'],
      });
    }
    checkFeatureNameCount(owner, X, options.featureNames);
    checkFinite(owner, X, options.featureNames);
    checkFiniteTargets(owner, y);
    const useBrute = algorithm === 'brute' || (algorithm === 'auto' && (X.cols > 15 || nNeighbors >= X.rows / 2 || !treeSupports(metric)));
    this.index = null;
    this.indexOf = null;
    return {
      X: X.data.slice(), nSamples: X.rows, nFeatures: X.cols, nNeighbors, weights,
      metric: metric.kind, p: metric.p, method: useBrute ? 'brute' : 'kd_tree', leafSize,
    };
  }

  /** The search index chosen at fit ('brute' or 'kd_tree'). */
  get fitMethod(): 'brute' | 'kd_tree' {
    return this.requireFitted().method;
  }

  /**
   * The `nNeighbors` (or the fitted number) nearest training rows of each row of X.
   *
   * @example
   * const { distances, indices } = knn.kneighbors(Xtest, 3); // indices[i * 3] = nearest training row of row i
   */
  kneighbors(X: Matrix, nNeighbors?: number): KNeighborsResult {
    const f = this.requireFitted();
    const owner = this.constructor.name;
    checkPredictX(owner, X, f.nFeatures);
    const k = nNeighbors === undefined ? f.nNeighbors : checkNumber(owner, 'nNeighbors', nNeighbors, { min: 1, max: f.nSamples, integer: true });
    const heaps = new NeighborHeaps(X.rows, k);
    if (X.rows > 0) this.searchIndex(f).query(X.data, X.rows, heaps);
    return { distances: new Matrix(X.rows, k, heaps.dist), indices: heaps.idx, nNeighbors: k };
  }

  private searchIndex(f: F): BruteIndex | KDTree {
    if (this.index === null || this.indexOf !== f) {
      const metric: ResolvedMetric = { kind: f.metric, p: f.p };
      this.index = f.method === 'brute' ? new BruteIndex(f.X, f.nSamples, f.nFeatures, metric) : new KDTree(f.X, f.nSamples, f.nFeatures, metric, f.leafSize);
      this.indexOf = f;
    }
    return this.index;
  }

  /** Schema check of the shared part of the saved state. */
  protected checkNeighborsFitted(fitted: { [key: string]: StateValue }): NeighborsFitted {
    const nSamples = stateNumber(fitted, 'nSamples'), nFeatures = stateNumber(fitted, 'nFeatures'), nNeighbors = stateNumber(fitted, 'nNeighbors');
    const weights = stateString(fitted, 'weights'), metric = stateString(fitted, 'metric'), method = stateString(fitted, 'method');
    const p = stateNumber(fitted, 'p'), leafSize = stateNumber(fitted, 'leafSize');
    const ints = [nSamples, nFeatures, nNeighbors, leafSize].every((v) => Number.isInteger(v) && v >= 0);
    if (!ints || nNeighbors < 1 || nNeighbors > nSamples || leafSize < 1 || !(p >= 1)) {
      throw new ModelFileError(`model file: neighbours model has nSamples ${nSamples}, nFeatures ${nFeatures}, nNeighbors ${nNeighbors}, leafSize ${leafSize}, p ${p}; they are inconsistent`, { field: 'nNeighbors' });
    }
    if (!['uniform', 'distance'].includes(weights) || !['euclidean', 'manhattan', 'minkowski', 'cosine'].includes(metric) || !['brute', 'kd_tree'].includes(method)) {
      throw new ModelFileError(`model file: neighbours model has unknown weights '${weights}', metric '${metric}' or method '${method}'`, { field: 'metric' });
    }
    if (metric === 'cosine' && method === 'kd_tree') throw new ModelFileError('model file: a KD-tree cannot search with the cosine metric', { field: 'method' });
    const X = stateArray(fitted, 'X', Float64Array, nSamples * nFeatures);
    return {
      X, nSamples, nFeatures, nNeighbors, weights: weights as NeighborsFitted['weights'],
      metric: metric as ResolvedMetric['kind'], p, method: method as NeighborsFitted['method'], leafSize,
    };
  }
}

/**
 * Per-neighbour weights for `weights: 'distance'`: 1 / distance, except that a query with an exact
 * match (distance 0) gives weight 1 to its exact matches and 0 to the others (scikit-learn's
 * `_get_weights`). Returns null for 'uniform'.
 *
 * @example
 * neighborWeights(Matrix.fromRows([[0.5, 2], [0, 1]]), 'distance'); // Float64Array [2, 0.5, 1, 0]
 */
export function neighborWeights(distances: Matrix, weights: 'uniform' | 'distance'): Float64Array | null {
  if (weights === 'uniform') return null;
  const { rows, cols: k, data } = distances;
  const w = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    const o = i * k;
    let exact = false;
    for (let t = 0; t < k; t++) if (data[o + t] === 0) exact = true;
    for (let t = 0; t < k; t++) w[o + t] = exact ? (data[o + t] === 0 ? 1 : 0) : 1 / data[o + t];
  }
  return w;
}
