/**
 * Worker side of data-parallel linear models (logistic and ridge regression): one partition's summed
 * loss and gradient at the broadcast weights, as `[loss, gradient...]`. The loss function over a partition is built once
 * per worker and kept, so only weights and gradients cross the network per iteration.
 */
import type { LossGradient } from '../models/linear/lbfgs.js';
import { binaryLogisticLoss } from '../models/linear/logistic-loss.js';
import { squaredLoss } from '../models/linear/squared-loss.js';
import { rowStore } from '../models/linear/solvers/row-store.js';
import type { GradientTask } from './data-parallel-gradients.js';
import { bytesToFloat64 } from './data-parallel-rounds.js';
import { BoundedCache } from '../core/bounded-cache.js';
import { loadPartition, type PartitionTaskContext } from './partition-cache.js';

const losses = new BoundedCache<string, LossGradient>(8);

/**
 * Runs one `lr-grad` task.
 *
 * @example
 * const partial = await runGradientTask(task, ctx); // [loss, ∂loss/∂w...]
 */
export async function runGradientTask(task: GradientTask, ctx: PartitionTaskContext): Promise<Float64Array> {
  const key = `${task.partition}:${task.loss}:${task.fitIntercept}`;
  let fg = losses.get(key);
  if (!fg) {
    const { X, y } = await loadPartition(task.partition, ctx);
    const rows = rowStore(X);
    fg = losses.set(key, task.loss === 'squared' ? squaredLoss(rows, y, task.fitIntercept) : binaryLogisticLoss(rows, y, new Float64Array(X.rows).fill(1), 0, task.fitIntercept));
  }
  const w = bytesToFloat64(await ctx.broadcast(task.weights));
  const out = new Float64Array(w.length + 1);
  out[0] = fg(w, out.subarray(1));
  return out;
}
