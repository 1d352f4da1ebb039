/**
 * How `trainyard worker` hands back a data-parallel task's partial result (computed on a task
 * thread, see `partition-task-handler.ts`): written to the task's Redis key and reported on the
 * round's list, where the coordinator waits (see `redis-rounds.ts` for why results do not travel in
 * the job).
 */
import type { Redis } from 'ioredis';
import { DataError } from '../../core/errors.js';
import { float64ToBytes, type PartitionTaskBase } from '../../models/partitioned-rounds.js';
import { SIDE_KEY_TTL_MS, type TaskReport } from './redis-rounds.js';

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
