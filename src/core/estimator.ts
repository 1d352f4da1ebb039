/**
 * The estimator contract (after scikit-learn's): the constructor only stores hyper-parameters,
 * validation happens in `fit`, `fit` returns `this`, learned state lives apart in `fitted` (null until
 * fit), and `getParams`/`setParams`/`clone` let cross-validation and search treat every model alike.
 * See docs/estimator-contract.md.
 */
import type { Matrix } from './matrix.js';
import { Parametrised } from './parametrised.js';

export type { StateValue, EstimatorState } from './parametrised.js';

/** One epoch (or iteration) of an iterative fit, passed to `onEpochEnd`. */
export interface EpochLogs {
  epoch: number;
  loss: number;
  /** Score on the internal validation split when early stopping is on (higher is better). */
  validationScore?: number;
}

export interface FitOptions {
  /** Called after each epoch of iterative models (MLP, SGD); used for progress bars and learning curves. */
  onEpochEnd?: (logs: EpochLogs) => void;
  /** Names of X's columns, so that errors can name a feature instead of an index. */
  featureNames?: readonly string[];
}

export abstract class Estimator<P extends object, F extends object> extends Parametrised<P, F> {
  abstract fit(X: Matrix, y: ArrayLike<number>, options?: FitOptions): this;
  abstract predict(X: Matrix): Float64Array;
}

/** A classifier: labels are arbitrary numbers; `classes` holds them sorted. */
export interface Classifier {
  readonly classes: Float64Array;
  /** Row-major n × k class probabilities, columns in `classes` order (families that have them). */
  predictProba?(X: Matrix): Matrix;
  /** False when `predictProba` exists but this fit cannot serve it (SVC without `probability: true`). */
  readonly hasProbabilities?: boolean;
  /** Signed scores: n × 1 (positive class) for binary, n × k for multiclass. */
  decisionFunction(X: Matrix): Matrix;
}

export function isClassifier(e: unknown): e is Classifier {
  return typeof (e as Classifier).decisionFunction === 'function';
}
