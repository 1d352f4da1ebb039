/**
 * `trainyard worker`: takes CV tasks from the BullMQ queue, fetches data snapshots from the store
 * (cached on local disk by sha256 — no shared file system needed) and writes each result to the
 * store, keyed by (run, task) so a task re-run after a crash is counted once. Tasks compute on a
 * thread of their own: the main thread must stay free to renew the job's lock, or a fold that takes
 * longer than the lock would be taken for a dead worker's and run again elsewhere.
 *
 * For data-parallel fits the worker also announces itself (see `worker-presence.ts`) and takes the
 * rounds of the partitions assigned to it from a queue of its own; they compute on a thread as well,
 * so neither the lock renewal nor the announcement stalls during a long pass over a big partition.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { TrainyardError } from '../core/errors.js';
import { bullConnection, probeRedis } from '../execution/redis-connection.js';
import { DEFAULT_QUEUE, type ClusterJob, type TaskFailure } from '../execution/cluster-protocol.js';
import { TaskThread } from '../execution/task-thread.js';
import { noticeResult } from '../execution/result-notices.js';
import { announcePresence, newWorkerId, personalQueue, presenceConnectionName } from '../execution/worker-presence.js';
import { openStore } from '../tracking/store.js';
import { TRAINYARD_VERSION } from '../version.js';
import { setKernelThreads } from '../kernels/thread-pool.js';
import type { CvTaskResult } from './cv-task.js';
import { SnapshotCache } from './snapshot-cache.js';
import type { ExperimentTask } from './experiment-task.js';
import { isDataParallelTask, PartialResultChannel, type DataParallelTask } from './data-parallel-worker.js';

export interface ClusterWorkerOptions {
  redisUrl: string;
  /** Store shared with the coordinator (postgres://… for several machines). */
  store: string;
  queue?: string;
  /** Tasks run at once by this process. Default 1 (run one worker process per core). */
  concurrency?: number;
  /** Local snapshot cache. Default `<tmp>/trainyard-worker-cache`. */
  cacheDir?: string;
  /** How much the snapshot cache may hold. Default 4 GiB. */
  cacheBytes?: number;
  /** How long a task's lock lasts without renewal; a killed worker's task is re-run after about this long. Default 5000 ms. */
  lockMs?: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  /** Its name in the presence set and in its own queue's name. */
  id: string;
  /** Resolves when the worker stops; rejects when it refuses to go on (e.g. version mismatch). */
  done: Promise<void>;
  close(): Promise<void>;
}

/** Tasks shorter than this (ms) let the worker fetch the next job ahead (see `takeThread`). */
const FETCH_AHEAD_BELOW_MS = 1000;

