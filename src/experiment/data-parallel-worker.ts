/**
 * What `trainyard worker` does with a data-parallel task (`lr-grad`, `mlp-grad`, `gbdt-hist`):
 * compute the partition's partial result, write it to the task's Redis key and report it on the
 * round's list, where the coordinator waits (see `data-parallel-rounds.ts` for why results do not
 * travel in the job).
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
 * if (isDataParallelTask(job.data.task)) return runDataParallelJob(job.data.task, blob, channel);
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
 * How a worker reads broadcasts and hands back partial results, over its Redis connection.
 *
 * @example
 * const channel = new PartialResultChannel(redis);
 * await runDataParallelJob(task, (sha) => readBlob(sha), channel);
 */
export class PartialResultChannel {
  constructor(private readonly redis: Redis) {}

  /** The bytes of broadcast `key`. */
  async broadcast(key: string): Promise<Buffer> {
    const b = await this.redis.getBuffer(key);
    if (!b) throw new DataError(`data-parallel broadcast ${key} is not in Redis (expired, or its coordinator stopped)`, { key });
    return b;
  }

  /** Writes `task`'s partial result and then reports it done (with TTLs, in case its coordinator is gone). */
  async publish(task: PartitionTaskBase, data: Float64Array): Promise<void> {
    await this.redis.multi().set(task.result, float64ToBytes(data), 'PX', SIDE_KEY_TTL_MS).rpush(task.done, JSON.stringify({ id: task.id } satisfies TaskReport)).pexpire(task.done, SIDE_KEY_TTL_MS).exec();
  }

  /** Reports that `task` failed for good. */
  async fail(task: PartitionTaskBase, error: string): Promise<void> {
    await this.redis.multi().rpush(task.done, JSON.stringify({ id: task.id, error } satisfies TaskReport)).pexpire(task.done, SIDE_KEY_TTL_MS).exec();
  }
}

/**
 * Runs `task` and publishes its partial result.
 *
 * @example
 * if (isDataParallelTask(task)) return runDataParallelJob(task, (sha) => snapshots.read(sha), channel);
 */
export async function runDataParallelJob(task: DataParallelTask, blob: (sha256: string) => Promise<Buffer>, channel: PartialResultChannel): Promise<void> {
  const partial = await runDataParallelTask(task, { blob, broadcast: (key) => channel.broadcast(key) });
  await channel.publish(task, partial);
}
