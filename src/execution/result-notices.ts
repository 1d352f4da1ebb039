/**
 * How a worker tells the coordinator "task X's result is in the store": it pushes the task id to a
 * Redis list of the run, and the coordinator blocks on that list. The coordinator used to follow
 * BullMQ's event stream instead, and parsing five events per task cost it a tenth of a core-second
 * per 120 tasks, on the cores the workers compute on. Like every key in Redis, a notice is only a
 * wake-up call: the coordinator still reads results from the store, on a timer too, so notices lost
 * with a Redis restart cost latency, never a result.
 */
import { Redis } from 'ioredis';

/** A run's notice list outlives a coordinator that died by this long (refreshed by every push). */
const NOTICE_TTL_MS = 3_600_000;

function noticeKey(runId: string): string {
  return `trainyard:results:${runId}`;
}

/** Worker side: reports that `taskId` of `runId` has its result (or its final failure) in the store. */
export async function noticeResult(redis: Redis, runId: string, taskId: string): Promise<void> {
  const key = noticeKey(runId);
  await redis.multi().rpush(key, taskId).pexpire(key, NOTICE_TTL_MS).exec();
}

/** Coordinator side: waits for notices of one run on a connection of its own (BLPOP holds it). */
export class ResultNotices {
  private readonly redis: Redis;
  private readonly key: string;

  constructor(redisUrl: string, runId: string) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null }).on('error', () => undefined);
    this.key = noticeKey(runId);
  }

  /**
   * Resolves once `count` notices have arrived or `ms` have passed, whichever is first. A Redis that
   * is down or slow only makes this a plain sleep: the caller reads the store either way.
   */
  async wait(count: number, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    for (let seen = 0; seen < count; ) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      // Whole milliseconds of at least 1: Redis reads a BLPOP timeout that rounds to 0 as 'forever'.
      const reply = await within(this.redis.blpop(this.key, Math.max(1, Math.ceil(left)) / 1000), left + 500);
      if (!reply) return;
      // Take the rest that queued up with it in one round trip.
      const more = await within(this.redis.lpop(this.key, count), 500);
      seen += 1 + (more?.length ?? 0);
    }
  }

  async close(): Promise<void> {
    await within(this.redis.del(this.key), 500);
    this.redis.disconnect();
  }
}

/** `p`'s value, or null when it fails or takes longer than `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([p.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
