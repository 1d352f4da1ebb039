/**
 * Executors run a list of tasks and report progress; the experiment code does not know which one
 * runs it. Results are returned in task order whatever order tasks finish in.
 */
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from '../execution/worker-pool.js';
import type { CvTaskResult } from './cv-task.js';
import type { SnapshottedDataset } from './dataset.js';
import { runExperimentTask, type ExperimentTask, type TaskData } from './experiment-task.js';
import { SnapshotCache } from '../execution/snapshot-cache.js';
import type { TaskContext } from './task-handler.js';
import type { Store } from '../tracking/store.js';

export interface TaskProgress {
  done: number;
  total: number;
  failed: number;
  last?: CvTaskResult;
}

/** The run a set of tasks belongs to (executors that keep durable state use it). */
export interface ExecutionContext {
  runId: string;
  store: Store;
}

export interface Executor {
  /** True when the results it reports are already in the run's store (its workers wrote them). */
  readonly recordsResults?: boolean;
  run(tasks: ExperimentTask[], datasets: ReadonlyMap<string, SnapshottedDataset<TaskData>>, onProgress?: (p: TaskProgress) => void, context?: ExecutionContext): Promise<CvTaskResult[]>;
}

/**
 * Runs tasks one after another in this process. Each task goes through a JSON round trip first,
 * which keeps the "tasks are plain data" contract honest for the parallel executors.
 */
export class InlineExecutor implements Executor {
  async run(tasks: ExperimentTask[], datasets: ReadonlyMap<string, SnapshottedDataset<TaskData>>, onProgress?: (p: TaskProgress) => void): Promise<CvTaskResult[]> {
    const results: CvTaskResult[] = [];
    for (const t of tasks) {
      const task = JSON.parse(JSON.stringify(t)) as ExperimentTask;
      const ds = datasets.get(task.dataset);
      if (!ds) throw new Error(`task ${task.id} names unknown data set ${task.dataset}`);
      const result = runExperimentTask(task, ds.dataset);
      results.push(result);
      onProgress?.({ done: results.length, total: tasks.length, failed: 0, last: result });
      // Yield so progress output and signals are handled between tasks.
      await new Promise((r) => setImmediate(r));
    }
    return results;
  }
}

export interface LocalExecutorOptions {
  /** Worker threads; default: the number of cores. 1 runs inline. */
  workers?: number;
  /** Where data snapshots are cached (default: the OS temp folder). */
  snapshotDir?: string;
}

/**
 * Runs tasks on a pool of worker threads (all local cores by default). Data sets go to the workers as
 * content-addressed snapshot files; every task is deterministic, so results do not depend on `workers`.
 */
export class LocalExecutor implements Executor {
  readonly workers: number;
  private readonly snapshotDir: string;

  constructor(options: LocalExecutorOptions = {}) {
    this.workers = Math.max(1, options.workers ?? availableParallelism());
    this.snapshotDir = options.snapshotDir ?? join(tmpdir(), 'trainyard-snapshots');
  }

  async run(tasks: ExperimentTask[], datasets: ReadonlyMap<string, SnapshottedDataset<TaskData>>, onProgress?: (p: TaskProgress) => void): Promise<CvTaskResult[]> {
    if (this.workers === 1 || tasks.length <= 1) return new InlineExecutor().run(tasks, datasets, onProgress);
    const snapshots = new SnapshotCache(this.snapshotDir);
    for (const [sha, ds] of datasets) snapshots.put(sha, ds.bytes);
    const context: TaskContext = { snapshotDir: this.snapshotDir };
    const pool = new WorkerPool({ size: this.workers, handler: new URL('./task-handler.js', import.meta.url), context });
    let done = 0;
    return pool.run<ExperimentTask, CvTaskResult>(tasks, (_i, result) => {
      done++;
      onProgress?.({ done, total: tasks.length, failed: 0, last: result });
    });
  }
}
