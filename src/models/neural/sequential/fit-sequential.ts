/**
 * The mini-batch training loop of `Sequential` (Keras's `Model.fit`): per epoch, optionally shuffle
 * the rows (seeded), set the scheduled learning rate, run one fused `trainStep` plus one optimizer
 * step per batch, then evaluate the validation rows and hand the epoch's logs to the schedule and the
 * callbacks. The loop is a generator so that one body serves the synchronous driver (`fitSequential`,
 * used by the estimators) and the asynchronous one (`fitSequentialAsync`, which awaits callbacks).
 */
import { DataError } from '../../../core/errors.js';
import type { Matrix } from '../../../core/matrix.js';
import { Rng } from '../../../core/rng.js';
import type { Callback } from '../callbacks/callback.js';
import type { TrainLogs } from '../callbacks/train-logs.js';
import type { LossSpec } from '../losses.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule.js';
import type { Sequential } from './sequential.js';

/** Rows held out to watch during training. */
export interface ValidationData {
  X: Matrix;
  /** rows×units targets in the loss's encoding. */
  target: Float64Array;
  /** Per-row weights of the validation loss (class weights), or null. */
  sampleWeight?: Float64Array | null;
  /** A score of the model's outputs on `X` (higher is better), reported as `validationScore`. */
  score?: (outputs: Matrix) => number;
}

/** Options for `fitSequential`. */
export interface FitSequentialOptions {
  loss: LossSpec;
  /** Built over `model.parameters()`. */
  optimizer: Optimizer;
  /** Integer ≥ 1. */
  epochs: number;
  /** Rows per mini-batch (clipped to the row count). */
  batchSize: number;
  /** Reshuffle rows every epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffles. Default 0. */
  seed?: number;
  /** Per-row loss weights (class weights), or null. */
  sampleWeight?: Float64Array | null;
  schedule?: LearningRateSchedule | null;
  callbacks?: Callback[];
  validation?: ValidationData | null;
}

/**
 * Trains epoch by epoch, yielding each epoch's logs after the schedule has seen them and before the
 * callbacks run (the drivers call those).
 */
export function* trainEpochs(model: Sequential, X: Matrix, target: Float64Array, options: FitSequentialOptions): Generator<TrainLogs, void, void> {
  const n = X.rows;
  const d = X.cols;
  const k = model.units;
  const { loss, optimizer, schedule } = options;
  const shuffle = options.shuffle ?? true;
  const weights = options.sampleWeight ?? null;
  const batch = Math.max(1, Math.min(options.batchSize, n));
  const rng = new Rng(options.seed ?? 0);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const Xb = new Float64Array(batch * d);
  const Tb = new Float64Array(batch * k);
  const Wb = weights === null ? null : new Float64Array(batch);
  const baseRate = optimizer.learningRate;
  schedule?.reset();
  model.stopTraining = false;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    if (schedule) optimizer.learningRate = schedule.rateAt(epoch, baseRate);
    if (shuffle) rng.shuffle(order);
    let total = 0;
    for (let start = 0; start < n; start += batch) {
      const rows = Math.min(batch, n - start);
      let xs: Float64Array, ts: Float64Array, ws: Float64Array | null;
      if (shuffle) {
        // Plain copy loops: `set(subarray(...))` would allocate a view per row.
        const xd = X.data;
        for (let r = 0; r < rows; r++) {
          const src = order[start + r];
          const xs0 = src * d, xb0 = r * d;
          for (let j = 0; j < d; j++) Xb[xb0 + j] = xd[xs0 + j];
          const ts0 = src * k, tb0 = r * k;
          for (let j = 0; j < k; j++) Tb[tb0 + j] = target[ts0 + j];
          if (Wb !== null && weights !== null) Wb[r] = weights[src];
        }
        xs = Xb;
        ts = Tb;
        ws = Wb;
      } else {
        xs = X.data.subarray(start * d, (start + rows) * d);
        ts = target.subarray(start * k, (start + rows) * k);
        ws = weights === null ? null : weights.subarray(start, start + rows);
      }
      total += model.trainStep(xs, ts, ws, rows, loss) * rows;
      optimizer.step();
    }
    const lossValue = total / n;
    if (!Number.isFinite(lossValue)) {
      throw new DataError(
        `neural network training diverged at epoch ${epoch + 1} (loss ${lossValue}); standard-scale the features or lower the learning rate (now ${optimizer.learningRate})`,
        { epoch: epoch + 1, loss: String(lossValue) },
      );
    }
    const logs: TrainLogs = { epoch: epoch + 1, loss: lossValue, learningRate: optimizer.learningRate };
    const v = options.validation;
    if (v) {
      const out = model.predict(v.X);
      logs.valLoss = model.evaluateOutputs(out, v.target, v.sampleWeight ?? null, loss);
      if (v.score) logs.validationScore = v.score(out);
    }
    schedule?.observe(logs);
    yield logs;
    if (model.stopTraining) break;
  }
}

/**
 * Trains `model` (already built) on X and `target` (rows×units); callbacks run synchronously (a
 * returned promise is not awaited). Returns the epochs' logs.
 *
 * @example
 * const history = fitSequential(model, X, Y, { loss: { name: 'mse' }, optimizer, epochs: 20, batchSize: 32 });
 */
export function fitSequential(model: Sequential, X: Matrix, target: Float64Array, options: FitSequentialOptions): TrainLogs[] {
  const callbacks = options.callbacks ?? [];
  for (const c of callbacks) void c.onTrainBegin?.(model);
  const history: TrainLogs[] = [];
  for (const logs of trainEpochs(model, X, target, options)) {
    history.push(logs);
    for (const c of callbacks) void c.onEpochEnd?.(logs);
  }
  for (const c of callbacks) void c.onTrainEnd?.(history[history.length - 1] ?? null);
  return history;
}

/**
 * As {@link fitSequential}, awaiting each callback hook before the next epoch.
 *
 * @example
 * await fitSequentialAsync(model, X, Y, { ...options, callbacks: [{ onEpochEnd: async (l) => save(l) }] });
 */
export async function fitSequentialAsync(model: Sequential, X: Matrix, target: Float64Array, options: FitSequentialOptions): Promise<TrainLogs[]> {
  const callbacks = options.callbacks ?? [];
  for (const c of callbacks) await c.onTrainBegin?.(model);
  const history: TrainLogs[] = [];
  for (const logs of trainEpochs(model, X, target, options)) {
    history.push(logs);
    for (const c of callbacks) await c.onEpochEnd?.(logs);
  }
  for (const c of callbacks) await c.onTrainEnd?.(history[history.length - 1] ?? null);
  return history;
}
