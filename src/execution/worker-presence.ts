/**
 * Which `trainyard worker`s are alive on a queue, and a queue of each worker's own. Data-parallel
 * fits need both: a partition must stay on the worker that holds it (data larger than one worker is
 * the point), so its rounds go to that worker's queue rather than to whichever worker is free — and
 * when that worker stops announcing itself, its partitions move to a live one.
 *
 * Presence is one Redis sorted set per queue: member = worker id, score = last announcement (ms).
 * A worker refreshes its entry every `PRESENCE_REFRESH_MS`; one not seen for `PRESENCE_TTL_MS` is
 * dead (a SIGKILLed worker cannot say goodbye; a closing one removes itself at once). The worker's
 * Redis connection also carries its id as client name: when its process dies, the kernel closes
 * the socket and Redis drops the name at once, so a crash is seen within a second rather than a TTL
 * (a host cut off from the network keeps its socket half-open; the TTL covers that case).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';

export const PRESENCE_TTL_MS = 15_000;
export const PRESENCE_REFRESH_MS = 3_000;

/** Redis key of the presence set of `queue`'s workers. */
export function presenceKey(queue: string): string {
  return `trainyard:workers:${queue}`;
}

/** BullMQ queue that only worker `workerId` of `queue` takes jobs from. */
export function personalQueue(queue: string, workerId: string): string {
  return `${queue}.w.${workerId}`;
}

/** The client name a worker's presence connection carries (`connectionName` in ioredis). */
export function presenceConnectionName(workerId: string): string {
  return `trainyard-worker:${workerId}`;
}

/** A new worker id: host and pid say where it runs, the suffix keeps a restarted pid apart. */
export function newWorkerId(): string {
  return `${hostname().replace(/[^\w-]/g, '_')}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * Announces `workerId` on `queue` now and every few seconds until the returned function is called,
 * which withdraws it.
 *
 * @example
 * const withdraw = await announcePresence(redis, 'trainyard-tasks', id);
 * ... await withdraw();
 */
export async function announcePresence(redis: Redis, queue: string, workerId: string): Promise<() => Promise<void>> {
  const key = presenceKey(queue);
  const announce = () => redis.zadd(key, Date.now(), workerId);
  await announce();
  // Best effort: a missed refresh (Redis briefly away) is made up by the next one, well within the TTL.
  const timer = setInterval(() => void announce().catch(() => undefined), PRESENCE_REFRESH_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.zrem(key, workerId).catch(() => undefined);
  };
}

/**
 * The ids of the workers alive on `queue`, sorted (so every coordinator orders them alike); drops
 * the entries of dead ones on the way.
 *
 * @example
 * const [first] = await liveWorkers(redis, queue);
 */
export async function liveWorkers(redis: Redis, queue: string): Promise<string[]> {
  const key = presenceKey(queue);
  const cutoff = Date.now() - PRESENCE_TTL_MS;
  await redis.zremrangebyscore(key, '-inf', `(${cutoff}`);
  const fresh = (await redis.zrangebyscore(key, cutoff, '+inf')).sort();
  const connected = await connectedNames(redis);
  return connected ? fresh.filter((id) => connected.has(presenceConnectionName(id))) : fresh;
}

/** Client names of the connections Redis holds, or null where CLIENT LIST is not allowed (ACLs). */
async function connectedNames(redis: Redis): Promise<Set<string> | null> {
  try {
    const list = (await redis.client('LIST')) as string;
    return new Set([...list.matchAll(/ name=(\S*)/g)].map((m) => m[1]));
  } catch {
    return null;
  }
}

/**
 * Deletes what the workers of `queue` leave in Redis when they are killed rather than closed — their
 * presence entries and their own queues. For tearing down a queue that is no longer used (tests,
 * benchmarks); best effort.
 *
 * @example
 * await forgetWorkers('redis://127.0.0.1:6379', 'ty-test-queue');
 */
export async function forgetWorkers(redisUrl: string, queue: string): Promise<void> {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 }).on('error', () => undefined);
  try {
    const keys = [presenceKey(queue)];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `bull:${personalQueue(queue, '*')}`, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    await client.del(...keys);
  } catch {
    // Nothing to undo: what is left expires with nobody reading it.
  } finally {
    client.disconnect();
  }
}
