/**
 * The handler module worker threads load to run experiment tasks (see execution/worker-pool.ts) and,
 * on cluster workers, data-parallel round tasks. Data sets arrive as content-addressed snapshot files
 * and are cached per worker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BoundedCache } from '../core/bounded-cache.js';
import { Redis } from 'ioredis';
import { TrainyardError } from '../core/errors.js';
import { openStore } from '../tracking/store.js';
import type { CvTaskResult } from './cv-task.js';
import { isDataParallelTask, readBroadcast, runDataParallelTask, type DataParallelTask } from './data-parallel-worker.js';
import type { PartitionTaskContext } from './partition-cache.js';
import { SnapshotCache } from './snapshot-cache.js';
import { runExperimentTask, taskDataFromSnapshot, type ExperimentTask, type TaskData } from './experiment-task.js';

export interface TaskContext {
  /** Folder holding `<sha256>.snapshot` files. */
  snapshotDir: string;
  /** A cluster worker's store and Redis, where data-parallel tasks find partition blobs and broadcasts. */
  cluster?: { store: string; redisUrl: string; cacheBytes?: number };
}

/** Decoded snapshots of the latest runs; a worker serving run after run does not keep them all. */
const datasets = new BoundedCache<string, TaskData>(2);

/** The thread's own store, snapshot folder and Redis connections for data-parallel tasks, opened on first use. */
let partitionContext: Promise<PartitionTaskContext> | null = null;

function openPartitionContext(context: TaskContext): Promise<PartitionTaskContext> {
  const cluster = context.cluster;
  if (!cluster) return Promise.reject(new TrainyardError('E_INTERNAL', 'a data-parallel task reached a task thread opened without a store and Redis'));
  partitionContext ??= (async () => {
    const snapshots = new SnapshotCache(context.snapshotDir, await openStore(cluster.store), cluster.cacheBytes);
    const redis = new Redis(cluster.redisUrl, { maxRetriesPerRequest: null }).on('error', () => undefined);
    return { blob: (sha: string) => snapshots.read(sha), broadcast: (key: string) => readBroadcast(redis, key) };
  })().catch((e) => {
    partitionContext = null;
    throw e;
  });
  return partitionContext;
}

export function handleTask(task: ExperimentTask | DataParallelTask, context: TaskContext): CvTaskResult | Promise<Float64Array> {
  // Partitions stay decoded in this thread's caches between rounds (see partition-cache.ts).
  if (isDataParallelTask(task)) return openPartitionContext(context).then((ctx) => runDataParallelTask(task, ctx));
  const data = datasets.get(task.dataset) ?? datasets.set(task.dataset, taskDataFromSnapshot(task, readFileSync(join(context.snapshotDir, `${task.dataset}.snapshot`))));
  return runExperimentTask(task, data);
}
