/**
 * The threads a cluster worker computes on: tasks run on threads of their own so that the main
 * thread stays free to renew job locks and announce the worker, or a batch that takes longer than
 * its lock would be taken for a dead worker's and run again elsewhere.
 */
import { TaskThread } from '../threads/task-thread.js';
import type { TaskContext } from '../threads/task-handler.js';

/**
 * A fixed set of task threads handed out one per running batch. While jobs are short, BullMQ runs
 * one job more than there are threads: that job waits in {@link take} for a thread, already fetched,
 * while the finished one's results go to the store, so a thread does not idle for those round trips.
 *
 * @example
 * const threads = new TaskThreads(2, { snapshotDir, taskModules });
 * const thread = await threads.take();
 * try { await thread.run(task); } finally { threads.giveBack(thread); }
 */
export class TaskThreads {
  private readonly idle: TaskThread[];
  private readonly all = new Set<TaskThread>();
  private readonly waiting: ((thread: TaskThread) => void)[] = [];

  constructor(
    readonly count: number,
    private readonly context: TaskContext,
  ) {
    this.idle = Array.from({ length: count }, () => this.open());
  }

  /** Resolves once every thread has loaded its code; rejects (after closing them) if one died first. */
  async ready(): Promise<void> {
    await Promise.all(this.idle.map((t) => t.ready())).catch(async (e) => {
      await this.close();
      throw e;
    });
  }

  /** A free thread, as soon as there is one. */
  take(): Promise<TaskThread> {
    const thread = this.idle.pop();
    return thread ? Promise.resolve(thread) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands `thread` to the next waiting batch, or back to the idle set. */
  giveBack(thread: TaskThread): void {
    const next = this.waiting.shift();
    if (next) next(thread);
    else this.idle.push(thread);
  }

  /** A new thread in place of `dead` (one that died with its task: out of memory, say). */
  replace(dead: TaskThread): TaskThread {
    this.all.delete(dead);
    return this.open();
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((t) => t.close()));
  }

  private open(): TaskThread {
    const thread = new TaskThread(new URL('../threads/task-handler.js', import.meta.url), this.context);
    this.all.add(thread);
    return thread;
  }
}

/**
 * One thread for data-parallel rounds, opened at the first (a worker that never gets one carries no
 * idle thread) and reopened if it died; rounds run on it one at a time, as it keeps this worker's
 * partitions decoded.
 *
 * @example
 * const partitions = new PartitionThread({ snapshotDir, store, redisUrl });
 * const partial = await partitions.run(task);
 */
export class PartitionThread {
  private thread: TaskThread | null = null;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly context: unknown) {}

  run(task: unknown): Promise<Float64Array> {
    const run = this.turn.then(() => {
      if (!this.thread?.alive) this.thread = new TaskThread(new URL('../data-parallel/partition-task-handler.js', import.meta.url), this.context);
      return this.thread.run<Float64Array>(task);
    });
    this.turn = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.thread?.close();
  }
}
