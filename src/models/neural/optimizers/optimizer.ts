/**
 * The base of the gradient-descent optimizers (after TensorFlow.js's `Optimizer` and scikit-learn's
 * `BaseOptimizer` in `neural_network/_stochastic_optimizers.py`): one `step` per mini-batch updates
 * every parameter buffer in place from the matching gradient buffer. Slots (velocities, moments) are
 * allocated once, in the constructor, shaped like the parameters.
 */

/**
 * A gradient-descent optimizer over a fixed list of parameter buffers.
 *
 * @example
 * const opt = new AdamOptimizer(params, grads, { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
 * opt.learningRate = 5e-4; // a schedule changes the rate between steps
 * opt.step();
 */
export abstract class Optimizer {
  protected readonly params: readonly Float64Array[];
  protected readonly grads: readonly Float64Array[];
  /** Current step size; learning-rate schedules overwrite it between epochs. */
  learningRate: number;

  /** `params[i]` is updated from `grads[i]`; both lists keep their buffers for the optimizer's life. */
  constructor(params: readonly Float64Array[], grads: readonly Float64Array[], learningRate: number) {
    this.learningRate = learningRate;
    if (params.length !== grads.length) throw new RangeError(`optimizer: ${params.length} parameter buffers but ${grads.length} gradient buffers`);
    for (let i = 0; i < params.length; i++) {
      if (params[i].length !== grads[i].length) throw new RangeError(`optimizer: parameter ${i} has ${params[i].length} values, its gradient ${grads[i].length}`);
    }
    this.params = params;
    this.grads = grads;
  }

  /** Applies one update from the current gradient buffers. */
  abstract step(): void;

  /** Allocates a zeroed slot buffer per parameter. */
  protected zerosLike(): Float64Array[] {
    return this.params.map((p) => new Float64Array(p.length));
  }
}
