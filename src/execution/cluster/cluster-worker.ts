/**
 * `trainyard worker`: takes batches of tasks from the BullMQ queue, fetches data snapshots from the
 * store (cached on local disk by sha256 — no shared file system needed) and writes each result to the
 * store, keyed by (run, task) so a task re-run after a crash is counted once. Tasks compute on threads
 * of their own (see `worker-threads.ts`) that resolve task kinds through the registry, loading the
 * modules the worker was started with.
 *
 * For data-parallel fits the worker also announces itself (see `../worker-presence.ts`) and takes the
 * rounds of the partitions assigned to it from a queue of its own; they compute on a thread as well,
 * so neither the lock renewal nor the announcement stalls during a long pass over a big partition.
 */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { StoreError, TrainyardError } from '../../core/errors.js';
import { setKernelThreads } from '../../kernels/thread-pool.js';
import { openStore, type Store } from '../../tracking/store.js';
import { TRAINYARD_VERSION } from '../../core/version.js';
import { DEFAULT_QUEUE, type ClusterJob } from '../cluster-protocol.js';
import { PartialResultChannel } from '../data-parallel/partial-results.js';
import { isDataParallelTask, type DataParallelTask } from '../data-parallel/partition-tasks.js';
import { bullConnection, probeRedis, within } from '../redis-connection.js';
import { SnapshotCache, snapshotCacheDir } from '../snapshot-cache.js';
import type { Task } from '../task-registry.js';
import { announcePresence, newWorkerId, personalQueue, presenceConnectionName } from '../worker-presence.js';
import { failureOf, ResultRecorder, runBatch, type BatchEnvironment } from './batch-runner.js';
import { PartitionThread, TaskThreads } from './worker-threads.js';

export interface ClusterWorkerOptions {
  redisUrl: string;
  /** Store shared with the coordinator (postgres://… for several machines). */
  store: string;
  /** Modules that register the task kinds this worker runs (see `../task-registry.ts`). */
  taskModules: readonly URL[];
  queue?: string;
  /** Tasks run at once by this process. Default 1 (run one worker process per core). */
  concurrency?: number;
  /** Local snapshot cache. Default: this user's cache folder (`snapshotCacheDir()`: $TRAINYARD_CACHE_DIR, else the XDG cache folder). */
  cacheDir?: string;
  /** How much the snapshot cache may hold. Default 4 GiB. */
  cacheBytes?: number;
  /** How long a task's lock lasts without renewal; a killed worker's task is re-run after about this long. Default 5000 ms. */
  lockMs?: number;
  /**
   * How often the store is checked (ms). Default 2000. A store that stays unreachable (or whose file
   * was removed) for {@link STORE_FAILURES_TO_STOP} checks in a row stops the worker with E_STORE: a
   * worker whose results can go nowhere must not sit waiting for tasks.
   */
  storeCheckMs?: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  /** Its name in the presence set and in its own queue's name. */
  id: string;
  /** Resolves when the worker stops; rejects when it refuses to go on (e.g. version mismatch). */
  done: Promise<void>;
  close(): Promise<void>;
}

/** Consecutive failed store checks that stop the worker (a database restart takes a moment). */
export const STORE_FAILURES_TO_STOP = 3;

/** How long shutting down waits for running jobs and Redis before it lets go of them (ms). */
const SHUTDOWN_GRACE_MS = 10_000;

/** Jobs shorter than this (ms) let the worker fetch the next job ahead (see `TaskThreads`). */
const FETCH_AHEAD_BELOW_MS = 1000;

type AnyJob = Job<ClusterJob<Task | DataParallelTask>>;

/** What a started worker holds open. */
interface Connections {
  id: string;
  queue: string;
  store: Store;
  redis: Redis;
  threads: TaskThreads;
  partitionThread: PartitionThread;
  env: BatchEnvironment;
}

/**
 * Starts a worker: connects, loads its threads, then takes jobs until closed.
 *
 * @example
 * const worker = await startClusterWorker({ redisUrl, store: 'postgres://…', taskModules: [kindsUrl] });
 * await worker.done;
 */
