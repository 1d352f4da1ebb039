/**
 * Runs tasks on `trainyard worker` processes anywhere, through a BullMQ queue on Redis, in batches
 * (see `../task-batches.ts`). It knows no task kind: the workers are started with the modules that
 * register the kinds they run.
 *
 * Redis is transport only: the durable state of a run is in the store. Data sets go to the store as
 * content-addressed blobs; workers write each task's result to the store keyed by (run, task); this
 * coordinator polls the store, not Redis, for results. If Redis loses its queues (a restart without
 * persistence), the coordinator notices the missing jobs and enqueues their tasks that have no result
 * yet again — results already stored are never recomputed or counted twice.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { TrainyardError } from '../../core/errors.js';
import type { Store } from '../../tracking/store.js';
import { TRAINYARD_VERSION } from '../../core/version.js';
import { batchJobId, DEFAULT_QUEUE, isTaskFailure, type ClusterJob, type TaskFailure } from '../cluster-protocol.js';
import type { Executor, ExecutionContext, TaskProgress, TaskSnapshot } from '../executor.js';
import { bullConnection, probeRedis, within } from '../redis-connection.js';
import { ResultNotices } from '../result-notices.js';
import { guidedBatches } from '../task-batches.js';
import type { Task } from '../task-registry.js';
import { liveWorkers } from '../worker-presence.js';

export interface ClusterExecutorOptions {
  /** redis://HOST:PORT */
  redisUrl: string;
  /** Queue name shared with the workers. Default `trainyard-tasks`. */
  queue?: string;
  /** Attempts per task before it counts as failed. Default 3. */
  attempts?: number;
  /**
   * How often the store is read for results and progress (ms). Default 500. Once workers have
   * reported (see `result-notices.ts`) that every task has its result, the store is read at once.
   */
  pollMs?: number;
  /** How often missing jobs are re-enqueued (ms). Default 2000. */
  resubmitMs?: number;
}

/**
 * @example
 * const results = await new ClusterExecutor({ redisUrl }).run(tasks, datasets, onProgress, { runId, store });
 */
export class ClusterExecutor<T extends Task = Task, R = unknown, D = unknown> implements Executor<T, R, D> {
  /** Workers store each result before reporting it. */
  readonly recordsResults = true;
  private readonly o: Required<ClusterExecutorOptions>;

  constructor(options: ClusterExecutorOptions) {
    this.o = { queue: DEFAULT_QUEUE, attempts: 3, pollMs: 500, resubmitMs: 2000, ...options };
  }

