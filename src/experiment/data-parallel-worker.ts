/**
 * What `trainyard worker` does with a data-parallel task (`lr-grad`, `mlp-grad`, `gbdt-hist`):
 * compute the partition's partial result (on a task thread, see `partition-task-handler.ts`), write it to the
 * task's Redis key and report it on the round's list, where the coordinator waits (see
 * `data-parallel-rounds.ts` for why results do not travel in the job).
 */
import type { Redis } from 'ioredis';
import { DataError } from '../core/errors.js';
import type { BoostingHistogramTask } from './data-parallel-boosting.js';
import type { GradientTask } from './data-parallel-gradients.js';
import type { MlpGradientTask } from './data-parallel-mlp.js';
import { float64ToBytes, SIDE_KEY_TTL_MS, type PartitionTaskBase, type TaskReport } from './data-parallel-rounds.js';
import { runBoostingHistogramTask } from './boosting-histogram-task.js';
import { runGradientTask } from './gradient-task.js';
import { runMlpGradientTask } from './mlp-gradient-task.js';
import type { PartitionTaskContext } from './partition-cache.js';

/** Every kind of data-parallel task. */
export type DataParallelTask = GradientTask | MlpGradientTask | BoostingHistogramTask;

const KINDS = new Set(['lr-grad', 'mlp-grad', 'gbdt-hist']);

/**
 * True for the data-parallel task kinds (their results are transient partials, not run results).
 *
 * @example
 * if (isDataParallelTask(task)) await channel.publish(task, await thread.run(task));
 */
export function isDataParallelTask(task: { kind: string }): task is DataParallelTask {
  return KINDS.has(task.kind);
}

/**
 * The partial result of `task` (computed here, not published).
 *
 * @example
 * const partial = await runDataParallelTask(task, { blob, broadcast });
 */
export function runDataParallelTask(task: DataParallelTask, ctx: PartitionTaskContext): Promise<Float64Array> {
  switch (task.kind) {
    case 'lr-grad':
      return runGradientTask(task, ctx);
    case 'mlp-grad':
      return runMlpGradientTask(task, ctx);
    case 'gbdt-hist':
      return runBoostingHistogramTask(task, ctx);
  }
}

/**
 * The bytes of broadcast `key`.
 *
 * @example
 * const weights = bytesToFloat64(await readBroadcast(redis, task.weights));
 */
export async function readBroadcast(redis: Redis, key: string): Promise<Buffer> {
  const b = await redis.getBuffer(key);
  if (!b) throw new DataError(`data-parallel broadcast ${key} is not in Redis (expired, or its coordinator stopped)`, { key });
  return b;
}

/**
 * How a worker hands back partial results, over its Redis connection.
 *
 * @example
 * const channel = new PartialResultChannel(redis);
 * await channel.publish(task, partial);
 */
export class PartialResultChannel {
  constructor(private readonly redis: Redis) {}

  /** Writes `task`'s partial result and then reports it done (with TTLs, in case its coordinator is gone). */
  async publish(task: PartitionTaskBase, data: Float64Array): Promise<void> {
    await this.redis.multi().set(task.result, float64ToBytes(data), 'PX', SIDE_KEY_TTL_MS).rpush(task.done, JSON.stringify({ id: task.id } satisfies TaskReport)).pexpire(task.done, SIDE_KEY_TTL_MS).exec();
  }

  /** Reports that `task` failed for good. */
  async fail(task: PartitionTaskBase, error: string): Promise<void> {
    await this.redis.multi().rpush(task.done, JSON.stringify({ id: task.id, error } satisfies TaskReport)).pexpire(task.done, SIDE_KEY_TTL_MS).exec();
  }
}
