/**
 * Step decay (the classic schedule of Krizhevsky et al. 2012 and He et al. 2016): the rate is
 * multiplied by `factor` every `dropEvery` epochs, `rate = base · factor^floor(epoch / dropEvery)`.
 */
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options for `StepDecay`. */
export interface StepDecayOptions {
  /** Epochs between drops (integer ≥ 1). */
  dropEvery: number;
  /** Multiplier at each drop, in (0, 1]. Default 0.5. */
  factor?: number;
}

/**
 * Step decay.
 *
 * @example
 * new StepDecay({ dropEvery: 10, factor: 0.5 }).rateAt(25, 0.1); // 0.025
 */
export class StepDecay extends LearningRateSchedule {
  readonly dropEvery: number;
  readonly factor: number;

  constructor(options: StepDecayOptions) {
    super();
    this.dropEvery = options.dropEvery;
    this.factor = options.factor ?? 0.5;
  }

  rateAt(epoch: number, baseRate: number): number {
    return baseRate * this.factor ** Math.floor(epoch / this.dropEvery);
  }
}
