/**
 * The transformer contract — the same rules as core's `Estimator` (after scikit-learn's
 * `TransformerMixin`): the constructor only stores parameters, validation waits for `fit` (so that
 * `setParams` during a search may pass through invalid intermediate states), `fit` returns `this`,
 * learned state lives apart in `fitted` (null until fit), and `toState`/`restoreState` save and load it
 * as data only. Transformers map a `Frame` to a `Frame`; `toMatrix` turns the final frame into the
 * `Matrix` every estimator takes.
 */
import { DataError, InvalidParamError, ModelFileError, NotFittedError } from '../core/errors.js';
import type { EstimatorState, StateValue } from '../core/estimator.js';
import type { Frame } from '../core/frame.js';

// `any` defaults let `Transformer` stand for "some transformer" in pipelines and the registry; every
// concrete class fixes both type parameters.
export abstract class Transformer<P extends object = any, F extends object = any> {
  /** Registry name used in model files, e.g. `standard_scaler`. */
  abstract readonly type: string;
  protected params: P;
  /** Learned state; `null` until `fit`. */
  protected fitted: F | null = null;

  constructor(defaults: P, params: Partial<P> = {}) {
    this.params = { ...defaults };
    this.setParams(params);
  }

  /** A copy of the parameters (composites return nested `step__param` keys). */
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

  /** A new, unfitted transformer with the same parameters. */
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

  /** Learns what `transform` needs from the training rows only. */
  abstract fit(frame: Frame): this;
  /** Applies the learned state to any frame holding the columns seen in `fit`. */
  abstract transform(frame: Frame): Frame;

  /** `fit(frame)` then `transform(frame)`; composites override it to transform each step once. */
  fitTransform(frame: Frame): Frame {
    return this.fit(frame).transform(frame);
  }

  /** Saved form (data only). Loaders rebuild the transformer through `transformerFromState`. */
  toState(): EstimatorState {
    return {
      type: this.type,
      params: structuredClone(this.params) as unknown as EstimatorState['params'],
      fitted: this.requireFitted() as unknown as EstimatorState['fitted'],
    };
  }

  /** Restores a transformer saved by `toState`; the learned state is schema-checked first. */
  restoreState(state: EstimatorState): this {
    try {
      this.setParams(state.params as Partial<P>);
    } catch (e) {
      // A parameter this version does not know means the file is not for this transformer.
      if (e instanceof InvalidParamError) throw new ModelFileError(`model file: ${e.message}`, e.details);
      throw e;
    }
    this.fitted = this.checkFitted(state.fitted);
    return this;
  }

  /**
   * Checks that saved learned state has the fields and types this transformer needs (helpers in
   * core/state-check.ts and ./state-fields.ts) and returns it typed; `E_MODEL_FILE` otherwise.
   */
  protected abstract checkFitted(fitted: { [key: string]: StateValue }): F;

  /** Shared `fit` precondition: rows to learn from. */
  protected checkFitFrame(frame: Frame): void {
    if (frame.columns.length > 0 && frame.nRows === 0) {
      throw new DataError(`${this.constructor.name}: cannot fit on 0 rows of ${frame.origin}`, { estimator: this.constructor.name });
    }
  }
}
