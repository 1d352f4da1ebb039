/**
 * `trainyard worker`: takes batches of CV tasks from the BullMQ queue, fetches data snapshots from the
 * store (cached on local disk by sha256 — no shared file system needed) and writes each result to the
 * store, keyed by (run, task) so a task re-run after a crash is counted once. Tasks compute on a
 * thread of their own: the main thread must stay free to renew the job's lock, or a batch that takes
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
import { noticeResults } from '../execution/result-notices.js';
import { announcePresence, newWorkerId, personalQueue, presenceConnectionName } from '../execution/worker-presence.js';
import { openStore } from '../tracking/store.js';
import { TRAINYARD_VERSION } from '../version.js';
import { setKernelThreads } from '../kernels/thread-pool.js';
import type { CvTaskResult } from './cv-task.js';
import { SnapshotCache } from '../execution/snapshot-cache.js';
import type { ExperimentTask } from './experiment-task.js';
import { PartialResultChannel } from '../execution/data-parallel/partial-results.js';
import { isDataParallelTask, type DataParallelTask } from '../execution/data-parallel/partition-tasks.js';

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

/** Jobs shorter than this (ms) let the worker fetch the next job ahead (see `takeThread`). */
const FETCH_AHEAD_BELOW_MS = 1000;
/** A batch's finished results go to the store at least this often (ms): a worker killed mid-batch loses no more finished work. */
const FLUSH_EVERY_MS = 1000;

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
  // While jobs are short, BullMQ runs one job more than there are threads: that job waits here for a
  // thread, already fetched, while the finished one's results go to the store, so a thread does not idle
  // for those round trips (about 3.5 ms of a 50 ms fold). Long jobs are not fetched ahead: a job held here for
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
        partitionThread = new TaskThread(new URL('../execution/data-parallel/partition-task-handler.js', import.meta.url), context);
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
  /**
   * Stores results and failures of `runId` and tells the coordinator of those stored now (a task that
   * already had a result was reported by whoever stored it, perhaps to a coordinator that has finished).
   */
  const record = async (runId: string, records: { taskId: string; attempt: number; result: CvTaskResult | TaskFailure }[]): Promise<void> => {
    if (records.length === 0) return;
    const stored = await store.putTaskResults(records.map((r) => ({ runId, ...r })));
    await noticeResults(redis, runId, records.filter((_, i) => stored[i]).map((r) => r.taskId)).catch(() => undefined);
  };
  const failureOf = (err: Error, attempts: number): TaskFailure => ({ error: { code: (err as TrainyardError).code ?? 'E_INTERNAL', message: err.message }, attempts });
  /** Runs `tasks` in order on one thread, storing results as they come (every `FLUSH_EVERY_MS`); returns the errors of tasks that failed. */
  const runBatch = async (runId: string, attempt: number, tasks: ExperimentTask[]): Promise<Map<string, Error>> => {
    const failed = new Map<string, Error>();
    let finished: { taskId: string; attempt: number; result: CvTaskResult }[] = [];
    let flushedAt = Date.now();
    const flush = async (): Promise<void> => {
      const records = finished;
      finished = [];
      flushedAt = Date.now();
      await record(runId, records);
    };
    let thread = await takeThread();
    try {
      for (const task of tasks) {
        await snapshots.ensure(task.dataset);
        try {
          const result = await thread.run<CvTaskResult>(task);
          finished.push({ taskId: task.id, attempt, result });
          log(`task ${runId} ${task.id} done (${result.score.toFixed(4)})`);
        } catch (e) {
          failed.set(task.id, e as Error);
          // A thread that died with its task (out of memory, say) is replaced for the next one.
          if (!thread.alive) thread = newThread();
        }
        if (Date.now() - flushedAt >= FLUSH_EVERY_MS) await flush();
      }
    } finally {
      giveBack(thread);
    }
    await flush();
    return failed;
  };
  const runJob = async (job: Job<ClusterJob<ExperimentTask | DataParallelTask>>, token?: string): Promise<void> => {
    const { runId, version, tasks } = job.data;
    if (version !== TRAINYARD_VERSION) {
      // Hand the job back without using up an attempt, then stop: a worker of the right version will run it.
      await job.moveToDelayed(Date.now() + 100, token);
      refuse!(new TrainyardError('E_INTERNAL', `this worker runs trainyard ${TRAINYARD_VERSION} but run ${runId} was submitted by trainyard ${version}; install the same version on every machine`, { version, workerVersion: TRAINYARD_VERSION }));
      throw new DelayedError();
    }
    if (isDataParallelTask(tasks[0])) return partials.publish(tasks[0], await runPartitionTask(tasks[0]));
    const attempt = job.attemptsMade + 1;
    // A batch run again — retried after an error, or taken over from a worker that died — skips the tasks finished before.
    const again = job.attemptsMade > 0 || job.stalledCounter > 0;
    const stored = again ? new Set((await store.getTaskResults(runId)).map((r) => r.taskId)) : new Set<string>();
    const started = Date.now();
    const failed = await runBatch(runId, attempt, (tasks as ExperimentTask[]).filter((t) => !stored.has(t.id)));
    worker.concurrency = Date.now() - started < FETCH_AHEAD_BELOW_MS ? threads + 1 : threads;
    if (failed.size === 0) return;
    // On the job's last attempt each failed task is recorded with its own error; before it, BullMQ retries the job.
    if (attempt >= (job.opts.attempts ?? 1)) await record(runId, [...failed].map(([taskId, err]) => ({ taskId, attempt, result: failureOf(err, attempt) })));
    const [taskId, err] = [...failed][0];
    throw new TrainyardError((err as TrainyardError).code ?? 'E_INTERNAL', `task ${taskId}${failed.size > 1 ? ` (and ${failed.size - 1} more)` : ''}: ${err.message}`);
  };

  const options = { connection: bullConnection(o.redisUrl), lockDuration: o.lockMs ?? 5000, stalledInterval: o.lockMs ?? 5000, maxStalledCount: 3 };
  const worker = new Worker<ClusterJob<ExperimentTask | DataParallelTask>>(queue, runJob, { ...options, concurrency: threads });
  // Data-parallel rounds of the partitions assigned to this worker arrive on a queue of its own.
  const personal = new Worker<ClusterJob<ExperimentTask | DataParallelTask>>(personalQueue(queue, id), runJob, { ...options, concurrency: 1 });
  const onFailed = (job: Job<ClusterJob<ExperimentTask | DataParallelTask>> | undefined, err: Error): void => {
    if (!job || err instanceof DelayedError || err.name === 'DelayedError') return;
    const attempts = job.opts.attempts ?? 1;
    const { runId, tasks } = job.data;
    log(`job ${job.id} failed (attempt ${job.attemptsMade}/${attempts}): ${err.message}`);
    if (job.attemptsMade < attempts) return;
    // A data-parallel coordinator waits on the round's report list; CV results are durable, in the store.
    if (isDataParallelTask(tasks[0])) return void partials.fail(tasks[0], err.message).catch(() => undefined);
    // Tasks the batch never finished (it failed outside them: a missing snapshot, say) fail with the job's
    // error; the store keeps the results and failures already recorded for the others.
    void record(runId, tasks.map((t) => ({ taskId: t.id, attempt: job.attemptsMade, result: failureOf(err, job.attemptsMade) }))).catch(() => undefined);
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
