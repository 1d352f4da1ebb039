/**
 * Cosine decay (Loshchilov & Hutter 2017, "SGDR: Stochastic Gradient Descent with Warm Restarts",
 * without restarts), Keras's `CosineDecay` with epochs as steps:
 * `rate = base · ((1 − α)·½(1 + cos(π·min(epoch, decayEpochs)/decayEpochs)) + α)`.
 */
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options for `CosineDecay`. */
export interface CosineDecayOptions {
  /** Epochs over which the rate falls to α·base (integer ≥ 1). */
  decayEpochs: number;
  /** Final fraction of the base rate, in [0, 1]. Default 0. */
  alpha?: number;
}

/**
 * Cosine decay.
 *
 * @example
 * new CosineDecay({ decayEpochs: 10 }).rateAt(5, 0.1); // 0.05
 */
export class CosineDecay extends LearningRateSchedule {
  readonly decayEpochs: number;
  readonly alpha: number;

  constructor(options: CosineDecayOptions) {
    super();
    this.decayEpochs = options.decayEpochs;
    this.alpha = options.alpha ?? 0;
  }

  rateAt(epoch: number, baseRate: number): number {
    const t = Math.min(epoch, this.decayEpochs) / this.decayEpochs;
    const cosine = 0.5 * (1 + Math.cos(Math.PI * t));
    return baseRate * ((1 - this.alpha) * cosine + this.alpha);
  }
}
