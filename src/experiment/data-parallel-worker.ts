/**
 * What `trainyard worker` does with a data-parallel task (`lr-grad`, `mlp-grad`, `gbdt-hist`):
 * compute the partition's partial result and write it to the task's Redis key, where the
 * coordinator reads it (see `data-parallel-rounds.ts` for why results do not travel in the job).
 */
import { Redis } from 'ioredis';
import { DataError } from '../core/errors.js';
import type { BoostingHistogramTask } from './data-parallel-boosting.js';
import type { GradientTask } from './data-parallel-gradients.js';
import type { MlpGradientTask } from './data-parallel-mlp.js';
import { float64ToBytes, SIDE_KEY_TTL_MS } from './data-parallel-rounds.js';
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
 * A worker's Redis connection for broadcasts and partial results, opened on first use (a worker
 * that never gets a data-parallel task opens none).
 *
 * @example
 * const channel = new PartialResultChannel(redisUrl);
 * await runDataParallelJob(task, (sha) => readBlob(sha), channel);
 * await channel.close();
 */
export class PartialResultChannel {
  private client: Redis | null = null;

  constructor(private readonly url: string) {}

  private redis(): Redis {
    if (!this.client) {
      this.client = new Redis(this.url, { maxRetriesPerRequest: null });
      this.client.on('error', () => undefined);
    }
    return this.client;
  }

  /** The bytes of broadcast `key`. */
  async broadcast(key: string): Promise<Buffer> {
    const b = await this.redis().getBuffer(key);
    if (!b) throw new DataError(`data-parallel broadcast ${key} is not in Redis (expired, or its coordinator stopped)`, { key });
    return b;
  }

  /** Writes a partial result under `key` (with a TTL, in case its coordinator is gone). */
  async publish(key: string, data: Float64Array): Promise<void> {
    await this.redis().set(key, float64ToBytes(data), 'PX', SIDE_KEY_TTL_MS);
  }

  async close(): Promise<void> {
    this.client?.disconnect();
    this.client = null;
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
  await channel.publish(task.result, partial);
}