export async function startClusterWorker(o: ClusterWorkerOptions): Promise<RunningWorker> {
  const c = await connect(o);
  let refuse: ((e: Error) => void) | null = null;
  const refused = new Promise<never>((_, reject) => (refuse = reject));
  const partials = new PartialResultChannel(c.redis);
  let tasksDone = 0;

  const runJob = async (job: AnyJob, token?: string): Promise<void> => {
    const { runId, version, tasks } = job.data;
    if (version !== TRAINYARD_VERSION) {
      await handBack(job, token);
      refuse!(versionMismatch(runId, version));
      throw new DelayedError();
    }
    if (isDataParallelTask(tasks[0])) return partials.publish(tasks[0], await c.partitionThread.run(tasks[0]));
    const attempt = job.attemptsMade + 1;
    const todo = await unfinishedTasks(c.env.recorder, job);
    const started = Date.now();
    const failed = await runBatch(c.env, runId, attempt, todo);
    tasksDone += todo.length - failed.size;
    worker.concurrency = Date.now() - started < FETCH_AHEAD_BELOW_MS ? c.threads.count + 1 : c.threads.count;
    if (failed.size > 0) await failBatch(c.env.recorder, job, attempt, failed);
  };

  const options = { connection: bullConnection(o.redisUrl), lockDuration: o.lockMs ?? 5000, stalledInterval: o.lockMs ?? 5000, maxStalledCount: 3 };
  const worker = new Worker<ClusterJob<Task | DataParallelTask>>(c.queue, runJob, { ...options, concurrency: c.threads.count });
  // Data-parallel rounds of the partitions assigned to this worker arrive on a queue of its own.
  const personal = new Worker<ClusterJob<Task | DataParallelTask>>(personalQueue(c.queue, c.id), runJob, { ...options, concurrency: 1 });
  const onFailed = (job: AnyJob | undefined, err: Error): void => void noticeFailedJob(c, partials, job, err);
  for (const w of [worker, personal]) w.on('error', () => undefined).on('failed', onFailed);
  const withdraw = await announcePresence(c.redis, c.queue, c.id, () => ({ version: TRAINYARD_VERSION, tasksDone }));
  let closing: Promise<void> | null = null;
  const watchdog = watchStore(c.store, o.storeCheckMs ?? 2000, (e) => refuse!(e));
  const close = (): Promise<void> => (closing ??= (clearInterval(watchdog), shutdown(c, withdraw, [worker, personal])));
  // Resolves once close() has finished its clean-up, not merely when BullMQ's worker stopped.
  const done = Promise.race([refused, new Promise<void>((r) => worker.on('closed', () => r()))]).then(
    () => closing ?? undefined,
    async (e) => {
      await close();
      throw e;
    },
  );
  return { id: c.id, done, close };
}

/**
 * Checks Redis, opens the store, the snapshot cache, the worker's Redis connection (named so a
 * coordinator can see it is alive) and its threads; takes no job (and is not announced, so assigned
 * no partition) before its threads have loaded their code.
 */
async function connect(o: ClusterWorkerOptions): Promise<Connections> {
  if (!o.store) throw new TrainyardError('E_STORE', 'trainyard worker needs --store (the postgres:// URL the coordinator uses) to read data and record results');
  await probeRedis(o.redisUrl);
  // One worker process per core is the deployment: kernels inside a task stay on this process's core.
  if (process.env.TRAINYARD_THREADS === undefined) setKernelThreads(1);
  const store = await openStore(o.store);
  const cacheDir = o.cacheDir ?? snapshotCacheDir();
  const snapshots = new SnapshotCache(cacheDir, store, o.cacheBytes);
  const queue = o.queue ?? DEFAULT_QUEUE;
  const id = newWorkerId();
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: null, connectionName: presenceConnectionName(queue, id) }).on('error', () => undefined);
  const threads = new TaskThreads(o.concurrency ?? 1, { snapshotDir: cacheDir, taskModules: o.taskModules.map((u) => u.href) });
  const partitionThread = new PartitionThread({ snapshotDir: cacheDir, store: o.store, redisUrl: o.redisUrl, cacheBytes: o.cacheBytes });
  try {
    await threads.ready();
  } catch (e) {
    await store.close();
    redis.disconnect();
    throw e;
  }
  const env = { threads, snapshots, recorder: new ResultRecorder(store, redis), log: o.log ?? (() => undefined) };
  return { id, queue, store, redis, threads, partitionThread, env };
}

/** Hands a job back without using up an attempt: a worker of the right version will run it. */
async function handBack(job: AnyJob, token?: string): Promise<void> {
  await job.moveToDelayed(Date.now() + 100, token);
}

function versionMismatch(runId: string, version: string): TrainyardError {
  return new TrainyardError('E_INTERNAL', `this worker runs trainyard ${TRAINYARD_VERSION} but run ${runId} was submitted by trainyard ${version}; install the same version on every machine`, {
    version,
    workerVersion: TRAINYARD_VERSION,
  });
}

