/**
 * The base of the per-epoch learning-rate schedules (Keras's `LearningRateScheduler` idea): training
 * asks `rateAt(epoch, baseRate)` before each epoch and passes the epoch's logs to `observe` after it
 * (only stateful schedules such as reduce-on-plateau use them).
 */
import type { TrainLogs } from '../callbacks/train-logs.js';

/**
 * A learning-rate schedule over epochs (0-based in `rateAt`).
 *
 * @example
 * class Halving extends LearningRateSchedule { rateAt(e: number, base: number) { return base / 2 ** e; } }
 */
export abstract class LearningRateSchedule {
  /** The step size for `epoch` (0-based) given the optimizer's initial rate. */
  abstract rateAt(epoch: number, baseRate: number): number;

  /** Sees each finished epoch's logs. */
  observe(_logs: TrainLogs): void {}

  /** Forgets any state from a previous training run. */
  reset(): void {}
}
