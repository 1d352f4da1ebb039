/**
 * The estimator contract (after scikit-learn's): the constructor only stores hyper-parameters,
 * validation happens in `fit`, `fit` returns `this`, learned state lives apart in `fitted` (null until
 * fit), and `getParams`/`setParams`/`clone` let cross-validation and search treat every model alike.
 * See docs/estimator-contract.md.
 */
import { InvalidParamError, NotFittedError } from './errors.js';
import type { Matrix } from './matrix.js';

/** Values a saved model may hold: JSON data and typed arrays (stored as binary in the model file). */
export type StateValue =
  | null
  | boolean
  | number
  | string
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint8Array
  | StateValue[]
  | { [key: string]: StateValue };

/** The saved form of any estimator or transformer: its registry name, params and learned state. */
export interface EstimatorState {
  readonly type: string;
  readonly params: { [key: string]: StateValue };
  readonly fitted: { [key: string]: StateValue };
}

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
}

export abstract class Estimator<P extends object, F extends object> {
  /** Registry name used in specs and model files, e.g. `logistic_regression`. */
  abstract readonly type: string;
  protected params: P;
  /** Learned state; `null` until `fit`. */
  protected fitted: F | null = null;

  constructor(defaults: P, params: Partial<P> = {}) {
    this.params = { ...defaults };
    this.setParams(params);
  }

  getParams(): P {
    return structuredClone(this.params);
  }

  /** Sets known parameters; an unknown name is an `E_INVALID_PARAM` error listing the valid ones. */
  setParams(params: Partial<P>): this {
    for (const [k, v] of Object.entries(params)) {
      if (!(k in this.params)) {
        throw new InvalidParamError(
          `${this.constructor.name}: unknown parameter '${k}'; valid parameters: ${Object.keys(this.params).join(', ')}`,
          { estimator: this.constructor.name, param: k, valid: Object.keys(this.params) },
        );
      }
      if (v !== undefined) (this.params as Record<string, unknown>)[k] = v;
    }
    return this;
  }

  /** A new, unfitted estimator with the same parameters. */
  clone(): this {
    const Ctor = this.constructor as new (p: Partial<P>) => this;
    return new Ctor(this.getParams());
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  protected requireFitted(): F {
    if (this.fitted === null) throw new NotFittedError(this.constructor.name);
    return this.fitted;
  }

  abstract fit(X: Matrix, y: ArrayLike<number>, options?: FitOptions): this;
  abstract predict(X: Matrix): Float64Array;

  /** Saved form (data only). Loaders rebuild the estimator through the model registry. */
  toState(): EstimatorState {
    return {
      type: this.type,
      params: this.params as unknown as EstimatorState['params'],
      fitted: this.requireFitted() as unknown as EstimatorState['fitted'],
    };
  }

  /** Restores an estimator saved by `toState`; the learned state is schema-checked first. */
  restoreState(state: EstimatorState): this {
    this.setParams(state.params as Partial<P>);
    this.fitted = this.checkFitted(state.fitted);
    return this;
  }

  /**
   * Checks that saved learned state has the fields and types this estimator needs (use the helpers
   * in `state-check.ts`) and returns it typed. Throws `E_MODEL_FILE` otherwise.
   */
  protected abstract checkFitted(fitted: { [key: string]: StateValue }): F;
}

/** A classifier: labels are arbitrary numbers; `classes` holds them sorted. */
export interface Classifier {
  readonly classes: Float64Array;
  /** Row-major n × k class probabilities, columns in `classes` order. */
  predictProba(X: Matrix): Matrix;
  /** Signed scores for the positive class (binary) or per class (n × k). */
  decisionFunction(X: Matrix): Matrix;
}

export function isClassifier(e: unknown): e is Classifier {
  return typeof (e as Classifier).predictProba === 'function';
}
