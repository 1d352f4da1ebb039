/**
 * Training callbacks (after Keras's `Callback` and TF.js's `CustomCallback`): hooks `Sequential`
 * training calls at the start, after every epoch and at the end. Hooks may be synchronous or return a
 * promise; `fitSequentialAsync` awaits them, the synchronous `fitSequential` (used by the estimators,
 * whose `fit` is synchronous) calls them without waiting.
 */
import type { Sequential } from '../sequential/sequential.js';
import type { TrainLogs } from './train-logs.js';

/**
 * A training callback.
 *
 * @example
 * const curve: number[] = [];
 * const cb: Callback = { onEpochEnd: (logs) => { curve.push(logs.loss); } };
 */
export interface Callback {
  /** Called once before training with the model being trained. */
  onTrainBegin?(model: Sequential): void | Promise<void>;
  /** Called after each epoch; set `model.stopTraining = true` to stop. */
  onEpochEnd?(logs: TrainLogs): void | Promise<void>;
  /** Called once after the last epoch. */
  onTrainEnd?(logs: TrainLogs | null): void | Promise<void>;
}
