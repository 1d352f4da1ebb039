/**
 * What estimators and transformers share (scikit-learn's BaseEstimator): parameters stored by the
 * constructor and validated only in `fit` (so `setParams` during a search may pass through invalid
 * intermediate states), `getParams`/`setParams`/`clone`, learned state kept apart in `fitted` (null
 * until fit), and saving/restoring as data only.
 */
import { didYouMean } from './did-you-mean.js';
import { InvalidParamError, ModelFileError, NotFittedError } from './errors.js';

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

export abstract class Parametrised<P extends object, F extends object> {
  /** Registry name used in specs and model files, e.g. `logistic_regression`. */
  abstract readonly type: string;
  protected params: P;
  /** Learned state; `null` until `fit`. */
  protected fitted: F | null = null;

  constructor(defaults: P, params: Partial<P> = {}) {
    this.params = { ...defaults };
    this.setParams(params);
  }

  /** A copy of the parameters. */
  getParams(): P {
    return structuredClone(this.params);
  }

  /** Sets known parameters; an unknown name is an `E_INVALID_PARAM` error listing the valid ones. */
  setParams(params: Partial<P>): this {
    for (const [k, v] of Object.entries(params)) {
      // Own names only: `in` would accept inherited names (`toString`, `__proto__`) from a crafted spec.
      if (!Object.hasOwn(this.params, k)) {
        throw new InvalidParamError(
          `${this.constructor.name}: unknown parameter '${k}'${didYouMean(k, Object.keys(this.params))}; valid parameters: ${Object.keys(this.params).join(', ')}`,
          { estimator: this.constructor.name, param: k, valid: Object.keys(this.params) },
        );
      }
      if (v !== undefined) (this.params as Record<string, unknown>)[k] = v;
    }
    return this;
  }

  /** A new, unfitted instance with the same parameters. */
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

  /** Saved form (data only). Loaders rebuild the instance through a registry keyed by `type`. */
  toState(): EstimatorState {
    return {
      type: this.type,
      params: structuredClone(this.params) as unknown as EstimatorState['params'],
      fitted: this.requireFitted() as unknown as EstimatorState['fitted'],
    };
  }

  /** Restores an instance saved by `toState`; the learned state is schema-checked first. */
  restoreState(state: EstimatorState): this {
    try {
      this.setParams(state.params as Partial<P>);
    } catch (e) {
      // A parameter this version does not know means the file was not written for this class.
      if (e instanceof InvalidParamError) throw new ModelFileError(`model file: ${e.message}`, e.details);
      throw e;
    }
    this.fitted = this.checkFitted(state.fitted);
    return this;
  }

  /**
   * Checks that saved learned state has the fields and types this class needs (use the helpers in
   * `state-check.ts`) and returns it typed. Throws `E_MODEL_FILE` otherwise.
   */
  protected abstract checkFitted(fitted: { [key: string]: StateValue }): F;
}
