/**
 * The transformer contract — the same rules as core's `Estimator` (after scikit-learn's
 * `TransformerMixin`): the constructor only stores parameters, validation waits for `fit` (so that
 * `setParams` during a search may pass through invalid intermediate states), `fit` returns `this`,
 * learned state lives apart in `fitted` (null until fit), and `toState`/`restoreState` save and load it
 * as data only. Transformers map a `Frame` to a `Frame`; `toMatrix` turns the final frame into the
 * `Matrix` every estimator takes.
 */
import { DataError } from '../core/errors.js';
import { Parametrised } from '../core/parametrised.js';
import type { Frame } from '../core/frame.js';

// `any` defaults let `Transformer` stand for "some transformer" in pipelines and the registry; every
// concrete class fixes both type parameters.
export abstract class Transformer<P extends object = any, F extends object = any> extends Parametrised<P, F> {
  /** Learns what `transform` needs from the training rows only. */
  abstract fit(frame: Frame): this;
  /** Applies the learned state to any frame holding the columns seen in `fit`. */
  abstract transform(frame: Frame): Frame;

  /** `fit(frame)` then `transform(frame)`; composites override it to transform each step once. */
  fitTransform(frame: Frame): Frame {
    return this.fit(frame).transform(frame);
  }

  /** Shared `fit` precondition: rows to learn from. */
  protected checkFitFrame(frame: Frame): void {
    if (frame.columns.length > 0 && frame.nRows === 0) {
      throw new DataError(`${this.constructor.name}: cannot fit on 0 rows of ${frame.origin}`, { estimator: this.constructor.name });
    }
  }
}
