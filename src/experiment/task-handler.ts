/**
 * The handler module worker threads load to run experiment tasks (see execution/worker-pool.ts).
 * Data sets arrive as content-addressed snapshot files and are cached per worker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CvTaskResult } from './cv-task.js';
import { runExperimentTask, taskDataFromSnapshot, type ExperimentTask, type TaskData } from './experiment-task.js';

export interface TaskContext {
  /** Folder holding `<sha256>.snapshot` files. */
  snapshotDir: string;
}

const cache = new Map<string, TaskData>();

export function handleTask(task: ExperimentTask, context: TaskContext): CvTaskResult {
  let ds = cache.get(task.dataset);
  if (!ds) {
    ds = taskDataFromSnapshot(task, readFileSync(join(context.snapshotDir, `${task.dataset}.snapshot`)));
    cache.set(task.dataset, ds);
  }
  return runExperimentTask(task, ds);
}
