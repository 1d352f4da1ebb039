/**
 * Worker side of data-parallel linear models (logistic and ridge regression): one partition's summed
 * loss and gradient at the broadcast weights, as `[loss, gradient...]`. The loss function over a partition is built once
 * per worker and kept, so only weights and gradients cross the network per iteration.
 */
import { BoundedCache } from '../../../core/bounded-cache.js';
import { bytesToFloat64, type PartitionTaskContext } from '../../partitioned-rounds.js';
import type { LossGradient } from '../solvers/lbfgs.js';
import { binaryLogisticLoss } from '../logistic-loss.js';
import { rowStore } from '../solvers/row-store.js';
import { squaredLoss } from '../squared-loss.js';
import type { GradientTask } from './partitioned-objective.js';

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
    const { X, y } = await ctx.partition(task.partition);
    const rows = rowStore(X);
    fg = losses.set(key, task.loss === 'squared' ? squaredLoss(rows, y, task.fitIntercept) : binaryLogisticLoss(rows, y, new Float64Array(X.rows).fill(1), 0, task.fitIntercept));
  }
  const w = bytesToFloat64(await ctx.broadcast(task.weights));
  const out = new Float64Array(w.length + 1);
  out[0] = fg(w, out.subarray(1));
  return out;
}
