/**
 * The task contract every executor runs, and the registry that maps a task kind to what it means.
 * A task is plain JSON naming its kind, its id within a run and its data by content hash; the layer
 * that defines a kind (e.g. `experiment/experiment-task.ts` for `cv-fold` and `rec-fold`) registers
 * how to decode the data snapshot and how to run the task. Executors, worker threads and cluster
 * workers only look kinds up here — they never import the layer that defines them: they are given
 * the URL of a module that registers its kinds when loaded (see {@link loadTaskModules}).
 */
import { TrainyardError } from '../core/errors.js';

/** A unit of work: plain, JSON-serialisable; `id` is unique within a run, `dataset` is the sha256 of its data snapshot. */
export interface Task {
  kind: string;
  id: string;
  dataset: string;
}

/**
 * What a task kind means: how its data snapshot decodes, and how it runs on the decoded data.
 *
 * @example
 * registerTaskKind<CvTask, Dataset, CvTaskResult>('cv-fold', { decode: (t, bytes) => datasetFromSnapshot(bytes, t.dataset), run: runCvTask });
 */
export interface TaskKind<T extends Task = Task, D = unknown, R = unknown> {
  /** Decodes the snapshot bytes of `task.dataset` (checking the sha256). */
  decode(task: T, bytes: Buffer): D;
  /** Runs `task` on its decoded data; the same task and data always give the same result. */
  run(task: T, data: D): R;
}

const kinds = new Map<string, TaskKind<Task, unknown, unknown>>();
const loaded = new Map<string, Promise<unknown>>();

/**
 * Registers `kind` (again: replaces it, so a module loaded twice under two URLs does no harm).
 *
 * @example
 * registerTaskKind('rec-fold', { decode: (t, bytes) => recommendDataFromSnapshot(bytes, t.dataset), run: runRecommendTask });
 */
export function registerTaskKind<T extends Task, D, R>(kind: string, handler: TaskKind<T, D, R>): void {
  kinds.set(kind, handler as unknown as TaskKind<Task, unknown, unknown>);
}

/**
 * The registered handler of `kind`; a typed error naming the registered kinds when there is none.
 *
 * @example
 * const result = taskKind(task.kind).run(task, data);
 */
export function taskKind(kind: string): TaskKind<Task, unknown, unknown> {
  const handler = kinds.get(kind);
  if (!handler) {
    throw new TrainyardError('E_INTERNAL', `no handler is registered for task kind '${kind}' (registered: ${[...kinds.keys()].join(', ') || 'none'}); pass the module that registers it to the executor or worker`, { kind });
  }
  return handler;
}

/**
 * Imports the modules that register task kinds (each once per thread).
 *
 * @example
 * await loadTaskModules([new URL('../experiment/experiment-task.js', import.meta.url)]);
 */
export async function loadTaskModules(modules: readonly (URL | string)[]): Promise<void> {
  await Promise.all(
    modules.map((m) => {
      const href = typeof m === 'string' ? m : m.href;
      let p = loaded.get(href);
      if (!p) loaded.set(href, (p = import(href)));
      return p;
    }),
  );
}