/** The job's tasks still to run: a batch run again — retried after an error, or taken over from a worker that died — skips the tasks finished before. */
async function unfinishedTasks(recorder: ResultRecorder, job: AnyJob): Promise<Task[]> {
  const tasks = job.data.tasks as Task[];
  const again = job.attemptsMade > 0 || job.stalledCounter > 0;
  if (!again) return tasks;
  const stored = await recorder.storedTaskIds(job.data.runId);
  return tasks.filter((t) => !stored.has(t.id));
}

/** On the job's last attempt each failed task is recorded with its own error; before it, BullMQ retries the job (this throws). */
async function failBatch(recorder: ResultRecorder, job: AnyJob, attempt: number, failed: Map<string, Error>): Promise<never> {
  if (attempt >= (job.opts.attempts ?? 1)) await recorder.record(job.data.runId, [...failed].map(([taskId, err]) => ({ taskId, attempt, result: failureOf(err, attempt) })));
  const [taskId, err] = [...failed][0];
  throw new TrainyardError((err as TrainyardError).code ?? 'E_INTERNAL', `task ${taskId}${failed.size > 1 ? ` (and ${failed.size - 1} more)` : ''}: ${err.message}`);
}

/** Logs a failed job and, once it has no attempt left, tells whoever waits for it. */
async function noticeFailedJob(c: Connections, partials: PartialResultChannel, job: AnyJob | undefined, err: Error): Promise<void> {
  if (!job || err instanceof DelayedError || err.name === 'DelayedError') return;
  const attempts = job.opts.attempts ?? 1;
  const { runId, tasks } = job.data;
  c.env.log(`job ${job.id} failed (attempt ${job.attemptsMade}/${attempts}): ${err.message}`);
  if (job.attemptsMade < attempts) return;
  // A data-parallel coordinator waits on the round's report list; task results are durable, in the store.
  if (isDataParallelTask(tasks[0])) return void partials.fail(tasks[0], err.message).catch(() => undefined);
  // Tasks the batch never finished (it failed outside them: a missing snapshot, say) fail with the job's
  // error; the store keeps the results and failures already recorded for the others.
  await c.env.recorder.record(runId, tasks.map((t) => ({ taskId: t.id, attempt: job.attemptsMade, result: failureOf(err, job.attemptsMade) }))).catch(() => undefined);
}

/**
 * Checks the store every `everyMs`; calls `stop` with a StoreError once it failed
 * STORE_FAILURES_TO_STOP times in a row (unreachable, or its file removed).
 */
function watchStore(store: Store, everyMs: number, stop: (e: StoreError) => void): NodeJS.Timeout {
  let failures = 0;
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    checkStore(store)
      .then(
        () => (failures = 0),
        (e: Error) => {
          if (++failures < STORE_FAILURES_TO_STOP) return;
          clearInterval(timer);
          stop(new StoreError(`the store ${store.location} is gone (${e.message}); this worker stops, as its results could go nowhere — restart it once the store is back`, { location: store.location }));
        },
      )
      .finally(() => (checking = false));
  }, everyMs);
  return timer.unref();
}

async function checkStore(store: Store): Promise<void> {
  // An SQLite store whose file was removed still answers from the open file nobody else can see.
  if (isAbsolute(store.location) && !existsSync(store.location)) throw new Error(`its file ${store.location} was removed`);
  await store.listRuns({ limit: 1 });
}

/**
 * Withdraws from the presence set, stops taking jobs (finishing those running, for up to
 * SHUTDOWN_GRACE_MS: a job given up is re-run elsewhere once its lock expires), drops its own queue
 * and closes everything. Bounded, so an unreachable Redis cannot keep a stopping worker alive.
 */
async function shutdown(c: Connections, withdraw: () => Promise<void>, workers: Worker[]): Promise<void> {
  await within(withdraw(), 2000);
  const finished = await within(Promise.all(workers.map((w) => w.close())).then(() => true), SHUTDOWN_GRACE_MS);
  if (!finished) await within(Promise.all(workers.map((w) => w.close(true))), 2000);
  // Nobody else takes from this worker's queue; a coordinator sends what it held elsewhere.
  const own = new Queue(personalQueue(c.queue, c.id), { connection: c.redis });
  await within(own.obliterate({ force: true }), 2000);
  await within(own.close(), 2000);
  c.redis.disconnect();
  await Promise.all([c.store.close().catch(() => undefined), c.threads.close(), c.partitionThread.close()]);
}
