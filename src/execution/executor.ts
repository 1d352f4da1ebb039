/**
 * Executors run a list of tasks (see `task-registry.ts`) and report progress; the code that submits
 * them does not know which one runs it. Results are returned in task order whatever order tasks
 * finish in. Executors know no task kind: they are given the modules that register the kinds.
 */
import { availableParallelism } from 'node:os';
import type { Store } from '../tracking/store.js';
import { SnapshotCache, snapshotCacheDir } from './snapshot-cache.js';
import type { TaskContext } from './threads/task-handler.js';
import { loadTaskModules, taskKind, type Task } from './task-registry.js';
import { WorkerPool } from './threads/worker-pool.js';

export interface TaskProgress<R = unknown> {
  done: number;
  total: number;
  failed: number;
  last?: R;
}

/** The run a set of tasks belongs to (executors that keep durable state use it). */
export interface ExecutionContext {
  runId: string;
  store: Store;
  /** Aborting it (a SIGINT, say) stops the tasks still running: `run` then rejects with its reason. */
  signal?: AbortSignal;
}

/** A task's data, decoded (for runs in this process) and as the snapshot bytes its sha256 names. */
export interface TaskSnapshot<D = unknown> {
  dataset: D;
  bytes: Buffer;
}

export interface Executor<T extends Task = Task, R = unknown, D = unknown> {
  /** True when the results it reports are already in the run's store (its workers wrote them). */
  readonly recordsResults?: boolean;
  run(tasks: T[], datasets: ReadonlyMap<string, TaskSnapshot<D>>, onProgress?: (p: TaskProgress<R>) => void, context?: ExecutionContext): Promise<R[]>;
}

/** Which task kinds an executor can run: modules that register them when loaded. */
export interface TaskModules {
  taskModules: readonly URL[];
}

/**
 * Runs tasks one after another in this process. Each task goes through a JSON round trip first,
 * which keeps the "tasks are plain data" contract honest for the parallel executors.
 *
 * @example
 * const results = await new InlineExecutor({ taskModules: [kindsUrl] }).run(tasks, datasets);
 */
export class InlineExecutor<T extends Task = Task, R = unknown, D = unknown> implements Executor<T, R, D> {
  constructor(private readonly kinds: TaskModules) {}

  async run(tasks: T[], datasets: ReadonlyMap<string, TaskSnapshot<D>>, onProgress?: (p: TaskProgress<R>) => void, context?: ExecutionContext): Promise<R[]> {
    await loadTaskModules(this.kinds.taskModules);
    const results: R[] = [];
    for (const t of tasks) {
      context?.signal?.throwIfAborted();
      const task = JSON.parse(JSON.stringify(t)) as T;
      const ds = datasets.get(task.dataset);
      if (!ds) throw new Error(`task ${task.id} names unknown data set ${task.dataset}`);
      const result = taskKind(task.kind).run(task, ds.dataset) as R;
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
  /** Where data snapshots are cached (default: this user's cache folder, see `snapshotCacheDir`). */
  snapshotDir?: string;
}

/**
 * Runs tasks on a pool of worker threads (all local cores by default). Data sets go to the workers as
 * content-addressed snapshot files; every task is deterministic, so results do not depend on `workers`.
 *
 * @example
 * const results = await new LocalExecutor({ workers: 4, taskModules: [kindsUrl] }).run(tasks, datasets);
 */
export class LocalExecutor<T extends Task = Task, R = unknown, D = unknown> implements Executor<T, R, D> {
  readonly workers: number;
  private readonly snapshotDir: string;
  private readonly taskModules: readonly URL[];

  constructor(options: LocalExecutorOptions & TaskModules) {
    this.workers = Math.max(1, options.workers ?? availableParallelism());
    this.snapshotDir = options.snapshotDir ?? snapshotCacheDir();
    this.taskModules = options.taskModules;
  }

  async run(tasks: T[], datasets: ReadonlyMap<string, TaskSnapshot<D>>, onProgress?: (p: TaskProgress<R>) => void, execution?: ExecutionContext): Promise<R[]> {
    if (this.workers === 1 || tasks.length <= 1) return new InlineExecutor<T, R, D>({ taskModules: this.taskModules }).run(tasks, datasets, onProgress, execution);
    const snapshots = new SnapshotCache(this.snapshotDir);
    for (const [sha, ds] of datasets) snapshots.put(sha, ds.bytes);
    const context: TaskContext = { snapshotDir: this.snapshotDir, taskModules: this.taskModules.map((u) => u.href) };
    const pool = new WorkerPool({ size: this.workers, handler: new URL('./threads/task-handler.js', import.meta.url), context });
    let done = 0;
    return pool.run<T, R>(
      tasks,
      (_i, result) => {
        done++;
        onProgress?.({ done, total: tasks.length, failed: 0, last: result });
      },
      execution?.signal,
    );
  }
}
