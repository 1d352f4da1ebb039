/**
 * How a cluster worker runs one batch of tasks and records what came of it: results and failures go
 * to the store keyed by (run, task), so a task run twice after a crash is counted once, and the
 * coordinator is told of the results stored now (see `../result-notices.ts`).
 */
import type { Redis } from 'ioredis';
import type { TrainyardError } from '../../core/errors.js';
import type { Store } from '../../tracking/store.js';
import type { TaskFailure } from '../cluster-protocol.js';
import { noticeResults } from '../result-notices.js';
import type { SnapshotCache } from '../snapshot-cache.js';
import type { Task } from '../task-registry.js';
import type { TaskThreads } from './worker-threads.js';

/** A batch's finished results go to the store at least this often (ms): a worker killed mid-batch loses no more finished work. */
const FLUSH_EVERY_MS = 1000;

/** One task's outcome as stored. */
export interface TaskRecord {
  taskId: string;
  attempt: number;
  result: unknown;
}

/**
 * Stores task outcomes and sends the notices.
 *
 * @example
 * await new ResultRecorder(store, redis).record(runId, [{ taskId, attempt: 1, result }]);
 */
export class ResultRecorder {
  constructor(
    private readonly store: Store,
    private readonly redis: Redis,
  ) {}

  /**
   * Stores results and failures of `runId` and tells the coordinator of those stored now (a task that
   * already had a result was reported by whoever stored it, perhaps to a coordinator that has finished).
   */
  async record(runId: string, records: TaskRecord[]): Promise<void> {
    if (records.length === 0) return;
    const stored = await this.store.putTaskResults(records.map((r) => ({ runId, ...r })));
    await noticeResults(this.redis, runId, records.filter((_, i) => stored[i]).map((r) => r.taskId)).catch(() => undefined);
  }

  /** The ids of the tasks of `runId` that already have a stored outcome. */
  async storedTaskIds(runId: string): Promise<Set<string>> {
    return new Set((await this.store.getTaskResults(runId)).map((r) => r.taskId));
  }
}

/**
 * What a failed task is stored as.
 *
 * @example
 * await recorder.record(runId, [{ taskId, attempt, result: failureOf(err, attempt) }]);
 */
export function failureOf(err: Error, attempts: number): TaskFailure {
  return { error: { code: (err as TrainyardError).code ?? 'E_INTERNAL', message: err.message }, attempts };
}

/** What a batch needs from its worker. */
export interface BatchEnvironment {
  threads: TaskThreads;
  snapshots: SnapshotCache;
  recorder: ResultRecorder;
  log: (line: string) => void;
}

/**
 * Runs `tasks` in order on one thread, storing results as they come (every `FLUSH_EVERY_MS`);
 * returns the errors of the tasks that failed.
 *
 * @example
 * const failed = await runBatch(env, runId, job.attemptsMade + 1, tasks);
 */
export async function runBatch(env: BatchEnvironment, runId: string, attempt: number, tasks: Task[]): Promise<Map<string, Error>> {
  const failed = new Map<string, Error>();
  let finished: TaskRecord[] = [];
  let flushedAt = Date.now();
  const flush = async (): Promise<void> => {
    const records = finished;
    finished = [];
    flushedAt = Date.now();
    await env.recorder.record(runId, records);
  };
  let thread = await env.threads.take();
  try {
    for (const task of tasks) {
      await env.snapshots.ensure(task.dataset);
      try {
        const result = await thread.run<unknown>(task);
        finished.push({ taskId: task.id, attempt, result });
        env.log(`task ${runId} ${task.id} done${describe(result)}`);
      } catch (e) {
        failed.set(task.id, e as Error);
        // A thread that died with its task (out of memory, say) is replaced for the next one.
        if (!thread.alive) thread = env.threads.replace(thread);
      }
      if (Date.now() - flushedAt >= FLUSH_EVERY_MS) await flush();
    }
  } finally {
    env.threads.giveBack(thread);
  }
  await flush();
  return failed;
}

/** ` (score)` for results that carry a numeric score, as the log has always shown. */
function describe(result: unknown): string {
  const score = (result as { score?: unknown } | null)?.score;
  return typeof score === 'number' ? ` (${score.toFixed(4)})` : '';
}
