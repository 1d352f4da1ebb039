/**
 * RMSprop (Tieleman & Hinton 2012, Coursera "Neural Networks for Machine Learning", lecture 6.5), in
 * Keras's form (`keras/optimizers/rmsprop.py`, no momentum, not centred):
 *   v ← ρ·v + (1−ρ)·g²;   θ ← θ − η·g/(sqrt(v) + ε)
 */
import { Optimizer } from './optimizer.js';

/** Options for `RmspropOptimizer`. */
export interface RmspropOptions {
  /** Step size η (Keras's default 0.001). */
  learningRate: number;
  /** Decay ρ of the running mean of squared gradients, in [0, 1) (Keras's default 0.9). */
  rho: number;
  /** Added to sqrt(v) for numerical stability (Keras's default 1e-7). */
  epsilon: number;
}

/**
 * The RMSprop optimizer.
 *
 * @example
 * const opt = new RmspropOptimizer([w], [g], { learningRate: 1e-3, rho: 0.9, epsilon: 1e-7 });
 * opt.step();
 */
export class RmspropOptimizer extends Optimizer {
  private readonly v: Float64Array[];
  private readonly options: RmspropOptions;

  constructor(params: readonly Float64Array[], grads: readonly Float64Array[], options: RmspropOptions) {
    super(params, grads, options.learningRate);
    this.options = { ...options };
    this.v = this.zerosLike();
  }

  override step(): void {
    const { rho, epsilon: eps } = this.options;
    const lr = this.learningRate;
    const c = 1 - rho;
    for (let p = 0; p < this.params.length; p++) {
      const theta = this.params[p];
      const g = this.grads[p];
      const v = this.v[p];
      for (let i = 0; i < theta.length; i++) {
        const gi = g[i];
        const vi = rho * v[i] + c * gi * gi;
        v[i] = vi;
        theta[i] -= (lr * gi) / (Math.sqrt(vi) + eps);
      }
    }
  }
}
