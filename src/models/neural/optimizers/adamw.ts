/**
 * AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019, "Decoupled Weight Decay
 * Regularization", Algorithm 2). The decay shrinks the weights directly instead of being added to the
 * gradient, so it is not rescaled by Adam's per-coordinate step sizes. As PyTorch's `torch.optim.AdamW`
 * and Keras's `AdamW` do, the paper's schedule multiplier η_t is the learning rate itself:
 *   θ ← θ·(1 − η·λ);  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
 *   m̂ = m/(1−β1^t);  v̂ = v/(1−β2^t);  θ ← θ − η·m̂/(sqrt(v̂) + ε)
 * (ε outside the bias-corrected root, PyTorch's placement). The decay applies to every buffer the
 * optimizer is given; pass only kernels to exempt biases and BatchNorm parameters.
 */
import type { AdamOptions } from './adam.js';
import { Optimizer } from './optimizer.js';

/** Options for `AdamWOptimizer`: Adam's, plus the decay (`epsilon` is added to sqrt(v̂) here). */
export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight-decay coefficient λ ≥ 0 (PyTorch's default 0.01). */
  weightDecay: number;
}

/**
 * The AdamW optimizer.
 *
 * @example
 * const opt = new AdamWOptimizer([w], [g], { learningRate: 1e-3, weightDecay: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
 * opt.step();
 */
export class AdamWOptimizer extends Optimizer {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private readonly options: AdamWOptions;
  /** Per buffer: whether the weight decay applies (all true unless `decayMask` says otherwise). */
  private readonly decays: readonly boolean[];
  private t = 0;

  /** `decayMask[i] === false` exempts `params[i]` from the weight decay (e.g. biases). */
  constructor(params: readonly Float64Array[], grads: readonly Float64Array[], options: AdamWOptions, decayMask?: readonly boolean[]) {
    super(params, grads, options.learningRate);
    this.options = { ...options };
    this.m = this.zerosLike();
    this.v = this.zerosLike();
    this.decays = params.map((_, i) => decayMask?.[i] ?? true);
  }

  override step(): void {
    const { weightDecay, beta1: b1, beta2: b2, epsilon: eps } = this.options;
    const lr = this.learningRate;
    this.t++;
    const bc1 = 1 - b1 ** this.t;
    const sqrtBc2 = Math.sqrt(1 - b2 ** this.t);
    const stepSize = lr / bc1;
    const shrink = 1 - lr * weightDecay;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    for (let p = 0; p < this.params.length; p++) {
      const theta = this.params[p];
      const g = this.grads[p];
      const m = this.m[p];
      const v = this.v[p];
      const s = this.decays[p] ? shrink : 1;
      for (let i = 0; i < theta.length; i++) {
        const gi = g[i];
        const mi = b1 * m[i] + c1 * gi;
        const vi = b2 * v[i] + c2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        theta[i] = theta[i] * s - (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps);
      }
    }
  }
}