  async run(tasks: T[], datasets: ReadonlyMap<string, TaskSnapshot<D>>, onProgress?: (p: TaskProgress<R>) => void, context?: ExecutionContext): Promise<R[]> {
    if (!context) throw new TrainyardError('E_INTERNAL', 'the cluster executor needs the run id and store');
    const { runId, store, signal } = context;
    signal?.throwIfAborted();
    await probeRedis(this.o.redisUrl);
    for (const [sha, ds] of datasets) await store.putBlob(sha, ds.bytes);
    const queue = new Queue<ClusterJob<T>>(this.o.queue, { connection: bullConnection(this.o.redisUrl) });
    queue.on('error', () => undefined); // reconnects are retried; the poll loop below keeps the run going
    // For notices, counting workers and looking up lost jobs; commands wait out a reconnect rather than fail.
    const redis = new Redis(this.o.redisUrl, { maxRetriesPerRequest: null }).on('error', () => undefined);
    const notices = new ResultNotices(redis, runId);
    try {
      const byId = new Map(tasks.map((t) => [t.id, t]));
      const jobOf = new Map<string, string>(); // task id → id of the job that carries it
      const submit = async (pending: T[]): Promise<void> => {
        if (pending.length === 0) return;
        // Batches sized for the workers there are now, and for at least two: workers often start together.
        const workers = Math.max(2, (await within(liveWorkers(redis, this.o.queue), 1000))?.length ?? 0);
        await queue.addBulk(
          guidedBatches(pending, workers).map((batch) => {
            const id = batchJobId(runId, batch);
            for (const t of batch) jobOf.set(t.id, id);
            return {
              name: batch[0].kind,
              data: { runId, version: TRAINYARD_VERSION, tasks: batch },
              opts: { jobId: id, attempts: this.o.attempts, backoff: { type: 'exponential', delay: 200 }, removeOnComplete: true, removeOnFail: true },
            };
          }),
        );
      };
      const done = await storedResults<R>(store, runId, byId);
      const todo = tasks.filter((t) => !done.has(t.id));
      await notices.expect(todo.length);
      await submit(todo);
      let lastResubmit = Date.now();
      let reported = -1;
      for (;;) {
        if (signal?.aborted) {
          // Interrupted: take this run's jobs no worker has started off the queue (a started one finishes
          // and stores its result, which a resume then reuses), and stop waiting.
          await within(Promise.allSettled([...new Set(jobOf.values())].map((id) => queue.remove(id))), 2000);
          signal.throwIfAborted();
        }
        const results = await storedResults<R>(store, runId, byId);
        const failed = [...results.values()].filter(isTaskFailure).length;
        if (results.size !== reported) {
          reported = results.size;
          const last = [...results.values()].reverse().find((r): r is R => !isTaskFailure(r));
          onProgress?.({ done: results.size, total: tasks.length, failed, last });
        }
        if (results.size === tasks.length) return collect(tasks, results);
        if (Date.now() - lastResubmit > this.o.resubmitMs) {
          lastResubmit = Date.now();
          const unfinished = tasks.filter((t) => !results.has(t.id));
          const jobIds = [...new Set(unfinished.map((t) => jobOf.get(t.id)!))];
          const queued = await within(jobsExist(redis, queue, jobIds), 1000);
          const lost = new Set(queued ? jobIds.filter((_, i) => !queued[i]) : []);
          const missing = unfinished.filter((t) => lost.has(jobOf.get(t.id)!));
          // A job can finish between reading results and looking it up; re-check before resubmitting.
          const again = await storedResults<R>(store, runId, byId);
          await submit(missing.filter((t) => !again.has(t.id))).catch(() => undefined);
        }
        await notices.wait(this.o.pollMs);
      }
    } finally {
      await Promise.all([queue.close(), notices.close()]);
      redis.disconnect();
    }
  }
}

/**
 * Whether each job is still in the queue (waiting, active, delayed or being retried), in one round
 * trip: BullMQ keeps every live job as a hash under the queue's prefix and the job id, and a finished
 * job's result is in the store before its hash goes.
 */
async function jobsExist(redis: Redis, queue: Queue, ids: string[]): Promise<boolean[]> {
  if (ids.length === 0) return [];
  const replies = await redis.pipeline(ids.map((id) => ['exists', queue.toKey(id)])).exec();
  return (replies ?? []).map(([err, n]) => {
    if (err) throw err;
    return n === 1;
  });
}

async function storedResults<R>(store: Store, runId: string, byId: Map<string, Task>): Promise<Map<string, R | TaskFailure>> {
  const out = new Map<string, R | TaskFailure>();
  for (const r of await store.getTaskResults(runId)) if (byId.has(r.taskId)) out.set(r.taskId, r.result as R | TaskFailure);
  return out;
}

/** Results in task order; a task that failed on every attempt fails the run with its error. */
function collect<R>(tasks: Task[], results: Map<string, R | TaskFailure>): R[] {
  const failures = tasks.filter((t) => isTaskFailure(results.get(t.id)));
  if (failures.length) {
    const first = results.get(failures[0].id) as TaskFailure;
    throw new TrainyardError(
      (first.error.code as never) ?? 'E_INTERNAL',
      `${failures.length} of ${tasks.length} tasks failed after ${first.attempts} attempts; first: task ${failures[0].id}: ${first.error.message}`,
      { failedTasks: failures.map((t) => t.id) },
    );
  }
  return tasks.map((t) => results.get(t.id) as R);
}
