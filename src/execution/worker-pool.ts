/**
 * A pool of worker threads that run plain-JSON tasks through a handler module. The pool knows
 * nothing about what tasks mean: the handler module (a file exporting `handleTask(task, context)`)
 * does, which keeps this layer below the experiment layer that supplies it.
 *
 * Tasks are handed out one at a time to whichever worker is free (so a slow MLP fold does not hold
 * up a queue of fast ones); results come back in task order, so they never depend on the pool size.
 */
import { Worker } from 'node:worker_threads';
import { errorFromJSON } from '../core/errors.js';

export interface WorkerPoolOptions {
  /** Number of worker threads (default: 2). */
  size?: number;
  /** URL of the module exporting `handleTask(task, context)`. */
  handler: URL;
  /** JSON passed to every `handleTask` call (e.g. where data snapshots are). */
  context: unknown;
}

type Reply = { index: number; ok: true; result: unknown } | { index: number; ok: false; error: { code?: string; message?: string; details?: Record<string, unknown> } };

export class WorkerPool {
  private readonly options: WorkerPoolOptions;

  constructor(options: WorkerPoolOptions) {
    this.options = options;
  }

  /** Runs every task; `onResult` fires as each finishes. The first failure stops the pool and rejects. */
  run<T, R>(tasks: readonly T[], onResult?: (index: number, result: R) => void): Promise<R[]> {
    const size = Math.max(1, Math.min(this.options.size ?? 2, tasks.length));
    const results = new Array<R>(tasks.length);
    if (tasks.length === 0) return Promise.resolve(results);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    return new Promise<R[]>((resolve, reject) => {
      let settled = false;
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        for (const w of workers) void w.terminate();
        if (err) reject(err);
        else resolve(results);
      };
      const feed = (w: Worker): void => {
        if (next < tasks.length) {
          w.postMessage({ index: next, task: tasks[next] });
          next++;
        }
      };
      for (let i = 0; i < size; i++) {
        const w = new Worker(new URL('./task-worker.js', import.meta.url), {
          workerData: { handler: this.options.handler.href, context: this.options.context },
        });
        workers.push(w);
        w.on('message', (m: Reply) => {
          if (!m.ok) return finish(errorFromJSON(m.error));
          results[m.index] = m.result as R;
          done++;
          onResult?.(m.index, m.result as R);
          if (done === tasks.length) finish();
          else feed(w);
        });
        w.on('error', (e) => finish(e));
        w.on('exit', (code) => {
          if (!settled && code !== 0) finish(new Error(`worker thread exited with code ${code}`));
        });
        feed(w);
      }
    });
  }
}
