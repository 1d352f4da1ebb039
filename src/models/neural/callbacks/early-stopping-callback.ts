/**
 * Keras's `EarlyStopping` callback (`keras/callbacks/early_stopping.py`): training stops once the
 * monitored quantity has not improved by more than `minDelta` for `patience` consecutive epochs; with
 * `restoreBestWeights` the model ends with the weights of its best epoch. Unlike Keras 2, the best
 * weights are restored also when the epoch budget runs out before the patience does, so the result
 * never depends on which of the two ended training.
 */
import type { Sequential } from '../sequential/sequential.js';
import type { Callback } from './callback.js';
import { monitored, type MonitorName, type TrainLogs } from './train-logs.js';

/** Options for `EarlyStopping` (Keras's names, camelCase). */
export interface EarlyStoppingCallbackOptions {
  /** Default 'valLoss'. */
  monitor?: MonitorName;
  /** Epochs without improvement tolerated. Default 0 (Keras). */
  patience?: number;
  /** Smallest change counted as an improvement. Default 0. */
  minDelta?: number;
  /** End with the best epoch's weights. Default false (Keras). */
  restoreBestWeights?: boolean;
}

/**
 * Stops training when the monitored quantity stops improving.
 *
 * @example
 * const stop = new EarlyStopping({ monitor: 'valLoss', patience: 5, restoreBestWeights: true });
 * fitSequential(model, X, Y, { ...options, callbacks: [stop] });
 * stop.bestEpoch; // the epoch whose weights the model holds
 */
export class EarlyStopping implements Callback {
  readonly monitor: MonitorName;
  readonly patience: number;
  readonly minDelta: number;
  readonly restoreBestWeights: boolean;
  /** 1-based epoch of the best value (0 before training). */
  bestEpoch = 0;
  /** Epoch at which training was stopped, 0 when it ran to the end. */
  stoppedEpoch = 0;
  best = NaN;
  private wait = 0;
  private model: Sequential | null = null;
  private bestWeights: Float64Array[][] | null = null;

  constructor(options: EarlyStoppingCallbackOptions = {}) {
    this.monitor = options.monitor ?? 'valLoss';
    this.patience = options.patience ?? 0;
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
  }

  onTrainBegin(model: Sequential): void {
    this.model = model;
    this.wait = 0;
    this.best = NaN;
    this.bestEpoch = 0;
    this.stoppedEpoch = 0;
    this.bestWeights = null;
  }

  onEpochEnd(logs: TrainLogs): void {
    const { value, higherIsBetter } = monitored(logs, this.monitor);
    const improved = Number.isNaN(this.best) || (higherIsBetter ? value - this.minDelta > this.best : value + this.minDelta < this.best);
    if (improved) {
      this.best = value;
      this.bestEpoch = logs.epoch;
      this.wait = 0;
      if (this.restoreBestWeights && this.model) this.bestWeights = this.model.getWeights();
      return;
    }
    this.wait++;
    if (this.wait >= this.patience && this.model) {
      this.stoppedEpoch = logs.epoch;
      this.model.stopTraining = true;
    }
  }

  onTrainEnd(): void {
    if (this.restoreBestWeights && this.bestWeights && this.model) this.model.setWeights(this.bestWeights);
  }
}
