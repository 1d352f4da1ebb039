/**
 * What the coordinator and `trainyard worker` agree on: the queue, the job payload, the job id. Job
 * ids are derived from (run, task) so a task enqueued twice — after a Redis restart, or by a resumed
 * coordinator — is one job, and results are keyed the same way in the store so none counts twice.
 */

/** Default BullMQ queue name shared by coordinators and workers. */
export const DEFAULT_QUEUE = 'trainyard-tasks';

export interface ClusterJob<T = unknown> {
  runId: string;
  /** trainyard version of the coordinator; a worker of another version must not run the task. */
  version: string;
  task: T & { id: string };
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
