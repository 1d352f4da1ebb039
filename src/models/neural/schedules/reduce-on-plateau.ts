/**
 * Reduce the rate on a plateau, Keras's `ReduceLROnPlateau` (`keras/callbacks/reduce_lr_on_plateau.py`):
 * after `patience` epochs without an improvement larger than `minDelta` in the monitored quantity,
 * the rate is multiplied by `factor` (not below `minRate`), then `cooldown` epochs pass before
 * counting again.
 */
import { monitored, type MonitorName, type TrainLogs } from '../callbacks/train-logs.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options for `ReduceOnPlateau` (Keras's defaults). */
export interface ReduceOnPlateauOptions {
  /** Default 'valLoss'. */
  monitor?: MonitorName;
  /** Multiplier in (0, 1). Default 0.1. */
  factor?: number;
  /** Default 10. */
  patience?: number;
  /** Default 1e-4. */
  minDelta?: number;
  /** Default 0. */
  cooldown?: number;
  /** Lower bound of the rate. Default 0. */
  minRate?: number;
}

/**
 * Reduce-on-plateau schedule.
 *
 * @example
 * const s = new ReduceOnPlateau({ monitor: 'loss', patience: 2, factor: 0.5 });
 */
export class ReduceOnPlateau extends LearningRateSchedule {
  readonly monitor: MonitorName;
  readonly factor: number;
  readonly patience: number;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minRate: number;
  private multiplier = 1;
  private best = NaN;
  private wait = 0;
  private cooldownLeft = 0;
  private base = NaN;

  constructor(options: ReduceOnPlateauOptions = {}) {
    super();
    this.monitor = options.monitor ?? 'valLoss';
    this.factor = options.factor ?? 0.1;
    this.patience = options.patience ?? 10;
    this.minDelta = options.minDelta ?? 1e-4;
    this.cooldown = options.cooldown ?? 0;
    this.minRate = options.minRate ?? 0;
  }

  rateAt(_epoch: number, baseRate: number): number {
    this.base = baseRate;
    return Math.max(baseRate * this.multiplier, Math.min(this.minRate, baseRate));
  }

  override observe(logs: TrainLogs): void {
    const { value, higherIsBetter } = monitored(logs, this.monitor);
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.wait = 0;
    }
    const improved = Number.isNaN(this.best) || (higherIsBetter ? value > this.best + this.minDelta : value < this.best - this.minDelta);
    if (improved) {
      this.best = value;
      this.wait = 0;
    } else if (this.cooldownLeft === 0) {
      this.wait++;
      if (this.wait >= this.patience) {
        const current = this.base * this.multiplier;
        if (current > this.minRate) this.multiplier = Math.max(current * this.factor, this.minRate) / this.base;
        this.cooldownLeft = this.cooldown;
        this.wait = 0;
      }
    }
  }

  override reset(): void {
    this.multiplier = 1;
    this.best = NaN;
    this.wait = 0;
    this.cooldownLeft = 0;
  }
}
