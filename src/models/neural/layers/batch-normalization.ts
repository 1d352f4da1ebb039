/**
 * Batch normalisation (Ioffe & Szegedy 2015, "Batch Normalization: Accelerating Deep Network Training
 * by Reducing Internal Covariate Shift"), as Keras's `BatchNormalization` over the feature axis:
 * - training: x̂ = (x − μ_B)/sqrt(σ²_B + ε) with the batch mean and (biased) variance, y = γ·x̂ + β,
 *   and the running statistics move as `moving = momentum·moving + (1 − momentum)·batch`;
 * - inference: the running statistics replace the batch's.
 * Keras's defaults: momentum 0.99, ε 1e-3; γ starts at 1, β at 0, moving mean 0, moving variance 1.
 * Backward (the paper's §3 in its compact form):
 *   dx = γ/(N·σ) · (N·dy − Σdy − x̂·Σ(dy·x̂)),  dγ = Σ dy·x̂,  dβ = Σ dy.
 */
import type { Rng } from '../../../core/rng.js';
import { Layer, type LayerState } from './layer.js';

/** Options for `BatchNormalization`. */
export interface BatchNormalizationOptions {
  /** Weight of the old running statistics, in [0, 1). Default 0.99. */
  momentum?: number;
  /** Added to the variance, > 0. Default 1e-3. */
  epsilon?: number;
}

/**
 * A batch-normalisation layer.
 *
 * @example
 * const bn = new BatchNormalization({ momentum: 0.9 });
 */
export class BatchNormalization extends Layer {
  readonly kind = 'batchnorm';
  readonly momentum: number;
  readonly epsilon: number;
  gamma = new Float64Array(0);
  beta = new Float64Array(0);
  movingMean = new Float64Array(0);
  movingVariance = new Float64Array(0);
  gammaGrad = new Float64Array(0);
  betaGrad = new Float64Array(0);
  private invStd = new Float64Array(0);
  private xhat = new Float64Array(0);
  private out = new Float64Array(0);
  private gradIn = new Float64Array(0);
  private mean = new Float64Array(0);

  constructor(options: BatchNormalizationOptions = {}) {
    super();
    this.momentum = options.momentum ?? 0.99;
    this.epsilon = options.epsilon ?? 1e-3;
  }

  get units(): number {
    return this.inputUnits;
  }

  build(inputUnits: number, _rng: Rng): void {
    this.inputUnits = inputUnits;
    const d = inputUnits;
    this.gamma = new Float64Array(d).fill(1);
    this.beta = new Float64Array(d);
    this.movingMean = new Float64Array(d);
    this.movingVariance = new Float64Array(d).fill(1);
    this.gammaGrad = new Float64Array(d);
    this.betaGrad = new Float64Array(d);
    this.invStd = new Float64Array(d);
    this.mean = new Float64Array(d);
    this.capacity = 0;
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    const len = rows * this.inputUnits;
    this.xhat = new Float64Array(len);
    this.out = new Float64Array(len);
    this.gradIn = new Float64Array(len);
    this.capacity = rows;
  }

  forward(input: Float64Array, rows: number, training: boolean): Float64Array {
    this.ensure(rows);
    const d = this.inputUnits;
    const { gamma, beta, invStd, mean, xhat, out } = this;
    if (training) {
      mean.fill(0);
      for (let i = 0; i < rows; i++) for (let j = 0; j < d; j++) mean[j] += input[i * d + j];
      for (let j = 0; j < d; j++) mean[j] /= rows;
      invStd.fill(0);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < d; j++) {
          const c = input[i * d + j] - mean[j];
          invStd[j] += c * c;
        }
      }
      const m = this.momentum;
      for (let j = 0; j < d; j++) {
        const variance = invStd[j] / rows;
        this.movingMean[j] = m * this.movingMean[j] + (1 - m) * mean[j];
        this.movingVariance[j] = m * this.movingVariance[j] + (1 - m) * variance;
        invStd[j] = 1 / Math.sqrt(variance + this.epsilon);
      }
    } else {
      for (let j = 0; j < d; j++) {
        mean[j] = this.movingMean[j];
        invStd[j] = 1 / Math.sqrt(this.movingVariance[j] + this.epsilon);
      }
    }
    for (let i = 0; i < rows; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) {
        const h = (input[o + j] - mean[j]) * invStd[j];
        xhat[o + j] = h;
        out[o + j] = gamma[j] * h + beta[j];
      }
    }
    return out;
  }

  backward(_input: Float64Array, gradOut: Float64Array, rows: number, needInputGrad: boolean): Float64Array | null {
    const d = this.inputUnits;
    const { xhat, gammaGrad: gg, betaGrad: gb } = this;
    gg.fill(0);
    gb.fill(0);
    for (let i = 0; i < rows; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) {
        const g = gradOut[o + j];
        gb[j] += g;
        gg[j] += g * xhat[o + j];
      }
    }
    if (!needInputGrad) return null;
    const dx = this.gradIn;
    for (let i = 0; i < rows; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) {
        dx[o + j] = ((this.gamma[j] * this.invStd[j]) / rows) * (rows * gradOut[o + j] - gb[j] - xhat[o + j] * gg[j]);
      }
    }
    return dx;
  }

  override params(): Float64Array[] {
    return [this.gamma, this.beta];
  }

  override grads(): Float64Array[] {
    return [this.gammaGrad, this.betaGrad];
  }

  override decayMask(): boolean[] {
    return [false, false];
  }

  toState(): LayerState {
    return {
      config: { type: 'batchnorm', momentum: this.momentum, epsilon: this.epsilon },
      weights: [this.gamma, this.beta, this.movingMean, this.movingVariance],
    };
  }

  setWeights(weights: readonly Float64Array[]): void {
    this.gamma.set(weights[0]);
    this.beta.set(weights[1]);
    this.movingMean.set(weights[2]);
    this.movingVariance.set(weights[3]);
  }
}
