/**
 * The executors of experiment runs: the execution layer's inline, local (worker threads) and cluster
 * (BullMQ, in `cluster-executor.ts`, so that local runs never load the Redis clients) executors, bound to the experiment task kinds (`cv-fold`, `rec-fold`, registered by
 * `experiment-task.ts`). The run code takes any {@link Executor} and does not know which one runs it.
 */
import {
  InlineExecutor as TaskInlineExecutor,
  LocalExecutor as TaskLocalExecutor,
  type Executor as TaskExecutor,
  type LocalExecutorOptions,
  type TaskProgress as GenericTaskProgress,
} from '../execution/executor.js';
import type { CvTaskResult } from './run/fold-task.js';
import { EXPERIMENT_TASK_MODULE, type ExperimentTask, type TaskData } from './experiment-task.js';

export type { ExecutionContext, LocalExecutorOptions } from '../execution/executor.js';

/** Progress of a run's tasks; `last` is the latest result. */
export type TaskProgress = GenericTaskProgress<CvTaskResult>;

/** An executor of experiment tasks. */
export type Executor = TaskExecutor<ExperimentTask, CvTaskResult, TaskData>;

/**
 * Runs experiment tasks one after another in this process.
 *
 * @example
 * const results = await new InlineExecutor().run(tasks, datasets);
 */
export class InlineExecutor extends TaskInlineExecutor<ExperimentTask, CvTaskResult, TaskData> {
  constructor() {
    super({ taskModules: [EXPERIMENT_TASK_MODULE] });
  }
}

/**
 * Runs experiment tasks on a pool of worker threads (all local cores by default).
 *
 * @example
 * const executor = new LocalExecutor({ workers: 4 });
 */
export class LocalExecutor extends TaskLocalExecutor<ExperimentTask, CvTaskResult, TaskData> {
  constructor(options: LocalExecutorOptions = {}) {
    super({ ...options, taskModules: [EXPERIMENT_TASK_MODULE] });
  }
}
