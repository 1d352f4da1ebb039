/**
 * How a worker tells the coordinator "these tasks have their results in the store", and how the
 * coordinator sleeps until every task it waits for has one. A worker adds the task ids to a set of
 * the run; the worker whose ids complete the count the coordinator expects also pushes to a list the
 * coordinator blocks on. So the coordinator wakes once, when the tasks are done, not once per task:
 * each wake-up is a round trip through the loopback network, which costs CPU on the cores the workers
 * compute on (a wake per task, then a pop of what queued behind it, took 87 ms of the coordinator's
 * CPU in a profile of a 120-task search). A task run twice adds the same id, so it counts once. Like
 * every key in Redis these are only wake-up calls: the coordinator reads results from the store, on a
 * timer too, so notices lost with a Redis restart cost latency, never a result.
 */
import type { Redis } from 'ioredis';
import { within } from './redis-connection.js';

/** A run's notice keys outlive a coordinator that died by this long (refreshed by every notice). */
const NOTICE_TTL_MS = 3_600_000;

/** The run's keys, in one hash slot (`{runId}`) so the script also runs on a Redis Cluster. */
function noticeKeys(runId: string): { noticed: string; expected: string; wake: string } {
  const base = `trainyard:results:{${runId}}`;
  return { noticed: `${base}:noticed`, expected: `${base}:expected`, wake: `${base}:wake` };
}

// KEYS: noticed set, expected count, wake list; ARGV: TTL (ms), then the task ids.
const NOTICE_SCRIPT = `
for i = 2, #ARGV do redis.call('SADD', KEYS[1], ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local expected = tonumber(redis.call('GET', KEYS[2]))
if expected and redis.call('SCARD', KEYS[1]) >= expected then
  redis.call('RPUSH', KEYS[3], 1)
  redis.call('PEXPIRE', KEYS[3], ARGV[1])
end`;

/** Worker side: reports that tasks `taskIds` of `runId` have their results (or final failures) in the store. */
export async function noticeResults(redis: Redis, runId: string, taskIds: string[]): Promise<void> {
  if (taskIds.length === 0) return;
  const k = noticeKeys(runId);
  await redis.eval(NOTICE_SCRIPT, 3, k.noticed, k.expected, k.wake, NOTICE_TTL_MS, ...taskIds);
}

/** Coordinator side: waits for the notices of one run. `redis` must not be shared with others' blocking commands. */
export class ResultNotices {
  private readonly keys: ReturnType<typeof noticeKeys>;

  constructor(
    private readonly redis: Redis,
    runId: string,
  ) {
    this.keys = noticeKeys(runId);
  }

  /** Counts afresh: `wait` ends once `count` distinct tasks have reported. Call before submitting them. */
  async expect(count: number): Promise<void> {
    const { noticed, expected, wake } = this.keys;
    await within(this.redis.multi().del(noticed, wake).set(expected, count, 'PX', NOTICE_TTL_MS).exec(), 1000);
  }

  /**
   * Resolves once every expected task has reported or `ms` have passed, whichever is first. A Redis
   * that is down or slow only makes this a plain sleep: the caller reads the store either way.
   */
  async wait(ms: number): Promise<void> {
    // Whole milliseconds of at least 1: Redis reads a BLPOP timeout that rounds to 0 as 'forever'.
    await within(this.redis.blpop(this.keys.wake, Math.max(1, Math.ceil(ms)) / 1000), ms + 500);
  }

  /** Removes the run's keys. */
  async close(): Promise<void> {
    const { noticed, expected, wake } = this.keys;
    await within(this.redis.del(noticed, expected, wake), 500);
  }
}
