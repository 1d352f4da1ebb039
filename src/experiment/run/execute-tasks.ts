/**
 * Executing a run's selection tasks, the same for tabular CV and recommender selection: skip what a
 * resumed run already finished, store each result as it arrives, hand back every result in task order.
 */
import type { Executor, TaskProgress } from '../executor.js';
import type { ExperimentTask, TaskData } from '../experiment-task.js';
import type { StartedRun } from './run-lifecycle.js';
import type { RunObserver } from './run-options.js';
import type { SnapshottedDataset } from './snapshot.js';
import type { CvTaskResult } from './fold-task.js';

/** The data a batch of tasks runs on, named by the sha256 of its snapshot. */
export interface TaskBatchData {
  datasetSha: string;
  data: SnapshottedDataset<TaskData>;
}

/** Folds per setting: every setting of a batch runs on the same folds, numbered from 0. */
function foldsOf(tasks: ExperimentTask[]): number {
  let max = -1;
  for (const t of tasks) max = Math.max(max, t.fold);
  return max + 1;
}

/**
 * Executes `todo` on `executor`, storing each result as it arrives (so a coordinator that dies loses
 * no finished work) and adding it to `run.done`.
 *
 * @example
 * await executeRecorded(run, executor, todo, { datasetSha: plan.datasetSha, data: { dataset: plan.dataset, bytes: plan.snapshot } }, obs);
 */
export async function executeRecorded(run: StartedRun, executor: Executor, todo: ExperimentTask[], batch: TaskBatchData, obs: RunObserver, folds = foldsOf(todo)): Promise<void> {
  const { store, runId } = run;
  let recording: Promise<unknown> = Promise.resolve();
  const byId = new Map(todo.map((t) => [t.id, t]));
  const onTasks = (p: TaskProgress): void => {
    const last = p.last;
    if (last && !executor.recordsResults) recording = recording.then(() => store.putTaskResults([{ runId, taskId: last.taskId, attempt: 1, result: last }]));
    const t = last ? byId.get(last.taskId) : undefined;
    const metric = t && 'metric' in t && typeof t.metric === 'string' ? { metric: t.metric } : {};
    obs.tasks?.(t ? { ...p, lastTask: { id: t.id, candidate: t.candidate, config: t.config, model: t.model, params: t.params, fold: t.fold, folds, ...metric } } : p);
  };
  run.signal?.throwIfAborted();
  let fresh;
  try {
    fresh = await executor.run(todo, new Map([[batch.datasetSha, batch.data]]), onTasks, { runId, store, signal: run.signal });
  } finally {
    await recording; // an interrupted or failed batch keeps the results that arrived (a resume reuses them)
  }
  for (const r of fresh) run.done.set(r.taskId, r);
  run.signal?.throwIfAborted();
}

/**
 * Runs the tasks of `tasks` not finished yet (a resumed run has some), announcing the batch as stage
 * `stage` with `label`, and returns the result of every task of `tasks`, in its order.
 *
 * @example
 * const results = await executePending(run, executor, plan.tasks, batch, obs, 'cv', '6 configurations × 5 folds');
 */
export async function executePending(run: StartedRun, executor: Executor, tasks: ExperimentTask[], batch: TaskBatchData, obs: RunObserver, stage: string, label: string): Promise<CvTaskResult[]> {
  const todo = tasks.filter((task) => !run.done.has(task.id));
  const resumed = todo.length < tasks.length ? ` (${tasks.length - todo.length} finished before the resume)` : '';
  obs.stage?.(stage, `${todo.length} tasks${resumed}: ${label}`);
  await executeRecorded(run, executor, todo, batch, obs, foldsOf(tasks));
  return tasks.map((task) => run.done.get(task.id)!);
}
