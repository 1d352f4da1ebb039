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
import { createHash, randomBytes } from 'node:crypto';
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

/**
 * The client name a worker's presence connection carries (`connectionName` in ioredis). The queue
 * enters as a hash: client names may not hold spaces, queue names may.
 */
export function presenceConnectionName(queue: string, workerId: string): string {
  return `trainyard-worker:${createHash('sha256').update(queue).digest('hex').slice(0, 12)}:${workerId}`;
}

/** A new worker id: host and pid say where it runs, the suffix keeps a restarted pid apart. */
export function newWorkerId(): string {
  return `${hostname().replace(/[^\w-]/g, '_')}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** What a worker says of itself beside its id (shown on the server's cluster page). */
export interface WorkerInfo {
  version: string;
  /** Tasks it finished since it started. */
  tasksDone: number;
}

/** Redis key of the hash of `queue`'s workers' {@link WorkerInfo}, by worker id. */
export function workerInfoKey(queue: string): string {
  return `trainyard:workers:${queue}:info`;
}

/**
 * Announces `workerId` on `queue` now and every few seconds until the returned function is called,
 * which withdraws it; each announcement also stores what `info()` says of the worker.
 *
 * @example
 * const withdraw = await announcePresence(redis, 'trainyard-tasks', id, () => ({ version, tasksDone }));
 * ... await withdraw();
 */
export async function announcePresence(redis: Redis, queue: string, workerId: string, info: () => WorkerInfo): Promise<() => Promise<void>> {
  const key = presenceKey(queue);
  const announce = () => redis.multi().zadd(key, Date.now(), workerId).hset(workerInfoKey(queue), workerId, JSON.stringify(info())).exec();
  await announce();
  // Best effort: a missed refresh (Redis briefly away) is made up by the next one, well within the TTL.
  const timer = setInterval(() => void announce().catch(() => undefined), PRESENCE_REFRESH_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.multi().zrem(key, workerId).hdel(workerInfoKey(queue), workerId).exec().catch(() => undefined);
  };
}

/** What the workers `ids` of `queue` last said of themselves (absent ids: nothing said, or garbled). */
export async function workerInfos(redis: Redis, queue: string, ids: string[]): Promise<Map<string, WorkerInfo>> {
  const out = new Map<string, WorkerInfo>();
  if (ids.length === 0) return out;
  const raw = await redis.hmget(workerInfoKey(queue), ...ids);
  ids.forEach((id, i) => {
    try {
      const v = JSON.parse(raw[i] ?? 'null') as Partial<WorkerInfo> | null;
      if (v && typeof v.version === 'string' && Number.isSafeInteger(v.tasksDone)) out.set(id, { version: v.version, tasksDone: v.tasksDone as number });
    } catch {
      // Not ours to trust: shown as unknown.
    }
  });
  return out;
}

/**
 * The ids of the workers alive on `queue`, sorted (so every coordinator orders them alike).
 *
 * Alive means announced within the TTL and, where Redis lists its clients, still connected. Two more
 * cases are told apart by the connection: a worker connected but announced too long ago is hung (not
 * alive; its entry stays so it does not pass for the next case), and a worker connected but absent
 * from the set is alive — Redis lost the set (a restart) and the worker re-announces within seconds.
 * Entries of workers neither fresh nor connected are removed on the way.
 *
 * @example
 * const [first] = await liveWorkers(redis, queue);
 */
export async function liveWorkers(redis: Redis, queue: string): Promise<string[]> {
  const key = presenceKey(queue);
  const cutoff = Date.now() - PRESENCE_TTL_MS;
  const flat = await redis.zrange(key, '0', '-1', 'WITHSCORES');
  const seen = new Map<string, number>();
  for (let i = 0; i < flat.length; i += 2) seen.set(flat[i], Number(flat[i + 1]));
  const connected = await connectedNames(redis);
  const alive: string[] = [];
  const gone: string[] = [];
  for (const [id, at] of seen) {
    const linked = connected?.has(presenceConnectionName(queue, id)) ?? true;
    if (at >= cutoff && linked) alive.push(id);
    else if (at < cutoff && !(connected && linked)) gone.push(id);
  }
  const prefix = presenceConnectionName(queue, '');
  for (const name of connected ?? []) {
    const id = name.slice(prefix.length);
    if (name.startsWith(prefix) && !seen.has(id)) alive.push(id);
  }
  if (gone.length > 0) await redis.multi().zrem(key, ...gone).hdel(workerInfoKey(queue), ...gone).exec();
  return alive.sort();
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
    const keys = [presenceKey(queue), workerInfoKey(queue)];
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
