/**
 * The handler module worker threads load to run experiment tasks (see execution/worker-pool.ts).
 * Data sets arrive as content-addressed snapshot files and are cached per worker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BoundedCache } from '../core/bounded-cache.js';
import { runExperimentTask, taskDataFromSnapshot, type ExperimentTask, type TaskData } from './experiment-task.js';
import type { CvTaskResult } from './run/fold-task.js';

export interface TaskContext {
  /** Folder holding `<sha256>.snapshot` files. */
  snapshotDir: string;
}

/** Decoded snapshots of the latest runs; a worker serving run after run does not keep them all. */
const datasets = new BoundedCache<string, TaskData>(2);

export function handleTask(task: ExperimentTask, context: TaskContext): CvTaskResult {
  const data = datasets.get(task.dataset) ?? datasets.set(task.dataset, taskDataFromSnapshot(task, readFileSync(join(context.snapshotDir, `${task.dataset}.snapshot`))));
  return runExperimentTask(task, data);
}
