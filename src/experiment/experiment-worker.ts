/**
 * `trainyard worker` for experiment runs: the execution layer's cluster worker, started with the
 * experiment task kinds (`cv-fold`, `rec-fold`, registered by `experiment-task.ts`) on its threads.
 */
import { startClusterWorker, type ClusterWorkerOptions, type RunningWorker } from '../execution/cluster/cluster-worker.js';
import { EXPERIMENT_TASK_MODULE } from './experiment-task.js';

export type { RunningWorker } from '../execution/cluster/cluster-worker.js';

/** The cluster worker's options; the task kinds are the experiment's. */
export type ExperimentWorkerOptions = Omit<ClusterWorkerOptions, 'taskModules'>;

/**
 * Starts a worker that runs experiment tasks (and data-parallel rounds) from the queue.
 *
 * @example
 * const worker = await startExperimentWorker({ redisUrl: 'redis://10.0.0.5:6379', store: 'postgres://…' });
 * await worker.done;
 */
export function startExperimentWorker(o: ExperimentWorkerOptions): Promise<RunningWorker> {
  return startClusterWorker({ ...o, taskModules: [EXPERIMENT_TASK_MODULE] });
}
