/**
 * Exponential decay per epoch, Keras's `ExponentialDecay` with epochs as steps:
 * `rate = base · decayRate^(epoch / decayEpochs)` (`staircase` floors the exponent).
 */
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options for `ExponentialDecay`. */
export interface ExponentialDecayOptions {
  /** Multiplier per `decayEpochs`, in (0, 1]. */
  decayRate: number;
  /** Default 1. */
  decayEpochs?: number;
  /** Decay in whole steps. Default false. */
  staircase?: boolean;
}

/**
 * Exponential decay.
 *
 * @example
 * new ExponentialDecay({ decayRate: 0.9 }).rateAt(2, 0.1); // 0.081
 */
export class ExponentialDecay extends LearningRateSchedule {
  readonly decayRate: number;
  readonly decayEpochs: number;
  readonly staircase: boolean;

  constructor(options: ExponentialDecayOptions) {
    super();
    this.decayRate = options.decayRate;
    this.decayEpochs = options.decayEpochs ?? 1;
    this.staircase = options.staircase ?? false;
  }

  rateAt(epoch: number, baseRate: number): number {
    const p = epoch / this.decayEpochs;
    return baseRate * this.decayRate ** (this.staircase ? Math.floor(p) : p);
  }
}
