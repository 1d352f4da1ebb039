/**
 * What a `Sequential` training epoch reports to callbacks and schedules, and how a monitored quantity
 * is read from it (Keras's `monitor` / `mode` convention, in the log's camelCase field names).
 */
import type { EpochLogs } from '../../../core/estimator.js';

/** Logs of one epoch (1-based `epoch`); extends core's `EpochLogs` so estimators pass them on as is. */
export interface TrainLogs extends EpochLogs {
  /** Step size used during the epoch. */
  learningRate: number;
  /** Loss on the validation rows (inference mode, no penalty), when there are any. */
  valLoss?: number;
}

/** Quantities a callback or schedule may watch. */
export type MonitorName = 'loss' | 'valLoss' | 'validationScore';

/** Every monitor name, for parameter checks. */
export const MONITOR_NAMES: readonly MonitorName[] = ['loss', 'valLoss', 'validationScore'];

/**
 * The monitored value of `logs`, and whether higher is better ('validationScore' is a score; the
 * losses are minimised). Throws a RangeError naming the monitor when the logs lack it.
 *
 * @example
 * monitored({ epoch: 1, loss: 0.5, learningRate: 1e-3 }, 'loss'); // { value: 0.5, higherIsBetter: false }
 */
export function monitored(logs: TrainLogs, name: MonitorName): { value: number; higherIsBetter: boolean } {
  const value = logs[name];
  if (value === undefined) {
    throw new RangeError(`monitor '${name}' is not in the epoch logs (has: ${Object.keys(logs).join(', ')}); watch 'loss' or train with a validation split`);
  }
  return { value, higherIsBetter: name === 'validationScore' };
}