export async function startClusterWorker(o: ClusterWorkerOptions): Promise<RunningWorker> {
  if (!o.store) throw new TrainyardError('E_STORE', 'trainyard worker needs --store (the postgres:// URL the coordinator uses) to read data and record results');
  await probeRedis(o.redisUrl);
  // One worker process per core is the deployment: kernels inside a task stay on this process's core.
  if (process.env.TRAINYARD_THREADS === undefined) setKernelThreads(1);
  const store = await openStore(o.store);
  const cacheDir = o.cacheDir ?? join(tmpdir(), 'trainyard-worker-cache');
  const snapshots = new SnapshotCache(cacheDir, store, o.cacheBytes);
  const log = o.log ?? (() => undefined);
  let refuse: ((e: Error) => void) | null = null;
  const refused = new Promise<never>((_, reject) => (refuse = reject));

  const queue = o.queue ?? DEFAULT_QUEUE;
  const id = newWorkerId();
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: null, connectionName: presenceConnectionName(queue, id) }).on('error', () => undefined);
  const partials = new PartialResultChannel(redis);
  const threads = o.concurrency ?? 1;
  const newThread = (): TaskThread => new TaskThread(new URL('./task-handler.js', import.meta.url), { snapshotDir: cacheDir });
  const idle = Array.from({ length: threads }, newThread);
  // While tasks are short, BullMQ runs one job more than there are threads: that job waits here for a
  // thread, already fetched, while the finished one's result goes to the store, so a thread does not idle
  // for those round trips (about 3.5 ms of a 50 ms fold). Long tasks are not fetched ahead: a job held here for
  // minutes could wait while another worker idles.
  const waiting: ((thread: TaskThread) => void)[] = [];
  const takeThread = (): Promise<TaskThread> => {
    const thread = idle.pop();
    return thread ? Promise.resolve(thread) : new Promise((resolve) => waiting.push(resolve));
  };
  const giveBack = (thread: TaskThread): void => {
    const next = waiting.shift();
    if (next) next(thread);
    else idle.push(thread);
  };
  // Data-parallel rounds compute on a thread of their own too, opened at the first (a worker that never
  // gets one carries no idle thread), one round at a time: the thread keeps this worker's partitions.
  let partitionThread: TaskThread | null = null;
  let partitionTurn: Promise<unknown> = Promise.resolve();
  const runPartitionTask = (task: DataParallelTask): Promise<Float64Array> => {
    const run = partitionTurn.then(() => {
      if (!partitionThread?.alive) {
        const context = { snapshotDir: cacheDir, store: o.store, redisUrl: o.redisUrl, cacheBytes: o.cacheBytes };
        partitionThread = new TaskThread(new URL('./partition-task-handler.js', import.meta.url), context);
      }
      return partitionThread.run<Float64Array>(task);
    });
    partitionTurn = run.catch(() => undefined);
    return run;
  };
  // Takes jobs (and is announced, so assigned partitions) only once its threads have loaded their code.
  await Promise.all(idle.map((t) => t.ready())).catch(async (e) => {
    await Promise.all([store.close(), ...idle.map((t) => t.close())]);
    redis.disconnect();
    throw e;
  });
  const runJob = async (job: Job<ClusterJob<ExperimentTask | DataParallelTask>>, token?: string): Promise<void> => {
    const { runId, version, task } = job.data;
    if (version !== TRAINYARD_VERSION) {
      // Hand the job back without using up an attempt, then stop: a worker of the right version will run it.
      await job.moveToDelayed(Date.now() + 100, token);
      refuse!(new TrainyardError('E_INTERNAL', `this worker runs trainyard ${TRAINYARD_VERSION} but run ${runId} was submitted by trainyard ${version}; install the same version on every machine`, { version, workerVersion: TRAINYARD_VERSION }));
      throw new DelayedError();
    }
    if (isDataParallelTask(task)) return partials.publish(task, await runPartitionTask(task));
    await snapshots.ensure(task.dataset);
    const thread = await takeThread();
    const started = Date.now();
    // A thread that died with its task (out of memory, say) is replaced for the next one.
    const result = await thread.run<CvTaskResult>(task).finally(() => giveBack(thread.alive ? thread : newThread()));
    worker.concurrency = Date.now() - started < FETCH_AHEAD_BELOW_MS ? threads + 1 : threads;
    await store.putTaskResult({ runId, taskId: task.id, attempt: job.attemptsMade + 1, result });
    await noticeResult(redis, runId, task.id).catch(() => undefined);
    log(`task ${runId} ${task.id} done (${result.score.toFixed(4)})`);
  };

  const options = { connection: bullConnection(o.redisUrl), lockDuration: o.lockMs ?? 5000, stalledInterval: o.lockMs ?? 5000, maxStalledCount: 3 };
  const worker = new Worker<ClusterJob<ExperimentTask | DataParallelTask>>(queue, runJob, { ...options, concurrency: threads });
  // Data-parallel rounds of the partitions assigned to this worker arrive on a queue of its own.
  const personal = new Worker<ClusterJob<ExperimentTask | DataParallelTask>>(personalQueue(queue, id), runJob, { ...options, concurrency: 1 });
  const onFailed = (job: Job<ClusterJob<ExperimentTask | DataParallelTask>> | undefined, err: Error): void => {
    if (!job || err instanceof DelayedError || err.name === 'DelayedError') return;
    const attempts = job.opts.attempts ?? 1;
    const { runId, task } = job.data;
    log(`task ${runId} ${task.id} failed (attempt ${job.attemptsMade}/${attempts}): ${err.message}`);
    if (job.attemptsMade < attempts) return;
    // A data-parallel coordinator waits on the round's report list; CV results are durable, in the store.
    if (isDataParallelTask(task)) return void partials.fail(task, err.message).catch(() => undefined);
    const failure: TaskFailure = { error: { code: (err as TrainyardError).code ?? 'E_INTERNAL', message: err.message }, attempts: job.attemptsMade };
    void store
      .putTaskResult({ runId, taskId: task.id, attempt: job.attemptsMade, result: failure })
      .then(() => noticeResult(redis, runId, task.id))
      .catch(() => undefined);
  };
  for (const w of [worker, personal]) w.on('error', () => undefined).on('failed', onFailed);
  const withdraw = await announcePresence(redis, queue, id);
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await withdraw();
      await Promise.all([worker.close(), personal.close()]);
      // Nobody else takes from this worker's queue; a coordinator sends what it held elsewhere.
      const own = new Queue(personalQueue(queue, id), { connection: redis });
      await own.obliterate({ force: true }).catch(() => undefined);
      await own.close();
      redis.disconnect();
      await Promise.all([store.close(), ...[...idle, partitionThread].map((t) => t?.close())]);
    })());
  // Resolves once close() has finished its clean-up, not merely when BullMQ's worker stopped.
  const done = Promise.race([refused, new Promise<void>((r) => worker.on('closed', () => r()))]).then(
    () => closing ?? undefined,
    async (e) => {
      await close();
      throw e;
    },
  );
  return { id, done, close };
}
