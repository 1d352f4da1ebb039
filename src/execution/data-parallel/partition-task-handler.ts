/**
 * The handler module of a cluster worker's partition thread (see execution/task-thread.ts): runs
 * data-parallel round tasks, with the thread's own store, snapshot folder and Redis connections,
 * opened at the first task. Partitions stay decoded in this thread's caches between rounds (see
 * partition-cache.ts). A module apart from `../threads/task-handler.ts`, so that the CV threads every worker and
 * local run starts do not carry the Redis and store clients.
 */
import { Redis } from 'ioredis';
import { TrainyardError } from '../../core/errors.js';
import type { PartitionTaskContext } from '../../models/partitioned-rounds.js';
import { openStore } from '../../tracking/store.js';
import { SnapshotCache } from '../snapshot-cache.js';
import { readBroadcast } from './partial-results.js';
import { withPartitionCache } from './partition-cache.js';
import { runDataParallelTask, type DataParallelTask } from './partition-tasks.js';

export interface PartitionThreadContext {
  /** Folder holding `<sha256>.snapshot` files (shared with the worker's other threads). */
  snapshotDir: string;
  /** The worker's store, where partition blobs are. */
  store: string;
  /** The worker's Redis, where broadcasts are. */
  redisUrl: string;
  cacheBytes?: number;
}

let opened: Promise<PartitionTaskContext> | null = null;

function open(context: PartitionThreadContext): Promise<PartitionTaskContext> {
  opened ??= (async () => {
    const snapshots = new SnapshotCache(context.snapshotDir, await openStore(context.store), context.cacheBytes);
    const redis = new Redis(context.redisUrl, { maxRetriesPerRequest: null }).on('error', () => undefined);
    return withPartitionCache({ blob: (sha: string) => snapshots.read(sha), broadcast: (key: string) => readBroadcast(redis, key) });
  })().catch((e) => {
    opened = null; // the next task tries again (the store may have been briefly away)
    throw e;
  });
  return opened;
}

export async function handleTask(task: DataParallelTask, context: PartitionThreadContext): Promise<Float64Array> {
  if (!context?.store || !context.redisUrl) throw new TrainyardError('E_INTERNAL', 'a partition thread needs the worker store and Redis URL');
  return runDataParallelTask(task, await open(context));
}
