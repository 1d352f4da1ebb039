/**
 * The cluster executor of experiment runs (a module apart from `executor.ts`, so that only a run
 * on a cluster loads BullMQ and ioredis).
 */
import { ClusterExecutor as TaskClusterExecutor, type ClusterExecutorOptions } from '../execution/cluster/cluster-executor.js';
import type { CvTaskResult } from './run/fold-task.js';
import type { ExperimentTask, TaskData } from './experiment-task.js';

export type { ClusterExecutorOptions } from '../execution/cluster/cluster-executor.js';

/**
 * Runs experiment tasks on `trainyard worker` processes through a BullMQ queue on Redis (the workers
 * load the experiment task kinds themselves, see `experiment-worker.ts`).
 *
 * @example
 * const executor = new ClusterExecutor({ redisUrl: 'redis://10.0.0.5:6379' });
 */
export class ClusterExecutor extends TaskClusterExecutor<ExperimentTask, CvTaskResult, TaskData> {
  constructor(options: ClusterExecutorOptions) {
    super(options);
  }
}
