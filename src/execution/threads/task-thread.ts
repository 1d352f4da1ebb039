/**
 * One worker thread that runs plain-JSON tasks through a handler module (a file exporting
 * `handleTask(task, context)`), one at a time, for as long as it is open. A task that computes for
 * minutes then never blocks the thread that opened it — which a cluster worker needs to keep renewing
 * its job locks, and a pool to hand out the next task.
 */
import { Worker } from 'node:worker_threads';
import { errorFromJSON } from '../../core/errors.js';

type Reply = { ready: true } | { ok: true; result: unknown } | { ok: false; error: { code?: string; message?: string; details?: Record<string, unknown> } };

export class TaskThread {
  private readonly worker: Worker;
  private pending: { resolve(result: unknown): void; reject(e: Error): void } | null = null;
  private broken: Error | null = null;
  /** Settles once: loaded, or the thread died first. */
  private readonly loaded: Promise<void>;
  private markLoaded!: () => void;
  private failLoading!: (e: Error) => void;

  /**
   * @example
   * const thread = new TaskThread(new URL('./task-handler.js', import.meta.url), { snapshotDir });
   * const result = await thread.run(task);
   * await thread.close();
   */
  constructor(handler: URL, context: unknown) {
    this.worker = new Worker(new URL('./task-worker.js', import.meta.url), { workerData: { handler: handler.href, context } });
    this.loaded = new Promise((resolve, reject) => {
      this.markLoaded = resolve;
      this.failLoading = reject;
    });
    this.loaded.catch(() => undefined); // a thread nobody asked ready() of may die unobserved
    this.worker.on('message', (m: Reply) => {
      if ('ready' in m) return this.markLoaded();
      const p = this.pending;
      this.pending = null;
      if (m.ok) p?.resolve(m.result);
      else p?.reject(errorFromJSON(m.error));
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`worker thread exited with code ${code}`)));
  }

  /** False once the thread died (out of memory, say): it runs nothing more, so replace it. */
  get alive(): boolean {
    return this.broken === null;
  }

  /** Resolves once the handler module is loaded (tasks sent before then wait for it); rejects if the thread died first. */
  ready(): Promise<void> {
    return this.loaded;
  }

  /** Runs `task` on the thread; rejects with the task's error (as a TrainyardError when it was one). */
  run<R>(task: unknown): Promise<R> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.pending) return Promise.reject(new Error('a TaskThread runs one task at a time'));
    return new Promise<R>((resolve, reject) => {
      this.pending = { resolve: resolve as (r: unknown) => void, reject };
      this.worker.postMessage(task);
    });
  }

  /** Stops the thread, abandoning a task still running on it. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private fail(e: Error): void {
    this.broken ??= e;
    this.failLoading(this.broken);
    const p = this.pending;
    this.pending = null;
    p?.reject(e);
  }
}
