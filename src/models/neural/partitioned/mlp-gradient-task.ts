/**
 * Worker side of data-parallel MLP training: one partition's summed loss and gradient on its share
 * of a global mini-batch, as `[rows, loss, gradient...]`. The share is a function of the task alone
 * (partition, seed, epoch, step), so any worker computes the same numbers.
 */
import { BoundedCache } from '../../../core/bounded-cache.js';
import { Rng } from '../../../core/rng.js';
import { bytesToFloat64, type PartitionTaskContext } from '../../partitioned-rounds.js';
import { MlpNetwork } from '../mlp-network.js';
import { loadMlpParameters, mlpGradientSum, mlpParameterCount } from '../mlp-partial-gradient.js';
import type { MlpGradientTask } from './mlp-partitioned.js';

const nets = new BoundedCache<string, MlpNetwork>(4);
const orders = new BoundedCache<string, Int32Array>(8);

/**
 * The row order of partition `partitionIndex` (n rows) in `epoch`: a permutation drawn from its own
 * stream of `seed`, or 0..n−1 without shuffling.
 *
 * @example
 * const order = mlpEpochOrder(200_000, 0, 3, 1, true);
 */
export function mlpEpochOrder(n: number, seed: number, partitionIndex: number, epoch: number, shuffle: boolean): Int32Array {
  if (!shuffle) return Int32Array.from({ length: n }, (_, i) => i);
  return Rng.derive(seed, 0x10000 * epoch + partitionIndex).permutation(n);
}

/**
 * Runs one `mlp-grad` task.
 *
 * @example
 * const partial = await runMlpGradientTask(task, ctx); // [rows, loss sum, gradient sum...]
 */
export async function runMlpGradientTask(task: MlpGradientTask, ctx: PartitionTaskContext): Promise<Float64Array> {
  const { X, y } = await ctx.partition(task.partition);
  const netKey = `${task.sizes.join('x')}:${task.activation}:${task.output}`;
  const net = nets.get(netKey) ?? nets.set(netKey, new MlpNetwork({ sizes: task.sizes, hiddenActivation: task.activation, outputActivation: task.output }));
  loadMlpParameters(net, bytesToFloat64(await ctx.broadcast(task.weights)));
  const n = X.rows, d = X.cols;
  const orderKey = `${task.partition}:${task.seed}:${task.partitionIndex}:${task.epoch}:${task.shuffle}`;
  const order = orders.get(orderKey) ?? orders.set(orderKey, mlpEpochOrder(n, task.seed, task.partitionIndex, task.epoch, task.shuffle));
  const lo = Math.floor((task.step * n) / task.steps), hi = Math.floor(((task.step + 1) * n) / task.steps);
  const rows = hi - lo;
  const xb = new Float64Array(rows * d);
  // Class indices for a classifier, float targets for a regressor (identity output).
  const yb = task.output === 'identity' ? new Float64Array(rows) : new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const src = order[lo + r];
    xb.set(X.data.subarray(src * d, src * d + d), r * d);
    yb[r] = y[src];
  }
  const out = new Float64Array(2 + mlpParameterCount(net));
  out[0] = rows;
  out[1] = rows > 0 ? mlpGradientSum(net, xb, yb, rows, out.subarray(2)) : 0;
  return out;
}
