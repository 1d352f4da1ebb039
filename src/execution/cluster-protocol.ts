/**
 * What the coordinator and `trainyard worker` agree on: the queue, the job payload, the job id. A job
 * carries a batch of tasks (see `task-batches.ts`); its id is derived from the run and the batch's
 * first and last task, so a batch enqueued twice is one job. Results are keyed by (run, task) in the
 * store, so a task that runs twice — re-batched after a Redis restart, say — counts once.
 */

/** Default BullMQ queue name shared by coordinators and workers. */
export const DEFAULT_QUEUE = 'trainyard-tasks';

export interface ClusterJob<T = unknown> {
  runId: string;
  /** trainyard version of the coordinator; a worker of another version must not run the tasks. */
  version: string;
  /** Run in order: a batch of CV tasks, or the one round of a data-parallel partition. */
  tasks: (T & { id: string })[];
}

/** What a worker stores for a task that failed on its last attempt. */
export interface TaskFailure {
  error: { code: string; message: string };
  attempts: number;
}

export function isTaskFailure(r: unknown): r is TaskFailure {
  return typeof r === 'object' && r !== null && 'error' in r;
}

/** BullMQ forbids ':' in custom ids. */
export function jobId(runId: string, taskId: string): string {
  return `${runId}__${taskId}`.replaceAll(':', '_');
}

/** The id of the job carrying `tasks`, a batch cut from a run's task list. */
export function batchJobId(runId: string, tasks: readonly { id: string }[]): string {
  const [first, last] = [tasks[0].id, tasks[tasks.length - 1].id];
  return jobId(runId, first === last ? first : `${first}..${last}`);
}
