/**
 * Stochastic gradient descent with (Nesterov) momentum, exactly as scikit-learn's `SGDOptimizer`
 * (`neural_network/_stochastic_optimizers.py`, constant learning rate):
 *   v ← μ·v − η·g;   Δ = nesterov ? μ·v − η·g : v;   θ ← θ + Δ
 * (Sutskever et al. 2013, "On the importance of initialization and momentum in deep learning").
 */
import { Optimizer } from './optimizer.js';

/** Options for `SgdOptimizer`. */
export interface SgdOptions {
  /** Step size η. */
  learningRate: number;
  /** Momentum μ in [0, 1]; 0 gives plain SGD. */
  momentum: number;
  /** Use Nesterov's look-ahead update. */
  nesterov: boolean;
}

/**
 * SGD with optional (Nesterov) momentum.
 *
 * @example
 * const opt = new SgdOptimizer([w], [g], { learningRate: 0.1, momentum: 0.9, nesterov: true });
 * opt.step(); // w updated in place from g
 */
export class SgdOptimizer extends Optimizer {
  private readonly velocities: Float64Array[];
  private readonly options: SgdOptions;

  constructor(params: readonly Float64Array[], grads: readonly Float64Array[], options: SgdOptions) {
    super(params, grads, options.learningRate);
    this.options = { ...options };
    this.velocities = this.zerosLike();
  }

  override step(): void {
    const { momentum: mu, nesterov } = this.options;
    const lr = this.learningRate;
    for (let p = 0; p < this.params.length; p++) {
      const theta = this.params[p];
      const g = this.grads[p];
      const v = this.velocities[p];
      for (let i = 0; i < theta.length; i++) {
        const vi = mu * v[i] - lr * g[i];
        v[i] = vi;
        theta[i] += nesterov ? mu * vi - lr * g[i] : vi;
      }
    }
  }
}
