/**
 * `trainyard/cluster`: the execution layer — plain JSON tasks named by kind and run by any executor
 * (in this process, on local worker threads, or on `trainyard worker` processes through BullMQ on Redis),
 * and data-parallel training of one model over partitions held by the workers. The experiment-bound
 * executors a run takes (`runExperiment(spec, { executor })`) are exported by `trainyard/experiment`.
 *
 * @example
 * import { fitLogisticRegressionDataParallel } from 'trainyard/cluster';
 * import { openStore } from 'trainyard/tracking';
 * const store = await openStore('postgres://user@db:5432/trainyard');
 * const model = await fitLogisticRegressionDataParallel(X, y, { C: 1 }, { redisUrl: 'redis://coordinator:6379', store, partitions: 4, workers: 4, runId: 'big-fit' });
 */
export { registerTaskKind, type Task, type TaskKind } from './task-registry.js';
export { InlineExecutor, LocalExecutor, type Executor, type ExecutionContext, type LocalExecutorOptions, type TaskModules, type TaskProgress, type TaskSnapshot } from './executor.js';
export { ClusterExecutor, type ClusterExecutorOptions } from './cluster/cluster-executor.js';
export { startClusterWorker, type ClusterWorkerOptions, type RunningWorker } from './cluster/cluster-worker.js';
export {
  fitLogisticRegressionDataParallel,
  fitRidgeDataParallel,
  fitMlpDataParallel,
  fitMlpRegressorDataParallel,
  fitGradientBoostingDataParallel,
  fitGradientBoostingRegressorDataParallel,
  type DataParallelOptions,
  type DataParallelBoostingStats,
} from './data-parallel/data-parallel-fits.js';
export { LocalRounds } from './data-parallel/local-rounds.js';
export { RedisRounds } from './data-parallel/redis-rounds.js';
export type { PartitionRounds } from '../models/partitioned-rounds.js';
