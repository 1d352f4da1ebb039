/**
 * What a cluster looks like from Redis, for the server's `/cluster` page and its metrics: the task
 * queue's counts, the workers that announce themselves (worker-presence.ts) and the latest failed
 * jobs. It lives here because BullMQ and ioredis are the execution layer's business; the server only
 * calls {@link openClusterStatus}.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ClusterJob } from './cluster-protocol.js';
import { liveWorkers, presenceKey } from './worker-presence.js';

/** Counts of the task queue's jobs by state. */
export interface QueueCounts {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** A worker seen on the queue. `id` is `<host>-<pid>-<suffix>` (worker-presence.ts newWorkerId). */
export interface WorkerSeen {
  id: string;
  host: string;
  pid: number | null;
  /** The worker's version is not announced (null); kept so the shape can grow. */
  version: string | null;
  /** ISO 8601 time of its last announcement. */
  lastHeartbeat: string;
  /** Not announced either (null). */
  tasksDone: number | null;
}

/** A job that failed on its last attempt. */
export interface FailedTask {
  runId: string;
  taskId: string;
  code: string;
  message: string;
}

/** One reading of the cluster. */
export interface ClusterSnapshot {
  queue: QueueCounts;
  workers: WorkerSeen[];
  failedTasks: FailedTask[];
}

/** A connection that reads the cluster's state on demand. */
export interface ClusterStatusReader {
  read(): Promise<ClusterSnapshot>;
  close(): Promise<void>;
}

/** Splits a worker id `<host>-<pid>-<hex>` (host may hold '-') into host and pid. */
export function parseWorkerId(id: string): { host: string; pid: number | null } {
  const m = /^(.*)-(\d+)-[0-9a-f]+$/.exec(id);
  return m ? { host: m[1], pid: Number(m[2]) } : { host: id, pid: null };
}

/**
 * Opens one Redis connection (and a BullMQ queue handle on it) for reading `queue`'s state.
 * Connection problems surface as rejected `read()` calls, never as process-level errors.
 *
 * @example
 * const status = openClusterStatus('redis://127.0.0.1:6379', 'trainyard-tasks');
 * const { queue, workers } = await status.read();
 * await status.close();
 */
export function openClusterStatus(redisUrl: string, queue: string): ClusterStatusReader {
  // maxRetriesPerRequest null is what BullMQ requires of a connection it is given.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false }).on('error', () => undefined);
  const q = new Queue<ClusterJob>(queue, { connection: redis }).on('error', () => undefined);
  return {
    async read() {
      const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed');
      const alive = await liveWorkers(redis, queue);
      const flat = await redis.zrange(presenceKey(queue), '0', '-1', 'WITHSCORES');
      const at = new Map<string, number>();
      for (let i = 0; i < flat.length; i += 2) at.set(flat[i], Number(flat[i + 1]));
      const workers = alive.map((id) => ({ id, ...parseWorkerId(id), version: null, lastHeartbeat: new Date(at.get(id) ?? Date.now()).toISOString(), tasksDone: null }));
      const failedJobs = await q.getFailed(0, 19);
      const failedTasks = failedJobs.map((j) => {
        const [code, ...rest] = (j.failedReason ?? '').split(': ');
        return { runId: j.data?.runId ?? '', taskId: j.data?.tasks?.[0]?.id ?? String(j.id), code: /^E_[A-Z_]+$/.test(code) ? code : 'E_INTERNAL', message: /^E_[A-Z_]+$/.test(code) ? rest.join(': ') : (j.failedReason ?? '') };
      });
      return {
        queue: { name: queue, waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 },
        workers,
        failedTasks,
      };
    },
    async close() {
      await q.close().catch(() => undefined);
      redis.disconnect();
    },
  };
}
