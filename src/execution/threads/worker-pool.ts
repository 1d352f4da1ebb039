/**
 * A pool of worker threads that run plain-JSON tasks through a handler module. The pool knows
 * nothing about what tasks mean: the handler module (a file exporting `handleTask(task, context)`)
 * does, which keeps this layer below the experiment layer that supplies it.
 *
 * Tasks are handed out one at a time to whichever thread is free (so a slow MLP fold does not hold
 * up a queue of fast ones); results come back in task order, so they never depend on the pool size.
 */
import { TaskThread } from './task-thread.js';

export interface WorkerPoolOptions {
  /** Number of worker threads (default: 2). */
  size?: number;
  /** URL of the module exporting `handleTask(task, context)`. */
  handler: URL;
  /** JSON passed to every `handleTask` call (e.g. where data snapshots are). */
  context: unknown;
}

export class WorkerPool {
  private readonly options: WorkerPoolOptions;

  constructor(options: WorkerPoolOptions) {
    this.options = options;
  }

  /**
   * Runs every task; `onResult` fires as each finishes. The first failure stops the pool and rejects.
   * Aborting `signal` terminates the threads at once (abandoning the tasks they run) and rejects with
   * its reason.
   */
  async run<T, R>(tasks: readonly T[], onResult?: (index: number, result: R) => void, signal?: AbortSignal): Promise<R[]> {
    signal?.throwIfAborted();
    const results = new Array<R>(tasks.length);
    if (tasks.length === 0) return results;
    const size = Math.max(1, Math.min(this.options.size ?? 2, tasks.length));
    const threads = Array.from({ length: size }, () => new TaskThread(this.options.handler, this.options.context));
    let next = 0;
    let failed = false;
    const drive = async (thread: TaskThread): Promise<void> => {
      while (!failed && next < tasks.length) {
        const i = next++;
        try {
          results[i] = await thread.run<R>(tasks[i]);
        } catch (e) {
          failed = true;
          throw e;
        }
        onResult?.(i, results[i]);
      }
    };
    const abort = (): void => {
      failed = true;
      for (const t of threads) void t.close();
    };
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await Promise.all(threads.map(drive));
      signal?.throwIfAborted();
      return results;
    } catch (e) {
      signal?.throwIfAborted();
      throw e;
    } finally {
      signal?.removeEventListener('abort', abort);
      await Promise.all(threads.map((t) => t.close()));
    }
  }
}
