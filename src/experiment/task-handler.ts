/**
 * The handler module worker threads load to run experiment tasks (see execution/worker-pool.ts).
 * Data sets arrive as content-addressed snapshot files and are cached per worker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCvTask, type CvTask, type CvTaskResult } from './cv-task.js';
import { datasetFromSnapshot, type Dataset } from './dataset.js';

export interface TaskContext {
  /** Folder holding `<sha256>.snapshot` files. */
  snapshotDir: string;
}

const cache = new Map<string, Dataset>();

export function handleTask(task: CvTask, context: TaskContext): CvTaskResult {
  let ds = cache.get(task.dataset);
  if (!ds) {
    ds = datasetFromSnapshot(readFileSync(join(context.snapshotDir, `${task.dataset}.snapshot`)), task.dataset);
    cache.set(task.dataset, ds);
  }
  return runCvTask(task, ds);
}
