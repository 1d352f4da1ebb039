/**
 * Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"), in the form scikit-learn's
 * `AdamOptimizer` uses: the bias corrections are folded into the step size,
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  η_t = η·sqrt(1−β2^t)/(1−β1^t);  θ ← θ − η_t·m/(sqrt(v)+ε)
 */
import { Optimizer } from './optimizer.js';

/** Options for `AdamOptimizer`. */
export interface AdamOptions {
  /** Base step size η. */
  learningRate: number;
  /** Decay of the first-moment estimate, in [0, 1). */
  beta1: number;
  /** Decay of the second-moment estimate, in [0, 1). */
  beta2: number;
  /** Added to sqrt(v) for numerical stability. */
  epsilon: number;
}

/**
 * The Adam optimizer.
 *
 * @example
 * const opt = new AdamOptimizer([w], [g], { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
 * opt.step();
 */
export class AdamOptimizer extends Optimizer {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private readonly options: AdamOptions;
  private t = 0;

  constructor(params: readonly Float64Array[], grads: readonly Float64Array[], options: AdamOptions) {
    super(params, grads, options.learningRate);
    this.options = { ...options };
    this.m = this.zerosLike();
    this.v = this.zerosLike();
  }

  override step(): void {
    const { beta1: b1, beta2: b2, epsilon: eps } = this.options;
    const learningRate = this.learningRate;
    this.t++;
    const lr = (learningRate * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    for (let p = 0; p < this.params.length; p++) {
      const theta = this.params[p];
      const g = this.grads[p];
      const m = this.m[p];
      const v = this.v[p];
      for (let i = 0; i < theta.length; i++) {
        const gi = g[i];
        const mi = b1 * m[i] + c1 * gi;
        const vi = b2 * v[i] + c2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        theta[i] -= (lr * mi) / (Math.sqrt(vi) + eps);
      }
    }
  }
}
