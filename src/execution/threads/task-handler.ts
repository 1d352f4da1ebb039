/**
 * The handler module worker threads load to run tasks (see `worker-pool.ts`, `task-thread.ts`; `../executor.ts` and `../cluster/worker-threads.ts` start them): it
 * loads the modules that register task kinds, then resolves each task's kind through the registry.
 * Data sets arrive as content-addressed snapshot files and are kept decoded per thread.
 */
import { readWholeFile } from '../../core/read-whole-file.js';
import { join } from 'node:path';
import { BoundedCache } from '../../core/bounded-cache.js';
import { loadTaskModules, taskKind, type Task } from '../task-registry.js';

export interface TaskContext {
  /** Folder holding `<sha256>.snapshot` files. */
  snapshotDir: string;
  /** URLs (href) of the modules that register the task kinds this thread runs. */
  taskModules: readonly string[];
}

/** Decoded snapshots of the latest runs; a worker serving run after run does not keep them all. */
const datasets = new BoundedCache<string, unknown>(2);

/**
 * Runs `task` on its data, decoding the snapshot once per thread.
 *
 * @example
 * const result = await handleTask(task, { snapshotDir, taskModules: [kindsUrl.href] });
 */
export async function handleTask(task: Task, context: TaskContext): Promise<unknown> {
  await loadTaskModules(context.taskModules);
  const kind = taskKind(task.kind);
  // Keyed by kind too: two kinds may decode the same bytes differently.
  const key = `${task.kind}:${task.dataset}`;
  const data = datasets.get(key) ?? datasets.set(key, kind.decode(task, readWholeFile(join(context.snapshotDir, `${task.dataset}.snapshot`))));
  return kind.run(task, data);
}
